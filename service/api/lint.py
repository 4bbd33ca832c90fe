"""POST /api/v1/lint: a DOCX in (multipart field "file"), ND30 findings out; GET /lint: the page."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, current_app, jsonify, render_template

from ..lint import RULES, lint_docx
from . import resources
from .describe import not_in_api, operation
from .uploads import FILE_UPLOAD, uploaded_file

bp = Blueprint("lint", __name__)

LINT_REPORT = {
    "type": "object",
    "required": ["file", "errors", "warnings", "findings"],
    "properties": {
        "file": {"type": "string"},
        "errors": {"type": "integer"},
        "warnings": {"type": "integer"},
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "rule": {"type": "string"},
                    "severity": {"enum": ["error", "warning"]},
                    "paragraph": {"type": ["integer", "null"]},
                    "excerpt": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
    },
}


@bp.post("/api/v1/lint")
@operation(
    "Kiểm tra thể thức một tệp DOCX theo Nghị định 30/2020/NĐ-CP",
    body=FILE_UPLOAD,
    ok={200: ("Kết quả kiểm tra", {"application/json": LINT_REPORT})},
    errors={422: "Thiếu tệp, hoặc tệp DOCX hỏng, không an toàn hay không đọc được"},
)
def lint_upload() -> Any:
    """Return the findings for the uploaded document."""
    data, name = uploaded_file("tệp .docx", "Thiếu tệp cần kiểm tra.", "văn bản")
    # package.py caps what unzips.
    report = lint_docx(data, registry=resources().registry, today=date.today(), name=name)
    return jsonify(report.to_dict())


@bp.get("/lint")
@not_in_api
def lint_page() -> str:
    """Return the page where a clerk uploads a document and reads the findings."""
    max_bytes = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return render_template(
        "lint.html", rules=list(RULES.values()), max_bytes=max_bytes, max_size=size_text(max_bytes)
    )


def size_text(size: int) -> str:
    """Return a size as a person reads it.

    >>> size_text(2 * 1024 * 1024), size_text(1536 * 1024), size_text(300_000)
    ('2 MiB', '1,5 MiB', '293 KiB')
    """
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f}".replace(".0", "").replace(".", ",") + " MiB"
    return f"{-(-size // 1024)} KiB"
