"""Nơi nhận (nd30-format.md §2.9): label 12 pt bold italic, items 11 pt, "- Lưu: …." last."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..anatomy import Anatomy
from ..locate import Span
from ..model import Document
from ..report import ERROR, WARNING, Finding, Rule
from ..text import fold
from ..zones import BULLETS
from .base import Context, all_bold, all_italic, outside, quote, size_text, sizes, text

MISSING = Rule("recipients.missing", ERROR, "Có phần “Nơi nhận:”")
LABEL = Rule("recipients.label", ERROR, "“Nơi nhận:” cỡ 12 pt, đậm, nghiêng, có dấu hai chấm")
ITEM_SIZE = Rule("recipients.item.size", ERROR, "Các dòng nơi nhận cỡ 11 pt")
ITEM_DASH = Rule("recipients.item.dash", ERROR, "Mỗi nơi nhận bắt đầu bằng “-” (“+” trong nhóm)")
ITEM_END = Rule("recipients.item.end", ERROR, "Mỗi nơi nhận kết thúc bằng “;”")
ARCHIVE = Rule("recipients.archive", ERROR, "Dòng cuối “- Lưu: VT, …” kết thúc bằng “.”")
RULES = (MISSING, LABEL, ITEM_SIZE, ITEM_DASH, ITEM_END, ARCHIVE)
_ARCHIVE = re.compile(r"^[-+–—•*]?\s*luu\b")
_COPIES = re.compile(r"^\w{1,8}\.?\s*\(\d+\)\.?$")  # ô 12: drafter's initials and copies, PL.(300)


def check(doc: Document, anatomy: Anatomy, ctx: Context) -> Iterator[Finding]:
    """Yield the findings about the Nơi nhận block."""
    closing = anatomy.closing
    if closing.label is None:
        if anatomy.national_title is not None:
            yield MISSING.at(None, "", "Không thấy phần “Nơi nhận:” ở cuối văn bản.")
        return
    yield from _label(doc, closing.label)
    items = [s for s in closing.items if not _COPIES.match(text(doc, s))]
    for position, span in enumerate(items):
        yield from _item(doc, span, items[position + 1 :])
    yield from _archive(doc, closing.label, items)


def _label(doc: Document, span: Span) -> Iterator[Finding]:
    """Yield a finding when "Nơi nhận:" is not 12 pt bold italic with its colon."""
    where = quote(doc, span)
    problems = []
    if not text(doc, span).endswith(":"):
        problems.append("có dấu hai chấm")
    if outside(sizes(doc, span), 12, 12):
        problems.append(f"cỡ 12 pt (đang {size_text(outside(sizes(doc, span), 12, 12))})")
    if not all_bold(doc, span) or not all_italic(doc, span):
        problems.append("in đậm, nghiêng")
    if problems:
        yield LABEL.at(span.paragraph, where, f"“Nơi nhận:” phải {', '.join(problems)}.")


def _item(doc: Document, span: Span, after: list[Span]) -> Iterator[Finding]:
    """Yield findings about one recipient line; ``after`` are the lines below it."""
    shown, where = text(doc, span), quote(doc, span)
    wrong = outside(sizes(doc, span), 11, 11)
    if wrong:
        yield ITEM_SIZE.at(span.paragraph, where, f"Nơi nhận cỡ {size_text(wrong)}; phải 11 pt.")
    heading = shown.endswith(":") and bool(after)  # "- VP UBND tỉnh:", "Bản điện tử:"
    if heading and not shown.startswith(BULLETS):
        return  # a group heading of practice; the lines under it carry the dashes
    if shown.startswith(("–", "—", "•", "*")):
        yield ITEM_DASH.at(
            span.paragraph, where, "Dùng dấu gạch ngang ngắn “-” đầu mỗi nơi nhận.", WARNING
        )
    elif not shown.startswith(("-", "+")):
        yield ITEM_DASH.at(
            span.paragraph,
            where,
            "Mỗi nơi nhận bắt đầu bằng dấu “-” (nơi nhận trong một nhóm bắt đầu bằng “+”).",
        )
    if not (_ARCHIVE.match(fold(shown)) or heading or shown.endswith(";") or not after):
        yield ITEM_END.at(span.paragraph, where, "Mỗi nơi nhận kết thúc bằng dấu chấm phẩy “;”.")


def _archive(doc: Document, label: Span, items: list[Span]) -> Iterator[Finding]:
    """Yield findings about the "- Lưu: …" line: present, last, ending with "."."""
    archive = [s for s in items if _ARCHIVE.match(fold(text(doc, s)))]
    if not archive:
        last = items[-1] if items else label
        yield ARCHIVE.at(
            last.paragraph,
            quote(doc, last),
            "Thiếu dòng “- Lưu: VT, <đơn vị soạn thảo>.” cuối phần nơi nhận.",
        )
        return
    span = archive[-1]
    if span != items[-1]:
        yield ARCHIVE.at(
            span.paragraph, quote(doc, span), "Dòng “- Lưu: …” là dòng cuối cùng của phần nơi nhận."
        )
    if not text(doc, span).endswith("."):
        yield ARCHIVE.at(
            span.paragraph, quote(doc, span), "Dòng “- Lưu: …” kết thúc bằng dấu chấm “.”."
        )
