"""A document may not name a body that had ceased to exist on its date (legal-facts §3)."""

from __future__ import annotations

from datetime import date

import pytest

from service.errors import InvalidInput
from service.pipeline import compose, generate

from .conftest import load_fixture


def moved_to(payload, day):
    """Return the payload re-dated to ``day`` with a citation in force then."""
    payload = {**payload, "date": day, "number": 12}
    payload["citations"] = ["72/2025/QH15"]
    return payload


def test_a_2026_decision_naming_bac_giang_bodies_is_refused(ranking_payload):
    with pytest.raises(InvalidInput) as caught:
        compose(moved_to(ranking_payload, "2026-03-02"))
    errors = caught.value.errors
    assert any(path.startswith("issuer.") for path in errors), errors
    assert any("Bắc Ninh" in " ".join(messages) for messages in errors.values()), errors


def test_the_same_decision_is_fine_on_its_own_date(ranking_payload):
    assert compose(ranking_payload).meta.year == 2023


def test_allow_stale_renders_it_for_review(ranking_payload):
    result = generate(moved_to(ranking_payload, "2026-03-02"), "docx", allow_stale=True)
    assert result.content.startswith(b"PK")


def test_a_document_dated_before_anything_ceased_is_not_walked(monkeypatch):
    """Nothing in the directory had ceased by 2023: no text of the document is even read."""
    from service.batch.stale import findings
    from service.catalog import default_resources
    from service.directory import stale_bodies
    from service.kinds import walk
    from service.pipeline import parse

    calls = []
    collect = walk._collect

    def counted(*args):
        calls.append(1)
        return collect(*args)

    monkeypatch.setattr(walk, "_collect", counted)
    payload = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    data, resources = parse(payload)[1], default_resources()
    assert stale_bodies(data, date(2023, 12, 31), resources.directory) == []
    assert findings(payload, resources.registry, resources.directory, data) == []
    assert calls == []
    stale_bodies(data, date(2026, 1, 5), resources.directory)  # the same input, after 01/7/2025
    assert calls
