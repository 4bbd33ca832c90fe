"""A file uploaded in the multipart field ``file``: its OpenAPI body and how a view reads it."""

from __future__ import annotations

from flask import request

from ..errors import InvalidInput
from .describe import BINARY
from .documents import UnsupportedMediaType

FILE_UPLOAD = {
    "multipart/form-data": {
        "type": "object",
        "required": ["file"],
        "properties": {"file": BINARY},
    }
}


def uploaded_file(what: str, missing: str, default_name: str) -> tuple[bytes, str]:
    """Return the bytes and the name of the uploaded ``file``, or raise a 415/422 error.

    ``what`` names the file a clerk should send ("tệp PDF"), ``missing`` is the message when
    there is none; the request body is already capped by MAX_CONTENT_LENGTH.
    """
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(
            f"Kiểu nội dung không được hỗ trợ: gửi {what} dạng multipart/form-data.",
            {"Content-Type": [f"Nhận được: {request.mimetype or 'không có'}."]},
        )
    upload = request.files.get("file")
    if upload is None:
        raise InvalidInput(
            missing, {"file": [f"Gửi {what} trong trường “file” (multipart/form-data)."]}
        )
    return upload.read(), upload.filename or default_name
