"""POST /api/v1/sources: a DOCX or PDF that vanban made in (multipart ``file``), its input out."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from ..errors import InvalidInput
from ..source import read_source
from .documents import UnsupportedMediaType

bp = Blueprint("sources", __name__)


@bp.post("/api/v1/sources")
def extract_source() -> Any:
    """Return the input JSON embedded in the uploaded document."""
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(
            "Kiểu nội dung không được hỗ trợ: gửi tệp DOCX hoặc PDF dạng multipart/form-data.",
            {"Content-Type": [f"Nhận được: {request.mimetype or 'không có'}."]},
        )
    upload = request.files.get("file")
    if upload is None:
        raise InvalidInput(
            "Thiếu tệp cần mở.",
            {"file": ["Gửi tệp DOCX hoặc PDF trong trường “file” (multipart/form-data)."]},
        )
    # The body is capped by MAX_CONTENT_LENGTH; the readers cap what they unpack.
    return jsonify(read_source(upload.read(), upload.filename or "tệp"))


def describe(spec: Any, error: Any) -> None:
    """Add POST /api/v1/sources to the OpenAPI document (``error``: the spec's error response)."""
    upload = {
        "type": "object",
        "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary"}},
    }
    spec.path(
        "/api/v1/sources",
        operations={
            "post": {
                "summary": "Lấy lại dữ liệu đầu vào (JSON) từ tệp DOCX hoặc PDF do vanban tạo",
                "requestBody": {
                    "required": True,
                    "content": {"multipart/form-data": {"schema": upload}},
                },
                "responses": {
                    "200": {
                        "description": "Dữ liệu đầu vào đã nhúng trong tệp, đúng như khi tạo",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    "413": error("Tệp quá lớn"),
                    "415": error("Không gửi dạng multipart/form-data"),
                    "422": error("Tệp không phải DOCX/PDF do vanban tạo, hoặc không có dữ liệu"),
                },
            }
        },
    )
