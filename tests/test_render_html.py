"""HTML rendering: text order equal to the DOCX, escaping, NFC, role classes, ND30 sizes in CSS."""

from __future__ import annotations

import dataclasses
import itertools
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
import tinycss2

from service.errors import RenderError
from service.model import BLOCK_ROLES, Block, Cell, Column, Document, Header, Run, Table
from service.render.docx import render_docx
from service.render.docx_text import docx_lines
from service.render.html import STYLESHEET, TEMPLATES_DIR, environment, render_html
from tests.sample import (
    HOSTILE,
    NOTES,
    SAMPLES,
    sample_decision_with_attachment,
    sample_document,
    sample_plan_with_form,
)

BLOCK_TAGS = {"p", "div", "td", "th", "tr", "table", "section", "title", "body", "head"}
SKIPPED_TAGS = {"style", "script"}
# Footnotes are not body text (as in docx_lines): the notes at the page foot (print) or at the
# end (screen). Their calls are: the <sup class="note-call"> number glued to the word before.
SKIPPED_CLASSES = {"footnote", "notes"}
VOID_TAGS = {"col", "meta", "link", "br", "img"}


class _Lines(HTMLParser):
    """Collect the text of block elements, one line each, and count the start tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.tags: list[str] = []
        self._buffer: list[str] = []
        self._skip = 0
        self._open = 0  # elements open inside a skipped one, itself included

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        classes = set((dict(attrs).get("class") or "").split())
        if tag not in VOID_TAGS and (self._open or classes & SKIPPED_CLASSES):
            self._open += 1
        self._skip += tag in SKIPPED_TAGS
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in SKIPPED_TAGS
        self._open -= bool(self._open)
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip and not self._open:
            self._buffer.append(data)

    def _flush(self) -> None:
        line = " ".join("".join(self._buffer).split())
        if line:
            self.lines.append(line)
        self._buffer = []


def parse(html: str) -> _Lines:
    """Return the parser after reading ``html``."""
    parser = _Lines()
    parser.feed(html)
    parser.close()
    return parser


def squash(text: str) -> str:
    """Return ``text`` with whitespace collapsed, as a browser shows it."""
    return " ".join(text.split())


def header_lines(h: Header) -> list[str | None]:
    """Return the lines of ô 1-4 in reading order."""
    return [
        h.parent,
        *h.issuer,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        h.number_line,
        h.place_date,
    ]


def marked(block: Block, marks: Iterator[int]) -> str:
    """Return a block's text with its footnote marks, as printed."""
    return "".join(r.text + (str(next(marks)) if r.footnote else "") for r in block.runs)


def expected_lines(document: Document) -> list[str]:
    """Return the DOCX text order of ``document``, one printed line per paragraph or cell."""
    marks = itertools.count(1)
    lines = [
        *header_lines(document.header),
        document.type_name,
        *document.summary,
        document.authority,
        *document.bases,
        document.enacting,
        *(marked(block, marks) for block in document.body),
        "Nơi nhận:",
        *(line.printed for line in document.recipients),
        *document.signature.lines,
        document.signature.name,
    ]
    for appendix in document.appendices:
        lines += header_lines(appendix.header) if appendix.header else []
        lines += [appendix.label, appendix.title, appendix.subtitle, appendix.attribution]
        lines += [marked(block, marks) for block in appendix.blocks]
        if appendix.table:
            rows = appendix.table.header + appendix.table.rows
            lines += [cell.text for row in rows for cell in row]
    return [squash(line) for line in lines if line and squash(line)]


def body_lines(html: str, document: Document) -> list[str]:
    """Return the lines of the rendered page without its <title>."""
    lines = parse(html).lines
    assert lines[0] == squash(document.meta.title)
    return lines[1:]


def hostile_document() -> Document:
    """Return the sample with hostile text in every kind of field."""
    doc = sample_document(HOSTILE)
    first = doc.appendices[0]
    table = dataclasses.replace(first.table, rows=((Cell(HOSTILE), Cell(HOSTILE, colspan=3)),))
    return dataclasses.replace(
        doc,
        meta=dataclasses.replace(doc.meta, title=HOSTILE),
        header=dataclasses.replace(doc.header, parent=HOSTILE, place_date=HOSTILE),
        summary=(HOSTILE,),
        bases=(HOSTILE, *doc.bases),
        recipients=(dataclasses.replace(doc.recipients[0], text=HOSTILE), *doc.recipients[1:]),
        signature=dataclasses.replace(doc.signature, name=HOSTILE),
        appendices=(dataclasses.replace(first, title=HOSTILE, table=table), *doc.appendices[1:]),
    )


@pytest.mark.parametrize("kind", SAMPLES)
def test_html_lines_follow_the_docx_text_order(kind):
    doc = SAMPLES[kind]()
    assert body_lines(render_html(doc), doc) == expected_lines(doc)


@pytest.mark.parametrize("make", [*SAMPLES.values(), hostile_document], ids=[*SAMPLES, "hostile"])
def test_html_lines_equal_the_docx_lines(make):
    doc = make()
    docx = [squash(line) for line in docx_lines(render_docx(doc)) if squash(line)]
    assert body_lines(render_html(doc), doc) == docx


def test_standalone_page_has_language_charset_title_dates_and_relative_css():
    html = render_html(sample_document())
    assert html.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert '<meta charset="utf-8">' in html
    assert "<title>Quyết định 2113/QĐ-UBND</title>" in html
    assert '<meta name="dcterms.created" content="2023-12-31T00:00:00+07:00">' in html
    assert '<meta name="dcterms.modified" content="2023-12-31T00:00:00+07:00">' in html
    assert '<link rel="stylesheet" href="document.css">' in html
    assert (TEMPLATES_DIR / STYLESHEET).is_file()


def test_draft_has_no_dates():
    doc = sample_document()
    draft = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, issued=None))
    assert "dcterms" not in render_html(draft)


def test_fragment_is_the_same_markup_without_the_page():
    doc = sample_document()
    fragment = render_html(doc, standalone=False)
    assert fragment.lstrip().startswith('<div class="vanban" lang="vi">')
    assert "<html" not in fragment and "<link" not in fragment and "<title" not in fragment
    assert parse(fragment).lines == expected_lines(doc)


def test_stylesheet_link_can_be_left_out():
    assert "<link" not in render_html(sample_document(), stylesheet=None)


def test_hostile_text_comes_out_literally_and_never_as_markup():
    hostile = hostile_document()
    html = render_html(hostile)
    assert parse(html).lines == [squash(HOSTILE), *expected_lines(hostile)]
    assert "<c>" not in html and "&lt;c&gt;" in html and "A &amp; B" in html
    assert "{{ x }}" in html and "{% if 1 %}y{% endif %}" in html and "{_{" in html


def test_hostile_text_adds_no_element():
    doc = sample_document()
    hostile = dataclasses.replace(
        doc, summary=(HOSTILE,), signature=dataclasses.replace(doc.signature, name=HOSTILE)
    )
    assert parse(render_html(hostile)).tags == parse(render_html(doc)).tags


def test_text_stays_nfc():
    doc = sample_document()
    html = render_html(doc)
    assert unicodedata.is_normalized("NFC", html)
    assert "Bắc Giang".encode() in html.encode()  # precomposed bytes, not a + combining marks
    assert "QUYẾT ĐỊNH" in html


@pytest.mark.parametrize("role", BLOCK_ROLES)
def test_each_block_role_is_a_css_class(role):
    doc = sample_document()
    text = f"Đoạn có vai trò {role}"
    html = render_html(dataclasses.replace(doc, body=(Block(role, (Run(text),)),)))
    assert f'<p class="{role}">{text}</p>' in html


def test_runs_keep_their_emphasis_and_spaces():
    html = render_html(sample_document())
    assert '<p class="article"><strong>Điều 1. </strong>Phê duyệt' in html
    assert "có <em>chữ nghiêng</em>." in html
    both = render_html(
        dataclasses.replace(
            sample_document(), body=(Block("text", (Run("đậm nghiêng", bold=True, italic=True),)),)
        )
    )
    assert "<strong><em>đậm nghiêng</em></strong>" in both


def test_table_prints_widths_spans_and_header_rows():
    doc = sample_document()
    table = Table(
        columns=(Column(20), Column(60), Column(40)),
        header=(
            (Cell("A", rowspan=2, bold=True), Cell("B", colspan=2, align="center")),
            (Cell("B1"), Cell("B2")),
        ),
        rows=((Cell("1", align="right"), Cell("x"), Cell("y")),),
    )
    appendix = dataclasses.replace(doc.appendices[0], table=table, landscape=True)
    html = render_html(dataclasses.replace(doc, appendices=(appendix,)))
    assert '<section class="appendix landscape">' in html
    assert '<col style="width: 20mm"><col style="width: 60mm"><col style="width: 40mm">' in html
    thead = html[html.index("<thead>") : html.index("</thead>")]
    assert '<th class="align-left bold" rowspan="2">A</th>' in thead
    assert '<th class="align-center" colspan="2">B</th>' in thead
    assert "B1" in thead and "B2" in thead
    assert '<td class="align-right">1</td>' in html


def test_unknown_kind_is_a_render_error():
    doc = sample_document()
    with pytest.raises(RenderError):
        render_html(dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, kind="../x")))


def test_environment_is_built_once_sandboxed_and_autoescaping():
    env = environment()
    assert env is environment()
    assert env.autoescape is True
    assert env.is_safe_attribute(sample_document(), "__class__", None) is False


def css_rules() -> dict[str, dict[str, str]]:
    """Return document.css as {selector: {property: value}}, grouped selectors split."""
    rules: dict[str, dict[str, str]] = {}
    source = (TEMPLATES_DIR / STYLESHEET).read_text(encoding="utf-8")
    for rule in tinycss2.parse_stylesheet(source, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        declarations = {
            d.lower_name: tinycss2.serialize(d.value).strip()
            for d in tinycss2.parse_declaration_list(rule.content, True, True)
            if d.type == "declaration"
        }
        for selector in tinycss2.serialize(rule.prelude).split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


@pytest.mark.parametrize(
    ("selector", "prop", "value"),
    [
        (".vanban", "font-size", "14pt"),
        (".vanban", "font-family", '"Times New Roman", "Liberation Serif", serif'),
        (".national", "font-size", "13pt"),
        (".national", "font-weight", "bold"),
        (".national", "white-space", "nowrap"),
        (".motto", "font-size", "14pt"),
        (".motto", "font-weight", "bold"),
        (".motto-text", "border-bottom", "0.75pt solid #000"),
        (".issuer-line", "font-size", "13pt"),
        (".issuer-line", "font-weight", "bold"),
        (".parent", "font-size", "13pt"),
        (".number", "font-size", "13pt"),
        (".place-date", "font-size", "14pt"),
        (".place-date", "font-style", "italic"),
        (".type-name", "font-weight", "bold"),
        (".summary-line", "font-weight", "bold"),
        (".summary::after", "width", "40%"),
        (".issuer::after", "width", "40%"),
        (".authority", "font-weight", "bold"),
        (".authority", "text-align", "center"),
        (".basis", "font-style", "italic"),
        (".basis", "text-align", "justify"),
        (".basis", "text-indent", "1cm"),
        (".text", "text-align", "justify"),
        (".text", "text-indent", "1cm"),
        (".article", "margin-top", "6pt"),
        (".enacting", "font-weight", "bold"),
        (".recipients-label", "font-size", "12pt"),
        (".recipients-label", "font-weight", "bold"),
        (".recipients-label", "font-style", "italic"),
        (".recipient", "font-size", "11pt"),
        (".signature-line", "font-weight", "bold"),
        (".signer", "font-weight", "bold"),
        ("table.signing", "break-inside", "avoid"),
        ("col.header-left", "width", "65mm"),
        ("col.header-right", "width", "100mm"),
        (".appendix", "break-before", "page"),
        (".appendix", "page", "appendix"),
        (".appendix.landscape", "page", "appendix-landscape"),
        (".appendix-label", "font-weight", "bold"),
        (".appendix-title", "font-weight", "bold"),
        (".attribution-line", "font-style", "italic"),
        (".appendix-subtitle", "font-weight", "bold"),
        (".section", "font-weight", "bold"),
        (".section", "text-indent", "1cm"),
        (".section", "text-align", "justify"),
        ("table.data.dense", "font-size", "11pt"),
        (".footnote", "float", "footnote"),
        (".footnote", "font-size", "10pt"),
        (".footnote", "font-weight", "normal"),
        (".footnote::footnote-call", "content", "counter(footnote)"),
        (".footnote::footnote-call", "vertical-align", "super"),
        (".footnote::footnote-marker", "vertical-align", "super"),
    ],
)
def test_css_follows_the_nd30_element_table(selector, prop, value):
    assert css_rules()[selector][prop] == value


def test_every_block_role_has_a_css_rule():
    assert set(BLOCK_ROLES) <= {s.lstrip(".") for s in css_rules()}


# ---- what the new parts of the model print


def appendix_sections(html: str) -> list[str]:
    """Return the markup of each appendix section."""
    return [part.split("</section>")[0] for part in html.split('<section class="appendix')[1:]]


def test_footnotes_are_called_in_order_and_listed_at_the_end():
    html = render_html(sample_plan_with_form())
    calls = [
        f'<sup class="note-call">{n}</sup><span class="footnote">{text}</span>'
        for n, text in enumerate(NOTES, start=1)
    ]
    positions = [html.index(call) for call in calls]
    assert positions == sorted(positions)
    assert "đạt tỉ lệ" + calls[0] + ": …… %" in html  # glued to the word before it
    notes = html[html.index('<section class="notes">') :]
    assert [
        f'<p class="note"><sup>{n}</sup> {text}</p>' in notes
        for n, text in enumerate(NOTES, start=1)
    ] == [True] * 3


def test_numbers_run_on_from_the_body_into_the_appendices():
    html = render_html(sample_decision_with_attachment())
    assert 'hiệu lực kể từ ngày ký<sup class="note-call">1</sup>' in html
    assert 'của Tổ giúp việc<sup class="note-call">2</sup>' in html


def test_a_document_without_footnotes_has_no_note_list():
    assert 'class="notes"' not in render_html(sample_document())


def test_footnote_text_is_escaped():
    doc = sample_plan_with_form()
    blocks = (Block("text", (Run("chữ", footnote=HOSTILE),)),)
    html = render_html(
        dataclasses.replace(
            doc, appendices=(dataclasses.replace(doc.appendices[0], blocks=blocks),)
        )
    )
    assert '<span class="footnote">A &amp; B &lt;c&gt;' in html and "<c>" not in html


def test_a_recipient_label_prints_without_a_mark():
    html = render_html(sample_plan_with_form())
    assert '<p class="recipient level-0 label">Bản điện tử:</p>' in html
    assert '<p class="recipient level-1">+ LĐVP, TH;</p>' in html


def test_appendix_prints_only_the_parts_it_has():
    outline, form = appendix_sections(render_html(sample_plan_with_form()))
    for section in (outline, form):
        assert "appendix-label" not in section and 'class="header"' not in section
    assert "attribution-line" in outline and "attribution-line" not in form
    assert '<p class="appendix-subtitle">Từ ngày … tháng … năm … đến ngày … tháng … năm …</p>' in (
        form
    )
    assert '<table class="data dense">' in form


def test_an_attached_document_has_its_own_header_without_number_or_date():
    (attached,) = appendix_sections(render_html(sample_decision_with_attachment()))
    assert attached.index('<table class="header">') < attached.index("QUY CHẾ")
    assert "header-number" not in attached and "Số:" not in attached
    assert '<p class="appendix-subtitle">Làm việc của Tổ giúp việc' in attached


def test_a_notice_prints_no_authority_bases_or_enacting_line():
    html = render_html(SAMPLES["conclusion-notice"]())
    for cls in ("authority", "basis", "enacting"):
        assert f'class="{cls}"' not in html


@pytest.mark.parametrize("kind", SAMPLES)
def test_every_kind_renders_through_its_own_template(kind):
    doc = SAMPLES[kind]()
    assert (TEMPLATES_DIR / f"{kind}.html").is_file()
    assert render_html(doc) == render_html(doc, kind_template="_document.html")


def test_document_numbers_stay_whole_on_a_line():
    html = render_html(sample_document())
    assert 'Tờ trình số <span class="unbroken">87/TTr-KHCN</span>' in html
    assert css_rules()[".unbroken"]["white-space"] == "nowrap"
