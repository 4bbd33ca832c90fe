"""Re-issue last year's input for a new year, as a draft (``vanban batch --year``).

The rule, applied to a copy of the payload:

- the document's own year is ``year`` when the payload has one, else the year of its ``date``;
  every date moves by the same number of years (the new year minus the document's year);
- ``year`` becomes the new year; ``number`` becomes null; ``date`` becomes a draft: the moved
  month without a day ("2023-12-31" → "2026-12"), to be completed at signing;
- other full dates outside citations ("effective_from", a plan's milestones) move by the same
  number of years, 29 February becoming 28 February;
- in text, "năm 2023" (any case, any spacing) becomes "năm 2026" only when 2023 is the
  document's own year: other years name history (last year's result, a cited plan) and stay;
  a bare number is never touched ("TCVN ISO 9001:2015" stays);
- citations are never rewritten here (history does not change; the stale check reports what
  is no longer in force), nor is the proposal, which names a dated submission of the old year:
  a proposal that still mentions a year is reported for review.

The texts and dates are those of the kind's typed input, found by type (service/kinds/walk.py):
citations by their types, identifiers and the proposal by the ``skip`` their fields declare.
Each is changed where the payload holds it, so the draft is valid input of the same kind.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..kinds.walk import MOVE, input_path, leaves
from .stale import typed, value_at, write_at

_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2})?$")
_ANY_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class Note:
    """Something in the re-issued payload a clerk should look at."""

    path: str
    message: str


def document_year(payload: dict) -> int | None:
    """Return the year the document is about: ``year``, else the year of ``date``.

    >>> document_year({"year": 2022, "date": "2021-12-30"}), document_year({"date": "2023-05"})
    (2022, 2023)
    """
    year = payload.get("year")
    if isinstance(year, int) and not isinstance(year, bool):
        return year
    match = _MONTH.match(str(payload.get("date", "")))
    return int(match[1]) if match else None


def reissue(payload: Any, year: int) -> tuple[Any, list[Note]]:
    """Return the draft of ``payload`` for ``year`` and the notes for review (see module doc)."""
    if not isinstance(payload, dict) or (old := document_year(payload)) is None:
        return payload, []  # not a dated document: the schema will say what is missing
    data = typed(payload)
    if data is None:
        return payload, []  # not valid input: the schema says what is wrong
    shift = year - old
    draft = _move(payload, data, old, year, shift)
    if isinstance(payload.get("year"), int):
        draft["year"] = year
    draft["number"] = None
    match = _MONTH.match(str(payload.get("date", "")))
    if match:
        draft["date"] = f"{int(match[1]) + shift:04d}-{match[2]}"
    return draft, _notes(payload)


def move_text(text: str, old: int, new: int) -> str:
    """Return ``text`` with "năm <old>" moved to "năm <new>", keeping the word's case.

    >>> move_text("Mục tiêu chất lượng năm 2025; kết quả Năm 2024, NĂM  2025", 2025, 2026)
    'Mục tiêu chất lượng năm 2026; kết quả Năm 2024, NĂM  2026'
    """
    pattern = re.compile(rf"(?<!\w)(năm\s+){old}(?!\d)", re.IGNORECASE)
    return pattern.sub(lambda m: f"{m[1]}{new}", text)


def move_date(text: str, shift: int) -> str:
    """Return an ISO date moved by ``shift`` years (29 February → 28 February).

    >>> move_date("2024-02-29", 1), move_date("2022-01-01", 4)
    ('2025-02-28', '2026-01-01')
    """
    match = _FULL_DATE.match(text)
    if not match:
        return text
    year, month, day = int(match[1]) + shift, int(match[2]), int(match[3])
    if (month, day) == (2, 29) and not _leap(year):
        day = 28
    return date(year, month, day).isoformat()


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _move(payload: dict, data: Any, old: int, new: int, shift: int) -> dict:
    """Return a copy of ``payload`` with every text and date of ``data`` moved to ``new``."""
    draft = copy.deepcopy(payload)
    for leaf in leaves(data):
        path = input_path(payload, leaf.path)
        raw = value_at(payload, path)
        if MOVE in leaf.skip or raw is None:
            continue  # history, an identifier, or a default the payload does not write
        if isinstance(leaf.value, date) and isinstance(raw, str):
            write_at(draft, path, move_date(raw, shift))
        elif isinstance(raw, str):
            write_at(draft, path, move_text(raw, old, new))
        elif isinstance(raw, list) and all(isinstance(line, str) for line in raw):
            write_at(draft, path, [move_text(line, old, new) for line in raw])  # name lines
    return draft


def _notes(payload: dict) -> list[Note]:
    proposal = payload.get("proposal")
    if isinstance(proposal, str) and _ANY_YEAR.search(proposal):
        return [
            Note(
                "proposal",
                "Đề nghị dẫn một văn bản có ngày, năm của năm cũ (“"
                f"{proposal}”); cần cập nhật tờ trình của năm mới.",
            )
        ]
    return []
