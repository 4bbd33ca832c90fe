"""The PDF's minimal user-agent stylesheet: the same PDF, byte for byte, as WeasyPrint's own."""

from __future__ import annotations

import json
import re

import pytest
from weasyprint import HTML

from service.pipeline import compose
from service.render import pdf
from service.render.html import render_html

from .conftest import FIXTURES, valid_fixtures
from .sample import SAMPLES


def fixture_document(name: str):
    """Return the Document of a fixture file."""
    return compose(json.loads((FIXTURES / name).read_text(encoding="utf-8")))


DOCUMENTS = {
    **{f"fixture:{name}": (lambda name=name: fixture_document(name)) for name in valid_fixtures()},
    **{f"sample:{kind}": build for kind, build in SAMPLES.items()},
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_minimal_user_agent_sheet_gives_the_pdf_of_weasyprints_full_sheet(name, monkeypatch):
    document = DOCUMENTS[name]()
    ours = pdf.render_pdf(document)
    monkeypatch.setattr(pdf, "DocumentHTML", HTML)  # WeasyPrint's HTML5 user-agent sheet
    assert pdf.render_pdf(document) == ours  # same text, pages and positions: same bytes


def test_every_element_the_templates_print_is_one_the_minimal_sheet_styles():
    printed = set()
    for build in DOCUMENTS.values():
        html = render_html(build(), stylesheet=None)
        printed |= {tag.lower() for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html)}
    assert printed <= pdf.UA_ELEMENTS, sorted(printed - pdf.UA_ELEMENTS)
