"""WordprocessingML built as strings: runs, footnote marks, appendix tables, the zip package.

Everything that takes model text returns XML that is safe to paste into a document part: user
text is cleaned of XML-illegal characters and escaped, so it can never become markup or a template
tag. Those results are ``Markup`` so an autoescaping Jinja environment inserts them as they are.
The style sheet is in ``docx_styles``, page sections in ``sections``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from service.model import Cell, Run, Table
from service.render.docx_styles import (
    CELL_STYLE,
    FOOTNOTE_REFERENCE,
    SMALL_CELL_STYLE,
    TABLE_STYLE,
)
from service.render.layout import is_dense
from service.render.zipout import Deflated, zip_bytes
from service.vn.text import clean_text

if TYPE_CHECKING:  # footnotes builds its part with run_xml from here
    from service.render.footnotes import Footnotes

REFERENCE_RPR = f'<w:rPr><w:rStyle w:val="{FOOTNOTE_REFERENCE}"/></w:rPr>'
# A dense form's cells keep 1 mm each side instead of the style's 1.5 mm: "STT" fits in 10 mm.
_DENSE_MARGINS = (
    '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
)

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

    >>> text_xml("")
    ''
    >>> text_xml("Sở & <Nội vụ>")
    '<w:t xml:space="preserve">Sở &amp; &lt;Nội vụ&gt;</w:t>'
    >>> text_xml('a & <b>\n{{ x }}\t"q"')
    '<w:t xml:space="preserve">a &amp; &lt;b&gt;</w:t><w:br/><w:t xml:space="preserve">{{ x }}</w:t><w:tab/><w:t xml:space="preserve">&#34;q&#34;</w:t>'
    """
    text = clean_text(text)
    if "\n" not in text and "\t" not in text:  # most texts: one element, or none
        return f'<w:t xml:space="preserve">{escape(text)}</w:t>' if text else ""
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return "".join(pieces)


def xml_escape(text: str) -> str:
    """Return ``text`` with &, < and > escaped for XML element content.

    >>> xml_escape("A & B <C>")
    'A &amp; B &lt;C&gt;'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run_xml(text: str, *, bold: bool = False, italic: bool = False) -> str:
    """Return one ``w:r`` with direct bold/italic only; everything else comes from the style.

    >>> run_xml("Điều 1. ", bold=True)
    '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Điều 1. </w:t></w:r>'
    """
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{text_xml(text)}</w:r>"


def reference_xml(number: int) -> str:
    """Return the run that marks footnote ``number`` in the text.

    >>> reference_xml(2)
    '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r>'
    """
    return f'<w:r>{REFERENCE_RPR}<w:footnoteReference w:id="{number}"/></w:r>'


def rich(runs: Iterable[Run], notes: Footnotes | None = None) -> Markup:
    """Return the runs as XML for a docxtpl ``{{r }}`` tag, each footnote numbered by ``notes``.

    >>> str(rich([Run("<b>")]))
    '<w:r><w:t xml:space="preserve">&lt;b&gt;</w:t></w:r>'
    """
    pieces = []
    for r in runs:
        pieces.append(run_xml(r.text, bold=r.bold, italic=r.italic))
        if r.footnote:
            if notes is None:
                raise ValueError("a footnote needs a Footnotes collector to be numbered")
            pieces.append(reference_xml(notes.add(r.footnote)))
    return Markup("".join(pieces))


def plain(text: str | None) -> Markup:
    """Return a single unformatted run for ``text``, or nothing for ``None``."""
    return rich([Run(text)]) if text else Markup("")


def table_xml(table: Table) -> Markup:
    """Return ``table`` as a fixed-layout ``w:tbl`` with repeated header rows and merged cells."""
    widths = [twips(c.width_mm) for c in table.columns]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    dense = is_dense(table)
    props = (
        f'<w:tblPr><w:tblStyle w:val="{TABLE_STYLE}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        + (_DENSE_MARGINS if dense else "")
        + '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    style = SMALL_CELL_STYLE if dense else CELL_STYLE
    rows = _grid_rows([*table.header, *table.rows], widths, len(table.header), style)
    return Markup(f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>")


def _grid_rows(rows: Sequence[Sequence[Cell]], widths: list[int], n_header: int, style: str) -> str:
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
                tcs.append(_tc(Cell("", span), sum(widths[col : col + span]), "continue", style))
            else:
                cell = queue.pop(0) if queue else Cell("")
                span = cell.colspan
                if col + span > len(widths):
                    raise ValueError(f"row {index + 1} is wider than the table's columns")
                merge = "restart" if cell.rowspan > 1 else None
                if merge:
                    below[col] = (cell.rowspan - 1, span)
                tcs.append(_tc(cell, sum(widths[col : col + span]), merge, style))
            col += span
        if queue:
            raise ValueError(f"row {index + 1} has more cells than the table's columns")
        head = "<w:tblHeader/>" if index < n_header else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{head}</w:trPr>{''.join(tcs)}</w:tr>")
    return "".join(out)


def _tc(cell: Cell, width: int, merge: str | None, style: str) -> str:
    """Return one ``w:tc``; a vMerge continuation keeps an empty paragraph, as Word requires."""
    span_xml = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    merge_xml = {None: "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}
    tcpr = (
        f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}{merge_xml[merge]}'
        '<w:vAlign w:val="center"/></w:tcPr>'
    )
    jc = _ALIGN.get(cell.align, "left")
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="{jc}"/></w:pPr>'
    body = run_xml(cell.text, bold=cell.bold) if cell.text else ""
    return f"<w:tc>{tcpr}<w:p>{ppr}{body}</w:p></w:tc>"


def core_xml(title: str, creator: str, when: date) -> bytes:
    """Return docProps/core.xml carrying the title and ``when`` as creation and change date."""
    # Midnight Vietnam time, as the PDF metadata says it (W3CDTF allows the offset).
    stamp = f"{when.isoformat()}T00:00:00+07:00"
    dated = "".join(
        f'<dcterms:{k} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{k}>'
        for k in ("created", "modified")
    )
    body = (
        f"<dc:title>{xml_escape(clean_text(title))}</dc:title>"
        f"<dc:creator>{xml_escape(clean_text(creator))}</dc:creator>"
        f"<dc:language>vi-VN</dc:language><cp:revision>1</cp:revision>{dated}"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<cp:coreProperties {_CORE_NS}>{body}</cp:coreProperties>"
    ).encode()


def zip_package(parts: Iterable[tuple[str, bytes | Deflated]], when: date) -> bytes:
    """Return a zip of ``parts`` in the given order, every entry stamped ``when`` at midnight.

    A part may come compressed already (``Deflated``): a template's unchanging parts do.
    """
    return zip_bytes(parts, max(when, UNDATED))
