"""Căn cứ lines, articles and points of the body (nd30-format.md §2.6)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from service.vn.numbering import POINT_LETTERS

from ..anatomy import Anatomy
from ..locate import Span
from ..model import Document
from ..report import ERROR, Finding, Rule
from ..text import excerpt
from .base import Context, all_bold, all_italic

BASIS_ITALIC = Rule("body.basis.italic", ERROR, "Căn cứ ban hành in nghiêng")
BASIS_END = Rule("body.basis.punctuation", ERROR, "Mỗi căn cứ kết thúc “;”, dòng cuối “.”")
ARTICLE_BOLD = Rule("body.article.bold", ERROR, "“Điều N.” in đậm")
POINT_LETTER = Rule("body.point-letter", ERROR, "Điểm đánh chữ cái tiếng Việt a, b, c, d, đ…")
RULES = (BASIS_ITALIC, BASIS_END, ARTICLE_BOLD, POINT_LETTER)
_ARTICLE = re.compile(r"\s*Điều\s+\d+[a-zđ]?\.")
_POINT = re.compile(r"\s*([a-zđ])\)\s")


def check(doc: Document, anatomy: Anatomy, ctx: Context) -> Iterator[Finding]:
    """Yield the findings about the căn cứ block, articles and points."""
    yield from _bases(doc, anatomy)
    for index in anatomy.text_paragraphs(doc):
        p = doc.paragraphs[index]
        article = _ARTICLE.match(p.text)
        if article and not all_bold(doc, Span(index, *article.span())):
            yield ARTICLE_BOLD.at(
                index,
                excerpt(p.text, 0, article.end()),
                f"“{article.group().strip()}” phải in đậm.",
            )
        point = _POINT.match(p.text)
        if point and point.group(1) not in POINT_LETTERS:
            yield POINT_LETTER.at(
                index,
                excerpt(p.text, 0, point.end()),
                f"Điểm “{point.group(1)})” không có trong bảng chữ cái tiếng "
                "Việt; các điểm đánh a, b, c, d, đ, e, g, h… (không dùng f, j, "
                "w, z).",
            )


def _bases(doc: Document, anatomy: Anatomy) -> Iterator[Finding]:
    """Yield findings about the italics and end punctuation of the căn cứ block."""
    lines = anatomy.bases
    for position, index in enumerate(lines):
        p = doc.paragraphs[index]
        text = p.plain()
        if not all_italic(doc, Span(index, 0, len(p.text))):
            yield BASIS_ITALIC.at(index, excerpt(text), "Căn cứ ban hành trình bày chữ in nghiêng.")
        last = position == len(lines) - 1
        intro = text.endswith(":") and not last  # "Căn cứ các Nghị định …:" then a list
        wanted = "." if last else ";"
        if not (intro or text.endswith(wanted)):
            yield BASIS_END.at(index, excerpt(text, len(text) - 40), _end_message(last, anatomy))


def _end_message(last: bool, anatomy: Anatomy) -> str:
    """Return the rule for the end of one line of the căn cứ block."""
    if not last:
        return "Mỗi căn cứ viết một dòng, kết thúc bằng dấu chấm phẩy “;”."
    which = "dòng “Theo đề nghị …”" if anatomy.proposals else "căn cứ cuối cùng"
    return f"Dòng cuối của phần căn cứ ({which}) kết thúc bằng dấu chấm “.”."
