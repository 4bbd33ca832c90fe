"""A document may not name a body that had ceased to exist on its date (legal-facts §3)."""

from __future__ import annotations

import pytest

from service.errors import InvalidInput
from service.pipeline import compose, generate


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
