"""The year's register as the Phụ lục IV form (Sổ đăng ký văn bản đi): XLSX, DOCX and PDF.

ND30 Điều 16.2.b: a register kept in the system is printed with every column of the book form
and bound. Columns (1)–(10) in the decree's order; (7)–(9) are filled in by hand on paper.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt
from jinja2.sandbox import SandboxedEnvironment
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .entry import Entry

# Phụ lục IV, mục I: "tối thiểu gồm 10 nội dung", in this order.
COLUMNS = (
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
)
WIDTHS_MM = (24, 20, 62, 26, 44, 26, 14, 18, 18, 25)
EXPORT_FORMATS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
}


def rows(entries: Sequence[Entry]) -> list[tuple[str, ...]]:
    """Return the ten cells of each entry, as printed."""
    out = []
    for entry in entries:
        facts = entry.facts
        note = f"Đã hủy số: {entry.void_reason}" if entry.void else ""
        out.append(
            (
                entry.reference,
                facts.issued.strftime("%d/%m/%Y"),
                f"{facts.type_name}: {facts.summary}",
                f"{facts.signer_title} {facts.signer_name}",
                "; ".join(facts.recipients),
                facts.archive.removeprefix("Lưu:").strip(),
                "",
                "",
                "",
                note,
            )
        )
    return out


def cover(entries: Sequence[Entry], year: int) -> tuple[str, ...]:
    """Return the cover lines: body, title, year, first and last day and number."""
    organs = sorted({e.facts.organ_name for e in entries}) or [""]
    days = [e.facts.issued for e in entries] or [date(year, 1, 1)]
    numbers = [e.number for e in entries] or [0]
    return (
        "; ".join(organs).upper(),
        "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
        f"Năm {year}",
        f"Từ ngày {min(days):%d/%m/%Y} đến ngày {max(days):%d/%m/%Y}",
        f"Từ số {min(numbers):02d} đến số {max(numbers):02d}",
    )


def export_register(entries: Sequence[Entry], year: int, fmt: str) -> bytes:
    """Return the register of ``year`` in ``fmt`` (xlsx, docx, pdf)."""
    writer = {"xlsx": to_xlsx, "docx": to_docx, "pdf": to_pdf}[fmt]
    return writer(cover(entries, year), rows(entries))


def to_xlsx(lines: tuple[str, ...], body: list[tuple[str, ...]]) -> bytes:
    """Return the register as a workbook: cover lines, headings (1)–(10), one row an entry."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ văn bản đi"
    for text in lines:
        sheet.append([text])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    sheet.append(list(COLUMNS))
    sheet.append([f"({i})" for i in range(1, len(COLUMNS) + 1)])
    for cell in sheet[sheet.max_row - 1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for row in body:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(WIDTHS_MM):
        sheet.column_dimensions[chr(ord("A") + index)].width = width * 0.6
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_docx(lines: tuple[str, ...], body: list[tuple[str, ...]]) -> bytes:
    """Return the register as a landscape A4 Word document with one table."""
    word = WordDocument()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    style = word.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(11)
    for text in lines:
        word.add_paragraph().add_run(text).bold = True
    table = word.add_table(rows=2, cols=len(COLUMNS))
    table.style = "Table Grid"
    for index, heading in enumerate(COLUMNS):
        table.cell(0, index).paragraphs[0].add_run(heading).bold = True
        table.cell(1, index).text = f"({index + 1})"
    for row in body:
        cells = table.add_row().cells
        for index, text in enumerate(row):
            cells[index].text = text
    for index, width in enumerate(WIDTHS_MM):
        for cell in table.columns[index].cells:
            cell.width = Mm(width)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


_PAGE = SandboxedEnvironment(autoescape=True).from_string(
    """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>
@page { size: A4 landscape; margin: 15mm; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 11pt; }
p { margin: 0 0 2mm; font-weight: bold; text-align: center; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid black; padding: 1mm; vertical-align: top; }
thead { display: table-header-group; }
</style></head><body>
{% for line in lines %}<p>{{ line }}</p>{% endfor %}
<table><thead><tr>{% for h, w in headings %}<th style="width: {{ w }}mm">{{ h }}</th>{% endfor %}</tr>
<tr>{% for h, w in headings %}<th>({{ loop.index }})</th>{% endfor %}</tr></thead>
<tbody>{% for row in body %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}
</tbody></table></body></html>"""
)


def to_pdf(lines: tuple[str, ...], body: list[tuple[str, ...]]) -> bytes:
    """Return the register as a landscape A4 PDF, headings repeated on every page."""
    from weasyprint import HTML

    from ..render.pdf import fetcher, font_config

    html = _PAGE.render(lines=lines, headings=list(zip(COLUMNS, WIDTHS_MM, strict=True)), body=body)
    return HTML(string=html, url_fetcher=fetcher()).write_pdf(font_config=font_config())
