"""Every fixture's DOCX, HTML preview and PDF carry the same words in the same order."""

from __future__ import annotations

import json
import subprocess

import pytest

from service.errors import InvalidInput
from service.pipeline import compose, generate
from service.render.docx_text import docx_words

from .conftest import FIXTURES
from .test_render_pdf import html_words, pdf_words


def valid_fixtures() -> list[str]:
    """Return every fixture that describes a valid document.

    Only fixtures/edge/ may hold inputs meant to be refused; anywhere else a refusal is an error.
    """
    names = []
    for path in sorted(FIXTURES.rglob("*.json")):
        name = path.relative_to(FIXTURES).as_posix()
        try:
            compose(json.loads(path.read_text(encoding="utf-8")))
        except InvalidInput:
            if name.startswith("edge/"):
                continue
            raise
        names.append(name)
    return names


@pytest.fixture(scope="module", params=valid_fixtures())
def outputs(request):
    """Return a fixture rendered in the three formats."""
    payload = json.loads((FIXTURES / request.param).read_text(encoding="utf-8"))
    return {fmt: generate(payload, fmt).content for fmt in ("docx", "html", "pdf")}


def test_html_has_the_docx_words_in_order(outputs):
    assert html_words(outputs["html"].decode("utf-8")) == docx_words(outputs["docx"])


def test_pdf_has_the_docx_words_in_order(outputs, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(outputs["pdf"])
    assert pdf_words(path) == docx_words(outputs["docx"])


def test_pdf_embeds_only_liberation_serif(outputs, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(outputs["pdf"])
    rows = (
        subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, timeout=60)
        .stdout.decode()
        .splitlines()[2:]
    )
    assert rows, "no fonts listed"
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert "Liberation-Serif" in name and emb == "yes", row
