"""Font (nd30-format.md §1, §2.6): Times New Roman everywhere; body text 13–14 pt."""

from __future__ import annotations

from collections.abc import Iterator

from ..anatomy import Anatomy
from ..model import Document, Paragraph
from ..report import ERROR, Finding, Rule
from ..text import excerpt
from .base import TNR, Context, outside, size_text

FAMILY = Rule("font.family", ERROR, "Phông chữ Times New Roman")
SIZE = Rule("font.size", ERROR, "Cỡ chữ phần nội dung 13–14 pt")
RULES = (FAMILY, SIZE)


def check(doc: Document, anatomy: Anatomy, ctx: Context) -> Iterator[Finding]:
    """Yield paragraphs set in another font, and body paragraphs outside 13–14 pt."""
    for p in doc.paragraphs:
        yield from _family(p, p.index, "")
    for part in doc.parts.values():
        where = "đầu trang" if part.kind == "header" else "chân trang"
        for p in part.paragraphs:
            yield from _family(p, None, f"{where} ({part.name}): ")
    for index in anatomy.text_paragraphs(doc):
        p = doc.paragraphs[index]
        wrong = outside({run.props.size for run in p.runs_over()}, 13, 14)
        if wrong:
            yield SIZE.at(
                index,
                excerpt(p.text),
                f"Cỡ chữ {size_text(wrong)}; nội dung văn bản trình bày cỡ 13–14 pt.",
            )


def _family(p: Paragraph, index: int | None, where: str) -> Iterator[Finding]:
    """Yield a finding when a run of ``p`` prints in a font other than Times New Roman."""
    fonts = set()
    for run in p.runs_over():
        chars = p.text[run.start : run.end]
        if any(c.isascii() and not c.isspace() for c in chars):
            fonts.add(run.props.ascii)
        if any(not c.isascii() for c in chars):
            fonts.add(run.props.hansi)
    wrong = sorted(f for f in fonts if f.strip().lower() != TNR)
    if wrong:
        yield FAMILY.at(
            index,
            where + excerpt(p.text),
            f"Phông chữ {', '.join(wrong)}; văn bản dùng phông Times New Roman.",
        )
