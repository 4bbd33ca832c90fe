"""POST /api/v1/sources: a DOCX or PDF that vanban made in (multipart ``file``), its input out."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from ..source import read_source
from .describe import operation
from .uploads import FILE_UPLOAD, uploaded_file

bp = Blueprint("sources", __name__)


@bp.post("/api/v1/sources")
@operation(
    "Lấy lại dữ liệu đầu vào (JSON) từ tệp DOCX hoặc PDF do vanban tạo",
    body=FILE_UPLOAD,
    ok={200: ("Dữ liệu đầu vào đã nhúng trong tệp, đúng như khi tạo", None)},
    errors={422: "Thiếu tệp, hoặc tệp không phải DOCX/PDF do vanban tạo, hoặc không có dữ liệu"},
)
def extract_source() -> Any:
    """Return the input JSON embedded in the uploaded document."""
    data, name = uploaded_file("tệp DOCX hoặc PDF", "Thiếu tệp cần mở.", "tệp")
    return jsonify(read_source(data, name))  # the readers cap what they unpack
