"""GET /openapi.json and the browsable API page, served from local assets only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import flask_swagger_ui
from flask import Blueprint, Response, current_app, jsonify, render_template, send_from_directory

from .describe import not_in_api, operation
from .spec import build_spec

bp = Blueprint("docs", __name__)
# Swagger UI 5 (reads OpenAPI 3.1), as shipped inside the flask-swagger-ui wheel: served from
# here, never from a CDN. Only its static files are used, not its blueprint.
SWAGGER_DIR = Path(flask_swagger_ui.__file__).parent / "dist"
SWAGGER_FILES = {
    "swagger-ui.css",
    "swagger-ui-bundle.js",
    "favicon-32x32.png",
}


@bp.get("/openapi.json")
@operation("Mô tả OpenAPI 3.1 của API", public=True)
def openapi() -> Any:
    """Return the OpenAPI 3.1 document."""
    return jsonify(build_spec(current_app))


@bp.get("/api/docs")
@not_in_api
def docs_page() -> str:
    """Return the browsable API page."""
    return render_template("api-docs.html")


@bp.get("/api/docs/assets/<name>")
@not_in_api
def docs_asset(name: str) -> Response:
    """Serve a Swagger UI asset bundled with the Python package (no CDN)."""
    if name not in SWAGGER_FILES:
        from werkzeug.exceptions import NotFound

        raise NotFound()
    return send_from_directory(SWAGGER_DIR, name, max_age=86400)
