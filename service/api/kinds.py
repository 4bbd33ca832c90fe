"""GET /api/v1/kinds, /api/v1/kinds/<kind>, /api/v1/citations: what clients need for input."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, jsonify

from ..catalog import KINDS
from ..errors import UnknownKind
from . import resources
from .describe import operation, query_args
from .queries import CitationQuery
from .spec import kind_json_schema

bp = Blueprint("kinds", __name__)


@bp.get("/api/v1/kinds")
@operation("Các loại văn bản và JSON Schema đầu vào của từng loại")
def list_kinds() -> Any:
    """Return every kind with its Vietnamese title and the JSON Schema of its input."""
    return jsonify(
        kinds=[
            {"kind": name, "title": spec.title, "schema": site_schema(name)}
            for name, spec in KINDS.items()
        ]
    )


@bp.get("/api/v1/kinds/<kind>")
@operation("Một loại văn bản và JSON Schema đầu vào", errors={404: "Không có loại văn bản này"})
def one_kind(kind: str) -> Any:
    """Return one kind and its input schema."""
    spec = KINDS.get(kind)
    if spec is None:
        raise UnknownKind(
            f"Không có loại văn bản '{kind}'.",
            {"kind": ["Các loại hiện có: " + ", ".join(sorted(KINDS)) + "."]},
        )
    return jsonify(kind=kind, title=spec.title, schema=site_schema(kind))


def site_schema(kind: str) -> dict[str, Any]:
    """Return the kind's JSON Schema, its level scheme restricted to the schemes in force here.

    The schemes are the packaged ones with the site folder's laid over them, so the web form
    offers exactly the schemes a document can use.
    """
    schema = kind_json_schema(kind)
    field = schema.get("properties", {}).get("level_scheme")
    if field is None:
        return schema
    choices = sorted(resources().schemes)
    return {
        **schema,
        "properties": {**schema["properties"], "level_scheme": {**field, "enum": choices}},
    }


@bp.get("/api/v1/citations")
@operation("Tìm văn bản pháp lý trong danh mục để dẫn căn cứ", query=CitationQuery)
def search_citations() -> Any:
    """Return registry documents matching ?q=, those in force on ?on= first."""
    args = query_args(CitationQuery)
    query, day = args["q"].strip(), args.get("on")
    registry = resources().registry
    found = registry.search(query, on=day, limit=20) if query else registry.all()[:20]
    return jsonify(results=[_describe(doc, day) for doc in found])


def _describe(doc: Any, day: date | None) -> dict:
    """Return what the search box shows of a registry document."""
    from ..legal.registry import why_not_in_force

    problem = why_not_in_force(resources().registry, doc, day) if day else None
    return {
        "id": doc.id,
        "type": doc.type,
        "number": doc.number,
        "issuer": doc.issuer,
        "issued": doc.issued.isoformat(),
        "title": doc.title,
        "in_force": problem is None,
        "problem": problem,
        "confidence": doc.confidence,
    }
