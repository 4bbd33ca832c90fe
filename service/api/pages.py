"""The clerks' web pages: choose a kind, fill the form generated from its JSON Schema, preview.

The form itself is built in the browser (service/web/static/main.js) from the schema this
blueprint serves in declaration order; the live preview shows the HTML of POST
/api/v1/documents?format=html, styled with the document's own print stylesheet served here.
"""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request, send_file

from ..catalog import KINDS
from ..errors import UnknownKind
from ..render.html import STYLESHEET, TEMPLATES_DIR
from . import resources
from .describe import not_in_api
from .kinds import site_schema

bp = Blueprint("pages", __name__)


def _page(kind: str | None) -> tuple[str, int]:
    """Return the page with ``kind``'s editor (none when ``kind`` is empty), and its status."""
    known = kind is None or kind in KINDS
    settings = current_app.config["VANBAN_SETTINGS"]
    html = render_template(
        "index.html",
        kinds=[(name, spec.title) for name, spec in KINDS.items()],
        kind=kind if known else None,
        unknown_kind=None if known else kind,
        title=KINDS[kind].title if kind and known else None,
        site_templates=resources().templates.customised(kind) if kind and known else None,
        fixture=request.args.get("fixture", ""),
        debounce_ms=settings.preview_debounce_ms,
    )
    return html, 200 if known else 404


@bp.get("/")
@not_in_api
def index() -> tuple[str, int]:
    """Return the kinds, and the editor of ?kind= when given."""
    return _page(request.args.get("kind") or None)


@bp.get("/kinds/<kind>")
@not_in_api
def kind_page(kind: str) -> tuple[str, int]:
    """Return the editor of one kind (?fixture=<path> starts from that fixture)."""
    return _page(kind)


@bp.get("/ui/schema/<kind>")
@not_in_api
def kind_schema(kind: str) -> Response:
    """Return a kind's title and JSON Schema with properties in declaration order.

    /api/v1/kinds/<kind> sends the same schema with sorted keys; a form reads better in the
    order the schema declares its fields (issuer, number, date, … rather than alphabetical).
    """
    spec = KINDS.get(kind)
    if spec is None:
        raise UnknownKind(
            f"Không có loại văn bản '{kind}'.",
            {"kind": ["Các loại hiện có: " + ", ".join(sorted(KINDS)) + "."]},
        )
    body = {"kind": kind, "title": spec.title, "schema": site_schema(kind)}
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")


@bp.get("/ui/document.css")
@not_in_api
def document_css() -> Response:
    """Return the documents' print stylesheet, which the preview frame links to."""
    return send_file(TEMPLATES_DIR / STYLESHEET, mimetype="text/css", max_age=0)


@bp.get("/favicon.ico")
@not_in_api
def favicon() -> Response:
    """Return the site icon where browsers look for it without a <link rel="icon">."""
    static = current_app.static_folder or ""
    return send_file(Path(static) / "favicon.svg", mimetype="image/svg+xml", max_age=86400)
