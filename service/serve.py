"""The gunicorn worker `make run` uses: requests gunicorn cannot parse get the service's error shape.

gunicorn answers a request line or headers it refuses (too long, malformed) with its own HTML page,
before the application sees the request; this worker writes ``{code, status, message, errors}``
instead, so a client gets one shape for every error.
"""

from __future__ import annotations

import json

from gunicorn import util
from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine, ParseException
from gunicorn.workers.sync import SyncWorker

# (status, reason, code, message) for what gunicorn refuses before the application runs
LINE_TOO_LONG = (414, "URI Too Long", "uri_too_long", "Địa chỉ yêu cầu quá dài.")
HEADERS_TOO_LARGE = (
    431,
    "Request Header Fields Too Large",
    "headers_too_large",
    "Phần đầu (header) của yêu cầu quá lớn.",
)
MALFORMED = (400, "Bad Request", "bad_request", "Yêu cầu HTTP không hợp lệ.")


def refusal(error: BaseException) -> tuple[int, str, str, str] | None:
    """Return how to answer a request gunicorn could not parse (None: not a parse error)."""
    if isinstance(error, LimitRequestLine):
        return LINE_TOO_LONG
    if isinstance(error, LimitRequestHeaders):
        return HEADERS_TOO_LARGE
    if isinstance(error, ParseException):
        return MALFORMED
    return None


def error_response(error: BaseException, answer: tuple[int, str, str, str]) -> bytes:
    """Return the whole HTTP response for a refused request, body in the service's shape."""
    status, reason, code, message = answer
    detail = {"request": [str(error)[:200]]}
    body = json.dumps(
        {"code": code, "status": status, "message": message, "errors": detail},
        ensure_ascii=False,
    ).encode("utf-8")
    head = (
        f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


class JsonErrorWorker(SyncWorker):
    """gunicorn's sync worker, answering unparseable requests in the service's error shape."""

    def handle_error(self, req, client, addr, exc):  # type: ignore[no-untyped-def]
        """Answer a parse error with JSON; leave every other error to gunicorn."""
        answer = refusal(exc)
        if answer is None:
            return super().handle_error(req, client, addr, exc)
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        try:
            util.write_nonblock(client, error_response(exc, answer))
        except OSError:  # the client may already be gone
            self.log.debug("Failed to send error message.")
        return None
