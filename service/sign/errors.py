"""Errors of signing and verifying: clear Vietnamese messages, never a half-signed file."""

from __future__ import annotations

from service.errors import VanbanError


class SignError(VanbanError):
    """The PDF cannot be signed as asked (missing image, wrong PIN, expired certificate, …)."""

    code = "sign_failed"
    http_status = 422
    exit_code = 2


class NotAPdf(VanbanError):
    """The file is not a PDF that can be read."""

    code = "not_a_pdf"
    http_status = 422
    exit_code = 2


class SigningUnavailable(VanbanError):
    """The service has no key of the body configured."""

    code = "signing_unavailable"
    http_status = 503
    exit_code = 2
