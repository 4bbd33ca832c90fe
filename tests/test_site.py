"""The site folder: an office's own laws, bodies, level schemes and Word template, everywhere.

The site is tests/data/site-hung-yen (a province other than Bắc Giang and Bắc Ninh; its entries are
invented test data, see its README) plus a Word template edited as an office would: the packaged
one with the issuer line in 15 pt.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Pt

from service.app import create_app
from service.cli import main
from service.pipeline import generate
from service.render import PACKAGED, SHARED_DOCX
from service.render.docx_text import docx_words

SITE_DATA = Path(__file__).parent / "data" / "site-hung-yen"
ISSUER_STYLE = "VB Cơ quan ban hành"


@pytest.fixture(autouse=True)
def no_site_from_the_environment(monkeypatch):
    """Keep VANBAN_SITE_DIR, which --site sets for the process, from leaking into other tests."""
    monkeypatch.setenv("VANBAN_SITE_DIR", "")
    monkeypatch.delenv("VANBAN_SITE_DIR")


def edit_in_word(source: Path, target: Path, size: int = 15) -> Path:
    """Save ``source`` with the issuer line's style in ``size`` pt, through python-docx."""
    document = docx.Document(str(source))
    document.styles[ISSUER_STYLE].font.size = Pt(size)
    document.save(str(target))
    return target


@pytest.fixture
def site(tmp_path) -> Path:
    """Return the Hưng Yên site folder with its edited ranking-decision template."""
    folder = tmp_path / "site"
    shutil.copytree(SITE_DATA, folder, ignore=shutil.ignore_patterns("ranking-2026.json"))
    (folder / "templates").mkdir()
    edit_in_word(PACKAGED / SHARED_DOCX, folder / "templates" / "ranking-decision.docx")
    return folder


def payload() -> dict:
    return json.loads((SITE_DATA / "ranking-2026.json").read_text(encoding="utf-8"))


def issuer_size(content: bytes) -> float:
    """Return the issuer style's size in a DOCX, in points."""
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        styles = zf.read("word/styles.xml")
    document = docx.Document(io.BytesIO(content))
    assert b"VBCoQuanBanHanh" in styles
    return document.styles[ISSUER_STYLE].font.size.pt


def assert_site_document(content: bytes) -> None:
    """The document uses the site's template, scheme and local decision."""
    words = " ".join(docx_words(content))
    assert issuer_size(content) == 15
    assert "1234/QĐ-UBND ngày 15/9/2025" in words  # the site's local decision, cited
    assert "Sở Nội vụ 97 Xuất sắc" in words  # the site's level scheme: 95 and up
    assert "Sở Tư pháp 88,5 Tốt" in words


def test_the_packaged_template_prints_the_issuer_in_13_pt(ranking_payload):
    assert issuer_size(generate(ranking_payload, "docx").content) == 13


def test_cli_renders_with_the_site(site, tmp_path):
    out = tmp_path / "qd.docx"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(payload(), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "--site", str(site), str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert_site_document(out.read_bytes())


def test_without_the_site_the_same_input_is_refused(tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(payload(), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 2
    assert "hung-yen:1234/QĐ-UBND" in result.output and "hung-yen-iso-2025" in result.output


def test_api_renders_with_the_site(site):
    client = create_app({"TESTING": True, "VANBAN_SITE_DIR": str(site)}).test_client()
    response = client.post("/api/v1/documents?format=docx", json=payload())
    assert response.status_code == 200, response.get_json()
    assert_site_document(response.data)


def test_api_says_which_site_is_active_and_what_it_adds(site):
    client = create_app({"TESTING": True, "VANBAN_SITE_DIR": str(site)}).test_client()
    body = client.get("/api/v1/site").get_json()
    assert body["site"] == str(site)
    assert body["added"] == {"registry": 2, "bodies": 1, "level_schemes": 1}
    assert body["templates"]["ranking-decision"] == {
        "docx": True,
        "html": False,
        "docx_file": "ranking-decision.docx",
    }
    assert body["templates"]["decision"]["docx"] is False
    assert "hung-yen-iso-2025" in [s["id"] for s in body["level_schemes"]]
    packaged = create_app({"TESTING": True}).test_client().get("/api/v1/site").get_json()
    assert packaged["site"] is None and packaged["added"] == {}
    assert body["totals"]["registry"] == packaged["totals"]["registry"] + 2


def test_citation_search_finds_the_sites_documents(site):
    client = create_app({"TESTING": True, "VANBAN_SITE_DIR": str(site)}).test_client()
    found = client.get("/api/v1/citations?q=hợp nhất tỉnh&on=2026-01-15").get_json()
    assert "hung-yen:1234/QĐ-UBND" in json.dumps(found, ensure_ascii=False)


def test_batch_renders_with_the_site(site, tmp_path):
    source = tmp_path / "inputs"
    source.mkdir()
    (source / "qd.json").write_text(json.dumps(payload(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["batch", "--site", str(site), str(source), "-o", str(out), "-f", "docx", "--jobs", "1"],
    )
    assert result.exit_code == 0, result.output
    (produced,) = out.glob("*.docx")
    assert_site_document(produced.read_bytes())


def test_a_site_decision_replaced_on_the_date_is_refused_naming_the_replacement(site):
    data = payload()
    data["citations"][0] = "hung-yen:100/QĐ-UBND"
    client = create_app({"TESTING": True, "VANBAN_SITE_DIR": str(site)}).test_client()
    response = client.post("/api/v1/documents?format=docx", json=data)
    assert response.status_code == 422
    message = json.dumps(response.get_json()["errors"], ensure_ascii=False)
    assert "100/QĐ-UBND" in message and "1234/QĐ-UBND" in message


def test_a_body_the_site_marks_ceased_is_refused_naming_its_successor(site):
    data = payload()
    data["recipients"]["items"].append("Trung tâm Tư vấn ISO Phố Hiến")
    client = create_app({"TESTING": True, "VANBAN_SITE_DIR": str(site)}).test_client()
    response = client.post("/api/v1/documents?format=docx", json=data)
    assert response.status_code == 422
    message = json.dumps(response.get_json()["errors"], ensure_ascii=False)
    assert "Trung tâm Kiểm định và Tư vấn tỉnh Hưng Yên" in message
    data["date"] = "2025-12-20"  # still in being that day
    data["citations"] = ["19/2014/QĐ-TTg", "72/2025/QH15"]
    assert client.post("/api/v1/documents?format=docx", json=data).status_code == 200


def test_the_preview_and_pdf_keep_the_packaged_layout_when_only_the_docx_is_the_sites(site):
    client = create_app({"TESTING": True, "VANBAN_SITE_DIR": str(site)}).test_client()
    html = client.post("/api/v1/documents?format=html", json=payload()).get_data(as_text=True)
    assert "Xuất sắc" in html and "document.css" in html


def test_an_invalid_site_stops_the_server_saying_why(tmp_path):
    broken = tmp_path / "site"
    (broken / "registry").mkdir(parents=True)
    (broken / "registry" / "x.json").write_text("{", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        create_app({"TESTING": True, "VANBAN_SITE_DIR": str(broken)})
    assert "không khởi động được" in str(stop.value) and "registry/x.json" in str(stop.value)


def test_init_writes_a_folder_that_checks_clean_with_word_templates(tmp_path):
    folder = tmp_path / "moi"
    runner = CliRunner()
    assert runner.invoke(main, ["site", "init", str(folder)]).exit_code == 0
    assert (folder / "README.md").read_text("utf-8").startswith("# Thư mục site")
    word = folder / "mac-dinh" / SHARED_DOCX
    assert docx.Document(str(word)).styles[ISSUER_STYLE].font.size.pt == 13
    result = runner.invoke(main, ["site", "check", str(folder)])
    assert result.exit_code == 0 and "hợp lệ" in result.output
    again = runner.invoke(main, ["site", "init", str(folder)])
    assert again.exit_code == 2 and "đã có nội dung" in again.output


def test_a_copied_and_edited_template_passes_the_check(site):
    result = CliRunner().invoke(main, ["site", "check", str(site)])
    assert result.exit_code == 0, result.output
    assert "registry 2" in result.output and "level_schemes 1" in result.output


def test_the_form_offers_the_sites_level_schemes(site):
    client = create_app({"TESTING": True, "VANBAN_SITE_DIR": str(site)}).test_client()
    schema = client.get("/api/v1/kinds/ranking-decision").get_json()["schema"]
    assert "hung-yen-iso-2025" in schema["properties"]["level_scheme"]["enum"]
    packaged = create_app({"TESTING": True}).test_client().get("/api/v1/kinds").get_json()
    (ranking,) = [k for k in packaged["kinds"] if k["kind"] == "ranking-decision"]
    assert "hung-yen-iso-2025" not in ranking["schema"]["properties"]["level_scheme"]["enum"]


def test_the_editor_says_the_preview_keeps_the_standard_layout(site):
    client = create_app({"TESTING": True, "VANBAN_SITE_DIR": str(site)}).test_client()
    page = client.get("/kinds/ranking-decision").get_data(as_text=True)
    assert 'id="site-template-note"' in page and "mẫu Word riêng của đơn vị" in page
    assert 'id="site-template-note"' not in client.get("/kinds/decision").get_data(as_text=True)
