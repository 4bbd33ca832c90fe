"""Build the Word templates in templates/decisions from code: reproducible and reviewable.

Usage: ``python scripts/build_docx_templates.py [kind ...]`` (all kinds without arguments).

Each template is an ordinary Word document with docxtpl tags in its text. The pieces every ND30
document shares (page setup, named styles, the ô 1-4 header table, the title block, the signature
table, the appendix sections) are functions below; a kind is a short assembly of them in KINDS.
Formatting lives in named paragraph styles ("VB …"), so a clerk who edits a template in Word keeps
the layout consistent, and ``{{r }}`` tags (which drop the run's own formatting) print correctly.
Geometry follows /work/shared/docs/nd30-format.md §1, §2 and §4.3.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Sequence
from copy import deepcopy
from datetime import date
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

from service.model import BLOCK_ROLES
from service.render.ooxml import (
    CELL_STYLE,
    RULE_STYLE,
    base_styles_xml,
    core_xml,
    paragraph_style_xml,
    table_style_xml,
    twips,
    zip_package,
)
from service.render.ooxml import ParagraphStyle as Para

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "templates" / "decisions"
BUILT = date(2024, 1, 1)  # the templates' own zip and property date: fixed, so builds are identical

# §1: A4 portrait, margins 20/20/30/15 mm, header 10 mm from the edge (as the official files).
PAGE_W, PAGE_H = 11906, 16838
MARGINS = {"top": 1134, "right": 851, "bottom": 1134, "left": 1701, "header": 567, "footer": 567}
TEXT_W = PAGE_W - MARGINS["left"] - MARGINS["right"]  # 9354 twips = 165 mm
# §4.3: left 65 mm, right 100 mm; the 13 pt bold Quốc hiệu is 95.7 mm and must not wrap.
LEFT_W = twips(65)
RIGHT_W = TEXT_W - LEFT_W
PAD = twips(1)  # cell padding left and right
# §2.1/2.2/2.5 rule lengths. Tiêu ngữ: its own text width (60.5 mm at 14 pt bold). Issuer: about
# half of "TỈNH BẮC GIANG" (39 mm at 13 pt bold), a third of a 57 mm name. Trích yếu and appendix:
# a third of the text width, between a third and a half of a typical full summary line.
MOTTO_RULE, ISSUER_RULE, TITLE_RULE = twips(60.5), twips(19), TEXT_W // 3
SIGNATURE_GAP = 4  # empty 14 pt lines between the title and the name, room for signature and seal
SIGNATURE_TOP = 240  # twips above "Nơi nhận:" and the first title line, level with each other

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"  # ASCII hyphens with spaces (§2.1)
BODY = {"align": "both", "indent": 567, "before": 6}  # §2.6: justified, 1 cm, 6 pt, single
STYLES = (
    Para("VBQuocHieu", "VB Quốc hiệu", 13, bold=True),
    Para("VBTieuNgu", "VB Tiêu ngữ", 14, bold=True),
    Para("VBCoQuanChuQuan", "VB Cơ quan chủ quản", 13),
    Para("VBCoQuanBanHanh", "VB Cơ quan ban hành", 13, bold=True),
    Para("VBSoKyHieu", "VB Số, ký hiệu", 13),
    Para("VBDiaDanhNgay", "VB Địa danh, ngày", 14, italic=True),
    Para("VBTenLoai", "VB Tên loại", 14, bold=True, before=24, keep_next=True),
    Para("VBTrichYeu", "VB Trích yếu", 14, bold=True, keep_next=True),
    # Clear of the descenders above, 6 pt to what follows (a table has no spacing of its own).
    Para(RULE_STYLE, "VB Đường kẻ", 1, align="left", before=3, after=6, keep_next=True,
         rule=True),
    Para("VBThamQuyen", "VB Thẩm quyền", 14, bold=True, before=12, keep_next=True),
    Para("VBCanCu", "VB Căn cứ", 14, italic=True, **BODY),
    Para("VBLoiBanHanh", "VB Lời ban hành", 14, bold=True, before=12, keep_next=True),
    Para("VBNoiDung", "VB Nội dung", 14, **BODY),
    Para("VBDieu", "VB Điều", 14, **BODY),
    Para("VBKhoan", "VB Khoản", 14, **BODY),
    Para("VBDiem", "VB Điểm", 14, **BODY),
    Para("VBGachDauDong", "VB Gạch đầu dòng", 14, **BODY),
    Para("VBDeMuc", "VB Đề mục", 14, bold=True, keep_next=True, **BODY),
    Para("VBCanGiua", "VB Căn giữa", 14, bold=True, before=6, keep_next=True),
    Para("VBNoiNhan", "VB Nơi nhận", 12, bold=True, italic=True, align="left"),
    Para("VBNoiNhanMuc", "VB Nơi nhận mục", 11, align="left"),
    Para("VBChucVuKy", "VB Chức vụ ký", 14, bold=True),
    Para("VBNguoiKy", "VB Người ký", 14, bold=True),
    Para("VBPhuLuc", "VB Phụ lục", 14, bold=True, keep_next=True),
    Para("VBTenPhuLuc", "VB Tên phụ lục", 14, bold=True, keep_next=True),
    Para("VBKemTheo", "VB Kèm theo", 14, italic=True, keep_next=True),
    Para(CELL_STYLE, "VB Ô bảng", 13, align="left", before=2, after=2),
    Para("VBSoTrang", "VB Số trang", 14),
    Para("VBNgatPhan", "VB Ngắt phần", 1, align="left"),
)
STYLE_NAMES = {spec.style_id: spec.name for spec in STYLES}
# The paragraph style of each model.BLOCK_ROLES entry; "text" is the fallback of the if-chain.
ROLE_STYLES = {"article": "VBDieu", "clause": "VBKhoan", "point": "VBDiem",
               "bullet": "VBGachDauDong", "heading": "VBDeMuc", "centered": "VBCanGiua",
               "text": "VBNoiDung"}

Line = tuple[str, str]  # (text, style id)


def new_template() -> Document:
    """Return an empty document with the VB styles, ND30 page setup and page-number headers."""
    doc = docx.Document()
    for rels, unused in ((doc.part.rels, _UNUSED_PARTS), (doc.part.package.rels, {"thumbnail"})):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in unused:
                rels.pop(rel_id)
    body = doc.element.body
    for child in list(body)[:-1]:  # everything but the final sectPr
        body.remove(child)
    _vietnamese_settings(doc.settings.element)
    _define_styles(doc.styles.element)
    _page_setup(doc)
    return doc


_UNUSED_PARTS = {"stylesWithEffects", "customXml", "numbering", "webSettings"}


def _vietnamese_settings(settings) -> None:
    """Set the language and number punctuation; drop the editing history and preview picture."""
    for tag in ("w:savePreviewPicture", "w:rsids"):
        for node in settings.findall(qn(tag)):
            settings.remove(node)
    settings.find(qn("w:themeFontLang")).attrib.clear()
    for tag, value in (("themeFontLang", "vi-VN"), ("decimalSymbol", ","), ("listSeparator", ";")):
        settings.find(qn(f"w:{tag}")).set(qn("w:val"), value)


def _define_styles(sheet) -> None:
    """Replace the default style sheet with Times New Roman defaults and the VB styles."""
    for child in list(sheet):
        sheet.remove(child)
    styles = [paragraph_style_xml(spec) for spec in STYLES]
    for xml in (*base_styles_xml(), *styles, table_style_xml()):
        sheet.append(parse_xml(xml))


def _page_setup(doc: Document) -> None:
    """Set A4 and the ND30 margins, numbering from 1, a page number shown from page 2."""
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin" if side in SIDES else f"{side}_distance", Twips(value))
    section.gutter = Twips(0)
    section.different_first_page_header_footer = True  # w:titlePg: page 1 shows no number
    sect = section._sectPr
    sect.find(qn("w:cols")).addprevious(parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))
    sect.attrib.clear()  # rsids: editing history, not layout
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].style = STYLE_NAMES["VBSoTrang"]
    number = section.header.paragraphs[0]
    number.style = STYLE_NAMES["VBSoTrang"]
    for inner in ('<w:fldChar w:fldCharType="begin"/>',
                  '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                  '<w:fldChar w:fldCharType="separate"/>', "<w:t>2</w:t>",
                  '<w:fldChar w:fldCharType="end"/>'):
        number._p.append(parse_xml(f'<w:r {nsdecls("w")}>{inner}</w:r>'))


SIDES = ("top", "left", "bottom", "right")  # the order CT_TblBorders and CT_TblCellMar require


def show(value: str, style_id: str) -> Line:
    """Return a paragraph printing the run XML ``value``."""
    return f"{{{{r {value} }}}}", style_id


def each(items: str, style_id: str) -> list[Line]:
    """Return paragraphs printing every item of ``items``, one paragraph each."""
    return [(f"{{%p for line in {items} %}}", style_id), show("line", style_id),
            ("{%p endfor %}", style_id)]


def when(value: str, style_id: str) -> list[Line]:
    """Return paragraphs printing ``value`` only when the document has it."""
    return [(f"{{%p if {value} %}}", style_id), show(value, style_id), ("{%p endif %}", style_id)]


def add_lines(container, lines: Sequence[Line]) -> None:
    """Append (text, style id) paragraphs to a document or a table cell."""
    for text, style_id in lines:
        container.add_paragraph(text, STYLE_NAMES[style_id])


def add_rule(container, room: int, length: int) -> None:
    """Append a centred rule ``length`` twips long, its indents taken from the ``room`` it has."""
    add_lines(container, [("", RULE_STYLE)])
    fmt = container.paragraphs[-1].paragraph_format
    fmt.left_indent = fmt.right_indent = Twips((room - length) // 2)


def add_layout_table(doc: Document, rows: int, *, top: int = 0, cant_split: bool = False):
    """Append a borderless fixed-layout 65 | 100 mm table of empty top-aligned cells."""
    table = doc.add_table(rows=rows, cols=2)
    nil = "".join(f'<w:{side} w:val="nil"/>' for side in (*SIDES, "insideH", "insideV"))
    pads = "".join(f'<w:{side} w:w="{w}" w:type="dxa"/>' for side, w in
                   zip(SIDES, (top, PAD, 0, PAD), strict=True))
    table._tbl.remove(table._tbl.tblPr)
    table._tbl.insert(0, parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblW w:w="{TEXT_W}" w:type="dxa"/>'
        f'<w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{nil}</w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{pads}</w:tblCellMar>'
        '<w:tblLook w:val="0000" w:noHBand="1" w:noVBand="1"/></w:tblPr>'))
    for column, width in zip(table.columns, (LEFT_W, RIGHT_W), strict=True):
        column.width = Twips(width)
        for cell in column.cells:
            cell.width = Twips(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            cell._tc.remove(cell._tc.find(qn("w:p")))  # add_lines fills the cell
    for row in table.rows if cant_split else ():
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    return table


def add_header_table(doc: Document) -> None:
    """Append ô 1-4: issuer | Quốc hiệu and Tiêu ngữ, then Số | place and date."""
    table = add_layout_table(doc, rows=2)
    issuer, motto = table.cell(0, 0), table.cell(0, 1)
    add_lines(issuer, [*when("header.parent", "VBCoQuanChuQuan"),
                       *each("header.issuer", "VBCoQuanBanHanh")])
    add_rule(issuer, LEFT_W - 2 * PAD, ISSUER_RULE)
    add_lines(motto, [(QUOC_HIEU, "VBQuocHieu"), (TIEU_NGU, "VBTieuNgu")])
    add_rule(motto, RIGHT_W - 2 * PAD, MOTTO_RULE)
    add_lines(table.cell(1, 0), [show("header.number_line", "VBSoKyHieu")])
    add_lines(table.cell(1, 1), [show("header.place_date", "VBDiaDanhNgay")])


def add_title_block(doc: Document) -> None:
    """Append the tên loại, the trích yếu lines and the rule under them."""
    add_lines(doc, [show("type_name", "VBTenLoai"), *each("summary", "VBTrichYeu")])
    add_rule(doc, TEXT_W, TITLE_RULE)


def add_enacting_block(doc: Document) -> None:
    """Append the thẩm quyền line, the căn cứ lines and the enacting words ("QUYẾT ĐỊNH:")."""
    add_lines(doc, [*when("authority", "VBThamQuyen"), *each("bases", "VBCanCu"),
                    *when("enacting", "VBLoiBanHanh")])


def add_blocks(container, items: str = "body") -> None:
    """Append a loop over blocks choosing each paragraph's style by its role, "text" otherwise."""
    lines: list[Line] = [(f"{{%p for b in {items} %}}", "VBNoiDung")]
    for i, role in enumerate(r for r in ROLE_STYLES if r != "text"):
        lines += [(f"{{%p {'elif' if i else 'if'} b.role == '{role}' %}}", ROLE_STYLES[role]),
                  show("b.rich", ROLE_STYLES[role])]
    lines += [("{%p else %}", "VBNoiDung"), show("b.rich", "VBNoiDung"),
              ("{%p endif %}", "VBNoiDung"), ("{%p endfor %}", "VBNoiDung")]
    add_lines(container, lines)


def add_signature_table(doc: Document) -> None:
    """Append nơi nhận | quyền hạn, chức vụ, room to sign and the name, kept on one page."""
    table = add_layout_table(doc, rows=1, top=SIGNATURE_TOP, cant_split=True)
    add_lines(table.cell(0, 0), [("Nơi nhận:", "VBNoiNhan"), *each("recipients", "VBNoiNhanMuc")])
    add_lines(table.cell(0, 1), [*each("signature.lines", "VBChucVuKy"),
                                 *[("", "VBChucVuKy")] * SIGNATURE_GAP,
                                 show("signature.name", "VBNguoiKy")])


def add_appendix_sections(doc: Document) -> None:
    """Append the phụ lục loop: each appendix a new section whose page numbers restart at 1."""
    add_lines(doc, [("{%p for ap in appendices %}", "VBPhuLuc"), ("", "VBNgatPhan")])
    # This paragraph's sectPr closes the section before it: the body or the previous appendix.
    body_sect = doc.element.body.find(qn("w:sectPr"))
    doc.paragraphs[-1]._p.get_or_add_pPr().append(deepcopy(body_sect))
    add_lines(doc, [show("ap.label", "VBPhuLuc"), show("ap.title", "VBTenPhuLuc"),
                    show("ap.attribution", "VBKemTheo")])
    add_rule(doc, TEXT_W, TITLE_RULE)
    add_lines(doc, [("{{p ap.table_xml }}", CELL_STYLE)])
    add_blocks(doc, "ap.blocks")
    add_lines(doc, [("{%p endfor %}", "VBPhuLuc")])


def end_document(doc: Document) -> None:
    """Append the last paragraph, so the body never ends on a table before its sectPr."""
    add_lines(doc, [("", "VBNgatPhan")])


def build_ranking_decision() -> Document:
    """Return the template of a Quyết định with ranking tables in its appendices (Mẫu 1.2)."""
    doc = new_template()
    for piece in (add_header_table, add_title_block, add_enacting_block, add_blocks,
                  add_signature_table, add_appendix_sections, end_document):
        piece(doc)
    return doc


KINDS = {"ranking-decision": build_ranking_decision}
APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>vanban</Application><DocSecurity>0</DocSecurity></Properties>"
)


def template_bytes(doc: Document, title: str) -> bytes:
    """Return the document as a docx whose bytes depend only on its content."""
    raw = io.BytesIO()
    doc.save(raw)
    with zipfile.ZipFile(raw) as zf:
        parts = [(name, zf.read(name)) for name in zf.namelist()]
    fixed = {"docProps/core.xml": core_xml(title, "vanban", BUILT), "docProps/app.xml": APP_XML}
    return zip_package([(name, fixed.get(name, data)) for name, data in parts], BUILT)


def build(kind: str, out_dir: Path = OUT_DIR) -> Path:
    """Write the template of ``kind`` and return its path."""
    if set(ROLE_STYLES) != set(BLOCK_ROLES):
        raise SystemExit("ROLE_STYLES must name a style for every model.BLOCK_ROLES entry")
    path = out_dir / f"{kind}.docx"
    path.write_bytes(template_bytes(KINDS[kind](), f"Mẫu văn bản: {kind}"))
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Build the templates named on the command line, or all of them."""
    kinds = list(sys.argv[1:] if argv is None else argv) or list(KINDS)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        print(f"unknown kind(s): {', '.join(unknown)}; known: {', '.join(KINDS)}", file=sys.stderr)
        return 2
    for kind in kinds:
        print(build(kind).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
