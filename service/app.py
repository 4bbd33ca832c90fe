"""The Flask application factory."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify

from . import __version__
from .api import (
    EXTENSION,
    auth,
    batches,
    docs,
    documents,
    errors,
    fixtures,
    kinds,
    lint,
    pages,
    signatures,
    site,
    sources,
)
from .api import register as register_api
from .api.describe import operation
from .catalog import Resources, site_resources
from .config import Settings
from .site import InvalidSite

# No inline script or style, nothing from another origin: the pages work offline and a strict
# policy blocks injected markup. The API browser's bundled Swagger UI sets inline styles.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'"
)
CSP_API_DOCS = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def create_app(config: dict[str, Any] | None = None, settings: Settings | None = None) -> Flask:
    """Return the application; ``settings`` default to the environment, ``config`` to Flask."""
    settings = settings or Settings.from_env()
    app = Flask(
        __name__,
        template_folder="web/templates",
        static_folder="web/static",
        static_url_path="/static",
    )
    app.config.update(MAX_CONTENT_LENGTH=settings.max_content_length, VANBAN_SETTINGS=settings)
    app.config.update(config or {})
    app.extensions[EXTENSION] = _site_resources(
        app.config.get("VANBAN_SITE_DIR", settings.site_dir)
    )
    app.json.ensure_ascii = False
    logging.basicConfig(level=logging.INFO)

    errors.register(app)
    auth.register(app, settings.api_tokens)
    for blueprint in (documents.bp, kinds.bp, docs.bp, fixtures.bp, pages.bp, lint.bp, batches.bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(sources.bp)  # POST /api/v1/sources
    app.register_blueprint(site.bp)
    app.register_blueprint(register_api.bp)
    app.register_blueprint(signatures.bp)

    @app.get("/healthz")
    @operation("Kiểm tra dịch vụ", public=True)
    def healthz() -> Any:
        return jsonify(status="ok", version=__version__)

    @app.after_request
    def security_headers(response: Response) -> Response:
        from flask import request

        docs_page = request.path.startswith("/api/docs")
        response.headers.setdefault("Content-Security-Policy", CSP_API_DOCS if docs_page else CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    return app


def _site_resources(folder: str | None) -> Resources:
    """Return the resources of the site folder; refuse to start, saying why, on a faulty one."""
    try:
        return site_resources(folder)
    except InvalidSite as error:
        raise SystemExit(f"vanban: không khởi động được.\n{error.describe()}") from None
