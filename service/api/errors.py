"""Every error leaves as {code, status, message, errors}, in Vietnamese; never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from ..errors import VanbanError

log = logging.getLogger(__name__)

HTTP_MESSAGES = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthorized", "Cần mã truy cập hợp lệ (Authorization: Bearer <mã>)."),
    404: ("not_found", "Không tìm thấy địa chỉ này."),
    405: ("method_not_allowed", "Phương thức HTTP không được hỗ trợ ở địa chỉ này."),
    413: ("payload_too_large", "Dữ liệu gửi lên vượt quá giới hạn cho phép."),
    415: ("unsupported_media_type", "Kiểu nội dung không được hỗ trợ."),
}


def error_body(
    code: str, status: int, message: str, errors: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """Return the one JSON error shape."""
    return {"code": code, "status": status, "message": message, "errors": errors or {}}


def register(app: Flask) -> None:
    """Install the error handlers on ``app``."""

    @app.errorhandler(VanbanError)
    def vanban_error(error: VanbanError) -> Any:
        if error.http_status >= 500:
            log.exception("render failed")
        return jsonify(error.to_dict()), error.http_status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        status = error.code or 500
        code, message = HTTP_MESSAGES.get(status, ("http_error", error.name))
        if status == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH")
            message = f"{message} Tối đa {limit:,} byte.".replace(",", ".") if limit else message
        response = jsonify(error_body(code, status, message))
        response.status_code = status
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="vanban"'
        for name, value in error.get_headers() if status == 405 else ():
            if name.lower() == "allow":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Any:
        log.exception("unexpected error")
        body = error_body(
            "internal_error",
            500,
            "Lỗi hệ thống; yêu cầu chưa được xử lý. Hãy báo cho quản trị viên.",
        )
        return jsonify(body), 500
