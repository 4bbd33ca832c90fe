"""The DOCX renderer: ND30 layout in the template, escaping, determinism, docxtpl equivalence."""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date, timedelta

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from service.errors import RenderError
from service.model import BLOCK_ROLES, Block, Cell, Column, Run, Table
from service.render import TEMPLATES
from service.render.docx import docx_context, load_template, render_docx
from service.render.docx_text import docx_lines, docx_words

from .conftest import ROOT
from .sample import HOSTILE, sample_document

TEMPLATE = TEMPLATES / "decisions" / "ranking-decision.docx"
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = f"{{{NS['w']}}}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
CENTER, JUSTIFY, LEFT = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY,
                         WD_ALIGN_PARAGRAPH.LEFT)


@pytest.fixture(scope="module")
def rendered() -> bytes:
    """Return the sample document rendered once."""
    return render_docx(sample_document())


def part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    """Return one XML part of a DOCX, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def val(element: etree._Element | None, attr: str = "val") -> str | None:
    """Return a w: attribute of an element that may be missing."""
    return None if element is None else element.get(W + attr)


def with_table(table: Table, landscape: bool = False):
    """Return the sample with one appendix holding ``table``."""
    doc = sample_document()
    return replace(doc, appendices=(replace(doc.appendices[0], table=table, landscape=landscape),))


def test_rendered_document_opens_with_python_docx(rendered):
    document = docx.Document(io.BytesIO(rendered))
    assert document.core_properties.title == "Quyết định 2113/QĐ-UBND"
    assert len(document.sections) == 3


@pytest.mark.parametrize("section", [0, 1, 2])
def test_every_section_is_a4_portrait_with_nd30_margins(rendered, section):
    sect = part(rendered).findall(".//w:sectPr", NS)[section]
    assert (val(sect.find("w:pgSz", NS), "w"), val(sect.find("w:pgSz", NS), "h")) == ("11906",
                                                                                     "16838")
    margins = sect.find("w:pgMar", NS)
    assert {k: val(margins, k) for k in ("top", "bottom", "left", "right")} == {
        "top": "1134", "bottom": "1134", "left": "1701", "right": "851"}


def effective_fonts(styles: etree._Element, style_id: str) -> dict[str, str]:
    """Return the rFonts a style resolves to, through basedOn down to the document defaults."""
    chain = []
    while style_id:
        style = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        assert style is not None, f"style {style_id} is used but not defined"
        chain.append(style.find("w:rPr/w:rFonts", NS))
        style_id = val(style.find("w:basedOn", NS))
    chain.append(styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS))
    fonts: dict[str, str] = {}
    for rfonts in filter(lambda e: e is not None, chain):
        for key in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.setdefault(key, val(rfonts, key))
    return fonts


def test_every_style_in_use_resolves_to_times_new_roman(rendered):
    styles = part(rendered, "word/styles.xml")
    used = {val(e) for name in ("word/document.xml", "word/header1.xml", "word/header2.xml")
            for e in part(rendered, name).iter(W + "pStyle", W + "tblStyle")}
    assert used >= {"VBQuocHieu", "VBDieu", "VBNoiNhan", "VBOBang", "VBBang", "VBSoTrang"}
    for style_id in used:
        assert set(effective_fonts(styles, style_id).values()) == {"Times New Roman"}, style_id
    theme_attrs = [k for e in styles.iter(W + "rFonts") for k in e.attrib if "Theme" in k]
    assert not theme_attrs  # a theme font would override the explicit names
    assert not list(part(rendered).iter(W + "rFonts"))  # no run overrides the font


def test_document_language_is_vietnamese(rendered):
    lang = part(rendered, "word/styles.xml").find("w:docDefaults//w:lang", NS)
    assert val(lang) == "vi-VN"


@pytest.mark.parametrize(("name", "size", "bold", "italic", "align"), [
    ("VB Quốc hiệu", 13, True, False, CENTER),
    ("VB Tiêu ngữ", 14, True, False, CENTER),
    ("VB Cơ quan chủ quản", 13, False, False, CENTER),
    ("VB Cơ quan ban hành", 13, True, False, CENTER),
    ("VB Số, ký hiệu", 13, False, False, CENTER),
    ("VB Địa danh, ngày", 14, False, True, CENTER),
    ("VB Tên loại", 14, True, False, CENTER),
    ("VB Trích yếu", 14, True, False, CENTER),
    ("VB Thẩm quyền", 14, True, False, CENTER),
    ("VB Căn cứ", 14, False, True, JUSTIFY),
    ("VB Lời ban hành", 14, True, False, CENTER),
    ("VB Nội dung", 14, False, False, JUSTIFY),
    ("VB Điều", 14, False, False, JUSTIFY),
    ("VB Khoản", 14, False, False, JUSTIFY),
    ("VB Điểm", 14, False, False, JUSTIFY),
    ("VB Gạch đầu dòng", 14, False, False, JUSTIFY),
    ("VB Đề mục", 14, True, False, JUSTIFY),
    ("VB Căn giữa", 14, True, False, CENTER),
    ("VB Nơi nhận", 12, True, True, LEFT),
    ("VB Nơi nhận mục", 11, False, False, LEFT),
    ("VB Chức vụ ký", 14, True, False, CENTER),
    ("VB Người ký", 14, True, False, CENTER),
    ("VB Phụ lục", 14, True, False, CENTER),
    ("VB Tên phụ lục", 14, True, False, CENTER),
    ("VB Kèm theo", 14, False, True, CENTER),
    ("VB Ô bảng", 13, False, False, LEFT),
    ("VB Số trang", 14, False, False, CENTER),
])
def test_named_style_has_its_nd30_formatting(rendered, name, size, bold, italic, align):
    style = docx.Document(io.BytesIO(rendered)).styles[name]
    assert style.style_id.isascii() and style.style_id.startswith("VB")
    assert style.font.size.pt == size
    assert (bool(style.font.bold), bool(style.font.italic)) == (bold, italic)
    assert style.paragraph_format.alignment == align


@pytest.mark.parametrize("name", ["VB Căn cứ", "VB Nội dung", "VB Điều", "VB Khoản", "VB Điểm",
                                  "VB Gạch đầu dòng"])
def test_body_style_is_indented_1cm_6pt_apart_single_spaced(rendered, name):
    fmt = docx.Document(io.BytesIO(rendered)).styles[name].paragraph_format
    assert (fmt.first_line_indent.twips, fmt.space_before.pt, fmt.line_spacing) == (567, 6, 1.0)


def test_table_style_has_single_borders_and_13pt(rendered):
    style = part(rendered, "word/styles.xml").find("w:style[@w:styleId='VBBang']", NS)
    assert val(style.find("w:name", NS)) == "VB Bảng"
    borders = style.find("w:tblPr/w:tblBorders", NS)
    assert {val(b) for b in borders} == {"single"} and len(borders) == 6
    assert val(style.find("w:rPr/w:sz", NS)) == "26"
    assert style.find("w:tblPr/w:tblCellMar", NS) is not None


@pytest.mark.parametrize(("index", "first_text"), [(0, "ỦY BAN NHÂN DÂN"), (1, "Nơi nhận:")])
def test_layout_tables_are_borderless_fixed_65_100_mm(rendered, index, first_text):
    table = part(rendered).findall("w:body/w:tbl", NS)[index]
    assert [val(c, "w") for c in table.findall("w:tblGrid/w:gridCol", NS)] == ["3685", "5669"]
    assert val(table.find("w:tblPr/w:tblLayout", NS), "type") == "fixed"
    assert {val(b) for b in table.find("w:tblPr/w:tblBorders", NS)} == {"nil"}
    assert {val(v) for v in table.iter(W + "vAlign")} == {"top"}
    assert "".join(table.find(".//w:p", NS).itertext()) == first_text


def test_signature_row_never_splits_across_pages(rendered):
    signature = part(rendered).findall("w:body/w:tbl", NS)[1]
    assert signature.find("w:tr/w:trPr/w:cantSplit", NS) is not None
    left, right = ["|".join("".join(p.itertext()) for p in tc.findall("w:p", NS))
                   for tc in signature.findall("w:tr/w:tc", NS)]
    assert left.startswith("Nơi nhận:|- Như Điều 3;|") and "|+ Lưu: VT, KGVX.Dũng." in left
    assert right == "KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|||||Mai Sơn"


def rules(data: bytes) -> list[tuple[etree._Element, float]]:
    """Return each rule paragraph and its drawn length in mm."""
    out = []
    for p in part(data).iter(W + "p"):
        if val(p.find("w:pPr/w:pStyle", NS)) == "VBDuongKe":
            ind = p.find("w:pPr/w:ind", NS)
            tc = next(p.iterancestors(W + "tc"), None)
            room = 9354 if tc is None else int(val(tc.find("w:tcPr/w:tcW", NS), "w")) - 2 * 57
            assert val(ind, "left") == val(ind, "right")  # centred
            out.append((p, (room - 2 * int(val(ind, "left"))) * 25.4 / 1440))
    return out


def test_rules_are_centred_borders_of_the_nd30_lengths(rendered):
    lengths = [round(mm, 1) for _, mm in rules(rendered)]
    # issuer (half of "TỈNH BẮC GIANG"), Tiêu ngữ (its text width), trích yếu, one per appendix
    assert lengths == [19.0, 60.5, 55.0, 55.0, 55.0]
    style = part(rendered, "word/styles.xml").find("w:style[@w:styleId='VBDuongKe']", NS)
    assert val(style.find("w:pPr/w:pBdr/w:bottom", NS)) == "single"
    assert not any("___" in line for line in docx_lines(rendered))


def test_first_page_hides_the_page_number_of_a_centred_page_field(rendered):
    sections = part(rendered).findall(".//w:sectPr", NS)
    assert all(s.find("w:titlePg", NS) is not None for s in sections)
    rels = part(rendered, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    kinds = {val(h, "type"): part(rendered, f"word/{targets[h.get(R_ID)]}")
             for h in sections[0].findall("w:headerReference", NS)}
    default, first = kinds["default"], kinds["first"]
    assert [t.text.strip() for t in default.iter(W + "instrText")] == ["PAGE"]
    assert val(default.find(".//w:pStyle", NS)) == "VBSoTrang"
    assert not list(first.iter(W + "instrText"))


def test_each_appendix_is_a_new_section_numbered_from_1(rendered):
    sections = part(rendered).findall(".//w:sectPr", NS)
    assert len(sections) == 1 + len(sample_document().appendices)
    assert [val(s.find("w:pgNumType", NS), "start") for s in sections] == ["1", "1", "1"]
    assert all(val(s.find("w:type", NS)) in (None, "nextPage") for s in sections)
    breaks = part(rendered).findall("w:body/w:p/w:pPr/w:sectPr/../..", NS)
    following = [p.getnext() for p in breaks]
    assert ["".join(p.itertext()) for p in following] == ["Phụ lục I", "Phụ lục II"]


@pytest.mark.parametrize("landscape", [False, True])
def test_appendix_orientation_swaps_page_and_margins(landscape):
    data = render_docx(with_table(sample_document().appendices[0].table, landscape))
    body, appendix = part(data).findall(".//w:sectPr", NS)
    assert val(body.find("w:pgSz", NS), "w") == "11906"
    size, margins = appendix.find("w:pgSz", NS), appendix.find("w:pgMar", NS)
    expected = ("16838", "11906", "landscape") if landscape else ("11906", "16838", None)
    assert (val(size, "w"), val(size, "h"), val(size, "orient")) == expected
    if landscape:  # the bound (left) edge of the portrait sheet is the top of the turned page
        assert [val(margins, k) for k in ("top", "right", "bottom", "left")] == [
            "1701", "1134", "851", "1134"]
    room = int(val(size, "w")) - int(val(margins, "left")) - int(val(margins, "right"))
    rule = rules(data)[-1][0].find("w:pPr/w:ind", NS)
    assert room - 2 * int(val(rule, "left")) == 9354 // 3  # the rule keeps its length


SPANNED = Table(
    columns=(Column(15), Column(60), Column(30), Column(30), Column(30)),
    header=((Cell("STT", rowspan=2, bold=True, align="center"),
             Cell("Đơn vị", rowspan=2, bold=True, align="center"),
             Cell("Kết quả", colspan=2, bold=True, align="center"),
             Cell("Ghi chú", rowspan=2, bold=True, align="center")),
            (Cell("Điểm", bold=True), Cell("Mức", bold=True))),
    rows=((Cell("1"), Cell("Sở Y tế"), Cell("101,5", align="right"), Cell("Tốt"), Cell("")),
          (Cell("2", rowspan=2), Cell("Sở Tư pháp"), Cell("98"), Cell("Tốt"), Cell("")),
          (Cell("Sở Nội vụ"), Cell("97"), Cell("Tốt"), Cell(""))),
)


def appendix_table(data: bytes) -> etree._Element:
    """Return the first appendix table."""
    return part(data).findall("w:body/w:tbl", NS)[2]


def test_appendix_table_grid_comes_from_column_widths():
    table = appendix_table(render_docx(with_table(SPANNED)))
    assert [val(c, "w") for c in table.findall("w:tblGrid/w:gridCol", NS)] == [
        "850", "3402", "1701", "1701", "1701"]
    assert val(table.find("w:tblPr/w:tblLayout", NS), "type") == "fixed"
    assert val(table.find("w:tblPr/w:tblStyle", NS)) == "VBBang"


def test_appendix_header_rows_repeat_on_each_page():
    rows = appendix_table(render_docx(with_table(SPANNED))).findall("w:tr", NS)
    assert [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows] == [
        True, True, False, False, False]


def test_cell_spans_become_grid_spans_and_vertical_merges():
    rows = appendix_table(render_docx(with_table(SPANNED))).findall("w:tr", NS)

    def shape(row):
        return [(val(tc.find("w:tcPr/w:gridSpan", NS)) or "1",
                 val(tc.find("w:tcPr/w:vMerge", NS)) if tc.find("w:tcPr/w:vMerge", NS)
                 is not None else "-", "".join(tc.itertext())) for tc in row.findall("w:tc", NS)]

    assert shape(rows[0]) == [("1", "restart", "STT"), ("1", "restart", "Đơn vị"),
                              ("2", "-", "Kết quả"), ("1", "restart", "Ghi chú")]
    assert shape(rows[1]) == [("1", None, ""), ("1", None, ""), ("1", "-", "Điểm"),
                              ("1", "-", "Mức"), ("1", None, "")]
    assert shape(rows[3])[0] == ("1", "restart", "2")
    assert shape(rows[4])[:2] == [("1", None, ""), ("1", "-", "Sở Nội vụ")]


def test_cell_alignment_and_bold_are_per_cell():
    rows = appendix_table(render_docx(with_table(SPANNED))).findall("w:tr", NS)
    first = rows[0].find("w:tc/w:p", NS)
    assert val(first.find("w:pPr/w:jc", NS)) == "center" and first.find(".//w:b", NS) is not None
    score = rows[2].findall("w:tc", NS)[2].find("w:p", NS)
    assert val(score.find("w:pPr/w:jc", NS)) == "right" and score.find(".//w:b", NS) is None


def test_a_row_wider_than_the_columns_is_refused():
    table = replace(SPANNED, rows=((Cell("x", colspan=6),),))
    with pytest.raises(RenderError, match="wider"):
        render_docx(with_table(table))


@pytest.mark.parametrize("field", ["body", "parent", "issuer", "summary", "bases", "recipient",
                                   "signature", "appendix title", "table cell"])
def test_hostile_user_text_is_printed_literally(field):
    doc = sample_document()
    changes = {
        "body": lambda d: sample_document(HOSTILE),
        "parent": lambda d: replace(d, header=replace(d.header, parent=HOSTILE)),
        "issuer": lambda d: replace(d, header=replace(d.header, issuer=(HOSTILE,))),
        "summary": lambda d: replace(d, summary=(HOSTILE,)),
        "bases": lambda d: replace(d, bases=(HOSTILE,)),
        "recipient": lambda d: replace(d, recipients=(replace(d.recipients[0], text=HOSTILE),)),
        "signature": lambda d: replace(d, signature=replace(d.signature, name=HOSTILE)),
        "appendix title": lambda d: replace(d, appendices=(replace(d.appendices[0],
                                                                   title=HOSTILE),)),
        "table cell": lambda d: with_table(replace(SPANNED, rows=((Cell(HOSTILE, colspan=5),),))),
    }
    data = render_docx(changes[field](doc))
    assert any(HOSTILE in line for line in docx_lines(data))
    assert part(data) is not None


def test_xml_illegal_characters_never_reach_the_output():
    dirty = "Điều\x00 có\x0b ký\x1f tự\ufffe lạ"
    doc = replace(sample_document(), summary=(dirty,),
                  meta=replace(sample_document().meta, title=dirty))
    data = render_docx(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(zf.read(name))  # raises on any illegal character
    assert "Điều có ký tự lạ" in docx_lines(data)


def test_line_breaks_and_tabs_in_text_become_word_breaks_and_tabs():
    doc = replace(sample_document(), body=(Block("text", (Run("một\nhai\tba"),)),))
    run = next(r for r in part(render_docx(doc)).iter(W + "r") if "một" in "".join(r.itertext()))
    assert [e.tag.split("}")[1] for e in run] == ["t", "br", "t", "tab", "t"]


@pytest.mark.parametrize("role", BLOCK_ROLES)
def test_each_block_role_prints_in_its_own_style(role):
    doc = replace(sample_document(), body=(Block(role, (Run(f"Đoạn {role}"),)),))
    paragraph = next(p for p in part(render_docx(doc)).iter(W + "p")
                     if "".join(p.itertext()) == f"Đoạn {role}")
    expected = {"text": "VBNoiDung", "article": "VBDieu", "clause": "VBKhoan", "point": "VBDiem",
                "bullet": "VBGachDauDong", "heading": "VBDeMuc", "centered": "VBCanGiua"}
    assert val(paragraph.find("w:pPr/w:pStyle", NS)) == expected[role]


def test_article_number_is_a_bold_run(rendered):
    article = next(p for p in part(rendered).iter(W + "p")
                   if "".join(p.itertext()).startswith("Điều 1."))
    first, second = [r for r in article.findall("w:r", NS) if "".join(r.itertext())][:2]
    assert first.find("w:rPr/w:b", NS) is not None and second.find("w:rPr/w:b", NS) is None


def test_two_renders_of_one_document_are_byte_identical():
    assert render_docx(sample_document()) == render_docx(sample_document())


@pytest.mark.parametrize(("issued", "stamp"), [(date(2023, 12, 31), (2023, 12, 31, 0, 0, 0)),
                                               (None, (1980, 1, 1, 0, 0, 0))])
def test_zip_and_properties_are_dated_by_the_document(issued, stamp):
    doc = sample_document()
    data = render_docx(replace(doc, meta=replace(doc.meta, issued=issued)))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {info.date_time for info in zf.infolist()} == {stamp}
        assert zf.namelist() == zipfile.ZipFile(TEMPLATE).namelist()
    created = docx.Document(io.BytesIO(data)).core_properties.created  # read back as UTC
    local = created.replace(tzinfo=None) + timedelta(hours=7)  # the date is Vietnam time
    assert (local.year, local.month, local.day, local.hour) == (*stamp[:3], 0)


def docxtpl_render(context: dict) -> bytes:
    """Return the template rendered by docxtpl itself, the reference for the fast path."""
    template = DocxTemplate(TEMPLATE)
    template.render(context, jinja_env=SandboxedEnvironment(autoescape=True))
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


@pytest.mark.parametrize("extra", ["", "văn bản có “ngoặc kép” & <dấu>"])
def test_fast_path_prints_the_same_words_as_docxtpl(extra):
    doc = sample_document(extra)
    assert docx_lines(render_docx(doc)) == docx_lines(docxtpl_render(docx_context(doc)))


def test_fast_path_keeps_what_docxtpl_would_rewrite_in_user_text():
    doc = sample_document(HOSTILE)
    ours, theirs = render_docx(doc), docxtpl_render(docx_context(doc))
    assert "{_{" in " ".join(docx_words(ours))
    assert "{_{" not in " ".join(docx_words(theirs))  # docxtpl's post-render "{_{" -> "{{"


def test_template_variables_are_all_in_the_context():
    variables = DocxTemplate(TEMPLATE).get_undeclared_template_variables()
    assert variables <= set(docx_context(sample_document()))


def test_template_is_loaded_once_and_again_when_it_changes(tmp_path):
    copy = tmp_path / "kind.docx"
    shutil.copy(TEMPLATE, copy)
    first = load_template(copy)
    assert load_template(copy) is first
    os.utime(copy, ns=(0, 0))
    assert load_template(copy) is not first


def edited_template(tmp_path, old: str, new: str) -> object:
    """Return a copy of the template with one text of its document part replaced."""
    path = tmp_path / "edited.docx"
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(path, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data.replace(old.encode(), new.encode()) if
                         name == "word/document.xml" else data)
    return path


@pytest.mark.parametrize(("old", "new"), [
    ("{{r type_name }}", "{{r type_name ) }}"),  # a clerk's typo
    ("Nơi nhận:", "{%tc for x in recipients %}"),  # a column loop the fast path cannot repair
    ("<w:body>", "<w:body><w:p>"),  # not XML any more
], ids=["syntax", "column-loop", "malformed"])
def test_a_broken_template_is_a_render_error(tmp_path, old, new):
    with pytest.raises(RenderError):
        render_docx(sample_document(), edited_template(tmp_path, old, new))


def test_a_template_that_is_not_a_zip_is_a_render_error(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"not a zip")
    with pytest.raises(RenderError):
        render_docx(sample_document(), tmp_path / "x.docx")


def test_a_kind_without_a_template_is_a_render_error():
    doc = sample_document()
    with pytest.raises(RenderError):
        render_docx(replace(doc, meta=replace(doc.meta, kind="no-such-kind")))


def test_docx_lines_read_in_document_order(rendered):
    lines = [line for line in docx_lines(rendered) if line]
    expected = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc", "Số: 2113/QĐ-UBND",
                "Bắc Giang, ngày 31 tháng 12 năm 2023", "QUYẾT ĐỊNH",
                "Về việc phê duyệt và công bố xếp hạng kết quả áp dụng ISO 9001 năm 2023",
                "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"]
    assert lines[:len(expected)] == expected
    order = ["QUYẾT ĐỊNH:", "Điều 1. Phê duyệt và công bố xếp hạng (Có Phụ lục kèm theo).",
             "Nơi nhận:", "- Như Điều 3;", "+ Lưu: VT, KGVX.Dũng.", "KT. CHỦ TỊCH", "Mai Sơn",
             "Phụ lục I", "KẾT QUẢ XẾP HẠNG CỦA CÁC CƠ QUAN CẤP TỈNH NĂM 2023",
             "THỨ HẠNG", "TÊN CƠ QUAN", "TỔNG ĐIỂM", "MỨC ĐỘ", "1", "Sở Khoa học và Công nghệ",
             "107", "Tốt", "Phụ lục II"]
    assert [lines.index(line) for line in order] == sorted(lines.index(line) for line in order)
    assert lines[-4:] == ["2", "Huyện Yên Thế", "82,5", "Tốt"]


def load_build_script():
    """Return scripts/build_docx_templates.py as a module."""
    spec = importlib.util.spec_from_file_location("build_docx_templates",
                                                  ROOT / "scripts" / "build_docx_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_template_is_what_the_build_script_makes(tmp_path):
    script = load_build_script()
    for kind in script.KINDS:
        built = script.build(kind, tmp_path)
        assert built.read_bytes() == (TEMPLATES / "decisions" / built.name).read_bytes(), (
            f"run scripts/build_docx_templates.py {kind}")


def test_every_block_role_has_a_template_style():
    assert set(load_build_script().ROLE_STYLES) == set(BLOCK_ROLES)


@pytest.fixture(scope="module")
def office_pdfs(tmp_path_factory) -> dict[str, list[str]]:
    """Return the page texts of the sample and a long-bodied sample as LibreOffice prints them."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: make test-packages"
    work = tmp_path_factory.mktemp("office")
    docs = {"short": sample_document(), "long": sample_document(" ".join(["Nội dung dài."] * 500))}
    for name, doc in docs.items():
        (work / f"{name}.docx").write_bytes(render_docx(doc))
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(work), *(str(work / f"{n}.docx") for n in docs)],
        capture_output=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    pages = {}
    for name in docs:
        text = subprocess.run(["pdftotext", "-layout", str(work / f"{name}.pdf"), "-"],
                              capture_output=True, check=True, timeout=60).stdout.decode()
        pages[name] = [page.strip() for page in text.split("\f") if page.strip()]
    return pages


@pytest.mark.office
def test_office_prints_body_then_one_page_per_appendix(office_pdfs):
    pages = office_pdfs["short"]
    assert len(pages) == 3
    assert pages[0].split()[0] == "ỦY" and "Mai Sơn" in pages[0]
    assert [p.splitlines()[0].strip() for p in pages[1:]] == ["Phụ lục I", "Phụ lục II"]


@pytest.mark.office
def test_office_numbers_pages_from_2_and_restarts_hidden_in_each_appendix(office_pdfs):
    pages = office_pdfs["long"]
    labels = [i for i, p in enumerate(pages) if p.startswith("Phụ lục")]
    assert len(labels) == 2 and labels[0] >= 2 and len(pages) == labels[1] + 1
    assert not pages[0].startswith(("1", "2"))
    for number, page in enumerate(pages[1:labels[0]], start=2):
        assert page.split()[0] == str(number)


NAMESPACES = " ".join([
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
    'xmlns:v="urn:schemas-microsoft-com:vml"'])


def handmade(body: str, prolog: str = "") -> bytes:
    """Return a minimal package whose main part (word/main.xml) holds ``body``, plus a header."""
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/main.xml" Type="http://schemas.openxmlformats'
            '.org/officeDocument/2006/relationships/officeDocument"/></Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/main.xml", f"{prolog}<w:document {NAMESPACES}><w:body>{body}"
                                     "<w:sectPr/></w:body></w:document>")
        zf.writestr("word/header1.xml", f"<w:hdr {NAMESPACES}><w:p><w:r><w:t>ĐẦU TRANG</w:t>"
                                        "</w:r></w:p></w:hdr>")
    return out.getvalue()


def p(inner: str) -> str:
    """Return a paragraph of one run of text, or of the given XML."""
    return f"<w:p>{inner if inner.startswith('<') else f'<w:r><w:t>{inner}</w:t></w:r>'}</w:p>"


def cells(*contents: str) -> str:
    """Return a table row of cells."""
    return "<w:tr>" + "".join(f"<w:tc>{c}</w:tc>" for c in contents) + "</w:tr>"


BOX = "<w:txbxContent>" + p("hộp") + "</w:txbxContent>"


@pytest.mark.parametrize(("body", "lines"), [
    (p("<w:r><w:t>Một</w:t><w:tab/><w:t>hai</w:t><w:br/><w:t>ba</w:t></w:r>"), ["Một hai ba"]),
    (p("<w:ins><w:r><w:t>thêm</w:t></w:r></w:ins><w:del><w:r><w:delText>xoá</w:delText></w:r>"
       '</w:del><w:r><w:t xml:space="preserve"> giữ</w:t></w:r>'), ["thêm giữ"]),
    (p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
       '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
       '<w:r><w:fldChar w:fldCharType="end"/></w:r>'), ["7"]),
    ("<w:sdt><w:sdtPr/><w:sdtContent>" + p("trong") + "</w:sdtContent></w:sdt>", ["trong"]),
    ("<w:tbl>" + cells(p("a1") + "<w:tbl>" + cells(p("n1"), p("n2")) + "</w:tbl>" + p(""),
                       p("b1")) + cells(p("a2"), p("b2")) + "</w:tbl>",
     ["a1", "n1", "n2", "", "b1", "a2", "b2"]),
    (p("<w:r><w:t>neo</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">"
       f"<w:drawing><wps:txbx>{BOX}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
       f"<v:textbox>{BOX}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"),
     ["neo", "hộp"]),
    (p('<w:hyperlink><w:r><w:t>liên</w:t></w:r></w:hyperlink><w:smartTag><w:r>'
       '<w:t xml:space="preserve"> kết</w:t></w:r></w:smartTag>'), ["liên kết"]),
    ("<w:p/>" + p("sau"), ["", "sau"]),
], ids=["tab-break", "tracked", "field", "content-control", "nested-table", "text-box",
        "hyperlink", "empty"])
def test_docx_lines_read_hand_made_structures(body, lines):
    assert docx_lines(handmade(body)) == lines  # and never the header's "ĐẦU TRANG"


def test_docx_lines_never_expand_entities():
    prolog = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
    assert docx_lines(handmade(p("<w:r><w:t>a&x;b</w:t></w:r>"), prolog)) == ["ab"]


def test_docx_words_split_every_line(rendered):
    words = docx_words(rendered)
    assert words[:4] == ["ỦY", "BAN", "NHÂN", "DÂN"] and "Mai" in words
