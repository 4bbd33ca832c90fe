"""The Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify

from . import __version__
from .errors import VanbanError


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Return the application; ``config`` overrides settings (tests pass their own)."""
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=2 * 1024 * 1024, JSON_AS_ASCII=False)
    app.config.update(config or {})
    app.json.ensure_ascii = False

    @app.get("/healthz")
    def healthz() -> Any:
        return jsonify(status="ok", version=__version__)

    @app.errorhandler(VanbanError)
    def vanban_error(error: VanbanError) -> Any:
        return jsonify(error.to_dict()), error.http_status

    return app
