"""Every output carries its input: DOCX and PDF give back the exact JSON they were made from,
through `vanban source` and POST /api/v1/sources, and a DOCX keeps it when LibreOffice saves it."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from click.testing import CliRunner

from service.cli import main
from service.pipeline import generate
from service.source import read_source, source_text
from service.source.docx import source_xml

from .conftest import FIXTURES, load_fixture
from .office import office_convert


def valid_fixtures() -> list[str]:
    """Return every fixture that renders (the invalid edge cases are left out)."""
    names = []
    for path in sorted(FIXTURES.rglob("*.json")):
        name = path.relative_to(FIXTURES).as_posix()
        try:
            generate(load_fixture(name), "html")
        except Exception:  # an invalid fixture: its errors are tested elsewhere
            continue
        names.append(name)
    return names


VALID = valid_fixtures()


def test_there_are_fixtures_of_every_kind():
    from service.catalog import KINDS

    kinds = {load_fixture(name)["kind"] for name in VALID}
    assert kinds == set(KINDS) and len(VALID) >= 12


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", VALID)
def test_vanban_source_gives_back_the_input_exactly(tmp_path, name, fmt):
    payload = load_fixture(name)
    document = tmp_path / f"out.{fmt}"
    document.write_bytes(generate(payload, fmt).content)
    result = CliRunner().invoke(main, ["source", str(document)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == payload


def test_source_survives_any_text(tmp_path):
    payload = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    payload["proposal"] = 'Giám đốc <Sở> & "{{ x }}" \u0007\ud800\ufffe ]]> cuối'
    text = source_text(payload)
    assert json.loads(text) == payload
    assert read_source(_docx_with(text)) == payload


def _docx_with(text: str) -> bytes:
    """Return a minimal zip holding only the custom XML part (what read_source looks for)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("customXml/item3.xml", source_xml(text))
    return out.getvalue()


def test_vanban_source_writes_a_file(tmp_path):
    payload = load_fixture("seeds/001-conclusion-notice-iso-2023.json")
    (tmp_path / "tb.pdf").write_bytes(generate(payload, "pdf").content)
    result = CliRunner().invoke(
        main, ["source", str(tmp_path / "tb.pdf"), "-o", str(tmp_path / "a.json")]
    )
    assert result.exit_code == 0
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == payload


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'{"kind": "decision"}', "không phải tệp DOCX hay PDF"),
        (b"PK\x03\x04 broken", "bị hỏng"),
        (b"%PDF-1.7\n garbage", "bị hỏng"),
        (b"", "không phải tệp DOCX hay PDF"),
    ],
)
def test_vanban_source_refuses_other_files_in_vietnamese(tmp_path, content, fragment):
    (tmp_path / "x.bin").write_bytes(content)
    result = CliRunner().invoke(main, ["source", str(tmp_path / "x.bin")])
    assert result.exit_code == 2
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_a_docx_not_made_by_vanban_has_no_source(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    (tmp_path / "tay.docx").write_bytes(out.getvalue())
    result = CliRunner().invoke(main, ["source", str(tmp_path / "tay.docx")])
    assert result.exit_code == 2
    assert "không chứa dữ liệu đầu vào của vanban" in result.stderr


def test_missing_file_is_said_in_vietnamese(tmp_path):
    result = CliRunner().invoke(main, ["source", str(tmp_path / "khong-co.docx")])
    assert result.exit_code == 2 and "Không tìm thấy tệp" in result.stderr


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_api_gives_back_the_input(client, fmt):
    payload = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    content = generate(payload, fmt).content
    answer = client.post("/api/v1/sources", data={"file": (io.BytesIO(content), f"qd.{fmt}")})
    assert answer.status_code == 200
    assert answer.get_json() == payload


def test_api_refuses_what_it_cannot_open(client):
    answer = client.post("/api/v1/sources", data={"file": (io.BytesIO(b"{}"), "a.json")})
    assert answer.status_code == 422
    body = answer.get_json()
    assert body["code"] == "no_source" and "“a.json” không phải tệp DOCX hay PDF" in body["message"]
    assert client.post("/api/v1/sources", json={}).status_code == 415
    missing = client.post("/api/v1/sources", data={}, content_type="multipart/form-data")
    assert missing.status_code == 422 and "file" in missing.get_json()["errors"]


@pytest.mark.office
def test_the_input_survives_editing_and_saving_in_libreoffice(tmp_path):
    """A clerk's edit saved by LibreOffice as DOCX keeps the input; saved as ODT, it is lost."""
    payload = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    content = generate(payload, "docx").content
    edited = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as zin, zipfile.ZipFile(edited, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":  # the clerk retypes a name
                data = data.replace("Mai Sơn".encode(), "Trần Văn Bình".encode())
            zout.writestr(item, data)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "qd.docx").write_bytes(edited.getvalue())
    source = tmp_path / "in" / "qd.docx"
    office_convert(tmp_path, "docx:MS Word 2007 XML", tmp_path / "docx", source)
    office_convert(tmp_path, "odt", tmp_path / "odt", source)
    saved = (tmp_path / "docx" / "qd.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(saved)) as zf:
        assert "Trần Văn Bình" in zf.read("word/document.xml").decode()
        assert any(re.fullmatch(r"customXml/item\d+\.xml", n) for n in zf.namelist())
    # What comes back is the input the file was made from, not the hand edits.
    assert read_source(saved, "qd.docx") == payload
    with zipfile.ZipFile(tmp_path / "odt" / "qd.odt") as zf:
        assert not any(
            "vanban-input" in zf.read(n).decode("utf-8", "replace")
            or "urn:vanban:source" in zf.read(n).decode("utf-8", "replace")
            for n in zf.namelist()
        )


def test_the_embedded_text_has_a_field_per_line_and_vanban_source_indents_every_level(tmp_path):
    payload = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    embedded = source_text(payload)
    assert embedded.splitlines()[1:-1] == [
        f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
        + ("," if i < len(payload) - 1 else "")
        for i, (k, v) in enumerate(payload.items())
    ]
    document = tmp_path / "qd.docx"
    document.write_bytes(generate(payload, "docx").content)
    result = CliRunner().invoke(main, ["source", str(document)])
    assert result.exit_code == 0, result.output
    assert result.stdout == json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
