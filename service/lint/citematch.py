"""Find the registry documents a "Căn cứ …" line cites: by number/ký hiệu, or a law by name.

A number inside the title of a document already found ("… thi hành Quyết định số 19/2014/QĐ-TTg
…") is part of that title, not a second citation. A Luật is cited by name and date, so its name is
matched (diacritics and case folded) where a date follows; the longest name wins ("Luật sửa đổi,
bổ sung … Luật Tổ chức chính quyền địa phương ngày …" is not the Luật Tổ chức chính quyền địa
phương).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from service.legal import LegalDocument, Registry, render_title
from service.legal.registry import LAW_TYPES

from .text import fold

_TOKEN = re.compile(r"(?<![\w/])\d+(?:[/-]\w+)+")
_DATE_AFTER = re.compile(
    r"\s*,?\s*(?:số\s+(?P<number>\S+?)\s*,?\s*)?ngày\s*(?P<day>\d{1,2})\s*"
    r"(?:tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})|"
    r"[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}))",
    re.IGNORECASE,
)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "″": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True)
class Cited:
    """One citation found in a line: the candidates it may mean and what the line says."""

    start: int
    end: int  # end of the number, or of the law's name
    candidates: tuple[LegalDocument, ...]
    by_name: bool  # a law found by its name (else by its number)
    number: str | None  # the number written after a law's name, if any
    issued: date | None  # the date written after it
    short: bool  # the date is written 05/3/2014 rather than in words


def normal(text: str) -> str:
    """Return ``text`` with one kind of quotes and single spaces, for exact comparison."""
    return " ".join(text.translate(_QUOTES).split())


def find_citations(line: str, registry: Registry) -> list[Cited]:
    """Return the registry documents cited in ``line``, in order."""
    numbers, laws = _index(registry)
    folded = fold(line)
    found: list[Cited] = []
    inside: list[tuple[int, int]] = []  # the titles of the documents found so far
    for match in _TOKEN.finditer(line):
        docs = numbers.get(match.group().upper())
        if (
            not docs
            or not any(c.isalpha() for c in match.group())
            or any(a <= match.start() < b for a, b in inside)
        ):
            continue
        cited = _cited(line, match.start(), match.end(), docs, by_name=False)
        found.append(cited)
        inside += _title_spans(folded, cited.candidates[0], match.end())
    for name, docs in laws.items():
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", folded):
            cited = _cited(line, match.start(), match.end(), docs, by_name=True)
            if cited.issued is not None and not any(a <= match.start() < b for a, b in inside):
                found.append(cited)
    return sorted(_without_overlaps(found), key=lambda c: c.start)


def _cited(
    line: str, start: int, end: int, docs: tuple[LegalDocument, ...], by_name: bool
) -> Cited:
    """Return a citation with the number and date written right after ``end``."""
    after = _DATE_AFTER.match(line, end)
    issued, short, number = None, False, None
    if after:
        number = after["number"] if by_name else None
        month, year = after["month"] or after["m"], after["year"] or after["y"]
        short = after["m"] is not None
        try:
            issued = date(int(year), int(month), int(after["day"]))
        except ValueError:
            issued = None
    if not by_name and len(docs) > 1:  # one number in several provinces: prefer the one named
        folded = fold(line)
        docs = tuple(sorted(docs, key=lambda d: fold(d.issuer) not in folded))
    return Cited(start, end, docs, by_name, number, issued, short)


def _title_spans(folded: str, doc: LegalDocument, start: int) -> list[tuple[int, int]]:
    """Return where the title of ``doc`` stands in the line after ``start``."""
    out = []
    for style in ("long", "short"):
        title = fold(render_title(doc.title, style))
        at = folded.find(title, start)
        if at >= 0:
            out.append((at, at + len(title)))
    return out


def _without_overlaps(found: list[Cited]) -> list[Cited]:
    """Drop law names inside longer law names, and a law also found by its number."""
    by_number = {c.candidates[0].id for c in found if not c.by_name}
    names = [c for c in found if c.by_name]
    keep = [c for c in found if not c.by_name]
    for c in names:
        longer = any(
            o is not c
            and o.start <= c.start
            and c.end <= o.end
            and (o.end - o.start) > (c.end - c.start)
            for o in names
        )
        numbered = any(d.id in by_number for d in c.candidates) and c.number is not None
        if not (longer or numbered):
            keep.append(c)
    return keep


@lru_cache(maxsize=4)
def _index(
    registry: Registry,
) -> tuple[dict[str, tuple[LegalDocument, ...]], dict[str, tuple[LegalDocument, ...]]]:
    """Return the registry by upper-cased number, and its laws by folded "type name"."""
    numbers: dict[str, list[LegalDocument]] = {}
    laws: dict[str, list[LegalDocument]] = {}
    for doc in registry.all():
        if doc.number:
            numbers.setdefault(doc.number.upper(), []).append(doc)
        if doc.type in LAW_TYPES:
            name = " ".join(fold(f"{doc.type} {render_title(doc.title, 'short')}").split())
            laws.setdefault(name, []).append(doc)
    return ({k: tuple(v) for k, v in numbers.items()}, {k: tuple(v) for k, v in laws.items()})
