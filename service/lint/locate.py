"""Find the header and title elements of a document by their words and position, not by style.

Hand-made documents put the header in a table, in tab-separated paragraphs or in plain lines,
so each element is a Span (paragraph, start, end) found by a pattern over the paragraph text;
formatting checks then read the runs under that span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from service.legal import draft_date
from service.vn.numbering import TYPE_ABBREVIATIONS

from .model import Document, Paragraph
from .text import fold, is_upper

HEADER_SCAN = 40  # the header is within the first paragraphs; a long body is not searched
QUOC_HIEU = re.compile(r"cong\s*hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam")
MOTTO = re.compile(r"doc\s*lap[\s\W_]{0,6}tu\s*do[\s\W_]{0,6}hanh\s*phuc")
NUMBER = re.compile(
    r"(?<!\w)Số\s*(?P<colon>[:.]?)\s*(?P<num>\d*|[.…_\s]*)\s*/\s*"
    r"(?P<sym>\w+(?:\s?[-–—‐]\s?\w+)*)"
)
LONG_DATE = re.compile(
    r"(?<!\w)[Nn]gày\s*(?P<day>\d{1,2}|[\s.…_]*?)\s*tháng\s*"
    r"(?P<month>\d{1,2}|[.…_]*?)\s*năm\s*(?P<year>\d{4})"
)
SHORT_DATE = re.compile(
    r"(?<!\w)[Nn]gày\s*(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})"
    r"\s*[/.-]\s*(?P<year>\d{4})"
)
TYPE_NAMES = {
    fold(name): name
    for name in TYPE_ABBREVIATIONS
    if not name.startswith("Bản sao") and name != "Bản trích sao"
} | {"cong van": "Công văn"}
STAMPS = {
    fold(s)
    for s in ("DỰ THẢO", "MẬT", "TỐI MẬT", "TUYỆT MẬT", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HOẢ TỐC")
}
_RULE_CHARS = "_-–—=*.… "


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of paragraph ``paragraph``."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class NumberLine:
    """The Số, ký hiệu line: where it is and what it says."""

    span: Span
    colon: str
    number: str
    symbol: str


@dataclass(frozen=True)
class DateLine:
    """The place and date line (ô 4)."""

    span: Span  # place and date together
    place: str
    day: str
    month: str
    year: int
    short: bool  # written as ngày 05/3/2020 instead of in words
    value: date | None  # the date, the last day of the month for a draft, None if impossible


def is_rule(text: str) -> bool:
    """Return whether ``text`` only draws a line (underscores, dashes) or is empty."""
    return not text.strip(_RULE_CHARS)


def search(doc: Document, pattern: re.Pattern, start: int, stop: int) -> Span | None:
    """Return the first match of ``pattern`` in the folded text of paragraphs ``start:stop``."""
    for p in doc.paragraphs[start:stop]:
        match = pattern.search(fold(p.text))
        if match:
            return Span(p.index, *match.span())
    return None


def find_type_name(doc: Document, after: int) -> tuple[Span, str] | None:
    """Return the tên loại line after paragraph ``after`` and the type it names."""
    for p in doc.paragraphs[after : after + HEADER_SCAN]:
        stripped = p.text.strip()
        key = " ".join(fold(stripped).split())
        if key in TYPE_NAMES and key != "cong van":
            start = p.text.index(stripped[0])
            return Span(p.index, start, start + len(stripped)), TYPE_NAMES[key]
    return None


def find_number(doc: Document, stop: int) -> NumberLine | None:
    """Return the Số, ký hiệu line among paragraphs before ``stop``."""
    for p in doc.paragraphs[:stop]:
        match = NUMBER.search(p.text)
        if match:
            return NumberLine(
                Span(p.index, *match.span()), match["colon"], match["num"].strip(), match["sym"]
            )
    return None


def find_date(doc: Document, stop: int, number: NumberLine | None) -> DateLine | None:
    """Return the place and date line among paragraphs before ``stop``."""
    for p in doc.paragraphs[:stop]:
        match = LONG_DATE.search(p.text) or SHORT_DATE.search(p.text)
        if match:
            return _date_line(p, match, number)
    return None


def _date_line(p: Paragraph, match: re.Match, number: NumberLine | None) -> DateLine:
    """Return the date line of one match: its place is what precedes it in its segment."""
    floor = number.span.end if number and number.span.paragraph == p.index else 0
    start = max([a for a, _ in p.segments(floor) if a <= match.start()] or [match.start()])
    day, month, year = match["day"].strip(" .…_"), match["month"].strip(" .…_"), int(match["year"])
    value = None
    try:
        if day and month:
            value = date(year, int(month), int(day))
        elif month:
            value = draft_date(year, int(month))
    except ValueError:
        value = None
    return DateLine(
        Span(p.index, start, match.end()),
        p.text[start : match.start()].strip(),
        day,
        month,
        year,
        match.re is SHORT_DATE,
        value,
    )


def issuer_spans(doc: Document, stop: int, taken: list[Span]) -> list[Span]:
    """Return the issuer lines: header text before ``stop`` that is no other element."""
    out = []
    for p in doc.paragraphs[:stop]:
        if p.boxed:
            continue
        for a, b in p.segments():
            text = p.text[a:b]
            clash = any(s.paragraph == p.index and s.start < b and a < s.end for s in taken)
            if not (clash or is_rule(text) or fold(text) in STAMPS or text.startswith("(")):
                out.append(Span(p.index, a, b))
    return out


def summary_spans(doc: Document, type_span: Span) -> list[Span]:
    """Return the trích yếu lines under the tên loại, up to the first blank or rule line."""
    out = []
    for p in doc.paragraphs[type_span.paragraph + 1 : type_span.paragraph + 4]:
        text = p.text.strip()
        folded = fold(text)
        if (
            not text
            or is_rule(text)
            or p.cell is not None
            or folded.startswith(("can cu", "theo de nghi", "kinh gui", "dieu "))
            or (is_upper(text) and out)
        ):
            break
        start = p.text.index(text[0])
        out.append(Span(p.index, start, start + len(text)))
    return out
