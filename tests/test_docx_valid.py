"""The DOCX packages are sound: Word opens them without repairs; LibreOffice converts them."""

from __future__ import annotations

import io
import subprocess
import zipfile

import pytest

from service.pipeline import generate
from service.render import PACKAGED

from .conftest import load_fixture
from .office import office_convert
from .ooxml_check import ooxml_problems
from .test_formats_agree import valid_fixtures

FIXTURES = valid_fixtures()
TEMPLATES = sorted(PACKAGED.glob("*.docx"))


@pytest.fixture(scope="module", params=FIXTURES)
def docx(request):
    """Return a fixture rendered as DOCX."""
    return generate(load_fixture(request.param), "docx").content


def test_rendered_package_has_no_schema_or_package_problem(docx):
    assert ooxml_problems(docx) == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_have_no_schema_or_package_problem(template):
    assert ooxml_problems(template.read_bytes()) == []


def rewrite(data: bytes, name: str, change) -> bytes:
    """Return the package with part ``name`` passed through ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item, change(content) if item.filename == name else content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("part", "change", "fragment"),
    [
        (
            "word/document.xml",
            lambda x: x.replace(b"<w:pStyle ", b'<w:jc w:val="left"/><w:pStyle ', 1),
            "<w:pPr> children out of order",
        ),
        (
            "word/_rels/document.xml.rels",
            lambda x: x.replace(b'Target="styles.xml"', b'Target="nowhere.xml"'),
            "points to missing",
        ),
        ("word/document.xml", lambda x: x[:-20], "not well-formed"),
    ],
)
def test_the_check_catches_what_word_repairs(docx, part, change, fragment):
    problems = ooxml_problems(rewrite(docx, part, change))
    assert any(fragment in problem for problem in problems), problems


def test_libreoffice_converts_the_ranking_decision(tmp_path):
    docx = generate(load_fixture("seeds/000-ranking-decision-2113-2023.json"), "docx").content
    source = tmp_path / "qd.docx"
    source.write_bytes(docx)
    office_convert(tmp_path, "pdf", tmp_path, source)
    text = subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "qd.pdf"), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    pages = [page.splitlines() for page in text.split("\f") if page.strip()]
    assert pages[0][:3] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH BẮC GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]
    starts = [page[0] for page in pages]
    assert "Phụ lục I" in starts and "Phụ lục II" in starts  # each appendix opens a page
    assert "Cục Thi hành án dân sự tỉnh Bắc Giang" in text
