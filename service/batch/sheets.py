"""Read a scores spreadsheet (XLSX or CSV): one row per agency, into ranking-decision groups.

Columns are found by their header, in Vietnamese or English, case and accents ignored: the
group ("Nhóm"), the agency ("Tên cơ quan") and its total ("Tổng điểm"). Columns such as "STT",
"Thứ hạng", "Mức độ", "Ghi chú" are ignored (rank and level are computed, never read); every
other named column is a scoring criterion. A blank group cell repeats the group above; a sheet
without a group column is one group, "các cơ quan". Scores
are passed on as written ("101,5" included): the ranking schema validates them, and an error
on ``groups.G.agencies.A`` is reported with the sheet row it came from.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InvalidInput, MalformedInput
from ..files import unreadable
from ..legal.registry import fold

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
HEADERS = {
    "group": {"nhom", "nhom co quan", "khoi", "group"},
    "name": {"ten co quan", "co quan", "ten don vi", "don vi", "ten", "name", "agency"},
    "score": {"tong diem", "tong", "diem", "tong so diem", "score", "total"},
}
IGNORED = {
    "stt",
    "tt",
    "so tt",
    "so thu tu",
    "thu hang",
    "xep hang",
    "hang",
    "muc do",
    "xep loai",
    "ghi chu",
    "rank",
    "level",
    "note",
}

Row = tuple[int, tuple[Any, ...]]


def read_scores(path: Path) -> tuple[list[dict], dict[str, int]]:
    """Return the groups of the sheet at ``path`` and, per agency path, its sheet row."""
    rows = [
        (number, values)
        for number, values in read_rows(path)
        if any(_cell(v) != "" for v in values)
    ]
    if not rows:
        raise InvalidInput("Bảng điểm trống.", {"": ["Bảng điểm không có dòng nào."]})
    header_at, columns = _find_header(rows)
    return _groups(rows[header_at + 1 :], columns)


def read_rows(path: Path) -> Iterator[Row]:
    """Yield (sheet row number, cell values) of the first sheet of an XLSX file, or of a CSV."""
    if path.suffix.lower() == ".csv":
        yield from _csv_rows(path)
    else:
        yield from _xlsx_rows(path)


def _xlsx_rows(path: Path) -> Iterator[Row]:
    from openpyxl import load_workbook  # imported here: only spreadsheets need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it cannot read
            book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise MalformedInput(f"Không đọc được bảng tính '{path.as_posix()}': {error}.") from None
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, tuple(values)
    finally:
        book.close()


def _csv_rows(path: Path) -> Iterator[Row]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MalformedInput(
            f"Không đọc được tệp CSV '{path.as_posix()}': {unreadable(error)}."
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    last = 0
    for values in reader:
        yield last + 1, tuple(values)
        last = reader.line_num


def _cell(value: Any) -> Any:
    """Return a cell's value: text stripped, numbers as they are, empty as ''."""
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else value


def _find_header(rows: list[Row]) -> tuple[int, dict[str, Any]]:
    """Return the index of the header row and the column of each field (criteria by name)."""
    for index, (_, values) in enumerate(rows[:20]):
        columns = _columns(values)
        if "name" in columns and "score" in columns:
            return index, columns
    raise InvalidInput(
        "Bảng điểm thiếu dòng tiêu đề.",
        {
            "": [
                "Cần các cột 'Tên cơ quan' và 'Tổng điểm' (và 'Nhóm' khi có nhiều nhóm) ở một trong "
                "20 dòng đầu."
            ]
        },
    )


def _columns(values: tuple[Any, ...]) -> dict[str, Any]:
    columns: dict[str, Any] = {"criteria": []}
    for position, value in enumerate(values):
        label = str(_cell(value))
        key = fold(label).strip(" .:*")
        field = next((name for name, names in HEADERS.items() if key in names), None)
        if field is not None and field not in columns:
            columns[field] = position
        elif label and key not in IGNORED:
            columns["criteria"].append((position, label))
    return columns


def _groups(rows: list[Row], columns: dict[str, Any]) -> tuple[list[dict], dict[str, int]]:
    """Return the groups in order of first appearance and each agency's sheet row."""
    groups: dict[str, dict] = {}
    where: dict[str, int] = {}
    current = None
    for number, values in rows:
        group = (
            _text(values, columns.get("group"))
            or current
            or ("" if "group" in columns else "các cơ quan")
        )
        if not group:
            raise InvalidInput(
                "Bảng điểm không hợp lệ.", {"": [f"Dòng {number}: thiếu tên nhóm (cột 'Nhóm')."]}
            )
        current = group
        entry = groups.setdefault(group, {"name": group, "agencies": []})
        where[f"groups.{list(groups).index(group)}.agencies.{len(entry['agencies'])}"] = number
        entry["agencies"].append(_agency(values, columns))
    return list(groups.values()), where


def _agency(values: tuple[Any, ...], columns: dict[str, Any]) -> dict:
    agency: dict[str, Any] = {"name": _text(values, columns["name"])}
    score = _value(values, columns["score"])
    if score != "":
        agency["score"] = score
    criteria = [
        {"name": label, "score": _value(values, position)}
        for position, label in columns["criteria"]
        if _value(values, position) != ""
    ]
    if criteria:
        agency["criteria"] = criteria
    return agency


def _value(values: tuple[Any, ...], position: int | None) -> Any:
    if position is None or position >= len(values):
        return ""
    return _cell(values[position])


def _text(values: tuple[Any, ...], position: int | None) -> str:
    value = _value(values, position)
    return value if isinstance(value, str) else str(value)
