"""Shared fixtures: paths, fixture payloads, the app and its client."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.signing import images, nss_db, pki, tsa_url  # noqa: F401 - session fixtures of the signing tests

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# The seed documents' texts, kept in the repository (tests/data/seeds/README.md says where from).
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"


def load_fixture(name: str) -> dict:
    """Return a fixture payload by its path under fixtures/."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def valid_fixtures() -> list[str]:
    """Return the fixture files that compose (under fixtures/), not those meant to be refused."""
    from service.errors import VanbanError
    from service.pipeline import compose

    names = []
    for path in sorted(FIXTURES.rglob("*.json")):
        try:
            compose(json.loads(path.read_text(encoding="utf-8")))
        except VanbanError:
            continue
        names.append(str(path.relative_to(FIXTURES)))
    return names


@pytest.fixture
def ranking_payload() -> dict:
    """Return a fresh copy of the seed-000 ranking decision payload."""
    return load_fixture("seeds/000-ranking-decision-2113-2023.json")


@pytest.fixture
def app():
    """Return the application configured for tests."""
    from service.app import create_app

    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    """Return a test client."""
    return app.test_client()
