"""What each route tells the OpenAPI description: one decorator beside the route, nothing by hand.

A new endpoint is described where it is declared::

    @bp.get("/api/v1/things/<thing_id>")
    @operation("Một thứ", query=ThingQuery, errors={404: "Không có thứ này"})
    def one_thing(thing_id): ...

The path and its path parameters come from the Flask rule, query parameters from the marshmallow
schema the view also parses ``request.args`` with (``query_args``), error answers from ``errors``
(each in the one shape ``Error``), the headers of a success answer from ``headers``. A route that is not part of the API (an HTML page, an asset) says
so with ``@not_in_api``; a route with neither fails ``tests/test_openapi.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask import request
from marshmallow import EXCLUDE, Schema, ValidationError

from ..errors import InvalidInput
from ..schemas.base import flatten_messages

View = TypeVar("View", bound=Callable[..., Any])

ERROR_REF = {"$ref": "#/components/schemas/Error"}
INPUT_REF = {"$ref": "#/components/schemas/Input"}  # any kind's input (oneOf)
BINARY = {"type": "string", "format": "binary"}


def operation(
    summary: str,
    *,
    query: type[Schema] | None = None,
    body: Mapping[str, dict] | None = None,
    ok: Mapping[int, tuple[str, Mapping[str, dict] | None]] | None = None,
    errors: Mapping[int, str] | None = None,
    headers: Mapping[str, str] | None = None,
    public: bool = False,
) -> Callable[[View], View]:
    """Return a decorator that attaches the OpenAPI operation of a view.

    ``body`` maps media types to schemas; ``ok`` maps success statuses to (description, media
    types → schema, or None); ``errors`` maps error statuses to descriptions; ``headers`` maps
    the headers a success answer may carry to what they say.
    """

    def attach(view: View) -> View:
        view.openapi = {  # type: ignore[attr-defined]
            "summary": summary,
            "query": query,
            "body": dict(body or {}),
            "ok": dict(ok or {200: ("Thành công", {"application/json": {"type": "object"}})}),
            "errors": dict(errors or {}),
            "headers": dict(headers or {}),
            "public": public,
        }
        return view

    return attach


def not_in_api(view: View) -> View:
    """Mark a route that serves a page or an asset, not an API endpoint."""
    view.not_in_api = True  # type: ignore[attr-defined]
    return view


def query_args(schema: type[Schema]) -> dict[str, Any]:
    """Return ``request.args`` loaded by ``schema`` (unknown names ignored), or raise a 422."""
    try:
        return schema(unknown=EXCLUDE).load(request.args)
    except ValidationError as error:
        raise InvalidInput("Tham số không hợp lệ.", flatten_messages(error.messages)) from None
