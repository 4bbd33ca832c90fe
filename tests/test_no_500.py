"""Input that used to reach a 500 or a traceback: deep nesting, huge numbers, charset twice."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from service.cli import main

from .conftest import FIXTURES

SEED = FIXTURES / "seeds" / "000-ranking-decision-2113-2023.json"
ERROR_KEYS = {"code", "status", "message", "errors"}
HUGE = "9" * 5000  # Python refuses to read integers of more than 4,300 digits


def seed_with(field: str, literal: str) -> str:
    """Return the seed's JSON text with one field's value replaced by a raw JSON literal."""
    payload = json.loads(SEED.read_text(encoding="utf-8"))
    if field == "score":
        payload["groups"][0]["agencies"][0]["score"] = "@@"
    else:
        payload[field] = "@@"
    return json.dumps(payload, ensure_ascii=False).replace('"@@"', literal)


CASES = {
    "nested arrays": "[" * 1000 + "]" * 1000,
    "nested objects": '{"a":' * 5000 + "1" + "}" * 5000,
    "nested 100 deep": json.dumps({"kind": "ranking-decision", "x": [[[[[]]]]] * 1}).replace(
        "[[[[[]]]]]", "[" * 100 + "]" * 100
    ),
    "huge score": seed_with("score", HUGE),
    "huge number": seed_with("number", HUGE),
    "huge year": seed_with("year", "-" + HUGE),
    "score 1e308": seed_with("score", "1e308"),
    "score 30 digits": seed_with("score", '"123456789012345678901234567890.5"'),
    "score 1e400": seed_with("score", "1e400"),
    "score NaN": seed_with("score", "NaN"),
}
# What each case must answer: 400 (not JSON the service reads) or 422 (a field is wrong).
STATUS = {name: 422 if name.startswith("score") and name != "score NaN" else 400 for name in CASES}


@pytest.mark.parametrize("name", CASES)
def test_documents_answer_the_error_shape(client, name):
    response = client.post(
        "/api/v1/documents", data=CASES[name].encode(), content_type="application/json"
    )
    assert response.status_code == STATUS[name], response.get_data(as_text=True)[:300]
    body = response.get_json()
    assert set(body) == ERROR_KEYS and body["status"] == STATUS[name]
    if STATUS[name] == 422:
        assert "groups.0.agencies.0.score" in body["errors"]


@pytest.mark.parametrize("name", CASES)
def test_batches_answer_the_error_shape(tmp_path, name):
    from service.app import create_app

    client = create_app({"TESTING": True, "VANBAN_DATA_DIR": str(tmp_path)}).test_client()
    response = client.post(
        "/api/v1/batches", data=f"[{CASES[name]}]".encode(), content_type="application/json"
    )
    assert response.status_code in (202, 400, 422), response.get_data(as_text=True)[:300]
    assert response.status_code != 202 or STATUS[name] == 422  # the bad item is a report line
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("name", CASES)
def test_the_cli_says_what_is_wrong_and_exits_2(tmp_path, name):
    source = tmp_path / "in.json"
    source.write_text(CASES[name], encoding="utf-8")
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("Lỗi: ") and "Traceback" not in result.stderr
    assert not out.exists()


def test_html_names_its_charset_once(client):
    response = client.post(
        "/api/v1/documents?format=html", data=SEED.read_bytes(), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
