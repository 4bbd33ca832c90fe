"""The OpenAPI description is generated from the routes: what Flask serves is what it describes."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from flask import Flask
from openapi_spec_validator import validate

from service.api.describe import operation
from service.api.spec import build_spec, described_routes, openapi_path
from service.app import create_app

from .conftest import load_fixture

IGNORED = {"HEAD", "OPTIONS"}
ERROR_KEYS = {"code", "status", "message", "errors"}


def served(app: Flask) -> set[tuple[str, str]]:
    """Return (path, method) of every route that is not a page, an asset or Flask's static."""
    return {
        (openapi_path(rule), method.lower())
        for rule, _view in described_routes(app)
        for method in set(rule.methods or ()) - IGNORED
    }


def described(document: dict) -> set[tuple[str, str]]:
    """Return (path, method) of every operation in an OpenAPI document."""
    return {(path, method) for path, item in document["paths"].items() for method in item}


def test_the_description_validates(client):
    validate(client.get("/openapi.json").get_json())


def test_served_routes_and_described_paths_are_the_same(app, client):
    document = client.get("/openapi.json").get_json()
    assert served(app) == described(document)
    # the routes whose absence was reported, and every API rule Flask has
    api_rules = {openapi_path(r) for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/")}
    assert api_rules <= set(document["paths"])
    assert "/api/v1/kinds/{kind}" in document["paths"]


def test_a_route_with_no_description_fails_the_build():
    app = create_app({"TESTING": True})

    @app.get("/api/v1/forgotten")
    def forgotten() -> str:
        return "x"

    with pytest.raises(RuntimeError, match="/api/v1/forgotten"):
        build_spec(app)


def test_a_described_route_appears_with_its_path_parameters():
    app = create_app({"TESTING": True})

    @app.get("/api/v1/things/<thing_id>")
    @operation("Một thứ", errors={410: "Đã xoá"})
    def thing(thing_id: str) -> str:
        return thing_id

    item = build_spec(app)["paths"]["/api/v1/things/{thing_id}"]["get"]
    assert [p["name"] for p in item["parameters"]] == ["thing_id"]
    assert {"404", "410", "200"} <= set(item["responses"])


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


REQUESTS = [
    ("post", "/api/v1/lint", {"json": {"a": 1}}, 415),
    ("post", "/api/v1/lint", {"data": {"x": "y"}, "content_type": "multipart/form-data"}, 422),
    (
        "post",
        "/api/v1/batches",
        {"data": _zip({"__MACOSX/a.json": b"{}"}), "content_type": "application/zip"},
        422,
    ),
    ("post", "/api/v1/batches", {"json": {"kind": "decision"}}, 422),
    ("post", "/api/v1/batches?format=", {"json": []}, 422),
    ("post", "/api/v1/batches", {"data": b"x", "content_type": "application/zip"}, 400),
    ("post", "/api/v1/documents?format=odt", {"json": {}}, 422),
    ("post", "/api/v1/documents", {"data": b"{", "content_type": "application/json"}, 400),
    ("get", "/api/v1/citations?q=luat&on=", {}, 422),
    ("get", "/api/v1/citations?q=luat&on=2025-13-01", {}, 422),
    ("get", "/api/v1/kinds/nope", {}, 404),
    ("get", "/api/v1/fixtures/nope.json", {}, 404),
    ("get", "/api/v1/batches/nope", {}, 404),
]


@pytest.mark.parametrize(("method", "url", "kwargs", "status"), REQUESTS)
def test_the_statuses_endpoints_return_are_described(tmp_path, method, url, kwargs, status):
    app = create_app({"TESTING": True, "VANBAN_DATA_DIR": str(tmp_path)})
    client = app.test_client()
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)
    assert set(response.get_json()) == ERROR_KEYS
    path = url.split("?")[0]
    if path not in build_spec(app)["paths"]:  # a path parameter: find its template
        path = next(
            p
            for p in build_spec(app)["paths"]
            if p.count("/") == path.count("/") and p.rsplit("/", 1)[0] == path.rsplit("/", 1)[0]
        )
    assert str(status) in build_spec(app)["paths"][path][method]["responses"]


def test_an_empty_date_is_refused_and_described_as_a_date(client):
    body = client.get("/api/v1/citations?on=").get_json()
    assert body["status"] == 422 and "on" in body["errors"]
    params = client.get("/openapi.json").get_json()["paths"]["/api/v1/citations"]["get"]
    on = next(p for p in params["parameters"] if p["name"] == "on")
    assert on["schema"] == {"type": "string", "format": "date"}


def test_the_description_is_the_same_json_each_time(app, client):
    first = client.get("/openapi.json").get_data()
    assert json.loads(first) == build_spec(app)


# Headers the service itself defines, as opposed to HTTP's own (Content-Type, Content-Length…).
OWN_HEADERS = re.compile(r"^(X-Vanban-|X-Register-|Content-Disposition$)", re.IGNORECASE)
UNKNOWN_INLINE = {
    "inline": {
        "type": "Kế hoạch",
        "number": "12/KH-UBND",
        "issuer": "Ủy ban nhân dân tỉnh Bắc Ninh",
        "issued": "2024-01-10",
        "title": "triển khai ISO năm 2024",
    }
}


def test_the_headers_a_document_answer_carries_are_described(client):
    payload = load_fixture("decisions/direct-decision.json")
    payload["citations"].append(UNKNOWN_INLINE)
    response = client.post("/api/v1/documents?format=html", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)
    sent = {name for name, _ in response.headers if OWN_HEADERS.match(name)}
    assert "X-Vanban-Unverified" in sent
    answer = client.get("/openapi.json").get_json()["paths"]["/api/v1/documents"]["post"]
    described = answer["responses"]["200"].get("headers", {})
    assert sent <= set(described), sent - set(described)
    assert "inline" in described["X-Vanban-Unverified"]["description"]
