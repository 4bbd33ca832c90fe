"""Page sections of a rendered DOCX: turning an appendix's section to landscape A4."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from service.render.docx_styles import RULE_STYLE, W_NS

_W = f"{{{W_NS}}}"


def orient_sections(xml: bytes, landscape: Sequence[bool]) -> bytes:
    """Return document XML with the n-th section turned landscape where ``landscape[n]`` is true.

    Sections are counted in document order: each ``w:sectPr`` closes the section before it. The
    rules of a turned section keep their length: the extra line width goes to their indents.
    """
    root = etree.fromstring(xml)
    for (sect, content), turn in zip(_sections(root.find(f"{_W}body")), landscape, strict=False):
        if turn:
            extra = _turn_landscape(sect) // 2
            rule = f"{_W}pPr/{_W}pStyle[@{_W}val='{RULE_STYLE}']/../{_W}ind"
            for ind in filter(lambda e: e is not None, (p.find(rule) for p in content)):
                for side in (f"{_W}left", f"{_W}right"):
                    ind.set(side, str(int(ind.get(side, "0")) + extra))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _sections(body: etree._Element) -> list[tuple[etree._Element, list[etree._Element]]]:
    """Return each section's ``w:sectPr`` with the body elements it holds."""
    sections, content = [], []
    for child in body:
        sect = child.find(f"{_W}pPr/{_W}sectPr")
        if child.tag == f"{_W}sectPr" or sect is not None:
            sections.append((child if sect is None else sect, content))
            content = []
        else:
            content.append(child)
    return sections


def _turn_landscape(sect: etree._Element) -> int:
    """Swap the page size, rotate the margins and return how much wider the text became."""
    size, margins = sect.find(f"{_W}pgSz"), sect.find(f"{_W}pgMar")
    sides = [f"{_W}{k}" for k in ("top", "right", "bottom", "left")]
    before = _text_width(size, margins)
    width, height = int(size.get(f"{_W}w")), int(size.get(f"{_W}h"))
    size.set(f"{_W}w", str(max(width, height)))
    size.set(f"{_W}h", str(min(width, height)))
    size.set(f"{_W}orient", "landscape")
    # The sheet is turned a quarter clockwise to read: the bound left edge becomes its top.
    old = [margins.get(k, "0") for k in sides]
    for key, value in zip(sides, old[-1:] + old[:-1], strict=True):
        margins.set(key, value)
    return _text_width(size, margins) - before


def _text_width(size: etree._Element, margins: etree._Element) -> int:
    """Return the page width between the side margins, in twips."""
    return int(size.get(f"{_W}w")) - sum(
        int(margins.get(f"{_W}{k}", "0")) for k in ("left", "right")
    )
