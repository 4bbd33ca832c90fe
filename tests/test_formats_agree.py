"""The DOCX, the HTML preview and the PDF of a fixture carry the same words in the same order."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser

import pytest

from service.pipeline import generate
from service.render.docx_text import docx_words

from .conftest import load_fixture

FIXTURES = ["seeds/000-ranking-decision-2113-2023.json"]


class _Text(HTMLParser):
    """Collect the text inside <body>."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.inside = self.inside or tag == "body"
        if tag in {"p", "td", "th", "tr", "div"}:
            self.chunks.append(" ")

    def handle_data(self, data):
        if self.inside:
            self.chunks.append(data)


def html_words(html: str) -> list[str]:
    """Return the words of an HTML page's body."""
    parser = _Text()
    parser.feed(html)
    return "".join(parser.chunks).split()


def pdf_body_words(data: bytes, tmp_path) -> list[str]:
    """Return the words below the top margin (where page numbers sit), in content order."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    top = 50  # points: the 20 mm top margin is 56.7 pt; page numbers are printed inside it
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-x", "0", "-y", str(top),
                           "-W", "2000", "-H", "2000", str(path), "-"],
                          capture_output=True, check=True, timeout=60).stdout.decode("utf-8")
    return text.split()


@pytest.fixture(scope="module", params=FIXTURES)
def outputs(request):
    """Return the fixture rendered in the three formats."""
    payload = load_fixture(request.param)
    return {fmt: generate(payload, fmt).content for fmt in ("docx", "html", "pdf")}


def test_html_has_the_docx_words_in_order(outputs):
    assert html_words(outputs["html"].decode("utf-8")) == docx_words(outputs["docx"])


def test_pdf_has_the_docx_words_in_order_besides_page_numbers(outputs, tmp_path):
    assert pdf_body_words(outputs["pdf"], tmp_path) == docx_words(outputs["docx"])


def test_pdf_embeds_only_liberation_serif(outputs, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(outputs["pdf"])
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True,
                          timeout=60).stdout.decode().splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert "Liberation-Serif" in name and emb == "yes", row
