"""The print matches the preview: for every example, the PDF and the DOCX as LibreOffice lays it
out have the same pages, each beginning with the same words; a draft keeps room to write its
number and day by hand in every format (checked on the text as `pdftotext -layout` lays it)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from service.pipeline import generate

from .conftest import load_fixture
from .office import office_convert
from .test_source import VALID

FIRST_WORDS = 6  # a page "begins with the same line": its first words are the same
DRAFTS = [name for name in VALID if load_fixture(name).get("number") is None]


def page_texts(pdf: Path) -> list[str]:
    """Return the text of each page of ``pdf`` as `pdftotext -layout` lays it out."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode()
    return [page for page in text.split("\f") if page.strip()]


def opening(page: str) -> list[str]:
    """Return the first words of a page's text, its page number (a line of digits) aside."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    first = next(line for line in lines if not line.isdigit())
    return first.split()[:FIRST_WORDS]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, tuple[list[str], list[str]]]:
    """Return, for every example, its PDF's pages and its DOCX's pages printed by LibreOffice."""
    work = tmp_path_factory.mktemp("print")
    stems = {name: re.sub(r"\W", "_", name) for name in VALID}
    for name, stem in stems.items():
        payload = load_fixture(name)
        (work / f"{stem}.docx").write_bytes(generate(payload, "docx").content)
        (work / f"{stem}.weasy.pdf").write_bytes(generate(payload, "pdf").content)
    office_convert(
        work, "pdf", work / "office", *(work / f"{stem}.docx" for stem in stems.values())
    )
    return {
        name: (page_texts(work / f"{stem}.weasy.pdf"), page_texts(work / "office" / f"{stem}.pdf"))
        for name, stem in stems.items()
    }


@pytest.mark.office
@pytest.mark.parametrize("name", VALID)
def test_pdf_and_docx_print_the_same_pages(printed, name):
    pdf, office = printed[name]
    assert len(pdf) == len(office), f"PDF {len(pdf)} pages, DOCX in LibreOffice {len(office)}"
    assert [opening(page) for page in pdf] == [opening(page) for page in office]


BLANKS = [
    re.compile(r"Số:\s{4,}/"),  # the number
    re.compile(r"ngày\s{4,}(tháng|/)"),  # the day
]


@pytest.mark.office
@pytest.mark.parametrize("name", DRAFTS)
def test_a_draft_keeps_its_blanks_in_pdf_and_docx(printed, name):
    payload = load_fixture(name)
    for pages in printed[name]:
        first = pages[0]
        assert BLANKS[0].search(first), first[:400]
        if "date" not in payload or len(str(payload["date"])) < 10:  # the day left blank
            assert BLANKS[1].search(first), first[:400]
        # "(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng …)" on an appendix
        for page in pages[1:]:
            flat = re.sub(r"\s*\n\s*", " ", page)
            if "Kèm theo" in flat and " số " in flat:
                assert re.search(r"Kèm theo .{0,40}số\s{4,}/", page), page[:400]


def test_there_are_draft_examples():
    assert len(DRAFTS) >= 2


@pytest.mark.office
@pytest.mark.parametrize("name", VALID)
def test_no_signing_title_leaves_a_word_alone(printed, name):
    from service.pipeline import compose

    titles = [t for t in compose(load_fixture(name)).signature.lines if len(t.split()) >= 3]
    for pages in printed[name]:
        segments = {
            segment.strip()
            for page in pages
            for line in page.splitlines()
            for segment in re.split(r"\s{3,}", line)
        }
        for title in titles:
            assert title.split()[-1] not in segments, (name, title)
