"""The JSON API: every endpoint and every error status, with the documented error shape."""

from __future__ import annotations

import json
from urllib.parse import unquote

import jsonschema
import pytest

from service.app import create_app
from service.catalog import KINDS
from service.config import Settings
from service.render.docx_text import docx_lines

from .conftest import FIXTURES, load_fixture

ERROR_KEYS = {"code", "status", "message", "errors"}


def post(client, payload, fmt="docx", **kwargs):
    """Post a payload as JSON to the documents endpoint."""
    body = payload if isinstance(payload, bytes | str) else json.dumps(payload)
    headers = kwargs.pop("headers", {})
    return client.post(
        f"/api/v1/documents?format={fmt}",
        data=body,
        content_type=kwargs.pop("content_type", "application/json"),
        headers=headers,
        **kwargs,
    )


def assert_error(response, status, code):
    """Assert the error shape, status and code; return the body."""
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == ERROR_KEYS and body["status"] == status and body["code"] == code
    assert body["message"] and "Traceback" not in response.get_data(as_text=True)
    return body


@pytest.mark.parametrize(
    ("fmt", "media", "magic"),
    [
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK\x03\x04",
        ),
        ("pdf", "application/pdf", b"%PDF-"),
        ("html", "text/html", b"<!DOCTYPE html>"),
    ],
)
def test_documents_returns_the_file_with_type_and_names(client, ranking_payload, fmt, media, magic):
    response = post(client, ranking_payload, fmt)
    assert response.status_code == 200
    assert response.mimetype == media and response.data.lstrip().startswith(magic)
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="quyet-dinh-2113-qd-ubnd-2023-12-31.')
    utf8_name = unquote(disposition.split("filename*=UTF-8''")[1])
    assert utf8_name == f"Quyết định 2113-QĐ-UBND 2023-12-31.{fmt}"
    assert disposition.split('filename="')[1].split('"')[0].isascii()


def test_the_docx_from_the_api_is_the_decision(client, ranking_payload):
    lines = docx_lines(post(client, ranking_payload).data)
    assert "Số: 2113/QĐ-UBND" in lines and "Mai Sơn" in lines


def test_default_format_is_docx(client, ranking_payload):
    response = client.post("/api/v1/documents", json=ranking_payload)
    assert response.status_code == 200 and response.data.startswith(b"PK")


def test_invalid_input_is_422_with_field_paths(client, ranking_payload):
    ranking_payload["groups"][0]["agencies"][2]["score"] = -3
    del ranking_payload["signature"]
    body = assert_error(post(client, ranking_payload), 422, "invalid_input")
    assert body["errors"]["groups.0.agencies.2.score"] == ["Điểm không được âm."]
    assert body["errors"]["signature"] == ["Thiếu trường bắt buộc."]


def test_unknown_format_is_422(client, ranking_payload):
    body = assert_error(post(client, ranking_payload, fmt="odt"), 422, "invalid_input")
    assert "docx" in body["errors"]["format"][0]


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe", b'{"kind": '])
def test_malformed_json_is_400(client, raw):
    body = assert_error(post(client, raw), 400, "malformed_input")
    assert "JSON" in body["message"] or "UTF-8" in body["message"]


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_wrong_content_type_is_415(client, ranking_payload, content_type):
    response = post(client, json.dumps(ranking_payload), content_type=content_type)
    body = assert_error(response, 415, "unsupported_media_type")
    assert content_type.split(";")[0] in body["errors"]["Content-Type"][0]


def test_unknown_kind_is_404(client, ranking_payload):
    ranking_payload["kind"] = "chieu-chi"
    body = assert_error(post(client, ranking_payload), 404, "unknown_kind")
    assert "ranking-decision" in body["errors"]["kind"][0]


def test_body_above_the_limit_is_413():
    app = create_app({"TESTING": True}, Settings(max_content_length=1024))
    body = assert_error(
        post(app.test_client(), b"{" + b" " * 4096 + b"}"), 413, "payload_too_large"
    )
    assert "1.024" in body["message"]


def test_unknown_route_and_wrong_method_answer_json(client):
    assert_error(client.get("/api/v1/nothing"), 404, "not_found")
    response = client.get("/api/v1/documents")
    assert_error(response, 405, "method_not_allowed")
    assert "POST" in response.headers["Allow"]


def test_kinds_lists_every_kind_with_a_schema(client):
    body = client.get("/api/v1/kinds").get_json()
    assert {k["kind"] for k in body["kinds"]} == set(KINDS)
    for kind in body["kinds"]:
        assert kind["title"] and kind["schema"]["properties"]["kind"] == {"const": kind["kind"]}
        jsonschema.Draft202012Validator.check_schema(kind["schema"])


def test_every_fixture_validates_against_its_kinds_schema(client):
    schemas = {k["kind"]: k["schema"] for k in client.get("/api/v1/kinds").get_json()["kinds"]}
    fixtures = sorted(FIXTURES.rglob("*.json"))
    assert fixtures
    for path in fixtures:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("kind") in schemas and not path.parent.name.startswith("invalid"):
            jsonschema.validate(payload, schemas[payload["kind"]])


def test_the_schema_refuses_what_the_service_refuses(client):
    schema = client.get("/api/v1/kinds/ranking-decision").get_json()["schema"]
    payload = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    payload["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(payload, schema)


def test_one_kind_and_an_unknown_one(client):
    assert client.get("/api/v1/kinds/ranking-decision").get_json()["kind"] == "ranking-decision"
    assert_error(client.get("/api/v1/kinds/nope"), 404, "unknown_kind")


def test_citation_search_finds_registry_documents_with_validity(client):
    body = client.get("/api/v1/citations?q=chinh quyen dia phuong&on=2025-08-01").get_json()
    ids = [r["id"] for r in body["results"]]
    assert "72/2025/QH15" in ids and "77/2015/QH13" in ids
    assert ids.index("72/2025/QH15") < ids.index("77/2015/QH13")  # in force first
    old = next(r for r in body["results"] if r["id"] == "77/2015/QH13")
    assert old["in_force"] is False and "72/2025/QH15" in old["problem"]
    assert_error(client.get("/api/v1/citations?q=x&on=31-12-2023"), 422, "invalid_input")


def test_api_browser_is_served_locally(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "http://" not in html and "https://" not in html
    asset = client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200 and b"SwaggerUIBundle" in asset.data
    asset.close()
    assert client.get("/api/docs/assets/../app.py").status_code == 404


def test_security_headers_are_sent(client):
    headers = client.get("/healthz").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def secured():
    """Return a client of an app that requires tokens."""
    app = create_app({"TESTING": True}, Settings(api_tokens=("alpha", "beta")))
    return app.test_client()


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic alpha", "Bearer"])
def test_tokens_required_when_configured(secured, ranking_payload, header):
    headers = {"Authorization": header} if header else {}
    response = post(secured, ranking_payload, headers=headers)
    assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("token", ["alpha", "beta"])
def test_a_valid_token_passes_and_health_stays_open(secured, ranking_payload, token):
    assert (
        post(secured, ranking_payload, headers={"Authorization": f"Bearer {token}"}).status_code
        == 200
    )
    assert secured.get("/healthz").status_code == 200


def test_settings_come_from_the_environment():
    settings = Settings.from_env(
        {"VANBAN_MAX_CONTENT_LENGTH": "4096", "VANBAN_API_TOKENS": " a , b ,"}
    )
    assert settings.max_content_length == 4096 and settings.api_tokens == ("a", "b")
    with pytest.raises(SystemExit, match="VANBAN_MAX_CONTENT_LENGTH"):
        Settings.from_env({"VANBAN_MAX_CONTENT_LENGTH": "lots"})


def test_the_web_and_batch_name_a_file_alike(client, ranking_payload):
    from urllib.parse import unquote

    from service.vn.text import ascii_slug

    ranking_payload["number"], ranking_payload["date"] = None, "2023-12"
    answer = client.post("/api/v1/documents?format=pdf", json=ranking_payload)
    disposition = answer.headers["Content-Disposition"]
    ascii_name = disposition.split('filename="')[1].split('"')[0]
    readable = unquote(disposition.split("filename*=UTF-8''")[1])
    assert ascii_name == "du-thao-quyet-dinh-qd-ubnd-2023-12.pdf"  # "du-thao" once
    assert readable == "Dự thảo quyết định QĐ-UBND 2023-12.pdf"
    assert ascii_slug(readable.removesuffix(".pdf")) + ".pdf" == ascii_name
