"""Check a site's register series (``register/series.json``: the bodies issuing through the register)."""

from __future__ import annotations

import json
from pathlib import Path

from .files import Entry
from .problems import SiteProblem

SERIES_FILE = "register/series.json"


def check_series(site: Path, problems: list[SiteProblem]) -> None:
    """Note every fault of the site's series file, when it has one."""
    path = site / SERIES_FILE
    if not path.is_file():
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        problems.append(SiteProblem(SERIES_FILE, "", "", "Tệp không phải JSON hợp lệ (UTF-8)."))
        return
    bodies = data.get("bodies") if isinstance(data, dict) else None
    if not isinstance(bodies, list):
        problems.append(SiteProblem(SERIES_FILE, "", "bodies", "Cần danh sách cơ quan (bodies)."))
        return
    seen: set[str] = set()
    for index, value in enumerate(bodies):
        entry = Entry(SERIES_FILE, index, value)
        if not entry.is_object("cơ quan", problems):
            continue
        entry.require(("id", "name"), problems, _text_given)
        if value.get("id") in seen:
            problems.append(entry.problem("id", "Trùng id với một cơ quan khác trong tệp."))
        seen.add(value.get("id"))
        _check_body_series(entry, value.get("series", []), problems)


def _check_body_series(entry: Entry, series: object, problems: list[SiteProblem]) -> None:
    if not isinstance(series, list):
        problems.append(entry.problem("series", "Cần danh sách sổ (series)."))
        return
    ids = set()
    for index, item in enumerate(series):
        where = f"series.{index + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(entry.problem(f"{where}.id", "Mỗi sổ cần mã (id)."))
            continue
        if item["id"] in ids:
            problems.append(entry.problem(f"{where}.id", f"Trùng mã sổ “{item['id']}”."))
        ids.add(item["id"])
        for key in ("types", "kinds"):
            if not isinstance(item.get(key, []), list):
                problems.append(entry.problem(f"{where}.{key}", "Phải là một danh sách."))


def _text_given(value: dict, key: str) -> bool:
    """Return whether ``key`` holds text that is not blank."""
    return isinstance(value.get(key), str) and bool(value[key].strip())
