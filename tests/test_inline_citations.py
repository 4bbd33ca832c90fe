"""An inline citation is checked like the registry document it names; an unknown one is flagged."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from service.cli import main
from service.errors import InvalidInput
from service.pipeline import compose

from .conftest import load_fixture

DECISION = "decisions/direct-decision.json"
LAW_2015 = {
    "type": "Luật",
    "number": "77/2015/QH13",
    "issuer": "Quốc hội",
    "issued": "2015-06-19",
    "title": "Tổ chức chính quyền địa phương",
}
LOCAL_PLAN = {
    "type": "Kế hoạch",
    "number": "12/KH-UBND",
    "issuer": "Ủy ban nhân dân tỉnh Bắc Ninh",
    "issued": "2024-01-10",
    "title": "triển khai ISO năm 2024",
}


def decision(date: str, *citations) -> dict:
    payload = load_fixture(DECISION)
    payload["date"] = date
    payload["citations"] = list(citations)
    return payload


def test_an_inline_law_no_longer_in_force_is_refused_with_its_replacement():
    with pytest.raises(InvalidInput) as caught:
        compose(decision("2026-02-10", "19/2014/QĐ-TTg", {"inline": LAW_2015}))
    (message,) = caught.value.errors["citations.1"]
    assert "72/2025/QH15" in message  # the law in force on that day, after 65/2025/QH15


def test_an_inline_law_in_force_is_cited_as_the_registry_cites_it():
    document = compose(decision("2024-03-15", {"inline": LAW_2015}))
    assert document.bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19")
    assert document.meta.unverified == ()


def test_the_same_document_inline_and_by_id_is_a_duplicate():
    with pytest.raises(InvalidInput) as caught:
        compose(decision("2024-03-15", "77/2015/QH13", {"inline": LAW_2015}))
    assert "citations.1" in caught.value.errors


def test_an_unknown_inline_document_is_rendered_and_marked_unverified(client):
    payload = decision("2024-03-15", "19/2014/QĐ-TTg", {"inline": LOCAL_PLAN})
    assert compose(payload).meta.unverified == ("citations.1",)
    response = client.post("/api/v1/documents?format=html", json=payload)
    assert response.status_code == 200
    assert response.headers["X-Vanban-Unverified"] == "citations.1"
    known = client.post(
        "/api/v1/documents?format=html", json=decision("2024-03-15", "19/2014/QĐ-TTg")
    )
    assert "X-Vanban-Unverified" not in known.headers


def test_a_batch_reports_an_unknown_inline_document_as_a_warning(tmp_path):
    source = tmp_path / "qd.json"
    payload = decision("2024-03-15", "19/2014/QĐ-TTg", {"inline": LOCAL_PLAN})
    source.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["batch", str(source), "-o", str(out), "-f", "html", "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [(w["path"], w["code"]) for w in report["warnings"]] == [("citations.1", "unverified")]


@pytest.mark.parametrize(
    "fixture", ["seeds/000-ranking-decision-2113-2023.json", "edge/objectives-one.json"]
)
def test_a_batch_warns_of_an_unknown_inline_document_in_a_decision_part_too(tmp_path, fixture):
    """The kinds built on a decision keep its citations in their decision part, where a lookup
    of a top-level ``citations`` attribute did not see them."""
    payload = load_fixture(fixture)
    payload["citations"].append({"inline": LOCAL_PLAN})
    where = f"citations.{len(payload['citations']) - 1}"
    source = tmp_path / "qd.json"
    source.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["batch", str(source), "-o", str(out), "-f", "html", "-j", "1"]
    )
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (where, "unverified") in [(w["path"], w["code"]) for w in report["warnings"]], result
