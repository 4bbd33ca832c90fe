"""GET /api/v1/site: which site folder is active and what it adds to the packaged data."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from ..catalog import KINDS
from . import resources
from .describe import operation

bp = Blueprint("site", __name__)


@bp.get("/api/v1/site")
@operation("Thư mục site đang dùng và dữ liệu, mẫu nó bổ sung")
def site_info() -> Any:
    """Return the active site folder, its additions by kind of data, and the templates in use."""
    res = resources()
    data = res.site
    return jsonify(
        site=str(data.folder) if data.folder else None,
        added=data.added,
        replaced=data.replaced,
        totals={
            "registry": len(res.registry),
            "bodies": len(res.directory.bodies),
            "provinces": len(res.directory.provinces),
            "level_schemes": len(res.schemes),
        },
        level_schemes=[
            {"id": s.id, "title": s.title, "confidence": s.confidence} for s in res.schemes.values()
        ],
        templates={
            kind: {
                **res.templates.customised(kind),
                "docx_file": res.templates.docx(kind).name,
            }
            for kind in KINDS
        },
    )
