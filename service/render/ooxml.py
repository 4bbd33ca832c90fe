"""WordprocessingML built as strings: runs, appendix tables, sections, styles, the zip package.

Everything that takes model text returns XML that is safe to paste into a document part: user
text is cleaned of XML-illegal characters and escaped, so it can never become markup or a template
tag. Those results are ``Markup`` so an autoescaping Jinja environment inserts them as they are.
The style-sheet builders at the end serve scripts/build_docx_templates.py.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape as _xml_escape

from lxml import etree
from markupsafe import Markup, escape

from service.model import Cell, Run, Table
from service.vn.text import clean_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_DECL = f'xmlns:w="{W_NS}"'

# Style ids the template defines (scripts/build_docx_templates.py) and code refers to.
TABLE_STYLE = "VBBang"
CELL_STYLE = "VBOBang"
RULE_STYLE = "VBDuongKe"  # an empty paragraph whose bottom border draws a rule

_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}
_CORE_NS = (
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)
# Zip entries need a date; 1980-01-01 is the earliest a zip can hold and stands for "undated".
UNDATED = date(1980, 1, 1)


def twips(mm: float) -> int:
    """Return ``mm`` millimetres in twentieths of a point.

    >>> twips(165), twips(20), twips(30), twips(15)
    (9354, 1134, 1701, 850)
    """
    return round(mm * 1440 / 25.4)


def text_xml(text: str) -> str:
    r"""Return ``text`` as escaped ``w:t`` content, tabs and line breaks as their own elements.

    >>> text_xml('a & <b>\n{{ x }}\t"q"')
    '<w:t xml:space="preserve">a &amp; &lt;b&gt;</w:t><w:br/><w:t xml:space="preserve">{{ x }}</w:t><w:tab/><w:t xml:space="preserve">&#34;q&#34;</w:t>'
    """  # noqa: E501
    pieces = []
    for i, line in enumerate(clean_text(text).split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return "".join(pieces)


def run_xml(text: str, *, bold: bool = False, italic: bool = False) -> str:
    """Return one ``w:r`` with direct bold/italic only; everything else comes from the style.

    >>> run_xml("Điều 1. ", bold=True)
    '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Điều 1. </w:t></w:r>'
    """
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{text_xml(text)}</w:r>"


def rich(runs: Iterable[Run]) -> Markup:
    """Return the runs as XML for a docxtpl ``{{r }}`` tag.

    >>> str(rich([Run("<b>")]))
    '<w:r><w:t xml:space="preserve">&lt;b&gt;</w:t></w:r>'
    """
    return Markup("".join(run_xml(r.text, bold=r.bold, italic=r.italic) for r in runs))


def plain(text: str | None) -> Markup:
    """Return a single unformatted run for ``text``, or nothing for ``None``."""
    return rich([Run(text)]) if text else Markup("")


def table_xml(table: Table) -> Markup:
    """Return ``table`` as a fixed-layout ``w:tbl`` with repeated header rows and merged cells."""
    widths = [twips(c.width_mm) for c in table.columns]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    props = (
        f'<w:tblPr><w:tblStyle w:val="{TABLE_STYLE}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    rows = _grid_rows([*table.header, *table.rows], widths, len(table.header))
    return Markup(f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>")


def _grid_rows(rows: Sequence[Sequence[Cell]], widths: list[int], n_header: int) -> str:
    """Return the ``w:tr`` elements, placing each cell on the grid left of any merge from above."""
    below: dict[int, tuple[int, int]] = {}  # column -> (rows still covered, colspan)
    out = []
    for index, cells in enumerate(rows):
        queue = list(cells)
        tcs, col = [], 0
        while col < len(widths):
            if col in below:
                left, span = below.pop(col)
                if left > 1:
                    below[col] = (left - 1, span)
                tcs.append(_tc("", sum(widths[col:col + span]), span, "continue", "left", False))
            else:
                cell = queue.pop(0) if queue else Cell("")
                span = cell.colspan
                if col + span > len(widths):
                    raise ValueError(f"row {index + 1} is wider than the table's columns")
                merge = "restart" if cell.rowspan > 1 else None
                if merge:
                    below[col] = (cell.rowspan - 1, span)
                tcs.append(_tc(cell.text, sum(widths[col:col + span]), span, merge, cell.align,
                               cell.bold))
            col += span
        if queue:
            raise ValueError(f"row {index + 1} has more cells than the table's columns")
        head = "<w:tblHeader/>" if index < n_header else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{head}</w:trPr>{''.join(tcs)}</w:tr>")
    return "".join(out)


def _tc(text: str, width: int, span: int, merge: str | None, align: str, bold: bool) -> str:
    """Return one ``w:tc``; a vMerge continuation keeps an empty paragraph, as Word requires."""
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    merge_xml = {None: "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}
    tcpr = (f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}{merge_xml[merge]}'
            '<w:vAlign w:val="center"/></w:tcPr>')
    jc = _ALIGN.get(align, "left")
    ppr = f'<w:pPr><w:pStyle w:val="{CELL_STYLE}"/><w:jc w:val="{jc}"/></w:pPr>'
    body = run_xml(text, bold=bold) if text else ""
    return f"<w:tc>{tcpr}<w:p>{ppr}{body}</w:p></w:tc>"


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
    return int(size.get(f"{_W}w")) - sum(int(margins.get(f"{_W}{k}", "0")) for k in
                                          ("left", "right"))


def core_xml(title: str, creator: str, when: date) -> bytes:
    """Return docProps/core.xml carrying the title and ``when`` as creation and change date."""
    # Midnight Vietnam time, as the PDF metadata says it (W3CDTF allows the offset).
    stamp = f"{when.isoformat()}T00:00:00+07:00"
    dated = "".join(f'<dcterms:{k} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{k}>'
                    for k in ("created", "modified"))
    body = (
        f"<dc:title>{_xml_escape(clean_text(title))}</dc:title>"
        f"<dc:creator>{_xml_escape(clean_text(creator))}</dc:creator>"
        f"<dc:language>vi-VN</dc:language><cp:revision>1</cp:revision>{dated}"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<cp:coreProperties {_CORE_NS}>{body}</cp:coreProperties>"
    ).encode()


def zip_package(parts: Iterable[tuple[str, bytes]], when: date) -> bytes:
    """Return a zip of ``parts`` in the given order, every entry stamped ``when`` at midnight."""
    day = max(when, UNDATED)
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the same bytes whatever system writes them
            info.external_attr = 0
            zf.writestr(info, data)
    return out.getvalue()


# The style sheet: Times New Roman everywhere, Vietnamese, and the named styles of a template.
FONT = "Times New Roman"
FONTS_XML = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
LANG_XML = '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>'
RULE_XML = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'


@dataclass(frozen=True)
class ParagraphStyle:
    """A named paragraph style: the clerk-facing name, its ASCII id and its §2 formatting."""

    style_id: str
    name: str
    size: float = 14
    bold: bool = False
    italic: bool = False
    align: str = "center"
    indent: int = 0  # first line, twips
    before: int = 0  # points
    after: int = 0  # points
    keep_next: bool = False
    rule: bool = False  # an empty paragraph whose bottom border is the rule


def paragraph_style_xml(spec: ParagraphStyle) -> str:
    """Return the ``w:style`` of a paragraph style, children in schema order."""
    ppr = (("<w:keepNext/>" if spec.keep_next else "") + (RULE_XML if spec.rule else "")
           + f'<w:spacing w:before="{spec.before * 20}" w:after="{spec.after * 20}"'
           + ' w:line="240" w:lineRule="auto"/>'
           + (f'<w:ind w:firstLine="{spec.indent}"/>' if spec.indent else "")
           + f'<w:jc w:val="{spec.align}"/>')
    size = round(spec.size * 2)
    rpr = (FONTS_XML + ("<w:b/><w:bCs/>" if spec.bold else "")
           + ("<w:i/><w:iCs/>" if spec.italic else "")
           + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    return (f'<w:style {_DECL} w:type="paragraph" w:customStyle="1"'
            f' w:styleId="{spec.style_id}"><w:name w:val="{spec.name}"/>'
            '<w:basedOn w:val="Normal"/><w:qFormat/>'
            f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>")


def base_styles_xml() -> list[str]:
    """Return docDefaults and Word's default styles, all in Times New Roman, Vietnamese."""
    margins = "".join(f'<w:{side} w:w="{w}" w:type="dxa"/>'
                      for side, w in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108)))
    return [
        f'<w:docDefaults {_DECL}><w:rPrDefault><w:rPr>{FONTS_XML}<w:sz w:val="28"/>'
        f'<w:szCs w:val="28"/>{LANG_XML}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>",
        f'<w:style {_DECL} w:type="paragraph" w:default="1" w:styleId="Normal">'
        f'<w:name w:val="Normal"/><w:qFormat/><w:rPr>{FONTS_XML}{LANG_XML}</w:rPr></w:style>',
        f'<w:style {_DECL} w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        f'<w:style {_DECL} w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        f"<w:tblCellMar>{margins}</w:tblCellMar></w:tblPr></w:style>",
        f'<w:style {_DECL} w:type="numbering" w:default="1" w:styleId="NoList">'
        '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
    ]


def table_style_xml() -> str:
    """Return "VB Bảng": single borders all round, 13 pt, 1.5 mm side and 0.5 mm top padding."""
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margins = "".join(f'<w:{side} w:w="{w}" w:type="dxa"/>'
                      for side, w in (("top", 28), ("left", 85), ("bottom", 28), ("right", 85)))
    return (f'<w:style {_DECL} w:type="table" w:customStyle="1"'
            f' w:styleId="{TABLE_STYLE}"><w:name w:val="VB Bảng"/>'
            '<w:basedOn w:val="TableNormal"/><w:qFormat/>'
            f'<w:rPr>{FONTS_XML}<w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>'
            f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"
            f"<w:tblCellMar>{margins}</w:tblCellMar></w:tblPr></w:style>")
