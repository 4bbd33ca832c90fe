"""Số, ký hiệu and địa danh, ngày tháng (nd30-format.md §2.3, §2.4, §3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from service.vn.dates import long_date
from service.vn.numbering import TYPE_ABBREVIATIONS

from ..anatomy import Anatomy
from ..locate import DateLine, NumberLine
from ..model import Document
from ..report import ERROR, WARNING, Finding, Rule
from .base import Context, all_italic, quote

NUMBER_MISSING = Rule("number.missing", WARNING, "Có số, ký hiệu văn bản")
NUMBER_FORMAT = Rule("number.format", ERROR, "Số, ký hiệu đúng dạng “Số: 05/QĐ-UBND”")
DATE_MISSING = Rule("date.missing", WARNING, "Có địa danh và ngày tháng năm ban hành")
DATE_WORDING = Rule("date.wording", ERROR, "Ngày tháng viết đủ, thêm số 0 đúng quy định")
DATE_PLACE = Rule("date.place", ERROR, "Địa danh đứng trước ngày tháng, có dấu phẩy")
DATE_ITALIC = Rule("date.italic", ERROR, "Địa danh và ngày tháng in nghiêng")
RULES = (NUMBER_MISSING, NUMBER_FORMAT, DATE_MISSING, DATE_WORDING, DATE_PLACE, DATE_ITALIC)
_DASHES = re.compile(r"\s*[-–—‐]\s*")
_CODES = frozenset(TYPE_ABBREVIATIONS.values())
_NO_DATE_TYPES = {"Biên bản"}  # Mẫu 1.9 has no place and date line


def check(doc: Document, anatomy: Anatomy, ctx: Context) -> Iterator[Finding]:
    """Yield the findings about ô 3 and ô 4."""
    line = anatomy.number
    if line is None:
        at = anatomy.national_title.paragraph if anatomy.national_title else 0
        yield NUMBER_MISSING.at(at, "", "Không thấy dòng “Số: …/…” của văn bản.")
    else:
        for message in number_problems(line, anatomy.type_key):
            yield NUMBER_FORMAT.at(line.span.paragraph, quote(doc, line.span), message)
    if anatomy.date is None:
        if anatomy.type_key not in _NO_DATE_TYPES:
            yield DATE_MISSING.at(
                line.span.paragraph if line else 0,
                "",
                "Không thấy dòng địa danh, ngày … tháng … năm ….",
            )
    else:
        yield from _date(doc, anatomy.date)


def number_problems(line: NumberLine, type_key: str | None) -> list[str]:
    """Return what is wrong with a Số, ký hiệu line, in Vietnamese.

    >>> from service.lint.locate import Span
    >>> number_problems(NumberLine(Span(0, 0, 9), ":", "5", "CV-UBND"), None)[0]
    'Số 5 phải viết “05”: số nhỏ hơn 10 thêm số 0 phía trước.'
    """
    problems = []
    if line.colon != ":":
        problems.append("Sau chữ “Số” là dấu hai chấm: “Số: …”.")
    if line.number.isdigit() and line.number != f"{int(line.number):02d}":
        problems.append(
            f"Số {line.number} phải viết “{int(line.number):02d}”: số nhỏ hơn 10 "
            "thêm số 0 phía trước."
        )
    if re.search(r"\s|[–—‐]", line.symbol):
        problems.append("Các nhóm chữ của ký hiệu nối bằng dấu gạch nối “-”, không có dấu cách.")
    groups = _DASHES.split(line.symbol)
    expected = TYPE_ABBREVIATIONS.get(type_key or "")
    if expected and groups[0] != expected:
        problems.append(
            f"Ký hiệu của {type_key.lower()} bắt đầu bằng “{expected}” (Phụ lục "
            f"III), không phải “{groups[0]}”."
        )
    elif not type_key and groups[0].upper() == "CV":
        problems.append(
            "Công văn không có chữ viết tắt tên loại: ký hiệu là tên viết tắt cơ "
            "quan và đơn vị soạn thảo (ví dụ “UBND-VX”), không dùng “CV”."
        )
    if len(groups) < 2:
        problems.append("Ký hiệu gồm hai nhóm chữ nối bằng “-” (ví dụ “QĐ-UBND”, “UBND-VX”).")
    rest = groups[1:] if groups[0] in _CODES else groups  # type codes keep "TTr", "QyĐ"
    if any(g != g.upper() for g in rest):
        problems.append("Ký hiệu viết chữ in hoa (trừ chữ viết tắt tên loại như “TTr”).")
    return problems


def _date(doc: Document, line: DateLine) -> Iterator[Finding]:
    """Yield the findings about the place and date line."""
    where, at = quote(doc, line.span), line.span.paragraph
    for message in date_problems(line):
        yield DATE_WORDING.at(at, where, message)
    if not line.place:
        yield DATE_PLACE.at(
            at, where, "Thiếu địa danh trước ngày tháng (ví dụ “Bắc Ninh, ngày …”)."
        )
    elif not line.place.endswith(","):
        yield DATE_PLACE.at(at, where, "Sau địa danh có dấu phẩy: “<địa danh>, ngày …”.")
    if not all_italic(doc, line.span):
        yield DATE_ITALIC.at(at, where, "Địa danh và ngày tháng năm phải in nghiêng.")


def date_problems(line: DateLine) -> list[str]:
    """Return what is wrong with the wording of the date, in Vietnamese."""
    right = f" Viết đúng: “{long_date(line.value)}”." if line.value and line.day else ""
    if line.short:
        return [f"Ngày tháng năm ban hành viết đầy đủ bằng chữ “ngày … tháng … năm …”.{right}"]
    if line.month and line.value is None:
        return [f"Ngày {line.day}/{line.month}/{line.year} không có thật."]
    problems = []
    if line.day and line.day != f"{int(line.day):02d}":
        problems.append(f"Ngày nhỏ hơn 10 thêm số 0 phía trước (“ngày 0{int(line.day)}”).{right}")
    if line.month:
        month = int(line.month)
        expected = f"{month:02d}" if month <= 2 else str(month)
        if line.month != expected:
            problems.append(
                f"Tháng viết “tháng {expected}”: chỉ tháng 1, 2 thêm số 0 phía trước.{right}"
            )
    return problems
