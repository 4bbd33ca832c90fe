"""Build the Word template in templates/decisions from code: reproducible and reviewable.

Usage: ``python scripts/build_docx_templates.py`` writes templates/decisions/document.docx.

Each template is an ordinary Word document with docxtpl tags in its text, started from the blank
of service/render/docx_blank.py (page setup, named styles, page numbers, footnotes part). The
layout pieces every ND30 document shares (the ô 1-4 header table, the title block, the signature
table, the appendix sections) are functions below, and ``build_document`` assembles them. Every
kind in KINDS is printed by that one template: what a kind lacks (a Thông báo or a Kế hoạch has no
thẩm quyền line, căn cứ or "QUYẾT ĐỊNH:"; an appendix may have no label, an attached document has
its own header) is left out by the template's conditions, not by another layout. The style sheet
is service/render/docx_styles.py. Geometry follows /work/shared/docs/nd30-format.md §1, §2, §4.3.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from copy import deepcopy
from pathlib import Path

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

from service.model import BLOCK_ROLES
from service.render.docx_blank import SIDES, TEXT_W, new_template, template_bytes
from service.render.docx_styles import CELL_STYLE, ROLE_STYLES, RULE_STYLE, STYLE_NAMES
from service.render.ooxml import twips

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "templates" / "decisions"
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
ATTACHED_GAP = 480  # twips under an attached document's header, as "VB Tên loại" has above it

Line = tuple[str, str]  # (text, style id)


def show(value: str, style_id: str) -> Line:
    """Return a paragraph printing the run XML ``value``."""
    return f"{{{{r {value} }}}}", style_id


def each(items: str, style_id: str) -> list[Line]:
    """Return paragraphs printing every item of ``items``, one paragraph each."""
    return [
        (f"{{%p for line in {items} %}}", style_id),
        show("line", style_id),
        ("{%p endfor %}", style_id),
    ]


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


def add_layout_table(
    doc: Document, rows: int, *, top: int = 0, bottom: int = 0, cant_split: bool = False
):
    """Append a borderless fixed-layout 65 | 100 mm table of empty top-aligned cells."""
    table = doc.add_table(rows=rows, cols=2)
    nil = "".join(f'<w:{side} w:val="nil"/>' for side in (*SIDES, "insideH", "insideV"))
    pads = "".join(
        f'<w:{side} w:w="{w}" w:type="dxa"/>'
        for side, w in zip(SIDES, (top, PAD, bottom, PAD), strict=True)
    )
    table._tbl.remove(table._tbl.tblPr)
    table._tbl.insert(
        0,
        parse_xml(
            f'<w:tblPr {nsdecls("w")}><w:tblW w:w="{TEXT_W}" w:type="dxa"/>'
            f'<w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{nil}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{pads}</w:tblCellMar>'
            '<w:tblLook w:val="0000" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        ),
    )
    for column, width in zip(table.columns, (LEFT_W, RIGHT_W), strict=True):
        column.width = Twips(width)
        for cell in column.cells:
            cell.width = Twips(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            cell._tc.remove(cell._tc.find(qn("w:p")))  # add_lines fills the cell
    for row in table.rows if cant_split else ():
        row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    return table


def add_header_table(doc: Document, source: str = "header", *, dated: bool = True) -> None:
    """Append ô 1-4: issuer | Quốc hiệu and Tiêu ngữ, then (if ``dated``) Số | place and date.

    An attached document (Mẫu 1.3) has its own header without the Số and date row.
    """
    table = add_layout_table(doc, rows=2 if dated else 1, bottom=0 if dated else ATTACHED_GAP)
    issuer, motto = table.cell(0, 0), table.cell(0, 1)
    add_lines(
        issuer,
        [
            *when(f"{source}.parent", "VBCoQuanChuQuan"),
            *each(f"{source}.issuer", "VBCoQuanBanHanh"),
        ],
    )
    add_rule(issuer, LEFT_W - 2 * PAD, ISSUER_RULE)
    add_lines(motto, [(QUOC_HIEU, "VBQuocHieu"), (TIEU_NGU, "VBTieuNgu")])
    add_rule(motto, RIGHT_W - 2 * PAD, MOTTO_RULE)
    if dated:
        add_lines(table.cell(1, 0), [show(f"{source}.number_line", "VBSoKyHieu")])
        add_lines(table.cell(1, 1), [show(f"{source}.place_date", "VBDiaDanhNgay")])


def add_title_block(doc: Document) -> None:
    """Append the tên loại, the trích yếu lines and the rule under them."""
    add_lines(doc, [show("type_name", "VBTenLoai"), *each("summary", "VBTrichYeu")])
    add_rule(doc, TEXT_W, TITLE_RULE)


def add_enacting_block(doc: Document) -> None:
    """Append the thẩm quyền line, the căn cứ lines and the enacting words ("QUYẾT ĐỊNH:")."""
    add_lines(
        doc,
        [
            *when("authority", "VBThamQuyen"),
            *each("bases", "VBCanCu"),
            *when("enacting", "VBLoiBanHanh"),
        ],
    )


def add_blocks(container, items: str = "body") -> None:
    """Append a loop over blocks choosing each paragraph's style by its role, "text" otherwise."""
    lines: list[Line] = [(f"{{%p for b in {items} %}}", "VBNoiDung")]
    for i, role in enumerate(r for r in ROLE_STYLES if r != "text"):
        lines += [
            (f"{{%p {'elif' if i else 'if'} b.role == '{role}' %}}", ROLE_STYLES[role]),
            show("b.rich", ROLE_STYLES[role]),
        ]
    lines += [
        ("{%p else %}", "VBNoiDung"),
        show("b.rich", "VBNoiDung"),
        ("{%p endif %}", "VBNoiDung"),
        ("{%p endfor %}", "VBNoiDung"),
    ]
    add_lines(container, lines)


def add_signature_table(doc: Document) -> None:
    """Append nơi nhận | quyền hạn, chức vụ, room to sign and the name, kept on one page."""
    table = add_layout_table(doc, rows=1, top=SIGNATURE_TOP, cant_split=True)
    add_lines(table.cell(0, 0), [("Nơi nhận:", "VBNoiNhan"), *each("recipients", "VBNoiNhanMuc")])
    add_lines(
        table.cell(0, 1),
        [
            *each("signature.lines", "VBChucVuKy"),
            *[("", "VBChucVuKy")] * SIGNATURE_GAP,
            show("signature.name", "VBNguoiKy"),
        ],
    )


def add_appendix_sections(doc: Document) -> None:
    """Append the phụ lục loop: each appendix a new section whose page numbers restart at 1.

    Print order: own header, label, title, subtitle, attribution, rule, paragraphs, table.
    """
    add_lines(doc, [("{%p for ap in appendices %}", "VBPhuLuc"), ("", "VBNgatPhan")])
    # This paragraph's sectPr closes the section before it: the body or the previous appendix.
    body_sect = doc.element.body.find(qn("w:sectPr"))
    doc.paragraphs[-1]._p.get_or_add_pPr().append(deepcopy(body_sect))
    add_lines(doc, [("{%p if ap.header %}", "VBPhuLuc")])
    add_header_table(doc, "ap.header", dated=False)
    add_lines(
        doc,
        [
            ("{%p endif %}", "VBPhuLuc"),
            *when("ap.label", "VBPhuLuc"),
            show("ap.title", "VBTenPhuLuc"),
            *when("ap.subtitle", "VBTrichYeu"),
            *when("ap.attribution", "VBKemTheo"),
        ],
    )
    add_rule(doc, TEXT_W, TITLE_RULE)
    add_blocks(doc, "ap.blocks")
    add_lines(doc, [("{{p ap.table_xml }}", CELL_STYLE), ("{%p endfor %}", "VBPhuLuc")])


def end_document(doc: Document) -> None:
    """Append the last paragraph, so the body never ends on a table before its sectPr."""
    add_lines(doc, [("", "VBNgatPhan")])


def build_document() -> Document:
    """Return the template every kind shares: Mẫu 1.2/1.3 decisions, 1.4 notices and plans."""
    doc = new_template()
    for piece in (
        add_header_table,
        add_title_block,
        add_enacting_block,
        add_blocks,
        add_signature_table,
        add_appendix_sections,
        end_document,
    ):
        piece(doc)
    return doc


# The kinds the one template serves; a kind differs by its data, not by its layout.
KINDS = (
    "ranking-decision",  # Quyết định with ranking tables in its appendices (Mẫu 1.2)
    "decision",  # Quyết định cá biệt, possibly issuing an attached document (Mẫu 1.2/1.3)
    "quality-objectives-decision",  # Quyết định phê duyệt mục tiêu chất lượng (Mẫu 1.2)
    "conclusion-notice",  # Thông báo kết luận (Mẫu 1.4)
    "inspection-plan",  # Kế hoạch with appendices and landscape forms (Mẫu 1.4)
)
TEMPLATE_NAME = "document.docx"


def build(out_dir: Path = OUT_DIR) -> Path:
    """Write the shared Word template and return its path."""
    if set(ROLE_STYLES) != set(BLOCK_ROLES):
        raise SystemExit("ROLE_STYLES must name a style for every model.BLOCK_ROLES entry")
    path = out_dir / TEMPLATE_NAME
    path.write_bytes(template_bytes(build_document(), "Mẫu văn bản hành chính (vanban)"))
    return path


def main() -> int:
    """Build the shared template."""
    print(build().relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
