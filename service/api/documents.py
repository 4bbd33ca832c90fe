"""POST /api/v1/documents: JSON in, a DOCX, PDF or HTML file out."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, request

from ..errors import InvalidInput, MalformedInput
from ..json_errors import describe as describe_json_error
from ..pipeline import FORMATS, Rendered, generate
from ..vn.text import squash_spaces

bp = Blueprint("documents", __name__)

UNSAFE_IN_NAMES = str.maketrans({c: "-" for c in '/\\:*?"<>|'})


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
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise MalformedInput("Dữ liệu gửi lên không phải UTF-8.") from None
    except json.JSONDecodeError as error:
        raise MalformedInput(f"JSON không hợp lệ: {describe_json_error(error)}.") from None


def content_disposition(result: Rendered) -> str:
    """Return an attachment header: ASCII-safe name plus the Vietnamese name (RFC 5987)."""
    extension = result.filename.rsplit(".", 1)[-1]
    meta = result.document.meta
    when = meta.issued.strftime("%d-%m-%Y") if meta.issued else "bản nháp"
    readable = squash_spaces(f"{meta.title} ngày {when}".translate(UNSAFE_IN_NAMES))
    return (
        f'attachment; filename="{result.filename}"; '
        f"filename*=UTF-8''{quote(readable + '.' + extension, safe='')}"
    )


@bp.post("/api/v1/documents")
def create_document() -> Response:
    """Render the posted JSON in the format asked by ?format= (default docx)."""
    fmt = request.args.get("format", "docx")
    if fmt not in FORMATS:
        raise InvalidInput(
            "Định dạng không hỗ trợ.", {"format": ["Chọn một trong: " + ", ".join(FORMATS) + "."]}
        )
    result = generate(json_body(), fmt)
    response = Response(result.content, mimetype=result.media_type)
    response.headers["Content-Disposition"] = content_disposition(result)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
