"""Optional bearer tokens for /api/v1: set VANBAN_API_TOKENS; unset means open (closed network)."""

from __future__ import annotations

import hmac
from collections.abc import Sequence

from flask import Flask, request
from werkzeug.exceptions import Unauthorized

PROTECTED_PREFIX = "/api/v1/"


def token_ok(header: str | None, tokens: Sequence[str]) -> bool:
    """Return True when the Authorization header carries one of ``tokens`` (constant time).

    >>> token_ok("Bearer s3cret", ["s3cret"]), token_ok("Bearer nope", ["s3cret"])
    (True, False)
    >>> token_ok(None, ["s3cret"])
    False
    """
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        return False
    given_bytes = given.strip().encode()
    # compare against every token so the time taken does not reveal which one matched
    results = [hmac.compare_digest(given_bytes, token.encode()) for token in tokens]
    return any(results)


def register(app: Flask, tokens: Sequence[str]) -> None:
    """Require a bearer token on the API when ``tokens`` is not empty."""
    if not tokens:
        return

    @app.before_request
    def require_token() -> None:
        if request.path.startswith(PROTECTED_PREFIX) and not token_ok(
            request.headers.get("Authorization"), tokens
        ):
            raise Unauthorized()
