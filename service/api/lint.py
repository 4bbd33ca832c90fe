"""POST /api/v1/lint: a DOCX in (multipart field "file"), ND30 findings out; GET /lint: the page."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request

from ..errors import InvalidInput
from ..lint import RULES, lint_docx
from . import resources
from .describe import BINARY, not_in_api, operation
from .documents import UnsupportedMediaType

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
    body={
        "multipart/form-data": {
            "type": "object",
            "required": ["file"],
            "properties": {"file": BINARY},
        }
    },
    ok={200: ("Kết quả kiểm tra", {"application/json": LINT_REPORT})},
    errors={422: "Thiếu tệp, hoặc tệp DOCX hỏng, không an toàn hay không đọc được"},
)
def lint_upload() -> Any:
    """Return the findings for the uploaded document."""
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(
            "Kiểu nội dung không được hỗ trợ: gửi tệp .docx dạng multipart/form-data.",
            {"Content-Type": [f"Nhận được: {request.mimetype or 'không có'}."]},
        )
    upload = request.files.get("file")
    if upload is None:
        raise InvalidInput(
            "Thiếu tệp cần kiểm tra.",
            {"file": ["Gửi tệp .docx trong trường “file” (multipart/form-data)."]},
        )
    # The request body is already capped by MAX_CONTENT_LENGTH; package.py caps what unzips.
    report = lint_docx(
        upload.read(),
        registry=resources().registry,
        today=date.today(),
        name=upload.filename or "văn bản",
    )
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
