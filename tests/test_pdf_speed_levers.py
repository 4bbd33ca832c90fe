"""Speed levers of the PDF path: what they produce is what WeasyPrint as it comes produces.

The exact levers (service/render/harfbuzz.py, the attachments' fetcher, the plain-page parser of
service/render/html_tree.py, the copies of service/render/weasyprint_speed.py but its deflate
level) leave every PDF byte for byte the same.
The deflate level changes the compressed bytes only: both PDFs hold the same objects and decode
to the same streams, so the same text, pages and glyph positions.
"""

from __future__ import annotations

import io
import json
import subprocess
import unicodedata

import pikepdf
import pytest
from weasyprint import HTML
from weasyprint.pdf import fonts

from service.pipeline import compose
from service.render import harfbuzz, line_memo, weasyprint_speed
from service.render.pdf import (
    BASE_URL,
    DocumentHTML,
    fetcher,
    font_config,
    render_pdf,
    render_pdf_laid_out,
    stylesheet,
)
from service.source import pdf as source_pdf

from .conftest import FIXTURES, load_fixture, valid_fixtures

EXACT = [name for name in weasyprint_speed.LEVERS if name != "deflate"]


@pytest.fixture
def plain_weasyprint(monkeypatch):
    """WeasyPrint as it comes: its own FFI object, functions and fetchers (deflate level kept)."""
    assert isinstance(fonts.ffi, harfbuzz.OpenArrays)
    monkeypatch.setattr(fonts, "ffi", fonts.ffi._ffi)
    monkeypatch.setattr(source_pdf, "_no_fetching", lambda: None)
    monkeypatch.setattr(DocumentHTML, "plain_parser", False)
    weasyprint_speed.uninstall(EXACT)
    yield
    weasyprint_speed.install(EXACT)


@pytest.fixture
def stock_deflate():
    """pydyf deflating at its own level 9."""
    weasyprint_speed.uninstall(["deflate"])
    yield
    weasyprint_speed.install(["deflate"])


def unusual_text_document():
    """Return a decision whose text takes the glyph paths plain text does not.

    Decomposed Vietnamese (combining marks placed with offsets), a character no font has (a
    .notdef glyph), a zero-width joiner, a right-to-left word and letter spacing of justified
    lines.
    """
    payload = load_fixture("decisions/direct-decision.json")
    text = payload["articles"][0]["text"]
    payload["articles"][0]["text"] = (
        unicodedata.normalize("NFD", text)
        + " \u2060x\u200dy \U0001d11e q\u0323 x\u0301\u0302 w\u0330\u0303 \u05e9\u05dc\u05d5\u05dd"
    )
    return compose(payload)


def test_weasyprint_speed_levers_are_installed():
    assert weasyprint_speed.install([])  # the WeasyPrint they were copied from
    for name, places in weasyprint_speed.LEVERS.items():
        for owner, attribute, lever in places:
            assert getattr(owner, attribute) is lever, name


@pytest.mark.parametrize("name", valid_fixtures())
def test_exact_levers_give_the_same_pdf(name, request):
    document = compose(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
    tuned = render_pdf(document, variant="pdf/a-3b")
    request.getfixturevalue("plain_weasyprint")
    assert render_pdf(document, variant="pdf/a-3b") == tuned


def test_exact_levers_give_the_same_pdf_for_unusual_text(request):
    document = unusual_text_document()
    tuned = render_pdf(document)
    request.getfixturevalue("plain_weasyprint")
    assert render_pdf(document) == tuned


def remembered() -> dict:
    """Return the line breaks this thread's font configuration remembers."""
    return font_config().__dict__.get("_vanban_lines", {})


@pytest.mark.parametrize("name", valid_fixtures())
def test_remembered_line_breaks_give_the_same_pdf(name, request):
    document = compose(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
    line_memo.forget(font_config())
    first = render_pdf(document, variant="pdf/a-3b")  # every line break computed, remembered
    asked = len(remembered())
    assert asked > 0
    again = render_pdf(document, variant="pdf/a-3b")
    assert len(remembered()) == asked  # nothing new: every line break came from the memo
    assert again == first
    request.getfixturevalue("plain_weasyprint")
    assert render_pdf(document, variant="pdf/a-3b") == first


# One sentence in every style its line breaks depend on, each at two widths: a memo keyed on too
# little would hand one paragraph another's breaks.
SENTENCE = "Quyết định này có hiệu lực kể từ ngày ký, đồng thời thay thế Quyết định số 12/QĐ-UBND."
WORDS = "Điều&shy;chỉnh&shy;bổ&shy;sung official affluent internationalization " + "A" * 40
STYLES = (
    "",
    "font-weight: bold",
    "font-style: italic",
    "font-size: 11pt",
    "font-family: serif",
    "letter-spacing: 1pt",
    "word-spacing: 4pt",
    "text-decoration: underline",
    "font-variant: small-caps",
    "font-feature-settings: 'liga' 0",
    "white-space: nowrap",
    "overflow-wrap: anywhere",
    "word-break: break-all",
    "hyphens: none",
    "hyphens: auto",
    "hyphens: auto; hyphenate-character: '~'",
    "text-align: justify",
    "direction: rtl",
)


def styled_sentences() -> str:
    paragraphs = "".join(
        f'<p style="width: {width}; {style}">{SENTENCE} {WORDS}</p>'
        for style in STYLES
        for width in ("60mm", "23mm")
    )
    return f'<html lang="en"><body>{paragraphs}</body></html>'


def render_styled() -> bytes:
    html = HTML(string=styled_sentences(), base_url=BASE_URL, url_fetcher=fetcher())
    return html.write_pdf(stylesheets=[stylesheet()], font_config=font_config())


def test_remembered_line_breaks_depend_on_every_style_they_read(request):
    line_memo.forget(font_config())
    tuned = render_styled()
    assert len(remembered()) > 2 * len(STYLES)
    assert render_styled() == tuned  # all from the memo
    request.getfixturevalue("plain_weasyprint")
    assert render_styled() == tuned


def test_line_memo_forgets_when_a_font_face_is_added(request):
    family = "Vanban Test Face"
    paragraph = f"<p style=\"font-family: '{family}'; width: 40mm\">{SENTENCE} {WORDS}</p>"
    face = (
        f"<style>@font-face {{ font-family: '{family}'; "
        "src: url(file:///usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf) }</style>"
    )

    config = font_config()
    line_memo.forget(config)
    fallback = HTML(string=f"<html><body>{paragraph}</body></html>").write_pdf(font_config=config)
    assert remembered()  # the lines as the fallback font breaks them
    with_face = HTML(string=f"<html><head>{face}</head><body>{paragraph}</body></html>")
    tuned = with_face.write_pdf(font_config=config)
    assert tuned != fallback
    request.getfixturevalue("plain_weasyprint")
    assert with_face.write_pdf(font_config=config) == tuned  # WeasyPrint's own breaks


def test_line_memo_is_bounded(monkeypatch, request):
    monkeypatch.setattr(line_memo, "SIZE", 16)
    line_memo.forget(font_config())
    tuned = render_styled()
    assert 0 < len(remembered()) <= 16
    request.getfixturevalue("plain_weasyprint")
    assert render_styled() == tuned


def test_open_arrays_allocate_the_same_values_as_sized_ones():
    real = fonts.ffi._ffi
    values = (3, 1, 4, 1, 5)
    opened = harfbuzz.OpenArrays(real).new("hb_codepoint_t[5]", values)
    assert real.typeof(opened) == real.typeof("hb_codepoint_t[]")
    assert list(opened) == list(real.new("hb_codepoint_t[5]", values))
    # Anything else is cffi's own call.
    assert real.sizeof(harfbuzz.OpenArrays(real).new("hb_codepoint_t[3]")) == 3 * 4


def decoded(data: bytes) -> list:
    """Return every object of a PDF as it reads once decoded: dictionaries and stream data.

    Not the cross-reference stream: it holds where each object starts in the file (and the
    file's own digest), which a different compression moves.
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            _decoded(obj, top=True)
            for obj in pdf.objects
            if not (isinstance(obj, pikepdf.Stream) and obj.get("/Type") == "/XRef")
        ]


def _decoded(obj, top: bool = False):
    """Return ``obj`` as plain values, a reference for an indirect object inside another."""
    if not isinstance(obj, pikepdf.Object):  # pikepdf gives numbers and booleans as Python's
        return repr(obj)
    if not top and obj.is_indirect:
        return ("ref", obj.objgen)
    if isinstance(obj, pikepdf.Stream):
        keys = {k: _decoded(v) for k, v in obj.items() if k != "/Length"}
        return ("stream", keys, obj.read_bytes())
    if isinstance(obj, pikepdf.Dictionary):
        return {k: _decoded(v) for k, v in obj.items()}
    if isinstance(obj, pikepdf.Array):
        return [_decoded(v) for v in obj]
    return repr(obj)


def pages(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def pdftotext(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize("name", valid_fixtures())
def test_deflate_level_changes_no_decoded_object(name, request):
    document = compose(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
    tuned, tuned_positions = render_pdf_laid_out(document, variant="pdf/a-3b")
    request.getfixturevalue("stock_deflate")
    stock, stock_positions = render_pdf_laid_out(document, variant="pdf/a-3b")
    assert tuned != stock  # the lever is on: the compressed bytes differ
    # Same objects, dictionaries and decoded streams (page contents: every glyph and where).
    assert decoded(tuned) == decoded(stock)
    assert pdftotext(tuned) == pdftotext(stock)
    assert pages(tuned) == pages(stock)
    assert tuned_positions == stock_positions
