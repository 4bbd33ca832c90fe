"""Collect batch items from JSON files, folders of them, JSON Lines and score spreadsheets.

An item is one document to produce. Its id names where it came from and stays the same from
run to run: the path as given ("fixtures/seeds/000.json"), a JSON Lines file and line number
("scores.jsonl:3"), or a spreadsheet's path. An item that cannot be read carries its error
instead of a payload, so the batch reports it and goes on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import files
from ..errors import InvalidInput, MalformedInput, VanbanError
from ..vn.text import nfc, squash_spaces
from .sheets import SHEET_SUFFIXES, read_scores

JSON_SUFFIXES = (".json",)
LINES_SUFFIXES = (".jsonl", ".ndjson")
FOLDER_SUFFIXES = JSON_SUFFIXES + LINES_SUFFIXES
# What a batch writes into its own output folder; never read back as an input.
OWN_FILES = frozenset({"manifest.json", "report.json", "status.json"})


class UsageProblem(Exception):
    """The command itself is wrong (exit code 2): nothing to read, a sheet without --base."""


@dataclass(frozen=True)
class Item:
    """One input: a payload to render, or the error met while reading it."""

    id: str
    source: str  # the file it came from
    payload: Any = None
    error: VanbanError | None = None
    line: int | None = None  # JSON Lines: 1-based line number
    rows: Mapping[str, int] = field(default_factory=dict)  # sheet: "groups.0.agencies.3" → row


def collect(paths: Sequence[str], base: Any = None, replace_groups: bool = False) -> list[Item]:
    """Return the items of every path in order, folders recursively and sorted, ids unique.

    ``base`` is the payload a spreadsheet's groups are put into; a sheet without it is a
    usage problem.
    """
    items: dict[str, Item] = {}
    for path in paths:
        for item in _expand(Path(path), base, replace_groups):
            items.setdefault(item.id, item)  # the same file named twice is one item
    if not items:
        raise UsageProblem(
            "Không có dữ liệu đầu vào: cần tệp .json, .jsonl, .xlsx, .csv "
            "hoặc thư mục chứa tệp .json."
        )
    return list(items.values())


def _expand(path: Path, base: Any, replace_groups: bool = False) -> Iterator[Item]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if (
                child.suffix.lower() in FOLDER_SUFFIXES
                and child.name not in OWN_FILES
                and not child.name.startswith(".")
            ):
                yield from _expand(child, base, replace_groups)
        return
    suffix = path.suffix.lower()
    if suffix in LINES_SUFFIXES:
        yield from json_lines(path)
    elif suffix in SHEET_SUFFIXES:
        if base is None:
            raise UsageProblem(
                f"Bảng điểm '{path}' cần --base: tệp JSON của quyết định xếp "
                "hạng mà các nhóm trong bảng sẽ thay vào."
            )
        yield sheet_item(path, base, replace_groups)
    else:
        yield json_file(path)


def _id(path: Path) -> str:
    return path.as_posix()


def json_file(path: Path) -> Item:
    """Return the item of one JSON file."""
    try:
        return Item(_id(path), _id(path), payload=parse_json(_read_text(path), _id(path)))
    except VanbanError as error:
        return Item(_id(path), _id(path), error=error)


def json_lines(path: Path) -> Iterator[Item]:
    """Yield one item per non-blank line of a JSON Lines file."""
    try:
        text = _read_text(path)
    except VanbanError as error:
        yield Item(_id(path), _id(path), error=error)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item_id = f"{_id(path)}:{number}"
        try:
            yield Item(
                item_id, _id(path), payload=parse_json(line, item_id, one_line=True), line=number
            )
        except VanbanError as error:
            yield Item(item_id, _id(path), error=error, line=number)


def sheet_item(path: Path, base: Any, replace_groups: bool = False) -> Item:
    """Return the item made of ``base`` with its groups' agencies taken from the sheet's rows.

    The sheet's groups must be the base decision's (its articles name them), unless
    ``replace_groups``: then the sheet's groups replace the base's.
    """
    try:
        groups, rows = read_scores(path)
        if not isinstance(base, dict):
            raise UsageProblem("--base phải là một đối tượng JSON (quyết định xếp hạng).")
        if not replace_groups:
            check_same_groups(base.get("groups"), groups)
    except VanbanError as error:
        return Item(_id(path), _id(path), error=error)
    return Item(_id(path), _id(path), payload={**base, "groups": groups}, rows=rows)


def _group_key(name: Any) -> str:
    return squash_spaces(nfc(str(name))).casefold()


def check_same_groups(base_groups: Any, sheet_groups: list[dict]) -> None:
    """Raise InvalidInput naming both sides when the sheet's groups are not the base's."""
    base_names = [g.get("name") for g in base_groups or [] if isinstance(g, dict)]
    sheet_names = [g["name"] for g in sheet_groups]
    if not base_names:  # a base without groups: nothing for the sheet to contradict
        return
    if {_group_key(n) for n in base_names} == {_group_key(n) for n in sheet_names}:
        return
    listed = "; ".join
    raise InvalidInput(
        "Các nhóm trong bảng điểm khác các nhóm của quyết định gốc (--base).",
        {
            "groups": [
                f"Bảng điểm: {listed(sheet_names)}. Quyết định gốc: "
                f"{listed(str(n) for n in base_names)}. Sửa tên nhóm trong "
                "bảng, hoặc dùng --replace-groups để thay các nhóm của quyết định."
            ]
        },
    )


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MalformedInput(
            f"Không đọc được tệp '{_id(path)}': {files.unreadable(error)}."
        ) from None


def parse_json(text: str, name: str, one_line: bool = False) -> Any:
    """Return the JSON in ``text``; raise MalformedInput naming ``name``, line and column."""
    return files.parse_json(text, f"'{name}'", one_line=one_line)
