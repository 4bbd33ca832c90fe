"""POST /api/v1/sources: a DOCX or PDF that vanban made in (multipart ``file``), its input out."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from ..errors import InvalidInput
from ..source import read_source
from .describe import BINARY, operation
from .documents import UnsupportedMediaType

bp = Blueprint("sources", __name__)


@bp.post("/api/v1/sources")
@operation(
    "Lấy lại dữ liệu đầu vào (JSON) từ tệp DOCX hoặc PDF do vanban tạo",
    body={
        "multipart/form-data": {
            "type": "object",
            "required": ["file"],
            "properties": {"file": BINARY},
        }
    },
    ok={200: ("Dữ liệu đầu vào đã nhúng trong tệp, đúng như khi tạo", None)},
    errors={422: "Thiếu tệp, hoặc tệp không phải DOCX/PDF do vanban tạo, hoặc không có dữ liệu"},
)
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
