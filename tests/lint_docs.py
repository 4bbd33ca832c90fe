"""Documents for the lint tests: rendered fixtures changed in one place, and hand-made files.

The hand-made ones are built with python-docx the way a clerk types in Word: direct formatting
on every run instead of styles, text split over many runs, tabs instead of tables (or a table
holding the issuer and the Quốc hiệu in one row), a PAGE field in the header.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import lru_cache

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt
from lxml import etree

from service.pipeline import generate

from .conftest import load_fixture

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
SEED = "seeds/000-ranking-decision-2113-2023.json"


def q(tag: str) -> str:
    """Return the Clark name of a w: tag."""
    return f"{{{W}}}{tag}"


@lru_cache(maxsize=8)
def rendered(fixture: str = SEED) -> bytes:
    """Return the DOCX the project renders from a fixture."""
    return generate(load_fixture(fixture), "docx").content


def edit(data: bytes, part: str, change: Callable[[etree._Element], None]) -> bytes:
    """Return ``data`` with XML ``part`` changed in place by ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == part:
                root = etree.fromstring(content)
                change(root)
                content = etree.tostring(
                    root, xml_declaration=True, encoding="UTF-8", standalone=True
                )
            target.writestr(info, content)
    return out.getvalue()


def texts(root: etree._Element, contains: str) -> list[etree._Element]:
    """Return the w:t elements whose text contains ``contains``."""
    return [t for t in root.iter(q("t")) if contains in (t.text or "")]


def replace(old: str, new: str) -> Callable[[etree._Element], None]:
    """Return a change that replaces ``old`` by ``new`` in the first text holding it."""

    def change(root: etree._Element) -> None:
        node = texts(root, old)[0]
        node.text = node.text.replace(old, new)

    return change


def every(tag: str, **attrs: str) -> Callable[[etree._Element], None]:
    """Return a change setting w: attributes on every ``tag`` element."""

    def change(root: etree._Element) -> None:
        for element in root.iter(q(tag)):
            for name, value in attrs.items():
                element.set(q(name), value)

    return change


def drop_paragraph(contains: str) -> Callable[[etree._Element], None]:
    """Return a change removing the paragraph whose text contains ``contains``."""

    def change(root: etree._Element) -> None:
        paragraph = next(texts(root, contains)[0].iterancestors(q("p")))
        paragraph.getparent().remove(paragraph)

    return change


def direct(contains: str, rpr_xml: str) -> Callable[[etree._Element], None]:
    """Return a change giving the run holding ``contains`` the direct properties ``rpr_xml``."""

    def change(root: etree._Element) -> None:
        run = texts(root, contains)[0].getparent()
        run.insert(0, etree.fromstring(f'<w:rPr xmlns:w="{W}">{rpr_xml}</w:rPr>'))

    return change


def style_font(style_id: str, font: str) -> Callable[[etree._Element], None]:
    """Return a change setting the font of a style in styles.xml."""

    def change(root: etree._Element) -> None:
        style = root.find(f"w:style[@w:styleId='{style_id}']", NS)
        fonts = style.find("w:rPr/w:rFonts", NS)
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(q(attr), font)

    return change


def add_point(root: etree._Element) -> None:
    """Insert a điểm "f)" after the first article."""
    article = next(texts(root, "Điều 1.")[0].iterancestors(q("p")))
    point = etree.fromstring(
        f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="VBDiem"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">f) Các cơ quan xếp loại Tốt;</w:t></w:r></w:p>'
    )
    article.addnext(point)


def drop_title_page(root: etree._Element) -> None:
    """Remove "different first page" from every section: page 1 shows the number."""
    for node in list(root.iter(q("titlePg"))):
        node.getparent().remove(node)


DOC = "word/document.xml"
# name: (part, change, the error rule ids the result must have)
BROKEN = {
    "letter-paper": (DOC, every("pgSz", w="12240", h="15840"), {"page.size"}),
    "arial-body": ("word/styles.xml", style_font("VBDieu", "Arial"), {"font.family"}),
    "quoc-hieu-not-bold": (
        DOC,
        direct("CỘNG HÒA", '<w:b w:val="0"/>'),
        {"header.national-title.bold"},
    ),
    "month-zero-padded": (DOC, replace("tháng 12 năm 2023", "tháng 08 năm 2023"), {"date.wording"}),
    "cv-symbol": (DOC, replace("2113/QĐ-UBND", "2113/CV-UBND"), {"number.format"}),
    "basis-without-semicolon": (
        DOC,
        replace("ngày 19/6/2015;", "ngày 19/6/2015"),
        {"body.basis.punctuation"},
    ),
    "repealed-law-in-2025": (
        DOC,
        replace("ngày 31 tháng 12 năm 2023", "ngày 15 tháng 3 năm 2025"),
        {"citation.in-force"},
    ),
    "no-archive-line": (DOC, drop_paragraph("Lưu: VT"), {"recipients.archive"}),
    "slash-prefix": (DOC, replace("KT. CHỦ TỊCH", "K/T CHỦ TỊCH"), {"signature.prefix"}),
    "number-on-page-1": (DOC, drop_title_page, {"pagenum.first-page"}),
    "left-margin-20mm": (DOC, every("pgMar", left="1134"), {"page.margins"}),
    "motto-en-dashes": (
        DOC,
        replace("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"),
        {"header.motto.text"},
    ),
    "point-f": (DOC, add_point, {"body.point-letter"}),
}


def broken(name: str) -> bytes:
    """Return the rendered seed document broken as BROKEN[name] says."""
    part, change, _ = BROKEN[name]
    return edit(rendered(), part, change)


class Typist:
    """Write paragraphs the way a clerk formats by hand: every run formatted directly."""

    def __init__(self, split: int = 3, font: str | None = "Times New Roman") -> None:
        self.doc = docx.Document()
        self.split, self.font = split, font

    def line(self, *pieces: tuple, container=None, align=None):
        """Append a paragraph of (text, size, bold, italic) pieces; "\t" makes a tab."""
        p = (container or self.doc).add_paragraph()
        p.alignment = align
        for text, size, bold, italic in pieces:
            self.put(p, text, size, bold, italic)
        return p

    def put(self, p, text: str, size: float = 14, bold: bool = False, italic: bool = False):
        """Append ``text`` to ``p`` in runs of ``split`` characters."""
        for at in range(0, len(text), self.split):
            run = p.add_run(text[at : at + self.split])
            run.font.size, run.bold, run.italic = Pt(size), bold, italic
            if self.font:
                run.font.name = self.font


def page_setup(doc, page_number: str | None = "header") -> None:
    """Set A4, margins 25/20/35/20 mm and a centred PAGE field from page 2 (header or footer)."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin, section.right_margin = Mm(35), Mm(20)
    section.different_first_page_header_footer = True
    if page_number is None:
        return
    number = getattr(section, page_number).paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for inner in (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>2</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        font = '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr>'
        number._p.append(parse_xml(f"<w:r {nsdecls('w')}>{font}{inner}</w:r>"))


HEADER = (
    "ỦY BAN NHÂN DÂN",
    "TỈNH BẮC NINH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Số: 05/QĐ-UBND",
)
BODY = [
    ("QUYẾT ĐỊNH", 14, True, False),
    ("Về việc ban hành Quy chế làm việc", 14, True, False),
    ("", 14, False, False),
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH", 14, True, False),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", 14, False, True),
    (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn "
        "thư;",
        14,
        False,
        True,
    ),
    ("Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.", 14, False, True),
    ("QUYẾT ĐỊNH:", 14, True, False),
]
ARTICLES = [
    ("Điều 1.", " Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân tỉnh."),
    ("", "1. Quy chế gồm các nội dung:"),
    ("", "a) Nguyên tắc làm việc;"),
    ("", "đ) Trách nhiệm thi hành."),
    ("Điều 2.", " Quyết định này có hiệu lực kể từ ngày ký./."),
]


@lru_cache(maxsize=64)
def handmade(
    *,
    table: bool = False,
    split: int = 3,
    font: str | None = "Times New Roman",
    motto: str = "Độc lập - Tự do - Hạnh phúc",
    prefix: str = "TM.",
    date_line: str = "Bắc Ninh, ngày 05 tháng 8 năm 2025",
    point: str = "đ",
    number: str = HEADER[3],
    page_number: str | None = "header",
    one_paragraph: bool = False,
) -> bytes:
    """Return a Quyết định typed by hand: header and signature by tabs, or in tables.

    ``one_paragraph`` puts the Nơi nhận list of the table layout in one paragraph.
    """
    typist = Typist(split, font)
    doc = typist.doc
    page_setup(doc, page_number)
    issuer, province, quoc_hieu, _ = HEADER
    if table:
        grid = doc.add_table(rows=2, cols=2)
        left = typist.line((issuer, 13, True, False), container=grid.cell(0, 0))
        left.runs[-1].add_break()
        typist.put(left, province, 13, True)
        typist.line((quoc_hieu, 13, True, False), container=grid.cell(0, 1))
        typist.line((motto, 14, True, False), container=grid.cell(0, 1))
        typist.line((number, 13, False, False), container=grid.cell(1, 0))
        typist.line((date_line, 14, False, True), container=grid.cell(1, 1))
    else:
        tab = ("\t", 13, False, False)
        typist.line((issuer, 13, True, False), tab, (quoc_hieu, 13, True, False))
        typist.line((province, 13, True, False), tab, (motto, 14, True, False))
        typist.line(
            (number, 13, False, False), ("\t", 13, False, False), (date_line, 14, False, True)
        )
    for piece in BODY:
        typist.line(piece, align=WD_ALIGN_PARAGRAPH.CENTER if piece[2] else None)
    for head, rest in ARTICLES:
        rest = rest.replace("đ)", f"{point})")
        typist.line((head, 14, True, False), (rest, 14, False, False))
    _field_around_last_run(doc)
    signature = [(f"{prefix} ỦY BAN NHÂN DÂN", 14, True, False), ("CHỦ TỊCH", 14, True, False)]
    recipients = [("- Như Điều 2;", 11, False, False), ("- Lưu: VT, NC.", 11, False, False)]
    label = ("Nơi nhận:", 12, True, True)
    name = ("Nguyễn Văn A", 14, True, False)
    if table:
        grid = doc.add_table(rows=1, cols=2)
        if one_paragraph:  # the whole list in one paragraph, lines split by line breaks
            cell = typist.line(label, container=grid.cell(0, 0))
            for text, size, bold, italic in recipients:
                cell.runs[-1].add_break()
                typist.put(cell, text, size, bold, italic)
        for piece in () if one_paragraph else (label, *recipients):
            typist.line(piece, container=grid.cell(0, 0))
        for piece in (*signature, ("", 14, False, False), name):
            typist.line(piece, container=grid.cell(0, 1))
    else:
        tab = ("\t", 11, False, False)
        typist.line(label, tab, signature[0])
        typist.line(recipients[0], tab, signature[1])
        typist.line(recipients[1])
        for _ in range(3):
            typist.line(("", 14, False, False))
        typist.line(("\t\t", 14, False, False), name)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _field_around_last_run(doc) -> None:
    """Wrap the last run of the body in a simple field, as a mail merge leaves it."""
    run = doc.paragraphs[-1].runs[-1]._r
    field = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" DOCPROPERTY Status "/>')
    run.addprevious(field)
    field.append(run)


def theme_font(font: str) -> Callable[[etree._Element], None]:
    """Return a change setting the theme's body and heading Latin fonts."""

    def change(root: etree._Element) -> None:
        ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        for latin in root.iter(f"{ns}latin"):
            latin.set("typeface", font)

    return change


@lru_cache(maxsize=8)
def cong_van(symbol: str = "UBND-VX", summary_size: float = 12) -> bytes:
    """Return a công văn typed by hand: no tên loại, "V/v" under the Số line, "Kính gửi"."""
    typist = Typist()
    page_setup(typist.doc)
    tab = ("\t", 13, False, False)
    typist.line(
        ("ỦY BAN NHÂN DÂN", 13, True, False),
        tab,
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False),
    )
    typist.line(
        ("TỈNH BẮC NINH", 13, True, False), tab, ("Độc lập - Tự do - Hạnh phúc", 14, True, False)
    )
    typist.line(
        (f"Số: 12/{symbol}", 13, False, False),
        tab,
        ("Bắc Ninh, ngày 05 tháng 8 năm 2025", 14, False, True),
    )
    typist.line(("V/v triển khai Nghị định số 118/2025/NĐ-CP", summary_size, False, False))
    typist.line(("Kính gửi: Các sở, ban, ngành tỉnh.", 14, False, False))
    typist.line(
        (
            "Thực hiện Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ, Ủy ban "
            "nhân dân tỉnh đề nghị các cơ quan triển khai thực hiện./.",
            14,
            False,
            False,
        )
    )
    typist.line(("Nơi nhận:", 12, True, True), tab, ("KT. CHỦ TỊCH", 14, True, False))
    typist.line(("- Như trên;", 11, False, False), tab, ("PHÓ CHỦ TỊCH", 14, True, False))
    typist.line(("- Lưu: VT, VX.", 11, False, False))
    typist.line(("", 14, False, False))
    typist.line(("\t\t", 14, False, False), ("Trần Văn B", 14, True, False))
    out = io.BytesIO()
    typist.doc.save(out)
    return out.getvalue()
