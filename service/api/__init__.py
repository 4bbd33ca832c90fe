"""The HTTP edge: JSON API under /api/v1, its OpenAPI description, and the clerks' web pages."""

from __future__ import annotations

from flask import current_app

from ..catalog import Resources, packaged_resources

EXTENSION = "vanban.resources"


def resources() -> Resources:
    """Return the reference data and templates this application serves (its site folder's)."""
    return current_app.extensions.get(EXTENSION) or packaged_resources()
