"""Build the lint model from a parsed package: paragraphs with runs, tables, sections, headers.

The walk mirrors ``service.render.docx_text`` (same containers, same skipped elements, the same
characters for tabs, breaks, non-breaking hyphens and footnote marks), so paragraph numbers and
texts agree with ``docx_lines``; tests/test_lint.py checks that on every document it lints.
"""

from __future__ import annotations

import itertools
import unicodedata

from lxml import etree

from .model import Cell, Document, Paragraph, Part, Run, Section, Table
from .package import MAX_ELEMENTS, MAX_PARAGRAPHS, MAX_RUNS, Package, UnsafeDocx
from .styles import StyleSheet, W

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CONTAINERS = {f"{W}{t}" for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo")} | {
    f"{_MC}AlternateContent",
    f"{_MC}Choice",
}
_SPACES = {f"{W}{t}" for t in ("tab", "ptab", "br", "cr")}
_SKIP = {f"{W}{t}" for t in ("del", "moveFrom", "pPr", "rPr", "sectPr")} | {f"{_MC}Fallback"}
_NOTE_REFS = {f"{W}footnoteReference", f"{W}endnoteReference"}
_ON = {"1", "true", "on"}


def build_document(package: Package) -> Document:
    """Return the model of the package's main document and its header and footer parts."""
    _check_size(package)
    sheet = StyleSheet(package.styles, package.theme)
    walker = _Walker(sheet)
    body = package.document.find(f"{W}body")
    if body is not None:
        walker.walk(body)
        walker.section_ends.append(body.find(f"{W}sectPr"))
    doc = Document(paragraphs=walker.paragraphs, tables=walker.tables)
    doc.sections = [_section(i, sect, package.rels) for i, sect in enumerate(walker.section_ends)]
    for kind, name in package.rels.values():
        if name in package.parts and name not in doc.parts:
            part_walker = _Walker(sheet)
            part_walker.walk(package.parts[name])
            doc.parts[name] = Part(name, kind, part_walker.paragraphs)
    return doc


def _check_size(package: Package) -> None:
    """Refuse a document with too many paragraphs or runs before modelling any."""
    roots = [package.document, *package.parts.values()]
    for tag, limit, what in (("p", MAX_PARAGRAPHS, "đoạn"), ("r", MAX_RUNS, "đoạn chữ (run)")):
        count = sum(1 for root in roots for _ in root.iter(f"{W}{tag}"))
        if count > limit:
            raise UnsafeDocx(
                f"Văn bản quá phức tạp để kiểm tra: có {count:,} {what}; tối đa {limit:,}.".replace(
                    ",", "."
                )
            )
    elements = sum(1 for root in roots for _ in root.iter())
    if elements > MAX_ELEMENTS:
        raise UnsafeDocx(
            f"Văn bản quá phức tạp để kiểm tra: có {elements:,} phần tử XML; tối đa "
            f"{MAX_ELEMENTS:,}.".replace(",", ".")
        )


class _Walker:
    """Collect the paragraphs under a container in reading order, with their context."""

    def __init__(self, sheet: StyleSheet) -> None:
        self.sheet = sheet
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []
        self.section_ends: list[etree._Element | None] = []  # each section's w:sectPr
        self.marks = itertools.count(1)
        self.stack: list[list] = []  # open tables: [index, style, row, column]
        self.boxed = 0

    def walk(self, container: etree._Element) -> None:
        """Visit the block content of ``container``."""
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag == f"{W}tr" and self.stack:
                self.stack[-1][2:] = [self.stack[-1][2] + 1, -1]
                self.walk(child)
            elif tag == f"{W}tc" and self.stack:
                self.stack[-1][3] += 1
                self.walk(child)
            elif tag in _CONTAINERS:
                self.walk(child)

    def table(self, tbl: etree._Element) -> None:
        """Record a table and visit its rows."""
        style = tbl.find(f"{W}tblPr/{W}tblStyle")
        index = len(self.tables)
        self.tables.append(Table(index, _table_width(tbl), len(self.section_ends)))
        self.stack.append([index, None if style is None else style.get(f"{W}val"), -1, -1])
        self.walk(tbl)
        self.stack.pop()

    def paragraph(self, p: etree._Element) -> None:
        """Record a paragraph, then the paragraphs of the text boxes anchored in it."""
        ppr = p.find(f"{W}pPr")
        p_style = _val(ppr, "pStyle")
        t_style = self.stack[-1][1] if self.stack else None
        collector = _Collector(self, p_style, t_style)
        collector.collect(p)
        props = self.sheet.paragraph_props(p_style, t_style, ppr)
        cell = Cell(*self.stack[-1][:1], *self.stack[-1][2:]) if self.stack else None
        self.paragraphs.append(
            Paragraph(
                index=len(self.paragraphs),
                text="".join(collector.pieces),
                runs=tuple(collector.runs),
                breaks=frozenset(collector.breaks),
                line_breaks=frozenset(collector.line_breaks),
                align=props.align,
                centre_tab=props.centre_tab,
                centre_ptabs=frozenset(collector.ptabs),
                cell=cell,
                section=len(self.section_ends),
                boxed=self.boxed > 0,
                fields=tuple(collector.fields),
            )
        )
        if ppr is not None and ppr.find(f"{W}sectPr") is not None and not self.stack:
            self.section_ends.append(ppr.find(f"{W}sectPr"))
        self.boxed += 1
        for box in collector.boxes:
            self.walk(box)
        self.boxed -= 1


class _Collector:
    """Gather one paragraph's text run by run, as docx_text prints it."""

    def __init__(self, walker: _Walker, p_style: str | None, t_style: str | None) -> None:
        self.walker, self.p_style, self.t_style = walker, p_style, t_style
        self.pieces: list[str] = []
        self.runs: list[Run] = []
        self.breaks: set[int] = set()
        self.line_breaks: set[int] = set()
        self.ptabs: set[int] = set()
        self.fields: list[tuple[int, str]] = []
        self.boxes: list[etree._Element] = []
        self.length = 0
        self.instr: list[str] | None = None  # the instruction of a complex field being read

    def add(self, text: str) -> None:
        """Append printed text."""
        self.pieces.append(text)
        self.length += len(text)

    def collect(self, element: etree._Element, run: etree._Element | None = None) -> None:
        """Append the printed text under ``element``; ``run`` is the enclosing w:r."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{W}r":
                self.run(child)
            elif tag == f"{W}t":  # unexpanded entity references are children: keep their tails
                self.add(
                    unicodedata.normalize(
                        "NFC", (child.text or "") + "".join(ref.tail or "" for ref in child)
                    )
                )
            elif tag in _SPACES:
                self.space(child)
            elif tag == f"{W}noBreakHyphen":
                self.add("-")
            elif tag in _NOTE_REFS:
                custom = child.get(f"{W}customMarkFollows", "").lower() in _ON
                self.add(
                    "" if custom or tag != f"{W}footnoteReference" else str(next(self.walker.marks))
                )
            elif tag == f"{W}txbxContent":
                self.boxes.append(child)
            else:
                self.field_part(child)
                self.collect(child, run)

    def space(self, child: etree._Element) -> None:
        """Append the space a tab or break prints, remembering where it is."""
        if child.tag == f"{W}ptab" and child.get(f"{W}alignment") == "center":
            self.ptabs.add(self.length)
        self.breaks.add(self.length)
        if child.tag in (f"{W}br", f"{W}cr"):
            self.line_breaks.add(self.length)
        self.add(" ")

    def field_part(self, child: etree._Element) -> None:
        """Track field instructions: simple fields and complex fields' instruction text."""
        tag = child.tag
        if tag == f"{W}fldSimple":
            self.fields.append((self.length, child.get(f"{W}instr", "")))
        elif tag == f"{W}fldChar":
            kind = child.get(f"{W}fldCharType")
            if kind == "begin":
                self.instr = []
            elif kind in ("separate", "end") and self.instr is not None:
                self.fields.append((self.length, "".join(self.instr)))
                self.instr = None
        elif tag == f"{W}instrText" and self.instr is not None:
            self.instr.append(child.text or "")

    def run(self, r: etree._Element) -> None:
        """Append a run's text and record its effective formatting."""
        start = self.length
        self.collect(r, r)
        if self.length > start:
            rpr = r.find(f"{W}rPr")
            props = self.walker.sheet.run_props(
                self.p_style, self.t_style, _val(rpr, "rStyle"), rpr
            )
            mark = any(c.tag in _NOTE_REFS for c in r)
            self.runs.append(Run(start, self.length, props, mark))


def _val(parent: etree._Element | None, tag: str) -> str | None:
    """Return the w:val of child ``tag`` of ``parent``."""
    child = None if parent is None else parent.find(f"{W}{tag}")
    return None if child is None else child.get(f"{W}val")


def _twips(element: etree._Element | None, attr: str) -> int | None:
    """Return an integer twips attribute, None when absent or not a number."""
    value = None if element is None else element.get(f"{W}{attr}")
    try:
        return None if value is None else round(float(value))
    except ValueError:
        return None


def _table_width(tbl: etree._Element) -> int | None:
    """Return a table's width in twips: its grid's total, else a dxa tblW."""
    grid = [_twips(col, "w") or 0 for col in tbl.iterfind(f"{W}tblGrid/{W}gridCol")]
    if sum(grid):
        return sum(grid)
    width = tbl.find(f"{W}tblPr/{W}tblW")
    return _twips(width, "w") if width is not None and width.get(f"{W}type") == "dxa" else None


def _section(index: int, sect: etree._Element | None, rels: dict) -> Section:
    """Return the page setup a ``w:sectPr`` gives."""
    section = Section(index)
    if sect is None:
        return section
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    section.width, section.height = _twips(size, "w"), _twips(size, "h")
    section.landscape = size is not None and size.get(f"{W}orient") == "landscape"
    for side in ("top", "bottom", "left", "right", "gutter", "header", "footer"):
        value = _twips(margins, side)
        if value is not None:
            section.margins[side] = abs(value)  # a negative top/bottom only fixes the margin
    title = sect.find(f"{W}titlePg")
    section.title_page = title is not None and (title.get(f"{W}val", "1").lower() in _ON)
    for tag, target in (("headerReference", section.headers), ("footerReference", section.footers)):
        for ref in sect.iterfind(f"{W}{tag}"):
            rel = rels.get(ref.get(f"{_R}id", ""))
            if rel is not None:
                target[ref.get(f"{W}type", "default")] = rel[1]
    return section
