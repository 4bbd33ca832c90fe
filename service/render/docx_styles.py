"""The Word style sheet of the templates: Times New Roman everywhere, Vietnamese, named VB styles.

Formatting lives in named styles ("VB …"), so a clerk who edits a template in Word keeps the
layout consistent, and ``{{r }}`` tags (which drop a run's own formatting) print correctly. The
renderer refers to a few style ids (tables, rules, footnotes); scripts/build_docx_templates.py
writes the whole sheet. Sizes follow /work/shared/docs/nd30-format.md §2.
"""

from __future__ import annotations

from dataclasses import dataclass

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DECL = f'xmlns:w="{W_NS}"'

# Style ids the renderer writes into document parts.
TABLE_STYLE = "VBBang"
CELL_STYLE = "VBOBang"
SMALL_CELL_STYLE = "VBOBangNho"  # cells of a dense table (layout.is_dense), 11 pt
RULE_STYLE = "VBDuongKe"  # an empty paragraph whose bottom border draws a rule
# Word's built-in footnote styles, under their built-in ids and names so Word treats them as such.
FOOTNOTE_TEXT = "FootnoteText"
FOOTNOTE_REFERENCE = "FootnoteReference"

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
    builtin: bool = False  # one of Word's own styles: not custom, hidden until used


BODY = {"align": "both", "indent": 567, "before": 6}  # §2.6: justified, 1 cm, 6 pt, single
STYLES = (
    ParagraphStyle("VBQuocHieu", "VB Quốc hiệu", 13, bold=True),
    ParagraphStyle("VBTieuNgu", "VB Tiêu ngữ", 14, bold=True),
    ParagraphStyle("VBCoQuanChuQuan", "VB Cơ quan chủ quản", 13),
    ParagraphStyle("VBCoQuanBanHanh", "VB Cơ quan ban hành", 13, bold=True),
    ParagraphStyle("VBSoKyHieu", "VB Số, ký hiệu", 13),
    ParagraphStyle("VBDiaDanhNgay", "VB Địa danh, ngày", 14, italic=True),
    ParagraphStyle("VBTenLoai", "VB Tên loại", 14, bold=True, before=24, keep_next=True),
    ParagraphStyle("VBTrichYeu", "VB Trích yếu", 14, bold=True, keep_next=True),
    # Clear of the descenders above, 6 pt to what follows (a table has no spacing of its own).
    ParagraphStyle(
        RULE_STYLE, "VB Đường kẻ", 1, align="left", before=3, after=6, keep_next=True, rule=True
    ),
    ParagraphStyle("VBThamQuyen", "VB Thẩm quyền", 14, bold=True, before=12, keep_next=True),
    ParagraphStyle("VBCanCu", "VB Căn cứ", 14, italic=True, **BODY),
    ParagraphStyle("VBLoiBanHanh", "VB Lời ban hành", 14, bold=True, before=12, keep_next=True),
    ParagraphStyle("VBNoiDung", "VB Nội dung", 14, **BODY),
    ParagraphStyle("VBDieu", "VB Điều", 14, **BODY),
    ParagraphStyle("VBKhoan", "VB Khoản", 14, **BODY),
    ParagraphStyle("VBDiem", "VB Điểm", 14, **BODY),
    ParagraphStyle("VBGachDauDong", "VB Gạch đầu dòng", 14, **BODY),
    ParagraphStyle("VBMuc", "VB Mục", 14, bold=True, keep_next=True, **BODY),
    ParagraphStyle("VBDeMuc", "VB Đề mục", 14, bold=True, keep_next=True, **BODY),
    ParagraphStyle("VBCanGiua", "VB Căn giữa", 14, bold=True, before=6, keep_next=True),
    ParagraphStyle("VBNoiNhan", "VB Nơi nhận", 12, bold=True, italic=True, align="left"),
    ParagraphStyle("VBNoiNhanMuc", "VB Nơi nhận mục", 11, align="left"),
    ParagraphStyle("VBChucVuKy", "VB Chức vụ ký", 14, bold=True),
    ParagraphStyle("VBNguoiKy", "VB Người ký", 14, bold=True),
    ParagraphStyle("VBPhuLuc", "VB Phụ lục", 14, bold=True, keep_next=True),
    ParagraphStyle("VBTenPhuLuc", "VB Tên phụ lục", 14, bold=True, keep_next=True),
    ParagraphStyle("VBKemTheo", "VB Kèm theo", 14, italic=True, keep_next=True),
    # 1 pt + 1.4 pt cell margin above and below: a row as tall as the PDF's (2 pt padding, 0.75 pt rule).
    ParagraphStyle(CELL_STYLE, "VB Ô bảng", 13, align="left", before=1, after=1),
    ParagraphStyle(SMALL_CELL_STYLE, "VB Ô bảng nhỏ", 11, align="left", before=1, after=1),
    ParagraphStyle("VBSoTrang", "VB Số trang", 14),
    ParagraphStyle("VBNgatPhan", "VB Ngắt phần", 1, align="left"),
    ParagraphStyle(FOOTNOTE_TEXT, "footnote text", 10, align="both", builtin=True),
)
STYLE_NAMES = {spec.style_id: spec.name for spec in STYLES}
# The paragraph style of each model.BLOCK_ROLES entry; "text" is the template's fallback.
ROLE_STYLES = {
    "article": "VBDieu",
    "clause": "VBKhoan",
    "point": "VBDiem",
    "bullet": "VBGachDauDong",
    "section": "VBMuc",
    "heading": "VBDeMuc",
    "centered": "VBCanGiua",
    "text": "VBNoiDung",
}


def paragraph_style_xml(spec: ParagraphStyle) -> str:
    """Return the ``w:style`` of a paragraph style, children in schema order."""
    ppr = (
        ("<w:keepNext/>" if spec.keep_next else "")
        + (RULE_XML if spec.rule else "")
        + f'<w:spacing w:before="{spec.before * 20}" w:after="{spec.after * 20}"'
        + ' w:line="240" w:lineRule="auto"/>'
        + (f'<w:ind w:firstLine="{spec.indent}"/>' if spec.indent else "")
        + f'<w:jc w:val="{spec.align}"/>'
    )
    size = round(spec.size * 2)
    rpr = (
        FONTS_XML
        + ("<w:b/><w:bCs/>" if spec.bold else "")
        + ("<w:i/><w:iCs/>" if spec.italic else "")
        + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    )
    custom = "" if spec.builtin else ' w:customStyle="1"'
    shown = '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>' if spec.builtin else "<w:qFormat/>"
    return (
        f'<w:style {_DECL} w:type="paragraph"{custom}'
        f' w:styleId="{spec.style_id}"><w:name w:val="{spec.name}"/>'
        f'<w:basedOn w:val="Normal"/>{shown}'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def footnote_reference_style_xml() -> str:
    """Return Word's "footnote reference" character style: the mark, superscript."""
    return (
        f'<w:style {_DECL} w:type="character" w:styleId="{FOOTNOTE_REFERENCE}">'
        '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    )


def base_styles_xml() -> list[str]:
    """Return docDefaults and Word's default styles, all in Times New Roman, Vietnamese."""
    margins = "".join(
        f'<w:{side} w:w="{w}" w:type="dxa"/>'
        for side, w in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108))
    )
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
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margins = "".join(
        f'<w:{side} w:w="{w}" w:type="dxa"/>'
        for side, w in (("top", 28), ("left", 85), ("bottom", 28), ("right", 85))
    )
    return (
        f'<w:style {_DECL} w:type="table" w:customStyle="1"'
        f' w:styleId="{TABLE_STYLE}"><w:name w:val="VB Bảng"/>'
        '<w:basedOn w:val="TableNormal"/><w:qFormat/>'
        f'<w:rPr>{FONTS_XML}<w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>'
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"
        f"<w:tblCellMar>{margins}</w:tblCellMar></w:tblPr></w:style>"
    )


def style_sheet_xml() -> list[str]:
    """Return every ``w:style`` (and the docDefaults) of a template, in order."""
    return [
        *base_styles_xml(),
        *(paragraph_style_xml(spec) for spec in STYLES),
        footnote_reference_style_xml(),
        table_style_xml(),
    ]
