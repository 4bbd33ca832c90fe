"""Speed levers of the PDF path that must leave every PDF byte for byte the same."""

from __future__ import annotations

import json

import pytest
from weasyprint.pdf import fonts

from service.pipeline import compose
from service.render import harfbuzz
from service.render.pdf import render_pdf
from service.source import pdf as source_pdf

from .conftest import FIXTURES, valid_fixtures


@pytest.fixture
def plain_weasyprint(monkeypatch):
    """WeasyPrint as it comes: its own FFI object, a new fetcher for each attachment."""
    assert isinstance(fonts.ffi, harfbuzz.OpenArrays)
    monkeypatch.setattr(fonts, "ffi", fonts.ffi._ffi)
    monkeypatch.setattr(source_pdf, "_no_fetching", lambda: None)


@pytest.mark.parametrize("name", valid_fixtures())
def test_open_arrays_and_one_fetcher_give_the_same_pdf(name, request):
    document = compose(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
    tuned = render_pdf(document, variant="pdf/a-3b")
    request.getfixturevalue("plain_weasyprint")
    assert render_pdf(document, variant="pdf/a-3b") == tuned


def test_open_arrays_allocate_the_same_values_as_sized_ones():
    real = fonts.ffi._ffi
    values = (3, 1, 4, 1, 5)
    opened = harfbuzz.OpenArrays(real).new("hb_codepoint_t[5]", values)
    assert real.typeof(opened) == real.typeof("hb_codepoint_t[]")
    assert list(opened) == list(real.new("hb_codepoint_t[5]", values))
    # Anything else is cffi's own call.
    assert real.sizeof(harfbuzz.OpenArrays(real).new("hb_codepoint_t[3]")) == 3 * 4
