"""The web service's health check."""

from __future__ import annotations

from service import __version__


def test_healthz_answers_with_the_version(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "version": __version__}
