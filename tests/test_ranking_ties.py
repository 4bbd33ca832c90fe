"""A tie in the ranking table that crosses a page break still shows its rank on the new page,
in the PDF (WeasyPrint) and in the DOCX as LibreOffice prints it (`pdftotext -layout`)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from service.pipeline import compose, generate

from .conftest import load_fixture
from .test_print_matching import page_texts

TIE = 7  # agencies on each score: ties long enough that page breaks fall inside some
ROW = re.compile(r"^\s*(\d+)?\s+(Đơn vị thử số \d{3})\b")


def payload() -> dict:
    """Return seed 000 with one group of 84 agencies, tied seven by seven."""
    data = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    agencies = [
        {"name": f"Đơn vị thử số {i + 1:03d}", "score": 95 - i // TIE} for i in range(12 * TIE)
    ]
    data["groups"] = [{**data["groups"][0], "agencies": agencies}]
    return data


def expected_ranks() -> dict[str, str]:
    """Return each agency's rank as the composed table gives it."""
    rows = compose(payload()).appendices[0].table.rows
    return {row[1].text: row[0].text for row in rows}


def first_rows(pages: list[str]) -> list[tuple[str | None, str, str | None]]:
    """Return, for each page with table rows after another such page, its first row's rank and
    name, and the rank of the last row of the page before."""
    seen, out, last = False, [], None
    for page in pages:
        rows = [m for m in map(ROW.match, page.splitlines()) if m]
        if not rows:
            continue
        if seen:
            out.append((rows[0][1], rows[0][2], last))
        seen, last = True, rows[-1][1]
    return out


def check(pages: list[str]) -> None:
    ranks = expected_ranks()
    starts = first_rows(pages)
    assert starts, "the table should run over several pages"
    for rank, name, _ in starts:
        assert rank == ranks[name], (name, rank, ranks[name])
    # The fixture is what the test is about: some page begins inside a tie.
    assert any(rank == before for rank, _, before in starts), starts


def test_every_row_of_a_tie_carries_its_rank():
    rows = compose(payload()).appendices[0].table.rows
    assert [row[0].text for row in rows[: TIE + 1]] == ["1"] * TIE + ["2"]
    assert all(row[0].rowspan == 1 for row in rows)  # no merged cell for a renderer to split


def test_a_tie_across_a_pdf_page_break_shows_its_rank_on_the_new_page(tmp_path):
    pdf = tmp_path / "ties.pdf"
    pdf.write_bytes(generate(payload(), "pdf", variant="pdf").content)
    check(page_texts(pdf))


@pytest.mark.office
def test_a_tie_across_a_docx_page_break_shows_its_rank_on_the_new_page(tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is installed by `make test` (libreoffice-writer-nogui)"
    (tmp_path / "ties.docx").write_bytes(generate(payload(), "docx").content)
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "ties.docx"),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    check(page_texts(tmp_path / "ties.pdf"))
