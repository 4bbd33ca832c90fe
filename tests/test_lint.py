"""`vanban lint`: every document the project renders passes; the CLI, API and page around it."""

from __future__ import annotations

import io
import json
import re
import unicodedata

import pytest
from click.testing import CliRunner

from service.cli import main
from service.lint import RULES, lint_docx
from service.lint.build import build_document
from service.lint.package import load_package
from service.pipeline import generate
from service.render.docx_text import docx_lines

from .conftest import load_fixture
from .lint_docs import broken, handmade, rendered
from .test_formats_agree import valid_fixtures

# Every fixture that describes a valid document; edge cases meant to be refused are left out
# here (their refusal is tested with their kind), and a RenderError still fails the test.
FIXTURE_FILES = valid_fixtures()


def render_fixture(name: str) -> bytes:
    """Return the DOCX of a fixture."""
    return generate(load_fixture(name), "docx").content


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_every_rendered_fixture_lints_without_errors(name):
    report = lint_docx(render_fixture(name))
    assert [f.describe() for f in report.findings if f.severity == "error"] == []


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_paragraph_numbers_are_the_docx_lines_indices(name):
    data = render_fixture(name)
    model = build_document(load_package(data))
    assert [p.text for p in model.paragraphs] == docx_lines(data)


@pytest.mark.parametrize(
    "options", [{}, {"table": True}, {"split": 1}, {"table": True, "split": 1}]
)
def test_hand_made_documents_lint_clean_and_number_as_docx_lines(options):
    data = handmade(**options)
    assert lint_docx(data).findings == []
    model = build_document(load_package(data))
    assert [p.text for p in model.paragraphs] == docx_lines(data)


def test_every_finding_names_a_catalogued_rule_in_vietnamese():
    findings = [
        f
        for name in ("cv-symbol", "arial-body", "no-archive-line", "letter-paper")
        for f in lint_docx(broken(name)).findings
    ]
    assert findings and {f.rule for f in findings} <= set(RULES)
    assert all(f.message.strip() and f.severity in ("error", "warning") for f in findings)


# The ids are an interface (CI scripts filter on them): renaming one is a breaking change.
RULE_IDS = """
page.size page.orientation page.margins font.family font.size
header.national-title.missing header.national-title.case header.national-title.bold
header.national-title.size header.motto.missing header.motto.text header.motto.bold
header.motto.size header.issuer.missing header.issuer.case header.issuer.bold
number.missing number.format date.missing date.wording date.place date.italic
title.type-name.case title.type-name.bold title.summary.bold
body.basis.italic body.basis.punctuation body.article.bold body.point-letter
signature.prefix signature.title.case signature.title.bold signature.name.bold
recipients.missing recipients.label recipients.item.size recipients.item.dash
recipients.item.end recipients.archive pagenum.first-page pagenum.position pagenum.missing
citation.number citation.date citation.title citation.in-force
""".split()


def test_rule_ids_are_stable_dotted_names():
    assert list(RULES) == RULE_IDS
    assert all(re.fullmatch(r"[a-z]+(\.[a-z0-9-]+)+", rule) for rule in RULES)
    assert all(rule.title and rule.severity in ("error", "warning") for rule in RULES.values())


def test_report_json_shape():
    report = lint_docx(broken("cv-symbol"), name="qd.docx").to_dict()
    assert list(report) == ["file", "errors", "warnings", "findings"]
    assert report["file"] == "qd.docx" and report["errors"] == 1
    finding = report["findings"][0]
    assert list(finding) == ["rule", "severity", "paragraph", "excerpt", "message"]
    assert finding["paragraph"] == docx_lines(broken("cv-symbol")).index("Số: 2113/CV-UBND")
    assert finding["excerpt"] == "Số: 2113/CV-UBND"


# --- command line -------------------------------------------------------------------------


def run_lint(tmp_path, data: bytes, *args: str):
    """Run `vanban lint` on ``data`` written to a file."""
    source = tmp_path / "vb.docx"
    source.write_bytes(data)
    return CliRunner().invoke(main, ["lint", str(source), *args])


def test_cli_exits_0_on_a_clean_document(tmp_path):
    result = run_lint(tmp_path, rendered())
    assert result.exit_code == 0, result.output
    assert "0 lỗi" in result.output


def test_cli_exits_1_and_lists_rule_paragraph_and_message_on_errors(tmp_path):
    result = run_lint(tmp_path, broken("slash-prefix"))
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if "signature.prefix" in line)
    assert "lỗi" in line and "đoạn" in line and "K/T CHỦ TỊCH" in line and "KT." in line


def test_cli_counts_paragraphs_from_one_as_the_web_page_does(tmp_path):
    data = broken("cv-symbol")
    text = run_lint(tmp_path, data).output
    report = json.loads(run_lint(tmp_path, data, "--json").stdout)
    finding = next(f for f in report["findings"] if f["excerpt"] == "Số: 2113/CV-UBND")
    assert finding["paragraph"] == docx_lines(data).index("Số: 2113/CV-UBND")  # JSON: an index
    line = next(line for line in text.splitlines() if "Số: 2113/CV-UBND" in line)
    assert f"đoạn {finding['paragraph'] + 1} «" in line


def test_cli_json_output(tmp_path):
    result = run_lint(tmp_path, broken("point-f"), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["file"] == "vb.docx" and report["errors"] == 1
    assert report["findings"][0]["rule"] == "body.point-letter"


@pytest.mark.parametrize("data", [b"not a docx", b"", b"PK\x03\x04broken"])
def test_cli_exits_2_on_a_file_that_is_not_a_docx(tmp_path, data):
    result = run_lint(tmp_path, data)
    assert result.exit_code == 2 and "Lỗi:" in result.stderr and ".docx" in result.stderr


def test_cli_exits_2_on_a_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "none.docx")])
    assert result.exit_code == 2 and "Không tìm thấy tệp" in result.stderr


def test_cli_json_error_has_the_service_error_shape(tmp_path):
    result = run_lint(tmp_path, b"plain text", "--json")
    assert result.exit_code == 2
    assert set(json.loads(result.stdout)) == {"code", "status", "message", "errors"}


# --- HTTP API and page ---------------------------------------------------------------------


def post(client, data: bytes, name: str = "vb.docx"):
    """POST ``data`` as the multipart field "file"."""
    return client.post(
        "/api/v1/lint", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def test_api_returns_findings(client):
    response = post(client, broken("motto-en-dashes"), "qd.docx")
    assert response.status_code == 200
    body = response.get_json()
    assert body["file"] == "qd.docx" and body["errors"] == 1 and body["warnings"] == 0
    assert [f["rule"] for f in body["findings"]] == ["header.motto.text"]


def test_api_returns_no_findings_for_a_clean_document(client):
    body = post(client, rendered()).get_json()
    assert body["errors"] == 0 and body["findings"] == []


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        (b"%PDF-1.4 not a docx", 400, "invalid_docx"),
        (b"PK\x03\x04 truncated", 400, "invalid_docx"),
    ],
)
def test_api_rejects_what_is_not_a_docx_in_the_error_shape(client, data, status, code):
    response = post(client, data)
    assert response.status_code == status
    body = response.get_json()
    assert body["code"] == code and body["status"] == status and body["message"]
    assert set(body) == {"code", "status", "message", "errors"}


def test_api_names_the_missing_file_field(client):
    response = client.post("/api/v1/lint", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "file" in response.get_json()["errors"]


def test_api_wants_multipart(client):
    response = client.post("/api/v1/lint", json={"file": "x"})
    assert response.status_code == 415
    assert response.get_json()["code"] == "unsupported_media_type"


def test_api_refuses_a_body_above_the_size_limit():
    from service.app import create_app

    client = create_app({"TESTING": True, "MAX_CONTENT_LENGTH": 4096}).test_client()
    response = post(client, rendered())
    assert response.status_code == 413
    assert response.get_json()["code"] == "payload_too_large"


def test_page_has_the_form_and_no_inline_script(client):
    response = client.get("/lint")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'name="file"' in html and "/api/v1/lint" in html and "lint.js" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # every script is a file
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("asset", ["lint.js", "lint.css", "api.js"])
def test_page_assets_are_served_nfc_and_local(client, asset):
    response = client.get(f"/static/{asset}")
    source = response.get_data(as_text=True)
    response.close()
    assert response.status_code == 200
    assert unicodedata.is_normalized("NFC", source)
    assert not re.search(r"https?://|//cdn|@import", source)
    assert not re.search(r"\.innerHTML\b|insertAdjacentHTML|document\.write", source)
