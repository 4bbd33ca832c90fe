"""Check a site's bodies and units (``bodies/*.json``) and its level schemes (``level-schemes/``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..directory.model import CONFIDENCE
from .files import Entry
from .problems import SiteProblem

# Required fields of each list of a bodies file.
REQUIRED = {
    "bodies": ("id", "name", "basis"),
    "provinces": ("name", "short", "until", "successor", "successor_short", "basis"),
    "levels": ("id", "label", "units", "collective", "until", "replacement", "basis"),
    "central_cities": ("name",),
}
_DATES = {"bodies": ("since", "until"), "provinces": ("until",), "levels": ("until",)}


def check_body(kind: str, entry: Entry, problems: list[SiteProblem]) -> bool:
    """Note every fault of one entry of the list ``kind``; return whether it has none."""
    before = len(problems)
    value = entry.value
    if not entry.is_object("mục", problems):
        return False
    entry.require(REQUIRED[kind], problems)
    days = {key: entry.day(key, problems) for key in _DATES.get(kind, ())}
    since, until = days.get("since"), days.get("until")
    if since and until and until < since:
        problems.append(
            entry.problem(
                "until",
                f"Ngày chấm dứt {until.isoformat()} trước ngày thành lập {since.isoformat()}.",
            )
        )
    if kind == "bodies" and value.get("replaced_by") and not value.get("until"):
        problems.append(
            entry.problem("until", "Cơ quan đã có cơ quan kế thừa (replaced_by) cần ngày chấm dứt.")
        )
    confidence = value.get("confidence", "confirmed")
    if confidence not in CONFIDENCE:
        problems.append(entry.problem("confidence", 'Chỉ dùng "confirmed" hoặc "unconfirmed".'))
    elif confidence == "unconfirmed" and not value.get("note"):
        problems.append(entry.problem("note", "Mục chưa xác nhận phải giải thích trong note."))
    return len(problems) == before


def check_scheme(entry: Entry, problems: list[SiteProblem]) -> bool:
    """Note every fault of one level scheme; return whether it has none."""
    before = len(problems)
    value = entry.value
    if not entry.is_object("thang xếp loại", problems):
        return False
    entry.require(("id", "title", "levels"), problems)
    levels = value.get("levels") if isinstance(value.get("levels"), list) else []
    minimums = []
    for index, level in enumerate(levels):
        where = f"levels.{index + 1}"
        if not isinstance(level, dict) or not level.get("name"):
            problems.append(entry.problem(f"{where}.name", "Mỗi mức cần tên (name)."))
            continue
        try:
            minimums.append(Decimal(str(level.get("min"))))
        except InvalidOperation:
            problems.append(
                entry.problem(
                    f"{where}.min", f"Điểm tối thiểu không phải số: {level.get('min')!r}."
                )
            )
    if len(problems) == before and (
        minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums)
    ):
        problems.append(
            entry.problem("levels", "Các mức xếp từ cao xuống thấp, điểm tối thiểu giảm dần.")
        )
    return len(problems) == before
