"""Page numbers (nd30-format.md §1): none on page 1, centred in the header from page 2."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..anatomy import Anatomy
from ..model import Document, Paragraph
from ..report import ERROR, WARNING, Finding, Rule
from .base import Context

FIRST = Rule("pagenum.first-page", ERROR, "Trang đầu không hiện số trang")
POSITION = Rule("pagenum.position", ERROR, "Số trang ở giữa, phía trên (đầu trang)")
MISSING = Rule("pagenum.missing", WARNING, "Đánh số trang từ trang thứ hai")
RULES = (FIRST, POSITION, MISSING)
_PAGE = re.compile(r"^\s*PAGE\b", re.IGNORECASE)  # not PAGEREF, not NUMPAGES


def page_fields(doc: Document, name: str | None) -> list[tuple[Paragraph, int]]:
    """Return the PAGE fields of a header or footer part: (paragraph, offset)."""
    part = doc.parts.get(name or "")
    if part is None:
        return []
    return [
        (p, offset) for p in part.paragraphs for offset, instr in p.fields if _PAGE.match(instr)
    ]


def centred(p: Paragraph, offset: int) -> bool:
    """Return whether text at ``offset`` prints centred: by alignment or a centre tab."""
    before = [b for b in p.breaks if b < offset]
    return (
        p.align == "center"
        or any(t < offset for t in p.centre_ptabs)
        or (p.centre_tab and len(before) == 1 and not p.text[:offset].strip())
    )


def check(doc: Document, anatomy: Anatomy, ctx: Context) -> Iterator[Finding]:
    """Yield the findings about page numbers."""
    if not doc.sections:
        return
    first = doc.sections[0]
    kind = "first" if first.title_page else "default"
    for parts, where in ((first.headers, "đầu trang"), (first.footers, "chân trang")):
        if page_fields(doc, parts.get(kind)):
            yield FIRST.at(
                None,
                f"{where} trang 1 ({parts[kind]})",
                "Trang thứ nhất không hiện số trang: chọn “Different First Page” "
                "(w:titlePg) và để trống đầu trang của trang 1.",
            )
    seen: set[str] = set()
    for section in doc.sections:
        header, footer = section.headers.get("default"), section.footers.get("default")
        if header in seen or (header is None and section.index > 0):
            continue
        seen.add(header or "")
        yield from _numbers(doc, header, footer)


def _numbers(doc: Document, header: str | None, footer: str | None) -> Iterator[Finding]:
    """Yield findings about the page number of the pages after the first."""
    fields = page_fields(doc, header)
    for p, offset in fields:
        if not centred(p, offset):
            yield POSITION.at(
                None, f"đầu trang ({header})", "Số trang căn giữa theo chiều ngang trong lề trên."
            )
    if fields:
        return
    if page_fields(doc, footer):
        yield POSITION.at(
            None,
            f"chân trang ({footer})",
            "Số trang đặt ở giữa lề trên (đầu trang), không đặt ở chân trang.",
        )
    else:
        yield MISSING.at(
            None,
            "",
            "Không thấy số trang ở đầu trang; văn bản từ hai trang trở "
            "lên đánh số từ trang thứ hai, ở giữa lề trên.",
        )
