"""POST /api/v1/documents: JSON in, a DOCX, PDF or HTML file out."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, current_app, jsonify, request

from ..errors import MalformedInput
from ..files import parse_json
from ..pipeline import FORMATS, Rendered, generate
from ..vn.text import squash_spaces
from . import resources
from .describe import BINARY, INPUT_REF, operation, query_args
from .queries import DocumentQuery

bp = Blueprint("documents", __name__)

UNSAFE_IN_NAMES = str.maketrans({c: "-" for c in '/\\:*?"<>|'})
# The headers create_document sends with a rendered file (described in /openapi.json).
FILE_HEADERS = {
    "Content-Disposition": "Tên tệp để lưu: tên ASCII và tên tiếng Việt (RFC 5987).",
    "X-Vanban-Unverified": (
        "Chỉ có khi văn bản dẫn căn cứ nhập tay (inline) không có trong danh mục văn bản pháp "
        "lý: đường dẫn các trường đó, cách nhau bằng dấu phẩy (ví dụ citations.2). Các căn cứ "
        "này chưa được kiểm tra hiệu lực; cần đối chiếu văn bản gốc."
    ),
}


class UnsupportedMediaType(MalformedInput):
    """The body is not declared as JSON."""

    code = "unsupported_media_type"
    http_status = 415


def json_body() -> Any:
    """Return the request's JSON body, or raise a 415/400 error that says what is wrong."""
    if not request.mimetype or request.mimetype != "application/json":
        raise UnsupportedMediaType(
            "Kiểu nội dung không được hỗ trợ: hãy gửi JSON với 'Content-Type: application/json'.",
            {"Content-Type": [f"Nhận được: {request.mimetype or 'không có'}."]},
        )
    raw = request.get_data(cache=False)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedInput("Dữ liệu gửi lên không phải UTF-8.") from None
    return parse_json(text, "JSON gửi lên")


def content_disposition(result: Rendered) -> str:
    """Return an attachment header: ASCII-safe name plus the Vietnamese name (RFC 5987)."""
    extension = result.filename.rsplit(".", 1)[-1]
    meta = result.document.meta
    readable = squash_spaces((meta.file_name or meta.file_stem).translate(UNSAFE_IN_NAMES))
    return (
        f'attachment; filename="{result.filename}"; '
        f"filename*=UTF-8''{quote(readable + '.' + extension, safe='')}"
    )


@bp.post("/api/v1/documents")
@operation(
    "Tạo một văn bản",
    query=DocumentQuery,
    body={"application/json": INPUT_REF},
    ok={200: ("Tệp văn bản", {f.media_type.split(";")[0]: BINARY for f in FORMATS.values()})},
    errors={404: "Không có loại văn bản này", 422: "Dữ liệu không hợp lệ"},
    headers=FILE_HEADERS,
)
def create_document() -> Response:
    """Render the posted JSON in the format asked by ?format= (default docx)."""
    query = query_args(DocumentQuery)
    variant = query.get("variant") or current_app.config["VANBAN_SETTINGS"].pdf_variant
    result = generate(json_body(), query["format"], resources(), variant=variant)
    # content_type, not mimetype: the media type already names its charset (html)
    response = Response(result.content, content_type=result.media_type)
    response.headers["Content-Disposition"] = content_disposition(result)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if result.document.meta.unverified:  # hand-typed citations the registry does not know
        response.headers["X-Vanban-Unverified"] = ",".join(result.document.meta.unverified)
    return response


@bp.post("/api/v1/previews")
@operation(
    "Xem trước một văn bản chưa điền đủ (HTML, chỗ thiếu được đánh dấu)",
    body={"application/json": INPUT_REF},
    ok={
        200: (
            "Bản xem trước và các lỗi còn lại",
            {
                "application/json": {
                    "type": "object",
                    "properties": {
                        "html": {"type": "string"},
                        "errors": {"type": "object"},
                        "unverified": {"type": "array", "items": {"type": "string"}},
                    },
                }
            },
        )
    },
    errors={404: "Không có loại văn bản này", 422: "Dữ liệu sai đến mức không xem trước được"},
)
def preview_document() -> Any:
    """Return the HTML of a possibly incomplete input, with what it lacks marked and listed.

    The editor's live preview: missing or invalid fields are drawn as marked blanks instead of
    refusing the input (``errors`` says what they are); downloads stay strict.
    """
    result = generate(json_body(), "html", resources(), preview=True)
    meta = result.document.meta
    return jsonify(
        html=result.content.decode("utf-8"), errors=meta.errors, unverified=list(meta.unverified)
    )
