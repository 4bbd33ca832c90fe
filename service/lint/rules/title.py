"""Tên loại and trích yếu (nd30-format.md §2 ô 5a, §2.5)."""

from __future__ import annotations

from collections.abc import Iterator

from ..anatomy import Anatomy
from ..model import Document
from ..report import ERROR, Finding, Rule
from ..text import is_upper
from .base import Context, all_bold, quote, text

TYPE_CASE = Rule("title.type-name.case", ERROR, "Tên loại văn bản chữ in hoa")
TYPE_BOLD = Rule("title.type-name.bold", ERROR, "Tên loại văn bản in đậm")
SUMMARY_BOLD = Rule("title.summary.bold", ERROR, "Trích yếu nội dung in đậm")
RULES = (TYPE_CASE, TYPE_BOLD, SUMMARY_BOLD)


def check(doc: Document, anatomy: Anatomy, ctx: Context) -> Iterator[Finding]:
    """Yield the findings about the tên loại and trích yếu lines."""
    span = anatomy.type_name
    if span is None:
        return
    if not is_upper(text(doc, span)):
        yield TYPE_CASE.at(
            span.paragraph,
            quote(doc, span),
            f"Tên loại viết chữ in hoa: “{anatomy.type_key.upper()}”.",
        )
    if not all_bold(doc, span):
        yield TYPE_BOLD.at(span.paragraph, quote(doc, span), "Tên loại văn bản phải in đậm.")
    for line in anatomy.summary:
        if not all_bold(doc, line):
            yield SUMMARY_BOLD.at(
                line.paragraph, quote(doc, line), "Trích yếu nội dung dưới tên loại phải in đậm."
            )
