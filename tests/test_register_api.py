"""The register over HTTP and on the command line: issue, list, void, export, metadata."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import jsonschema
import pytest
from click.testing import CliRunner
from docx import Document as WordDocument
from lxml import etree
from openpyxl import load_workbook

from service.app import create_app
from service.cli import main
from service.register.export import COLUMNS
from service.register.metadata import SCHEMA_JSON, schema_text, xml_schema
from tests.conftest import load_fixture
from tests.office import office_convert

ERROR_KEYS = {"code", "status", "message", "errors"}


def draft(day: str = "2023-12-31", **changes) -> dict:
    payload = {**load_fixture("seeds/000-ranking-decision-2113-2023.json"), "number": None}
    return {**payload, "date": day, **changes}


@pytest.fixture
def client(tmp_path):
    return create_app({"TESTING": True, "VANBAN_DATA_DIR": str(tmp_path)}).test_client()


def issue(client, payload=None, fmt="docx", key=None):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(f"/api/v1/register?format={fmt}", json=payload or draft(), headers=headers)


def test_issuing_answers_201_with_the_file_and_where_the_entry_is(client):
    response = issue(client, fmt="pdf")
    assert response.status_code == 201
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert response.headers["X-Register-Number"] == "1"
    entry = client.get(response.headers["Location"]).get_json()
    assert entry["reference"] == "01/QĐ-UBND" and entry["status"] == "issued"
    assert entry["page_amount"] == 4
    assert entry["outputs"]["pdf"] and entry["signer"] == {
        "title": "Phó Chủ tịch",
        "name": "Mai Sơn",
    }


def test_a_retry_with_the_same_key_gets_the_same_number_and_bytes(client):
    first = issue(client, key="k-1")
    again = issue(client, key="k-1")
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["X-Register-Number"] == first.headers["X-Register-Number"] == "1"
    assert again.data == first.data
    document = client.get(first.headers["Location"] + "/document?format=docx")
    assert document.status_code == 200 and document.data == first.data


@pytest.mark.parametrize(
    ("send", "status", "field"),
    [
        (lambda c: issue(c, draft(number=5)), 422, "number"),
        (lambda c: issue(c, draft(date="2023-13-01")), 422, "date"),
        (lambda c: issue(c, fmt="odt"), 422, "format"),
        (lambda c: issue(c, draft(kind="nope")), 404, "kind"),
        (lambda c: c.post("/api/v1/register", data="x", content_type="text/plain"), 415, None),
        (
            lambda c: c.post("/api/v1/register", data="{", content_type="application/json"),
            400,
            None,
        ),
        (lambda c: issue(c, key="x" * 300), 422, "Idempotency-Key"),
        (lambda c: c.get("/api/v1/register?year=abc"), 422, "year"),
        (lambda c: c.get("/api/v1/register/export?format=xlsx"), 422, "year"),
        (lambda c: c.get("/api/v1/register/99"), 404, None),
        (lambda c: c.post("/api/v1/register/99/void", json={"reason": "x"}), 404, None),
    ],
)
def test_bad_requests_get_the_error_shape_and_take_no_number(client, send, status, field):
    response = send(client)
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == ERROR_KEYS
    assert field is None or field in body["errors"]
    assert client.get("/api/v1/register").get_json()["total"] == 0


def test_void_keeps_the_entry_and_the_next_number_moves_on(client):
    location = issue(client).headers["Location"]
    assert client.post(location + "/void", json={}).status_code == 422
    voided = client.post(location + "/void", json={"reason": "Ký nhầm người"})
    assert voided.status_code == 200 and voided.get_json()["status"] == "void"
    assert client.post(location + "/void", json={"reason": "lần hai"}).status_code == 409
    assert issue(client).headers["X-Register-Number"] == "2"
    listed = client.get("/api/v1/register?year=2023").get_json()
    assert [(e["number"], e["status"]) for e in listed["entries"]] == [(1, "void"), (2, "issued")]
    assert client.get("/api/v1/register?status=void").get_json()["total"] == 1
    assert client.get("/api/v1/register?q=MAI SƠN&number=2").get_json()["total"] == 1


def test_every_metadata_record_validates_against_the_schemas(client):
    issue(client)
    issue(client, draft("2024-01-02"))
    voided = issue(client).headers["Location"]
    client.post(voided + "/void", json={"reason": "Trùng nội dung"})
    schema = json.loads(schema_text(SCHEMA_JSON))
    xsd = xml_schema()
    entries = client.get("/api/v1/register").get_json()["entries"]
    assert len(entries) == 3
    for entry in entries:
        url = f"/api/v1/register/{entry['id']}/metadata"
        record = client.get(url).get_json()
        jsonschema.validate(record, schema, format_checker=jsonschema.FormatChecker())
        assert record["CodeNumber"] == f"{entry['number']:02d}"
        assert list(record)[:4] == ["FileCode", "TypeName", "CodeNumber", "CodeNotation"]
        xml = client.get(url + "?format=xml")
        assert xml.mimetype == "application/xml"
        document = etree.fromstring(xml.data)
        assert xsd.validate(document), xsd.error_log
    assert "Description" in client.get(voided + "/metadata").get_json()
    assert "PageAmount" not in client.get(voided + "/metadata").get_json()  # no PDF made yet
    client.get(voided + "/document?format=pdf")
    assert client.get(voided + "/metadata").get_json()["PageAmount"] == 4


def test_the_schema_refuses_what_the_decree_does_not_allow():
    schema = json.loads(schema_text(SCHEMA_JSON))
    record = {
        "FileCode": {"FileCatalog": 2023},
        "TypeName": "Quyết định",
        "CodeNumber": "5",  # the decree writes numbers below 10 with a leading 0
        "CodeNotation": "QĐ-UBND",
        "IssuedDate": "2023-12-31",
        "OrganName": "Ủy ban nhân dân tỉnh Bắc Giang",
        "Subject": "Về việc …",
        "Language": "vi",
        "SignerInfo": {"Position": "Chủ tịch", "FullName": "A"},
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)
    jsonschema.validate({**record, "CodeNumber": "05"}, schema)


def exported(client, fmt: str) -> bytes:
    response = client.get(f"/api/v1/register/export?year=2023&format={fmt}")
    assert response.status_code == 200
    return response.data


def test_the_xlsx_export_has_the_phu_luc_iv_columns_in_order(client):
    issue(client)
    issue(client)
    sheet = load_workbook(io.BytesIO(exported(client, "xlsx"))).active
    rows = [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]
    heading = rows.index(COLUMNS)
    assert rows[heading + 1] == tuple(f"({i})" for i in range(1, 11))
    assert [r[0] for r in rows[heading + 2 :]] == ["01/QĐ-UBND", "02/QĐ-UBND"]
    assert rows[heading + 2][1] == "31/12/2023" and rows[heading + 2][3] == "Phó Chủ tịch Mai Sơn"
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in [r[0] for r in rows[:heading]]


def test_the_docx_export_has_the_columns_in_order(client):
    issue(client)
    table = WordDocument(io.BytesIO(exported(client, "docx"))).tables[0]
    assert tuple(cell.text for cell in table.rows[0].cells) == COLUMNS
    assert table.rows[2].cells[0].text == "01/QĐ-UBND"


def soffice_convert(tmp_path, source, target: str) -> str:
    office_convert(tmp_path, target, tmp_path / "out", source)
    converted = next((tmp_path / "out").iterdir())
    return converted.read_text(encoding="utf-8")


@pytest.mark.office
def test_libreoffice_opens_the_xlsx_and_docx_exports_with_the_columns_in_order(client, tmp_path):
    issue(client)
    (tmp_path / "so.xlsx").write_bytes(exported(client, "xlsx"))
    csv_text = soffice_convert(
        tmp_path, tmp_path / "so.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76"
    )
    lines = csv_text.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith('"Số, ký hiệu'))
    import csv

    assert tuple(next(csv.reader([lines[heading]]))) == COLUMNS
    assert next(csv.reader([lines[heading + 2]]))[0] == "01/QĐ-UBND"
    shutil.rmtree(tmp_path / "out")
    (tmp_path / "so.docx").write_bytes(exported(client, "docx"))
    text = soffice_convert(tmp_path, tmp_path / "so.docx", "txt:Text")
    positions = [text.index(column) for column in COLUMNS]
    assert positions == sorted(positions)


def test_the_pdf_export_prints_the_columns_in_order(client, tmp_path):
    issue(client)
    (tmp_path / "so.pdf").write_bytes(exported(client, "pdf"))
    text = subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "so.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text and "01/QĐ-UBND" in text.replace("\n", "")
    marks = [text.index(f"({i})") for i in range(1, 11)]
    assert marks == sorted(marks)


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("VANBAN_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def test_the_cli_issues_lists_exports_and_voids(cli, tmp_path):
    (tmp_path / "d.json").write_text(json.dumps(draft(), ensure_ascii=False), encoding="utf-8")
    done = cli.invoke(main, ["issue", "d.json", "--format", "pdf", "-o", "qd.pdf"])
    assert done.exit_code == 0, done.output
    assert "01/QĐ-UBND" in done.output and (tmp_path / "qd.pdf").read_bytes()[:4] == b"%PDF"
    listed = cli.invoke(main, ["register", "list", "--year", "2023", "--json"])
    assert [e["reference"] for e in json.loads(listed.stdout)] == ["01/QĐ-UBND"]
    assert cli.invoke(main, ["register", "void", "1", "--reason", "Sai"]).exit_code == 0
    export = cli.invoke(main, ["register", "export", "--year", "2023", "--format", "xlsx"])
    assert export.exit_code == 0 and (tmp_path / "so-van-ban-di-2023.xlsx").exists()
    export = cli.invoke(main, ["register", "export", "--year", "2023", "-o", "so.docx"])
    assert export.exit_code == 0 and (tmp_path / "so.docx").read_bytes()[:2] == b"PK"
    assert b"word/document.xml" in (tmp_path / "so.docx").read_bytes()
    metadata = cli.invoke(main, ["register", "metadata", "1", "--format", "xml"])
    assert xml_schema().validate(etree.fromstring(metadata.stdout_bytes))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["issue", "numbered.json"], "Văn bản đã có số"),
        (["register", "void", "7", "--reason", "x"], "Không có mục số 7"),
        (["register", "void", "7", "--reason", "  "], "Cần lý do"),
    ],
)
def test_the_cli_refuses_in_vietnamese_with_exit_2(cli, tmp_path, args, message):
    numbered = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    (tmp_path / "numbered.json").write_text(json.dumps(numbered), encoding="utf-8")
    done = cli.invoke(main, args)
    assert done.exit_code == 2 and message in done.output
    assert not list(tmp_path.glob("*.docx"))


def test_batch_issue_numbers_items_in_input_order_and_again_the_same(cli, tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("a", "b", "c"):
        payload = draft(summary=f"Về việc thử nghiệm {name}")
        (folder / f"{name}.json").write_text(
            json.dumps(payload, ensure_ascii=False), encoding="utf-8"
        )
    for _ in range(2):
        done = cli.invoke(
            main, ["batch", str(folder), "-o", "out", "--format", "docx", "-j", "1", "--issue"]
        )
        assert done.exit_code == 0, done.output
        manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
        listed = json.loads(cli.invoke(main, ["register", "list", "--json"]).stdout)
        assert [(e["number"], e["summary"][-1]) for e in listed] == [(1, "a"), (2, "b"), (3, "c")]
    assert len(manifest["items"]) == 3


def test_a_site_folder_declares_the_bodies_and_their_separate_series(tmp_path):
    site = tmp_path / "site"
    (site / "register").mkdir(parents=True)
    body = {
        "id": "ubnd-bg",
        "name": "Ủy ban nhân dân tỉnh Bắc Giang",
        "series": [{"id": "iso", "title": "Quyết định ISO", "kinds": ["ranking-decision"]}],
    }
    (site / "register" / "series.json").write_text(
        json.dumps({"bodies": [body]}, ensure_ascii=False), encoding="utf-8"
    )
    config = {
        "TESTING": True,
        "VANBAN_DATA_DIR": str(tmp_path / "data"),
        "VANBAN_SITE_DIR": str(site),
    }
    client = create_app(config).test_client()
    entry = client.get(issue(client).headers["Location"]).get_json()
    assert (entry["body"], entry["series"], entry["number"]) == ("ubnd-bg", "iso", 1)
    stranger = draft()
    stranger["issuer"] = {**stranger["issuer"], "name": ["Sở Tư pháp", "tỉnh Bắc Giang"]}
    refused = issue(client, stranger)
    assert refused.status_code == 422 and refused.get_json()["code"] == "unknown_body"
    assert "issuer.name" in refused.get_json()["errors"]


@pytest.mark.parametrize("suffix", ["", "/document", "/metadata"])
def test_an_entry_number_beyond_the_database_integer_is_a_404_not_a_500(client, suffix):
    response = client.get(f"/api/v1/register/{'9' * 30}{suffix}")
    assert response.status_code == 404
    assert set(response.get_json()) == {"code", "status", "message", "errors"}
