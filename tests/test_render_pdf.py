"""PDF rendering through WeasyPrint, read back with poppler: fonts, order, pages, bytes, fetcher."""

from __future__ import annotations

import dataclasses
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from service.model import Document
from service.render.docx import render_docx
from service.render.docx_text import docx_words
from service.render.fetcher import AssetFetcher, FetchRefused
from service.render.html import TEMPLATES_DIR, render_html
from service.render.pdf import BASE_URL, pdf_identifier, render_pdf
from tests.sample import (
    HOSTILE,
    NOTES,
    SAMPLES,
    article,
    ranking_table,
    sample_document,
    sample_plan_with_form,
)
from tests.test_render_html import parse

ROOT = Path(__file__).resolve().parents[1]
MM = 72 / 25.4  # PDF points per millimetre
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
FILLER = "Nội dung điều khoản có độ dài vừa phải để lấp đầy trang. "


def run(*command: str) -> str:
    """Return the stdout of a poppler command."""
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def squash(text: str) -> str:
    """Return ``text`` with whitespace (and pdftotext's line breaks) collapsed."""
    return " ".join(text.split())


def write(tmp_path: Path, document: Document, name: str = "doc.pdf") -> Path:
    """Render ``document`` to a file and return its path."""
    path = tmp_path / name
    path.write_bytes(render_pdf(document))
    return path


def page_count(path: Path) -> int:
    """Return the number of pages."""
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(path)), re.M).group(1))


def page_texts(path: Path) -> list[str]:
    """Return the squashed text of each page."""
    return [
        squash(run("pdftotext", "-f", str(n), "-l", str(n), str(path), "-"))
        for n in range(1, page_count(path) + 1)
    ]


def header_words(path: Path, page: int) -> list[tuple[str, float]]:
    """Return the words in the top margin (20 mm) of ``page`` with their horizontal centre."""
    bbox = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-")
    return [
        (text, (float(x0) + float(x1)) / 2)
        for x0, _y0, x1, y1, text in WORD.findall(bbox)
        if float(y1) < 20 * MM
    ]


def assert_in_order(text: str, needles: list[str]) -> None:
    """Fail unless every needle occurs in ``text`` after the previous one."""
    position = 0
    for needle in needles:
        found = text.find(squash(needle), position)
        assert found >= 0, f"{needle!r} missing after position {position}"
        position = found + 1


def long_document() -> Document:
    """Return a decision of several pages with a long portrait and a landscape appendix."""
    doc = sample_document()
    rows = [(str(i), f"Cơ quan số {i}", str(200 - i), "Tốt") for i in range(1, 81)]
    first = dataclasses.replace(doc.appendices[0], table=ranking_table(rows))
    second = dataclasses.replace(doc.appendices[1], table=ranking_table(rows[:40]), landscape=True)
    body = tuple(article(n, f"Điều khoản số {n}. " + FILLER * 6) for n in range(1, 31))
    return dataclasses.replace(doc, body=body, appendices=(first, second))


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("pdf"), sample_document())


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("pdf"), long_document())


def test_pdf_is_a_complete_pdf_file(sample_pdf):
    data = sample_pdf.read_bytes()
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")


def test_only_embedded_liberation_serif_fonts(sample_pdf):
    rows = run("pdffonts", str(sample_pdf)).splitlines()[2:]
    fonts = {row.split()[0].partition("+")[2]: row.split()[-5:-2] for row in rows}
    assert set(fonts) == {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }
    assert all(flags == ["yes", "yes", "yes"] for flags in fonts.values())  # emb, sub, uni


def test_text_comes_out_in_document_order(sample_pdf):
    doc = sample_document()
    text = squash(run("pdftotext", "-raw", str(sample_pdf), "-"))
    appendix_rows = [
        squash(" ".join(cell.text for cell in row))
        for appendix in doc.appendices
        for row in appendix.table.rows
    ]
    assert_in_order(
        text,
        [
            *doc.header.issuer,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            doc.header.number_line,
            doc.header.place_date,
            doc.type_name,
            *doc.summary,
            doc.authority,
            *doc.bases,
            doc.enacting,
            *(block.text for block in doc.body),
            "Nơi nhận:",
            *(f"{r.bullet} {r.text}" for r in doc.recipients),
            *doc.signature.lines,
            doc.signature.name,
            "Phụ lục I",
            doc.appendices[0].title,
            *appendix_rows[:4],
            "Phụ lục II",
            doc.appendices[1].title,
            *appendix_rows[4:],
        ],
    )


def test_hostile_text_is_printed_literally(tmp_path):
    path = write(tmp_path, sample_document(HOSTILE))
    assert squash(HOSTILE) in squash(run("pdftotext", "-raw", str(path), "-"))


def test_long_appendix_rows_stay_in_order_with_header_on_every_page(long_pdf):
    pages = page_texts(long_pdf)
    first = next(i for i, text in enumerate(pages) if text.startswith("Phụ lục I "))
    second = next(i for i, text in enumerate(pages) if text.startswith("Phụ lục II "))
    assert second - first >= 2, "appendix I should run over several pages"
    assert all("TÊN CƠ QUAN" in text for text in pages[first:])
    raw = squash(run("pdftotext", "-raw", str(long_pdf), "-"))
    assert_in_order(raw, [f"{i} Cơ quan số {i} {200 - i} Tốt" for i in range(1, 81)])


def expected_page_numbers(pages: list[str]) -> list[str | None]:
    """Return the number each page should show: none on page 1 of the decision or of an appendix."""
    numbers: list[str | None] = []
    for index, text in enumerate(pages):
        if index == 0 or text.startswith("Phụ lục "):
            numbers.append(None)
            count = 1
        else:
            count += 1
            numbers.append(str(count))
    return numbers


def test_page_numbers_skip_first_pages_and_restart_in_each_appendix(long_pdf):
    pages = page_texts(long_pdf)
    shown = []
    for page in range(1, len(pages) + 1):
        words = header_words(long_pdf, page)
        shown.append(words[0][0] if words else None)
        assert len(words) <= 1
    assert shown == expected_page_numbers(pages)
    assert shown[:3] == [None, "2", "3"]
    assert shown.count(None) == 3  # the decision and its two appendices
    first = next(i for i, text in enumerate(pages) if text.startswith("Phụ lục I "))
    assert shown[first - 1] not in (None, "1") and shown[first : first + 3] == [None, "2", "3"]


def test_page_number_is_centred_over_the_text_area(long_pdf):
    ((text, centre),) = header_words(long_pdf, 2)
    assert text == "2"
    assert abs(centre - (30 + 165 / 2) * MM) < 2  # left margin 30 mm, text width 165 mm


def test_landscape_appendix_gets_landscape_pages(long_pdf):
    sizes = re.findall(
        r"size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-f", "1", "-l", "99", str(long_pdf))
    )
    pages = page_texts(long_pdf)
    second = next(i for i, text in enumerate(pages) if text.startswith("Phụ lục II "))
    portrait, landscape = sizes[:second], sizes[second:]
    assert {(round(float(w)), round(float(h))) for w, h in portrait} == {(595, 842)}
    assert {(round(float(w)), round(float(h))) for w, h in landscape} == {(842, 595)}


def signing_pages(tmp_path: Path, articles: int) -> tuple[int, set[int]]:
    """Return the page of the last article and the pages the signing row lands on."""
    body = tuple(article(n, FILLER * 3) for n in range(1, articles + 1))
    document = dataclasses.replace(sample_document(), body=body, appendices=())
    pages = page_texts(write(tmp_path, document, f"{articles}.pdf"))

    def page_of(needle: str) -> int:
        return next(i for i, text in enumerate(pages) if needle in text)

    signing = {page_of(s) for s in ("Nơi nhận:", "Lưu: VT", "KT. CHỦ TỊCH", "Mai Sơn")}
    return page_of(f"Điều {articles}."), signing


def test_signature_row_never_splits_across_pages(tmp_path):
    # Walk the row across the end of page 1; at some length it must be pushed whole to page 2.
    pushed = 0
    for articles in range(5, 10):
        last_article, signing = signing_pages(tmp_path, articles)
        assert len(signing) == 1, f"signing row split with {articles} articles"
        pushed += last_article < signing.pop()
    assert pushed, "no length put the signing row at a page end; adjust the range"


def test_two_renders_are_byte_identical():
    doc = long_document()
    assert render_pdf(doc) == render_pdf(doc)


def test_a_fresh_process_renders_the_same_bytes(sample_pdf):
    code = (
        "import sys; from tests.sample import sample_document; "
        "from service.render.pdf import render_pdf; "
        "sys.stdout.buffer.write(render_pdf(sample_document()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONWARNINGS": "error"}
    fresh = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, check=True
    ).stdout
    assert fresh == sample_pdf.read_bytes()


def test_dates_and_identifier_come_from_the_document(sample_pdf):
    info = run("pdfinfo", "-isodates", str(sample_pdf))
    assert re.search(r"^CreationDate:\s+2023-12-31T00:00:00\+07", info, re.M)
    assert re.search(r"^ModDate:\s+2023-12-31T00:00:00\+07", info, re.M)
    assert b"/ID [(" + pdf_identifier(sample_document()) in sample_pdf.read_bytes()


def test_draft_has_no_dates_and_is_still_reproducible(tmp_path):
    doc = sample_document()
    draft = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, issued=None))
    info = run("pdfinfo", str(write(tmp_path, draft)))
    assert "CreationDate" not in info and "ModDate" not in info
    assert render_pdf(draft) == render_pdf(draft)


# ---- footnotes, landscape forms, and the same words as the DOCX and the HTML

TOP = 50  # points: the 20 mm top margin is 56.7 pt; page numbers are printed inside it
# pdftotext's height of a 10 pt Liberation Serif word is 11.07 pt: the footnote text, and nothing
# else is that size (body 13-14 pt, recipients and dense tables 11 pt, calls 9 pt, marks 7 pt).
NOTE_HEIGHT = (10.5, 11.6)


def words_with_boxes(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """Return (text, x0, y0, x1, y1) of every word on ``page``."""
    bbox = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-")
    return [
        (text, float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, text in WORD.findall(bbox)
    ]


def footnote_area_top(path: Path, page: int) -> float | None:
    """Return where the footnote area of ``page`` starts (its first note line), if it has one."""
    tops = [
        y0
        for _, _, y0, _, y1 in words_with_boxes(path, page)
        if NOTE_HEIGHT[0] < y1 - y0 < NOTE_HEIGHT[1]
    ]
    return min(tops) - 2 if tops else None  # the first mark stands a little higher


def pdf_words(path: Path) -> list[str]:
    """Return the body words: below the top margin, above the footnote area, content order.

    As in ``docx_words``, a footnote's mark is part of the word it follows ("lệ1:") and the
    notes are not body text.
    """
    words = []
    for page in range(1, page_count(path) + 1):
        bottom = footnote_area_top(path, page) or 2000
        text = run(
            "pdftotext",
            "-raw",
            "-enc",
            "UTF-8",
            "-f",
            str(page),
            "-l",
            str(page),
            "-x",
            "0",
            "-y",
            str(TOP),
            "-W",
            "2000",
            "-H",
            str(int(bottom) - TOP),
            str(path),
            "-",
        )
        words += text.split()
    return words


def html_words(html: str) -> list[str]:
    """Return the words of the page's body, footnotes left out as in ``docx_words``."""
    return " ".join(parse(html).lines[1:]).split()  # [0] is the <title>


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("pdf"), sample_plan_with_form())


@pytest.mark.parametrize("kind", SAMPLES)
def test_docx_html_and_pdf_have_the_same_words(tmp_path, kind):
    doc = SAMPLES[kind]()
    words = docx_words(render_docx(doc))
    assert html_words(render_html(doc)) == words
    assert pdf_words(write(tmp_path, doc)) == words


def test_footnotes_are_printed_at_the_foot_of_their_page(plan_pdf):
    top = footnote_area_top(plan_pdf, 2)
    body = [y1 for _, _, y0, _, y1 in words_with_boxes(plan_pdf, 2) if y0 < top]
    notes = run(
        "pdftotext",
        "-raw",
        "-f",
        "2",
        "-l",
        "2",
        "-x",
        "0",
        "-y",
        str(int(top)),
        "-W",
        "2000",
        "-H",
        "2000",
        str(plan_pdf),
        "-",
    )
    assert squash(notes) == " ".join(f"{n} {text}" for n, text in enumerate(NOTES, start=1))
    assert top > 842 * 3 / 4 and top - max(body) > 200  # the foot of the page, not after the text
    raw = squash(run("pdftotext", "-raw", "-f", "2", "-l", "2", str(plan_pdf), "-"))
    assert "đạt tỉ lệ1: …… %" in raw and "Phát triển kinh tế số2" in raw


def rules(path: Path, page: int) -> list[tuple[float, float, float]]:
    """Return the (y, x, length) in mm of each horizontal rule (a filled thin box) of ``page``."""
    svg = subprocess.run(
        ["pdftocairo", "-svg", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    number = r"([\d.]+)"
    boxes = re.findall(rf'<path d="M {number} {number} L {number} [\d.]+ L [\d.]+ {number} L', svg)
    return [
        (float(y0) / MM, float(x0) / MM, (float(x1) - float(x0)) / MM)
        for x0, y0, x1, y1 in boxes
        if float(y1) - float(y0) < 1
    ]


def test_footnote_rule_is_short_and_at_the_left_margin(plan_pdf):
    _heading, footnote_rule = sorted(rules(plan_pdf, 2))
    assert footnote_rule[0] > 297 * 3 / 4
    assert (round(footnote_rule[1]), round(footnote_rule[2])) == (30, 50)


def test_text_starts_at_the_left_margin(sample_pdf):
    # Justified lines fill the text width: 30 mm from the left edge, 165 mm wide.
    boxes = words_with_boxes(sample_pdf, 1)
    assert round(min(x0 for _, x0, *_ in boxes) / MM, 1) == 30.0
    assert round(max(x1 for _, _, _, x1, _ in boxes) / MM, 1) == 195.0


def test_the_form_fits_its_landscape_page(plan_pdf):
    sizes = re.findall(
        r"size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-f", "1", "-l", "3", str(plan_pdf))
    )
    assert [float(w) > float(h) for w, h in sizes] == [False, False, True]
    boxes = words_with_boxes(plan_pdf, 3)
    assert {"(1)", "(16)", "STT"} <= {text for text, *_ in boxes}
    # Text area of the turned page: 20 mm margins left and right (257 mm of text).
    assert min(x0 for _, x0, *_ in boxes) >= 20 * MM
    assert max(x1 for _, _, _, x1, _ in boxes) <= (297 - 20) * MM


# ---- the fetcher


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.com/logo.png",
        "ftp://example.com/x.css",
        "data:text/css,body%7Bcolor:red%7D",
        "file://evil.example/etc/passwd",
        BASE_URL + "../../../../../../etc/passwd",
        BASE_URL + "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        BASE_URL + "no-such-file.css",
        BASE_URL,  # a directory
        "document.css",  # not absolute: WeasyPrint always joins with the base first
    ],
)
def test_fetcher_refuses_anything_but_files_under_templates(url):
    with pytest.raises(FetchRefused):
        AssetFetcher().fetch(url)


def test_fetcher_serves_template_assets():
    response = AssetFetcher().fetch(BASE_URL + "sub/../document.css")
    assert response.read() == (TEMPLATES_DIR / "document.css").read_bytes()
    assert response.content_type == "text/css"


def test_fetcher_refuses_a_symlink_out_of_its_root(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    root = tmp_path / "root"
    root.mkdir()
    (root / "link.css").symlink_to(outside)
    with pytest.raises(FetchRefused):
        AssetFetcher(root).fetch((root / "link.css").as_uri())


class SpyFetcher(AssetFetcher):
    """Record what was served and what was refused."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            response = super().fetch(url, headers)
        except FetchRefused:
            self.refused.append(url)
            raise
        self.served.append(url)
        return response


HOSTILE_HTML = """<!DOCTYPE html><html><head>
<link rel="stylesheet" href="document.css">
<link rel="stylesheet" href="http://127.0.0.1:9/evil.css">
<style>@import url("https://example.com/x.css");
p { background: url("../../../../../../etc/group") }</style></head><body>
<p>visible</p>
<img src="file:///etc/passwd"><img src="http://example.com/a.png">
<img src="../../../../../../../etc/hostname"><img src="data:image/png;base64,iVBORw0KGgo=">
</body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test on any DNS lookup or socket connection."""
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def test_hostile_html_fetches_nothing_outside_templates(tmp_path, no_network):
    spy = SpyFetcher()
    path = tmp_path / "hostile.pdf"
    HTML(string=HOSTILE_HTML, base_url=BASE_URL, url_fetcher=spy).write_pdf(path)
    assert no_network == []
    assert spy.served == [BASE_URL + "document.css"]
    assert len(spy.refused) == 7
    assert "root:" not in run("pdftotext", str(path), "-")
    assert "visible" in run("pdftotext", str(path), "-")


def test_strict_fetcher_stops_the_render(no_network):
    html = HTML(string=HOSTILE_HTML, base_url=BASE_URL, url_fetcher=AssetFetcher(strict=True))
    with pytest.raises(FatalURLFetchingError):
        html.write_pdf()
    assert no_network == []
