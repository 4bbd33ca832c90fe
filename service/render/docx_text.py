"""The text of a DOCX as lines: one per paragraph, body and table cells in reading order.

Used to compare rendered documents with the seed documents and by format checks on hand-made
files, so it reads any WordprocessingML package with lxml alone (no python-docx, no entity
expansion, no network) and tolerates content controls, tracked changes, fields and text boxes.
Headers and footers are left out: they hold page numbers, not document text. So are the notes of
footnotes: their text is not body text. A footnote's mark is: it prints as its number right where
the reference stands ("tỉ lệ1:"), as Word numbers it (continuously, in document order) and as the
HTML and PDF print it, so the words of the three formats agree and a seed's extracted text, which
carries the marks the same way, compares word for word.
"""

from __future__ import annotations

import io
import itertools
import posixpath
import zipfile
from collections.abc import Iterator

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

# Elements whose children are more block content (rows, cells, content controls, custom XML).
_CONTAINERS = {
    f"{_W}{t}" for t in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo")
} | {f"{_MC}AlternateContent", f"{_MC}Choice"}
# Inside a paragraph: what prints as a space, and what never prints (deleted or moved-away text,
# properties, the fallback copy of content that mc:Choice already holds).
_SPACES = {f"{_W}{t}" for t in ("tab", "ptab", "br", "cr")}
_SKIP = {f"{_W}{t}" for t in ("del", "moveFrom", "pPr", "rPr", "sectPr")} | {f"{_MC}Fallback"}
_ON = {"1", "true", "on"}


def docx_lines(data: bytes) -> list[str]:
    """Return the text of every body paragraph, table cells included, in document order.

    Tabs and line breaks become spaces; empty paragraphs give empty lines, so an index is a
    paragraph position. Text boxes follow the paragraph that anchors them.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read(main_part_name(zf)), _PARSER)
    body = root.find(f"{_W}body")
    return [] if body is None else list(block_lines(body))


def docx_words(data: bytes) -> list[str]:
    """Return the whitespace-separated words of ``docx_lines``."""
    return [word for line in docx_lines(data) for word in line.split()]


def main_part_name(zf: zipfile.ZipFile) -> str:
    """Return the zip name of the main document part, as the package relationships give it."""
    try:
        rels = etree.fromstring(zf.read("_rels/.rels"), _PARSER)
    except KeyError:
        return "word/document.xml"
    for rel in rels.iter(f"{_REL}Relationship"):
        if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
            return posixpath.normpath(rel.get("Target", "")).lstrip("/")
    return "word/document.xml"


def block_lines(container: etree._Element, marks: Iterator[int] | None = None) -> Iterator[str]:
    """Yield the lines of the paragraphs under ``container``, walking tables row by row.

    ``marks`` numbers the footnote references met on the way; a new count starts at 1.
    """
    marks = itertools.count(1) if marks is None else marks
    for child in container:
        if child.tag == f"{_W}p":
            yield from paragraph_lines(child, marks)
        elif child.tag in _CONTAINERS:
            yield from block_lines(child, marks)


def paragraph_lines(paragraph: etree._Element, marks: Iterator[int] | None = None) -> Iterator[str]:
    """Yield the paragraph's text, then the lines of any text box anchored in it."""
    marks = itertools.count(1) if marks is None else marks
    pieces: list[str] = []
    boxes: list[etree._Element] = []
    _collect(paragraph, pieces, boxes, marks)
    yield "".join(pieces)
    for box in boxes:
        yield from block_lines(box, marks)


def _collect(
    element: etree._Element, pieces: list[str], boxes: list[etree._Element], marks: Iterator[int]
) -> None:
    """Append the printed text under ``element``; set text boxes aside."""
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":  # unexpanded entity references are children: keep only their tails
            pieces.append((child.text or "") + "".join(ref.tail or "" for ref in child))
        elif tag in _SPACES:
            pieces.append(" ")
        elif tag == f"{_W}noBreakHyphen":
            pieces.append("-")
        elif tag == f"{_W}footnoteReference":
            pieces.append(_mark(child, marks))
        elif tag == f"{_W}txbxContent":
            boxes.append(child)
        elif tag not in _SKIP and isinstance(tag, str):
            _collect(child, pieces, boxes, marks)


def _mark(reference: etree._Element, marks: Iterator[int]) -> str:
    """Return the number Word prints for a footnote reference; a custom mark is text after it."""
    if reference.get(f"{_W}customMarkFollows", "").lower() in _ON:
        return ""
    return str(next(marks))
