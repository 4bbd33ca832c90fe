"""Each ND30 rule of `vanban lint` on documents broken in exactly one place."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from service.lint import lint_docx
from service.lint.locate import DateLine, NumberLine, Span
from service.lint.rules.numbering import date_problems, number_problems
from service.lint.rules.signature import prefix_problem
from service.lint.styles import StyleSheet

from .lint_docs import (
    BROKEN,
    DOC,
    W,
    broken,
    cong_van,
    direct,
    edit,
    every,
    handmade,
    rendered,
    replace,
    theme_font,
)


def errors(data: bytes) -> set[str]:
    """Return the ids of the rules with an error."""
    return lint_docx(data).error_rules()


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_document_trips_exactly_its_rule(name):
    assert errors(broken(name)) == BROKEN[name][2]


HEADER1 = "word/header1.xml"
EDITS = {
    "issuer not bold": (DOC, direct("TỈNH BẮC GIANG", '<w:b w:val="0"/>'), "header.issuer.bold"),
    "issuer in lower case": (
        DOC,
        replace("TỈNH BẮC GIANG", "Tỉnh Bắc Giang"),
        "header.issuer.case",
    ),
    "Quốc hiệu at 14 pt": (
        DOC,
        direct("CỘNG HÒA", '<w:sz w:val="28"/>'),
        "header.national-title.size",
    ),
    "Quốc hiệu in lower case": (
        DOC,
        replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        "header.national-title.case",
    ),
    "Tiêu ngữ at 12 pt": (DOC, direct("Độc lập", '<w:sz w:val="24"/>'), "header.motto.size"),
    "Tiêu ngữ not bold": (DOC, direct("Độc lập", '<w:b w:val="0"/>'), "header.motto.bold"),
    "date upright": (DOC, direct("Bắc Giang, ngày", '<w:i w:val="0"/>'), "date.italic"),
    "type name in lower case": (DOC, replace("QUYẾT ĐỊNH", "Quyết định"), "title.type-name.case"),
    "type name not bold": (DOC, direct("QUYẾT ĐỊNH", '<w:b w:val="0"/>'), "title.type-name.bold"),
    "summary not bold": (
        DOC,
        direct("Về việc phê duyệt", '<w:b w:val="0"/>'),
        "title.summary.bold",
    ),
    "căn cứ upright": (DOC, direct("Căn cứ Luật Tổ chức", '<w:i w:val="0"/>'), "body.basis.italic"),
    "proposal ending with ;": (
        DOC,
        replace("29/12/2023.", "29/12/2023;"),
        "body.basis.punctuation",
    ),
    "article number not bold": (DOC, direct("Điều 1.", '<w:b w:val="0"/>'), "body.article.bold"),
    "body at 12 pt": ("word/styles.xml", lambda root: _style_size(root, "VBDieu", 24), "font.size"),
    "title not bold": (DOC, direct("PHÓ CHỦ TỊCH", '<w:b w:val="0"/>'), "signature.title.bold"),
    "title in lower case": (DOC, replace("PHÓ CHỦ TỊCH", "Phó Chủ tịch"), "signature.title.case"),
    "name not bold": (DOC, direct("Mai Sơn", '<w:b w:val="0"/>'), "signature.name.bold"),
    "KT: prefix": (DOC, replace("KT. CHỦ TỊCH", "KT: CHỦ TỊCH"), "signature.prefix"),
    "label at 13 pt": (DOC, direct("Nơi nhận", '<w:sz w:val="26"/>'), "recipients.label"),
    "label upright": (DOC, direct("Nơi nhận", '<w:i w:val="0"/>'), "recipients.label"),
    "item at 12 pt": (DOC, direct("- Như Điều 3;", '<w:sz w:val="24"/>'), "recipients.item.size"),
    "item without dash": (DOC, replace("- Như Điều 3;", "Như Điều 3;"), "recipients.item.dash"),
    "item without ;": (DOC, replace("- Như Điều 3;", "- Như Điều 3"), "recipients.item.end"),
    "Lưu line without .": (DOC, replace("KGVX.Dũng.", "KGVX.Dũng"), "recipients.archive"),
    "landscape with no wide table": (
        DOC,
        every("pgSz", w="16838", h="11906", orient="landscape"),
        "page.orientation",
    ),
    "page number not centred": (HEADER1, lambda root: _align(root, "left"), "pagenum.position"),
    "Luật given a wrong number": (
        DOC,
        replace("phương ngày 19/6/2015", "phương số 75/2015/QH13 ngày 19/6/2015"),
        "citation.number",
    ),
    "Luật given a wrong date": (
        DOC,
        replace("phương ngày 19/6/2015", "phương ngày 19/6/2016"),
        "citation.date",
    ),
    "decision given a wrong date": (
        DOC,
        replace("19/2014/QĐ-TTg ngày 05/3/2014", "19/2014/QĐ-TTg ngày 15/3/2014"),
        "citation.date",
    ),
    "title with the wrong standard": (
        DOC,
        replace("9001:2008 vào", "9001:2015 vào"),
        "citation.title",
    ),
    "title missing “, tổ chức”": (
        DOC,
        replace("các cơ quan, tổ chức thuộc", "các cơ quan thuộc"),
        "citation.title",
    ),
}


def _style_size(root: etree._Element, style_id: str, half_points: int) -> None:
    style = root.find(f"{{{W}}}style[@{{{W}}}styleId='{style_id}']")
    for tag in ("sz", "szCs"):
        style.find(f"{{{W}}}rPr/{{{W}}}{tag}").set(f"{{{W}}}val", str(half_points))


def _align(root: etree._Element, value: str) -> None:
    ppr = root.find(f".//{{{W}}}pPr")
    ppr.append(etree.fromstring(f'<w:jc xmlns:w="{W}" w:val="{value}"/>'))


@pytest.mark.parametrize("case", list(EDITS))
def test_one_change_trips_one_rule(case):
    part, change, rule = EDITS[case]
    assert errors(edit(rendered(), part, change)) == {rule}


@pytest.mark.parametrize(
    ("options", "rule"),
    [
        ({"motto": "Độc lập – Tự do – Hạnh phúc"}, "header.motto.text"),
        ({"motto": "Độc lập-Tự do-Hạnh phúc"}, "header.motto.text"),
        ({"prefix": "K/T"}, "signature.prefix"),
        ({"table": True, "prefix": "T/M"}, "signature.prefix"),
        ({"point": "f"}, "body.point-letter"),
        ({"point": "w", "table": True}, "body.point-letter"),
        ({"date_line": "Bắc Ninh, ngày 05 tháng 08 năm 2025"}, "date.wording"),
        ({"date_line": "Bắc Ninh, ngày 5 tháng 8 năm 2025"}, "date.wording"),
        ({"date_line": "Bắc Ninh, ngày 05/8/2025"}, "date.wording"),
        ({"date_line": "Bắc Ninh, ngày 31 tháng 9 năm 2025"}, "date.wording"),
        ({"date_line": "Bắc Ninh ngày 05 tháng 8 năm 2025"}, "date.place"),
        ({"date_line": "Ngày 05 tháng 8 năm 2025", "table": True}, "date.place"),
        ({"date_line": "Bắc Ninh, ngày 05 tháng 8 năm 2024"}, "citation.in-force"),
        ({"number": "Số: 5/QĐ-UBND"}, "number.format"),
        ({"number": "Số: 015/QĐ-UBND"}, "number.format"),
        ({"number": "Số: 05/QĐ - UBND", "table": True}, "number.format"),
        ({"number": "Số: 05/QĐ–UBND"}, "number.format"),
        ({"number": "Số 05/QĐ-UBND"}, "number.format"),
        ({"number": "Số: 05/TB-UBND"}, "number.format"),
        ({"number": "Số: 05/QĐ-ubnd"}, "number.format"),
        ({"page_number": "footer"}, "pagenum.position"),
    ],
)
def test_hand_made_document_with_one_mistake(options, rule):
    assert errors(handmade(**options)) == {rule}


@pytest.mark.parametrize(
    "options",
    [
        {"date_line": "Bắc Ninh, ngày      tháng 8 năm 2025"},  # a draft: day left blank
        {"number": "Số:      /QĐ-UBND"},  # a draft: number left blank
        {"number": "Số: 15/QĐ-UBND"},
        {"number": "Số: 2113/QĐ-UBND", "table": True},
        {"table": True, "one_paragraph": True},
    ],
)
def test_hand_made_variants_that_are_right(options):
    assert lint_docx(handmade(**options)).findings == []


@pytest.mark.parametrize(
    ("symbol", "size", "rules"),
    [
        ("UBND-VX", 12, set()),
        ("CV-UBND", 12, {"number.format"}),
    ],
)
def test_cong_van_has_no_type_code_and_its_v_v_line_stays_in_the_header(symbol, size, rules):
    assert errors(cong_van(symbol, size)) == rules


def test_no_page_number_is_only_a_warning():
    report = lint_docx(handmade(page_number=None))
    assert report.errors == 0 and [f.rule for f in report.findings] == ["pagenum.missing"]


def test_theme_fonts_are_resolved_through_the_theme_part():
    unstyled = handmade(font=None)  # no font on any run: docDefaults name the theme fonts
    assert errors(unstyled) == {"font.family"}
    assert "Cambria" in lint_docx(unstyled).findings[0].message
    times = edit(unstyled, "word/theme/theme1.xml", theme_font("Times New Roman"))
    assert lint_docx(times).findings == []


def test_caps_formatting_counts_as_upper_case():
    lower = replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cộng hòa xã hội chủ nghĩa Việt Nam")
    data = edit(edit(rendered(), DOC, lower), DOC, direct("Cộng hòa", "<w:caps/>"))
    assert errors(data) == set()


def test_a_law_given_its_right_number_is_only_a_warning():
    data = edit(
        rendered(), DOC, replace("phương ngày 19/6/2015", "phương số 77/2015/QH13 ngày 19/6/2015")
    )
    report = lint_docx(data)
    assert report.errors == 0
    assert [(f.rule, f.severity) for f in report.findings] == [("citation.number", "warning")]


def test_wrong_citations_quote_the_registry_wording():
    data = edit(rendered(), DOC, replace("9001:2008 vào", "9001:2015 vào"))
    message = lint_docx(data).findings[0].message
    assert "Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ" in message
    assert "9001:2008" in message


def test_a_repealed_law_names_its_replacement_and_the_date():
    report = lint_docx(broken("repealed-law-in-2025"))
    message = next(f.message for f in report.findings if "77/2015/QH13" in f.message)
    assert "65/2025/QH15" in message and "01/3/2025" in message


@pytest.mark.parametrize(
    ("month", "errors_expected", "warned"),
    [
        (2, set(), False),  # judged on 28/02/2025, the last day 77/2015/QH13 is in force
        (3, {"citation.in-force"}, False),
    ],
)
def test_a_draft_dated_by_month_is_judged_on_the_months_last_day(month, errors_expected, warned):
    draft = replace(
        "ngày 31 tháng 12 năm 2023",
        f"ngày      tháng 0{month} năm 2025" if month <= 2 else f"ngày      tháng {month} năm 2025",
    )
    report = lint_docx(edit(rendered(), DOC, draft))
    assert report.error_rules() == errors_expected
    assert any(f.severity == "warning" for f in report.findings) is warned


def test_a_draft_month_warns_when_a_citation_starts_mid_month():
    data = handmade(date_line="Bắc Ninh, ngày      tháng 6 năm 2025")  # 72/2025 from 16/6
    report = lint_docx(data)
    assert report.errors == 0
    assert [(f.rule, f.severity) for f in report.findings] == [("citation.in-force", "warning")]
    assert "16/6/2025" in report.findings[0].message


def test_today_dates_the_citations_of_an_undated_document():
    undated = edit(rendered(), DOC, replace("Bắc Giang, ngày 31 tháng 12 năm 2023", "Bắc Giang"))
    assert "citation.in-force" not in errors(undated)
    later = lint_docx(undated, today=date(2026, 1, 1))
    assert "citation.in-force" in later.error_rules()


# --- pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "type_key", "fragment"),
    [
        ("5", "Quyết định", "“05”"),
        ("", None, None),
        ("12", None, None),
    ],
)
def test_number_problems_of_a_cong_van(number, type_key, fragment):
    line = NumberLine(Span(0, 0, 1), ":", number, "UBND-VX")
    problems = number_problems(line, type_key)
    if fragment is None:
        assert problems == []
    else:
        assert any(fragment in p for p in problems)


@pytest.mark.parametrize("symbol", ["CV-UBND", "UBND"])
def test_cong_van_symbols_without_a_type_code(symbol):
    assert number_problems(NumberLine(Span(0, 0, 1), ":", "05", symbol), None)


@pytest.mark.parametrize(
    ("day", "month", "ok"),
    [
        ("05", "01", True),
        ("05", "1", False),
        ("31", "12", True),
        ("09", "3", True),
        ("09", "03", False),
        ("9", "3", False),
        ("", "02", True),
        ("", "2", False),
    ],
)
def test_date_wording_pads_days_below_10_and_months_1_and_2(day, month, ok):
    value = date(2024, int(month), int(day)) if day else date(2024, int(month), 28)
    line = DateLine(Span(0, 0, 1), "Hà Nội,", day, month, 2024, False, value)
    assert (date_problems(line) == []) is ok


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("KT. CHỦ TỊCH", None),
        ("TM. ỦY BAN NHÂN DÂN", None),
        ("TL. BỘ TRƯỞNG", None),
        ("TUQ. GIÁM ĐỐC", None),
        ("Q. GIÁM ĐỐC", None),
        ("QUYỀN GIÁM ĐỐC", None),
        ("CHỦ TỊCH", None),
        ("TỔ TRƯỞNG", None),
        ("T/M ỦY BAN NHÂN DÂN", "“TM.”"),
        ("K/T CHỦ TỊCH", "“KT.”"),
        ("KT: CHỦ TỊCH", "“KT.”"),
        ("KT CHỦ TỊCH", "“KT.”"),
        ("KT.CHỦ TỊCH", "“KT.”"),
        ("T.L BỘ TRƯỞNG", "“TL.”"),
        ("TU/Q GIÁM ĐỐC", "“TUQ.”"),
    ],
)
def test_authority_prefixes(line, problem):
    found = prefix_problem(line)
    assert (found is None) if problem is None else (problem in found)


STYLES = f"""<w:styles xmlns:w="{W}">
  <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi"
    w:hAnsiTheme="minorHAnsi"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
    <w:rPr><w:sz w:val="24"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Base"><w:basedOn w:val="Normal"/>
    <w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Derived"><w:basedOn w:val="Base"/>
    <w:rPr><w:i/><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"""
THEME = (
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>'
    '<a:fontScheme><a:majorFont><a:latin typeface="Cambria"/></a:majorFont><a:minorFont>'
    '<a:latin typeface="Times New Roman"/></a:minorFont></a:fontScheme></a:themeElements>'
    "</a:theme>"
)


@pytest.fixture(scope="module")
def sheet():
    return StyleSheet(etree.fromstring(STYLES), etree.fromstring(THEME))


def rpr(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:rPr xmlns:w="{W}">{xml}</w:rPr>')


def test_defaults_come_from_the_theme_and_the_default_paragraph_style(sheet):
    props = sheet.run_props(None, None, None, None)
    assert (props.ascii, props.hansi, props.size, props.bold) == (
        "Times New Roman",
        "Times New Roman",
        12,
        False,
    )


def test_based_on_chain_is_inherited_and_the_derived_style_wins(sheet):
    props = sheet.run_props("Derived", None, None, None)
    assert (props.ascii, props.size, props.bold, props.italic) == ("Arial", 13, True, True)
    assert sheet.paragraph_props("Derived", None, None).align == "center"


def test_a_character_style_toggles_what_the_paragraph_style_set(sheet):
    assert sheet.run_props("Base", None, "Strong", None).bold is False
    assert sheet.run_props("Normal", None, "Strong", None).bold is True


def test_direct_formatting_is_absolute(sheet):
    assert sheet.run_props("Base", None, "Strong", rpr("<w:b/>")).bold is True
    assert sheet.run_props("Base", None, None, rpr('<w:b w:val="0"/>')).bold is False
    assert sheet.run_props("Base", None, None, rpr('<w:sz w:val="28"/>')).size == 14


def test_unknown_and_looping_styles_fall_back_safely(sheet):
    assert sheet.run_props("Missing", None, None, None).size == 12  # the default style
    assert sheet.run_props("Loop", None, None, None).size == 11  # docDefaults only


def test_word_built_in_defaults_apply_without_a_styles_part():
    props = StyleSheet(None, None).run_props(None, None, None, None)
    assert (props.ascii, props.size, props.bold) == ("Times New Roman", 10, False)
