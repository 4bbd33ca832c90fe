"""The DOCX renderer: ND30 layout in the template, escaping, determinism, docxtpl equivalence."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from service.catalog import KINDS
from service.errors import RenderError
from service.model import BLOCK_ROLES, Block, Cell, Column, Run, Table
from service.render import PACKAGED, PACKAGED_TEMPLATES, SHARED_DOCX, TemplateSet
from service.render.docx import docx_context, load_template, render_docx
from service.render.docx_text import docx_lines, docx_words

from .conftest import ROOT
from .office import office_convert
from .ooxml_check import ooxml_problems
from .sample import (
    HOSTILE,
    NOTES,
    SAMPLES,
    sample_decision_with_attachment,
    sample_document,
    sample_notice,
    sample_plan_with_form,
)

TEMPLATE = PACKAGED / SHARED_DOCX
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = f"{{{NS['w']}}}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
CENTER, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)


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
    assert (val(sect.find("w:pgSz", NS), "w"), val(sect.find("w:pgSz", NS), "h")) == (
        "11906",
        "16838",
    )
    margins = sect.find("w:pgMar", NS)
    assert {k: val(margins, k) for k in ("top", "bottom", "left", "right")} == {
        "top": "1134",
        "bottom": "1134",
        "left": "1701",
        "right": "851",
    }


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
    used = {
        val(e)
        for name in ("word/document.xml", "word/header1.xml", "word/header2.xml")
        for e in part(rendered, name).iter(W + "pStyle", W + "tblStyle")
    }
    assert used >= {"VBQuocHieu", "VBDieu", "VBNoiNhan", "VBOBang", "VBBang", "VBSoTrang"}
    for style_id in used:
        assert set(effective_fonts(styles, style_id).values()) == {"Times New Roman"}, style_id
    theme_attrs = [k for e in styles.iter(W + "rFonts") for k in e.attrib if "Theme" in k]
    assert not theme_attrs  # a theme font would override the explicit names
    assert not list(part(rendered).iter(W + "rFonts"))  # no run overrides the font


def test_document_language_is_vietnamese(rendered):
    lang = part(rendered, "word/styles.xml").find("w:docDefaults//w:lang", NS)
    assert val(lang) == "vi-VN"


@pytest.mark.parametrize(
    ("name", "size", "bold", "italic", "align"),
    [
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
        ("VB Mục", 14, True, False, JUSTIFY),
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
        ("VB Ô bảng nhỏ", 11, False, False, LEFT),
        ("VB Số trang", 14, False, False, CENTER),
    ],
)
def test_named_style_has_its_nd30_formatting(rendered, name, size, bold, italic, align):
    style = docx.Document(io.BytesIO(rendered)).styles[name]
    assert style.style_id.isascii() and style.style_id.startswith("VB")
    assert style.font.size.pt == size
    assert (bool(style.font.bold), bool(style.font.italic)) == (bold, italic)
    assert style.paragraph_format.alignment == align


@pytest.mark.parametrize(
    "name",
    [
        "VB Căn cứ",
        "VB Nội dung",
        "VB Điều",
        "VB Khoản",
        "VB Điểm",
        "VB Gạch đầu dòng",
        "VB Mục",
        "VB Đề mục",
    ],
)
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
    left, right = [
        "|".join("".join(p.itertext()) for p in tc.findall("w:p", NS))
        for tc in signature.findall("w:tr/w:tc", NS)
    ]
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
    kinds = {
        val(h, "type"): part(rendered, f"word/{targets[h.get(R_ID)]}")
        for h in sections[0].findall("w:headerReference", NS)
    }
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
            "1701",
            "1134",
            "851",
            "1134",
        ]
    room = int(val(size, "w")) - int(val(margins, "left")) - int(val(margins, "right"))
    rule = rules(data)[-1][0].find("w:pPr/w:ind", NS)
    assert room - 2 * int(val(rule, "left")) == 9354 // 3  # the rule keeps its length


SPANNED = Table(
    columns=(Column(15), Column(60), Column(30), Column(30), Column(30)),
    header=(
        (
            Cell("STT", rowspan=2, bold=True, align="center"),
            Cell("Đơn vị", rowspan=2, bold=True, align="center"),
            Cell("Kết quả", colspan=2, bold=True, align="center"),
            Cell("Ghi chú", rowspan=2, bold=True, align="center"),
        ),
        (Cell("Điểm", bold=True), Cell("Mức", bold=True)),
    ),
    rows=(
        (Cell("1"), Cell("Sở Y tế"), Cell("101,5", align="right"), Cell("Tốt"), Cell("")),
        (Cell("2", rowspan=2), Cell("Sở Tư pháp"), Cell("98"), Cell("Tốt"), Cell("")),
        (Cell("Sở Nội vụ"), Cell("97"), Cell("Tốt"), Cell("")),
    ),
)


def appendix_table(data: bytes) -> etree._Element:
    """Return the first appendix table."""
    return part(data).findall("w:body/w:tbl", NS)[2]


def test_appendix_table_grid_comes_from_column_widths():
    table = appendix_table(render_docx(with_table(SPANNED)))
    assert [val(c, "w") for c in table.findall("w:tblGrid/w:gridCol", NS)] == [
        "850",
        "3402",
        "1701",
        "1701",
        "1701",
    ]
    assert val(table.find("w:tblPr/w:tblLayout", NS), "type") == "fixed"
    assert val(table.find("w:tblPr/w:tblStyle", NS)) == "VBBang"


def test_appendix_header_rows_repeat_on_each_page():
    rows = appendix_table(render_docx(with_table(SPANNED))).findall("w:tr", NS)
    assert [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows] == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_cell_spans_become_grid_spans_and_vertical_merges():
    rows = appendix_table(render_docx(with_table(SPANNED))).findall("w:tr", NS)

    def shape(row):
        return [
            (
                val(tc.find("w:tcPr/w:gridSpan", NS)) or "1",
                val(tc.find("w:tcPr/w:vMerge", NS))
                if tc.find("w:tcPr/w:vMerge", NS) is not None
                else "-",
                "".join(tc.itertext()),
            )
            for tc in row.findall("w:tc", NS)
        ]

    assert shape(rows[0]) == [
        ("1", "restart", "STT"),
        ("1", "restart", "Đơn vị"),
        ("2", "-", "Kết quả"),
        ("1", "restart", "Ghi chú"),
    ]
    assert shape(rows[1]) == [
        ("1", None, ""),
        ("1", None, ""),
        ("1", "-", "Điểm"),
        ("1", "-", "Mức"),
        ("1", None, ""),
    ]
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


@pytest.mark.parametrize(
    "field",
    [
        "body",
        "parent",
        "issuer",
        "summary",
        "bases",
        "recipient",
        "signature",
        "appendix title",
        "table cell",
    ],
)
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
        "appendix title": lambda d: replace(
            d, appendices=(replace(d.appendices[0], title=HOSTILE),)
        ),
        "table cell": lambda d: with_table(replace(SPANNED, rows=((Cell(HOSTILE, colspan=5),),))),
    }
    data = render_docx(changes[field](doc))
    assert any(HOSTILE in line for line in docx_lines(data))
    assert part(data) is not None


def test_xml_illegal_characters_never_reach_the_output():
    dirty = "Điều\x00 có\x0b ký\x1f tự\ufffe lạ"
    doc = replace(
        sample_document(), summary=(dirty,), meta=replace(sample_document().meta, title=dirty)
    )
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
    paragraph = next(
        p for p in part(render_docx(doc)).iter(W + "p") if "".join(p.itertext()) == f"Đoạn {role}"
    )
    expected = {
        "text": "VBNoiDung",
        "article": "VBDieu",
        "clause": "VBKhoan",
        "point": "VBDiem",
        "bullet": "VBGachDauDong",
        "section": "VBMuc",
        "heading": "VBDeMuc",
        "centered": "VBCanGiua",
    }
    assert val(paragraph.find("w:pPr/w:pStyle", NS)) == expected[role]


def test_article_number_is_a_bold_run(rendered):
    article = next(
        p for p in part(rendered).iter(W + "p") if "".join(p.itertext()).startswith("Điều 1.")
    )
    first, second = [r for r in article.findall("w:r", NS) if "".join(r.itertext())][:2]
    assert first.find("w:rPr/w:b", NS) is not None and second.find("w:rPr/w:b", NS) is None


def test_two_renders_of_one_document_are_byte_identical():
    assert render_docx(sample_document()) == render_docx(sample_document())


SOURCE_PARTS = ["customXml/item1.xml", "customXml/itemProps1.xml", "customXml/_rels/item1.xml.rels"]


@pytest.mark.parametrize(
    ("issued", "stamp"),
    [(date(2023, 12, 31), (2023, 12, 31, 0, 0, 0)), (None, (1980, 1, 1, 0, 0, 0))],
)
def test_zip_and_properties_are_dated_by_the_document(issued, stamp):
    doc = sample_document()
    data = render_docx(replace(doc, meta=replace(doc.meta, issued=issued)))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {info.date_time for info in zf.infolist()} == {stamp}
        # The template's parts in its order, then the custom XML part holding the input.
        assert zf.namelist() == [*zipfile.ZipFile(TEMPLATE).namelist(), *SOURCE_PARTS]
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


def docxtpl_render_kind(kind: str, context: dict) -> bytes:
    """Return the template of ``kind`` rendered by docxtpl itself."""
    template = DocxTemplate(PACKAGED_TEMPLATES.docx(kind))
    template.render(context, jinja_env=SandboxedEnvironment(autoescape=True))
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


@pytest.mark.parametrize("extra", ["", "văn bản có “ngoặc kép” & <dấu>"])
def test_fast_path_prints_the_same_words_as_docxtpl(extra):
    doc = sample_document(extra)
    assert docx_lines(render_docx(doc)) == docx_lines(docxtpl_render(docx_context(doc)))


@pytest.mark.parametrize("kind", SAMPLES)
def test_fast_path_prints_every_kind_as_docxtpl_does(kind):
    doc = SAMPLES[kind]()
    reference = docxtpl_render_kind(kind, docx_context(doc))
    assert docx_lines(render_docx(doc)) == docx_lines(reference)


def test_fast_path_keeps_what_docxtpl_would_rewrite_in_user_text():
    doc = sample_document(HOSTILE)
    ours, theirs = render_docx(doc), docxtpl_render(docx_context(doc))
    assert "{_{" in " ".join(docx_words(ours))
    assert "{_{" not in " ".join(docx_words(theirs))  # docxtpl's post-render "{_{" -> "{{"


@pytest.mark.parametrize("kind", SAMPLES)
def test_template_variables_are_all_in_the_context(kind):
    template = DocxTemplate(PACKAGED_TEMPLATES.docx(kind))
    assert template.get_undeclared_template_variables() <= set(docx_context(SAMPLES[kind]()))


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
            dst.writestr(
                name,
                data.replace(old.encode(), new.encode()) if name == "word/document.xml" else data,
            )
    return path


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("{{r type_name }}", "{{r type_name ) }}"),  # a clerk's typo
        ("Nơi nhận:", "{%tc for x in recipients %}"),  # a column loop the fast path cannot repair
        ("<w:body>", "<w:body><w:p>"),  # not XML any more
    ],
    ids=["syntax", "column-loop", "malformed"],
)
def test_a_broken_template_is_a_render_error(tmp_path, old, new):
    with pytest.raises(RenderError):
        render_docx(sample_document(), edited_template(tmp_path, old, new))


def test_a_template_that_is_not_a_zip_is_a_render_error(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"not a zip")
    with pytest.raises(RenderError):
        render_docx(sample_document(), tmp_path / "x.docx")


def test_a_missing_template_is_a_render_error(tmp_path):
    with pytest.raises(RenderError, match="Không có mẫu DOCX"):
        render_docx(sample_document(), tmp_path / "ranking-decision.docx")


def test_a_kind_without_its_own_template_prints_with_the_shared_one():
    doc = sample_document()
    other = replace(doc, meta=replace(doc.meta, kind="no-such-kind"))
    assert docx_lines(render_docx(other)) == docx_lines(render_docx(doc))


def test_docx_lines_read_in_document_order(rendered):
    lines = [line for line in docx_lines(rendered) if line]
    expected = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH BẮC GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 2113/QĐ-UBND",
        "Bắc Giang, ngày 31 tháng 12 năm 2023",
        "QUYẾT ĐỊNH",
        "Về việc phê duyệt và công bố xếp hạng kết quả áp dụng ISO 9001 năm 2023",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
    ]
    assert lines[: len(expected)] == expected
    order = [
        "QUYẾT ĐỊNH:",
        "Điều 1. Phê duyệt và công bố xếp hạng (Có Phụ lục kèm theo).",
        "Nơi nhận:",
        "- Như Điều 3;",
        "+ Lưu: VT, KGVX.Dũng.",
        "KT. CHỦ TỊCH",
        "Mai Sơn",
        "Phụ lục I",
        "KẾT QUẢ XẾP HẠNG CỦA CÁC CƠ QUAN CẤP TỈNH NĂM 2023",
        "THỨ HẠNG",
        "TÊN CƠ QUAN",
        "TỔNG ĐIỂM",
        "MỨC ĐỘ",
        "1",
        "Sở Khoa học và Công nghệ",
        "107",
        "Tốt",
        "Phụ lục II",
    ]
    assert [lines.index(line) for line in order] == sorted(lines.index(line) for line in order)
    assert lines[-4:] == ["2", "Huyện Yên Thế", "82,5", "Tốt"]


def load_build_script():
    """Return scripts/build_docx_templates.py as a module."""
    spec = importlib.util.spec_from_file_location(
        "build_docx_templates", ROOT / "scripts" / "build_docx_templates.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_template_is_what_the_build_script_makes(tmp_path):
    built = load_build_script().build(tmp_path)
    assert built.read_bytes() == TEMPLATE.read_bytes(), "run scripts/build_docx_templates.py"


def test_every_block_role_has_a_template_style():
    assert set(load_build_script().ROLE_STYLES) == set(BLOCK_ROLES)


OFFICE_SAMPLES = {
    "short": sample_document,
    "long": lambda: sample_document(" ".join(["Nội dung dài."] * 500)),
    "notice": sample_notice,
    "plan": sample_plan_with_form,
    "decision": sample_decision_with_attachment,
}


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    """Return the folder where LibreOffice printed every OFFICE_SAMPLES document as PDF."""
    work = tmp_path_factory.mktemp("office")
    for name, make in OFFICE_SAMPLES.items():
        (work / f"{name}.docx").write_bytes(render_docx(make()))
    office_convert(work, "pdf", work, *(work / f"{n}.docx" for n in OFFICE_SAMPLES))
    return work


@pytest.fixture(scope="module")
def office_pdfs(office) -> dict[str, list[str]]:
    """Return the page texts of every office sample as LibreOffice prints them."""
    pages = {}
    for name in OFFICE_SAMPLES:
        text = subprocess.run(
            ["pdftotext", "-layout", str(office / f"{name}.pdf"), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout.decode()
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
    for number, page in enumerate(pages[1 : labels[0]], start=2):
        assert page.split()[0] == str(number)


@pytest.mark.office
def test_office_prints_a_notice_on_one_page(office_pdfs):
    (page,) = office_pdfs["notice"]
    assert "THÔNG BÁO" in page and "Nguyễn Thanh Bình" in page and "QUYẾT ĐỊNH" not in page


@pytest.mark.office
def test_office_prints_the_footnotes_at_the_foot_of_their_page(office_pdfs):
    outline = office_pdfs["plan"][1]
    assert outline.startswith("ĐỀ CƯƠNG KIỂM TRA")
    notes = " ".join(f"{n} {text}" for n, text in enumerate(NOTES, start=1))
    assert " ".join(outline.split()).endswith(notes)  # a raised mark gets a line of its own


@pytest.mark.office
def test_office_prints_the_form_on_a_landscape_page(office, office_pdfs):
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "3", str(office / "plan.pdf")],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    sizes = re.findall(r"size:\s+([\d.]+) x ([\d.]+)", info)
    assert [float(w) > float(h) for w, h in sizes] == [False, False, True]
    form = office_pdfs["plan"][2]
    assert "(1)" in form and "(16)" in form and "Tổng số" in form
    assert "STT" in form.split()  # whole in its 10 mm column


@pytest.mark.office
def test_office_prints_the_attached_document_with_its_own_header(office_pdfs):
    first, attached = office_pdfs["decision"]
    assert attached.split()[:3] == ["UBND", "TỈNH", "BẮC"] and "QUY CHẾ" in attached
    assert "Số:" not in attached and "Số: 15/QĐ-KHCN" in first


NAMESPACES = " ".join(
    [
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
        'xmlns:v="urn:schemas-microsoft-com:vml"',
    ]
)


def handmade(body: str, prolog: str = "") -> bytes:
    """Return a minimal package whose main part (word/main.xml) holds ``body``, plus a header."""
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/main.xml" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("_rels/.rels", rels)
        zf.writestr(
            "word/main.xml",
            f"{prolog}<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>",
        )
        zf.writestr(
            "word/header1.xml",
            f"<w:hdr {NAMESPACES}><w:p><w:r><w:t>ĐẦU TRANG</w:t></w:r></w:p></w:hdr>",
        )
    return out.getvalue()


def p(inner: str) -> str:
    """Return a paragraph of one run of text, or of the given XML."""
    return f"<w:p>{inner if inner.startswith('<') else f'<w:r><w:t>{inner}</w:t></w:r>'}</w:p>"


def cells(*contents: str) -> str:
    """Return a table row of cells."""
    return "<w:tr>" + "".join(f"<w:tc>{c}</w:tc>" for c in contents) + "</w:tr>"


BOX = "<w:txbxContent>" + p("hộp") + "</w:txbxContent>"


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        (p("<w:r><w:t>Một</w:t><w:tab/><w:t>hai</w:t><w:br/><w:t>ba</w:t></w:r>"), ["Một hai ba"]),
        (
            p(
                "<w:ins><w:r><w:t>thêm</w:t></w:r></w:ins><w:del><w:r><w:delText>xoá</w:delText></w:r>"
                '</w:del><w:r><w:t xml:space="preserve"> giữ</w:t></w:r>'
            ),
            ["thêm giữ"],
        ),
        (
            p(
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
                '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            ),
            ["7"],
        ),
        ("<w:sdt><w:sdtPr/><w:sdtContent>" + p("trong") + "</w:sdtContent></w:sdt>", ["trong"]),
        (
            "<w:tbl>"
            + cells(p("a1") + "<w:tbl>" + cells(p("n1"), p("n2")) + "</w:tbl>" + p(""), p("b1"))
            + cells(p("a2"), p("b2"))
            + "</w:tbl>",
            ["a1", "n1", "n2", "", "b1", "a2", "b2"],
        ),
        (
            p(
                '<w:r><w:t>neo</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
                f"<w:drawing><wps:txbx>{BOX}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
                f"<v:textbox>{BOX}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
            ),
            ["neo", "hộp"],
        ),
        (
            p(
                "<w:hyperlink><w:r><w:t>liên</w:t></w:r></w:hyperlink><w:smartTag><w:r>"
                '<w:t xml:space="preserve"> kết</w:t></w:r></w:smartTag>'
            ),
            ["liên kết"],
        ),
        ("<w:p/>" + p("sau"), ["", "sau"]),
    ],
    ids=[
        "tab-break",
        "tracked",
        "field",
        "content-control",
        "nested-table",
        "text-box",
        "hyperlink",
        "empty",
    ],
)
def test_docx_lines_read_hand_made_structures(body, lines):
    assert docx_lines(handmade(body)) == lines  # and never the header's "ĐẦU TRANG"


def test_docx_lines_never_expand_entities():
    prolog = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
    assert docx_lines(handmade(p("<w:r><w:t>a&x;b</w:t></w:r>"), prolog)) == ["ab"]


def test_docx_words_split_every_line(rendered):
    words = docx_words(rendered)
    assert words[:4] == ["ỦY", "BAN", "NHÂN", "DÂN"] and "Mai" in words


# ---- every kind: its templates, one shared assembly, and what each shape prints


def test_every_kind_has_an_html_template_and_shares_the_word_one():
    kinds = set(load_build_script().KINDS)
    assert kinds == set(SAMPLES) == set(KINDS)
    assert [p.name for p in PACKAGED.glob("*.docx")] == [SHARED_DOCX]
    for kind in kinds:
        assert PACKAGED_TEMPLATES.docx(kind) == TEMPLATE
        html = (PACKAGED / f"{kind}.html").read_text(encoding="utf-8")
        assert '{% extends "_document.html" %}' in html and len(html.splitlines()) <= 4


@pytest.mark.parametrize(
    ("files", "kind", "expected"),
    [
        ((), "decision", None),
        (("decision.docx",), "decision", "decision.docx"),
        (("decision.docx",), "inspection-plan", None),
        ((SHARED_DOCX,), "inspection-plan", SHARED_DOCX),
        (("decision.docx", SHARED_DOCX), "decision", "decision.docx"),
    ],
)
def test_a_site_template_comes_before_the_packaged_one(tmp_path, files, kind, expected):
    for name in files:
        shutil.copy(TEMPLATE, tmp_path / name)
    chosen = TemplateSet(tmp_path).docx(kind)
    assert chosen == (TEMPLATE if expected is None else tmp_path / expected)
    assert TemplateSet(tmp_path).customised(kind)["docx"] is (expected is not None)


@pytest.fixture(scope="module")
def shapes() -> dict[str, bytes]:
    """Return every sample kind rendered once."""
    return {kind: render_docx(make()) for kind, make in SAMPLES.items()}


@pytest.mark.parametrize("kind", SAMPLES)
def test_every_shape_is_a_sound_package(shapes, kind):
    assert ooxml_problems(shapes[kind]) == []


EMPTY_BY_DESIGN = {"VBDuongKe", "VBNgatPhan", "VBChucVuKy", "VBOBang", "VBOBangNho"}


@pytest.mark.parametrize("kind", SAMPLES)
def test_nothing_absent_leaves_an_empty_paragraph(shapes, kind):
    # Rules, section breaks, the room to sign and empty table cells are empty on purpose.
    empty = [
        val(p.find("w:pPr/w:pStyle", NS))
        for p in part(shapes[kind]).iter(W + "p")
        if not "".join(p.itertext()).strip()
    ]
    assert set(empty) <= EMPTY_BY_DESIGN


def styles_used(data: bytes) -> list[str]:
    """Return the paragraph style of every paragraph of the body, in order."""
    return [val(p.find("w:pPr/w:pStyle", NS)) for p in part(data).iter(W + "p")]


def test_a_notice_has_no_authority_bases_or_enacting_line(shapes):
    used = styles_used(shapes["conclusion-notice"])
    assert not {"VBThamQuyen", "VBCanCu", "VBLoiBanHanh"} & set(used)
    lines = [line for line in docx_lines(shapes["conclusion-notice"]) if line]
    summary = lines.index(sample_notice().summary[0])
    assert lines[summary + 1].startswith("Ngày 20/12/2023")  # body right after the title rule


def test_section_headings_print_in_their_style(shapes):
    paragraphs = part(shapes["inspection-plan"]).iter(W + "p")
    styled = {"".join(p.itertext()): val(p.find("w:pPr/w:pStyle", NS)) for p in paragraphs}
    assert styled["I. MỤC ĐÍCH, YÊU CẦU"] == "VBMuc" and styled["1. Mục đích"] == "VBDeMuc"


def test_a_recipient_label_prints_without_a_mark(shapes):
    signature = part(shapes["inspection-plan"]).findall("w:body/w:tbl", NS)[1]
    left = ["".join(p.itertext()) for p in signature.find("w:tr/w:tc", NS).findall("w:p", NS)]
    assert left == [
        "Nơi nhận:",
        "- Vụ CCHC, Bộ Nội vụ;",
        "- VP UBND tỉnh:",
        "+ LĐVP, TH;",
        "Bản điện tử:",
        "- Các Sở, cơ quan thuộc UBND tỉnh;",
        "- Lưu: VT, NC.",
    ]


def appendix_starts(data: bytes) -> list[etree._Element]:
    """Return the first body element of each appendix section."""
    return [p.getnext() for p in part(data).findall("w:body/w:p/w:pPr/w:sectPr/../..", NS)]


def test_an_appendix_without_label_or_attribution_prints_neither(shapes):
    outline, form = appendix_starts(shapes["inspection-plan"])
    assert "".join(outline.itertext()) == "ĐỀ CƯƠNG KIỂM TRA"
    assert val(outline.find("w:pPr/w:pStyle", NS)) == "VBTenPhuLuc"
    after = [form, *form.itersiblings()][:3]
    assert ["".join(p.itertext()) for p in after] == [
        "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Từ ngày … tháng … năm … đến ngày … tháng … năm …",
        "",
    ]
    assert [val(p.find("w:pPr/w:pStyle", NS)) for p in after] == [
        "VBTenPhuLuc",
        "VBTrichYeu",
        "VBDuongKe",
    ]


def test_an_attached_document_has_its_own_header_without_number_or_date(shapes):
    (header,) = appendix_starts(shapes["decision"])
    assert header.tag == W + "tbl" and len(header.findall("w:tr", NS)) == 1
    cells = [
        "|".join(t for t in ("".join(p.itertext()) for p in tc.findall("w:p", NS)) if t)
        for tc in header.findall("w:tr/w:tc", NS)
    ]
    assert cells == [
        "UBND TỈNH BẮC GIANG|SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập - Tự do - Hạnh phúc",
    ]
    heading = [header.getnext(), *header.getnext().itersiblings()][:4]
    attached = sample_decision_with_attachment().appendices[0]
    assert ["".join(p.itertext()) for p in heading] == [
        attached.title,
        attached.subtitle,
        attached.attribution,
        "",
    ]


def test_a_dense_form_prints_small_and_fits_the_landscape_text_width(shapes):
    form = part(shapes["inspection-plan"]).findall("w:body/w:tbl", NS)[-1]
    grid = [int(val(c, "w")) for c in form.findall("w:tblGrid/w:gridCol", NS)]
    sect = part(shapes["inspection-plan"]).findall(".//w:sectPr", NS)[2]
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    width = int(val(size, "w")) - int(val(margins, "left")) - int(val(margins, "right"))
    assert len(grid) == 16 and sum(grid) <= width == twips_of(257)
    assert {val(p.find("w:pPr/w:pStyle", NS)) for p in form.iter(W + "p")} == {"VBOBangNho"}
    margins = form.find("w:tblPr/w:tblCellMar", NS)  # 1 mm a side: "STT" fits in 10 mm
    assert [(etree.QName(m).localname, val(m, "w")) for m in margins] == [
        ("left", "57"),
        ("right", "57"),
    ]
    numbered = form.findall("w:tr", NS)[3]
    assert [r.find("w:trPr/w:tblHeader", NS) is not None for r in form.findall("w:tr", NS)] == [
        True
    ] * 4 + [False] * 3  # the (1) … (16) row repeats with the header
    assert "".join(numbered.itertext()) == "".join(f"({n})" for n in range(1, 17))


def twips_of(mm: float) -> int:
    """Return ``mm`` in twips."""
    return round(mm * 1440 / 25.4)


# ---- footnotes


def note_texts(data: bytes) -> dict[str, str]:
    """Return the footnotes part's notes by id, separators as their type."""
    notes = {}
    for note in part(data, "word/footnotes.xml").findall("w:footnote", NS):
        notes[val(note, "id")] = val(note, "type") or "".join(note.itertext()).strip()
    return notes


def test_footnotes_part_has_separators_and_the_notes_in_order(shapes):
    assert note_texts(shapes["inspection-plan"]) == {
        "-1": "separator",
        "0": "continuationSeparator",
        "1": NOTES[0],
        "2": NOTES[1],
        "3": NOTES[2],
    }


def test_references_are_numbered_in_document_order_across_body_and_appendices(shapes):
    for kind, count in (("inspection-plan", 3), ("decision", 2)):
        refs = list(part(shapes[kind]).iter(W + "footnoteReference"))
        assert [val(r, "id") for r in refs] == [str(n) for n in range(1, count + 1)]
        assert {val(r.getparent().find("w:rPr/w:rStyle", NS)) for r in refs} == {
            "FootnoteReference"
        }
    assert list(note_texts(shapes["decision"]).values())[2:] == [
        "Ngày 05/01/2024.",
        "Thành lập theo Quyết định số 02/QĐ-BCĐ.",
    ]


def test_footnote_styles_parts_and_settings_are_wordlike(shapes):
    data = shapes["inspection-plan"]
    styles = part(data, "word/styles.xml")
    text = styles.find("w:style[@w:styleId='FootnoteText']", NS)
    assert val(text.find("w:name", NS)) == "footnote text"
    assert val(text.find("w:rPr/w:sz", NS)) == "20"  # 10 pt
    assert set(effective_fonts(styles, "FootnoteText").values()) == {"Times New Roman"}
    mark = styles.find("w:style[@w:styleId='FootnoteReference']", NS)
    assert val(mark.find("w:rPr/w:vertAlign", NS)) == "superscript"
    notes = part(data, "word/footnotes.xml").findall("w:footnote", NS)[2:]
    assert {val(n.find("w:p/w:pPr/w:pStyle", NS)) for n in notes} == {"FootnoteText"}
    assert all(n.find("w:p/w:r/w:footnoteRef", NS) is not None for n in notes)
    settings = part(data, "word/settings.xml").find("w:footnotePr", NS)
    assert [val(f, "id") for f in settings.findall("w:footnote", NS)] == ["-1", "0"]
    assert etree.QName(settings.getnext()).localname == "compat"


def test_footnote_text_is_escaped_like_all_user_text():
    doc = sample_plan_with_form()
    outline = doc.appendices[0]
    blocks = (Block("text", (Run("Có chú thích", footnote=HOSTILE),)),)
    data = render_docx(replace(doc, appendices=(replace(outline, blocks=blocks),)))
    assert note_texts(data)["1"] == HOSTILE.strip()
    assert ooxml_problems(data) == []


def test_marks_are_words_and_notes_are_not(shapes):
    words = docx_words(shapes["inspection-plan"])
    assert "lệ1:" in words and "số2" in words and "số3" in words
    assert "Chỉ" not in words  # every note starts "Chỉ tiêu …"; none is body text


def test_a_template_without_a_footnotes_part_gets_one(tmp_path):
    path = tmp_path / "bare.docx"
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(path, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/footnotes.xml":
                continue
            if name in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
                data = re.sub(rb"<(Override|Relationship) [^>]*footnotes[^>]*/>", b"", data)
            dst.writestr(name, data)
    assert ooxml_problems(path.read_bytes()) == []
    data = render_docx(sample_plan_with_form(), path)
    assert ooxml_problems(data) == []
    assert list(note_texts(data).values())[2:] == list(NOTES)


def test_docx_lines_number_footnote_marks_unless_a_custom_mark_follows():
    ref = '<w:r><w:footnoteReference w:id="7"/></w:r>'
    custom = '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="8"/><w:t>*</w:t></w:r>'
    body = p(f"<w:r><w:t>a</w:t></w:r>{ref}{custom}") + p(f"<w:r><w:t>b</w:t></w:r>{ref}")
    assert docx_lines(handmade(body)) == ["a1*", "b2"]
