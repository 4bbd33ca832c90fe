"""Check a site's legal documents (``registry/*.json``) and lay them over the packaged registry."""

from __future__ import annotations

from ..legal.registry import _KEYS, _REQUIRED, _parse_entry
from .files import Entry
from .problems import SiteProblem

_DATE_KEYS = ("issued", "effective_from", "effective_until")
# What the registry's own validation says, in a clerk's words, with the field it is about.
_MESSAGES = (
    (
        "a replaced document needs",
        "effective_until",
        "Văn bản đã có văn bản thay thế (replaced_by) cần ngày hết hiệu lực.",
    ),
    (
        "confidence is one of",
        "confidence",
        'Chỉ dùng "confirmed" hoặc "unconfirmed"; trường '
        "unconfirmed chỉ nêu tên các trường dữ kiện.",
    ),
    (
        "an unconfirmed entry",
        "unconfirmed",
        "Mục chưa xác nhận phải nêu các dữ kiện chưa xác nhận "
        "(unconfirmed) và giải thích trong note; mục đã xác nhận thì không có unconfirmed.",
    ),
    ("title braces", "title", "Dấu ngoặc nhọn trong trích yếu chỉ dùng cho {date:YYYY-MM-DD}."),
    (
        "a local document needs",
        "jurisdiction",
        "Văn bản địa phương (mã dạng 'tinh:số') cần jurisdiction và local_issuer.",
    ),
    (
        "a local id is",
        "id",
        "Mã văn bản địa phương có dạng '<tỉnh>:<số ký hiệu>', phần sau dấu ':' "
        "trùng trường number.",
    ),
    (
        "jurisdiction and local_issuer need",
        "id",
        "Văn bản có jurisdiction là văn bản địa phương: "
        "mã phải có dạng '<tỉnh>:<số ký hiệu>', ví dụ 'hung-yen:12/QĐ-UBND'.",
    ),
    (
        "a national document's id",
        "id",
        "Mã của văn bản trung ương là chính số ký hiệu (trường number).",
    ),
    ("expected a non-empty string", "", "Mỗi trường chữ phải là chuỗi không rỗng, hoặc null."),
)


def check_document(entry: Entry, problems: list[SiteProblem]) -> bool:
    """Note every fault of one legal document entry; return whether it has none."""
    before = len(problems)
    value = entry.value
    if not entry.is_object("văn bản", problems):
        return False
    entry.require(_REQUIRED, problems, lambda value, key: key in value)  # null is a value here
    for key in sorted(set(value) - _KEYS):
        problems.append(entry.problem(key, "Trường không dùng trong danh mục văn bản."))
    days = {key: entry.day(key, problems) for key in _DATE_KEYS}
    start, until = days["effective_from"] or days["issued"], days["effective_until"]
    if start and until and until < start:
        problems.append(
            entry.problem(
                "effective_until",
                f"Ngày hết hiệu lực {until.isoformat()} trước ngày bắt đầu có hiệu lực "
                f"{start.isoformat()}.",
            )
        )
    if len(problems) == before:
        try:
            _parse_entry(entry.index, value)
        except ValueError as error:
            problems.append(_translated(entry, str(error)))
    return len(problems) == before


def check_links(entries: list[Entry], known: set[str], problems: list[SiteProblem]) -> None:
    """Note every replaced_by or amended_by of the site that names no document at all."""
    for entry in entries:
        target = entry.value.get("replaced_by")
        if target is not None and target not in known:
            problems.append(entry.problem("replaced_by", _unknown(target)))
        for index, amendment in enumerate(entry.value.get("amended_by") or []):
            target = amendment.get("id") if isinstance(amendment, dict) else None
            if target not in known:
                problems.append(entry.problem(f"amended_by.{index + 1}.id", _unknown(target)))


def _unknown(target: object) -> str:
    return (
        f"Không có văn bản mã {target!r} trong danh mục (gói vanban và thư mục site); "
        "thêm văn bản đó vào registry/ hoặc sửa mã."
    )


def _translated(entry: Entry, message: str) -> SiteProblem:
    for needle, field, text in _MESSAGES:
        if needle in message:
            return entry.problem(field, text)
    return entry.problem("", "Mục không hợp lệ theo quy tắc của danh mục văn bản.")
