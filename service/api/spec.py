"""The OpenAPI 3.1 description, generated from the routes the app serves, and the kinds' JSON Schemas.

How a new endpoint gets described: see ``service/api/describe.py`` (one ``@operation`` beside the
route); nothing here changes.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec_webframeworks.flask import FlaskPlugin
from flask import Flask
from marshmallow import Schema, fields
from werkzeug.routing import Rule

from .. import __version__
from ..catalog import KINDS
from .describe import ERROR_REF

REF_PREFIX = "#/components/schemas/"


def _schema_name(schema: type[Schema] | Schema) -> str:
    """Return a component name for a schema class or instance."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__
    return name[: -len("Schema")] if name.endswith("Schema") and name != "Schema" else name


def _custom_fields(self: Any, field: fields.Field, **kwargs: Any) -> dict:
    """Describe the service's own fields (unions, dates, scores) through their json_schema()."""
    describe = getattr(field, "json_schema", None)
    if describe is None:
        return {}
    schema = describe(self.resolve_nested_schema)
    if not field.allow_none or _allows_null(schema):
        return schema
    return {"anyOf": [schema, {"type": "null"}]}


def _allows_null(schema: dict) -> bool:
    """Return True when a schema already accepts null."""
    kind = schema.get("type")
    return (
        kind == "null"
        or (isinstance(kind, list) and "null" in kind)
        or any(_allows_null(option) for option in schema.get("oneOf", []) + schema.get("anyOf", []))
    )


def _kind_component(kind: str) -> str:
    """Return the component name of a kind's input."""
    return "".join(part.capitalize() for part in kind.split("-")) + "Input"


ERROR_SCHEMA = {
    "type": "object",
    "required": ["code", "status", "message", "errors"],
    "properties": {
        "code": {"type": "string", "examples": ["invalid_input"]},
        "status": {"type": "integer", "examples": [422]},
        "message": {"type": "string", "examples": ["Dữ liệu đầu vào không hợp lệ."]},
        "errors": {
            "type": "object",
            "description": "Thông báo lỗi theo đường dẫn trường.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "examples": [{"groups.0.agencies.3.score": ["Điểm không được âm."]}],
        },
    },
}


def _new_spec() -> APISpec:
    """Return an APISpec with the service's components: the kinds' inputs and the error shape."""
    plugin = MarshmallowPlugin(schema_name_resolver=_schema_name)
    spec = APISpec(
        title="vanban API",
        version=__version__,
        openapi_version="3.1.0",
        plugins=[FlaskPlugin(), plugin],
        info={
            "description": (
                "Tạo văn bản hành chính theo Nghị định 30/2020/NĐ-CP từ dữ liệu JSON: "
                "DOCX, PDF, HTML."
            )
        },
    )
    plugin.converter.add_attribute_function(_custom_fields)
    spec.components.schema("Error", ERROR_SCHEMA)
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    for kind, item in KINDS.items():
        spec.components.schema(_kind_component(kind), schema=item.schema)
    spec.components.schema(
        "Input", {"oneOf": [{"$ref": REF_PREFIX + _kind_component(k)} for k in KINDS]}
    )
    return spec


def _finish(spec: APISpec) -> dict:
    """Return the spec as a dict, with the ``kind`` property every input carries."""
    document = spec.to_dict()
    for kind in KINDS:
        _add_kind_property(document["components"]["schemas"][_kind_component(kind)], kind)
    return document


@cache
def _components() -> dict:
    """Return the component schemas (the same for every app)."""
    return _finish(_new_spec())["components"]["schemas"]


def build_spec(app: Flask) -> dict:
    """Return the OpenAPI document of the routes ``app`` serves (built once per app)."""
    cached = app.extensions.get("vanban.openapi")
    if cached is None:
        spec = _new_spec()
        for rule, view in described_routes(app):
            spec.path(view=view, app=app, operations=operation_object(rule, view))
        cached = app.extensions["vanban.openapi"] = _finish(spec)
    return cached


IGNORED_METHODS = {"HEAD", "OPTIONS"}  # Flask adds them to every GET route
# Answers any route may give, added to every operation of its class (see operation_object).
COMMON_ERRORS = {414: "Địa chỉ yêu cầu quá dài"}
API_ERRORS = {401: "Thiếu hoặc sai mã truy cập (khi dịch vụ yêu cầu)"}
BODY_ERRORS = {400: "Dữ liệu gửi lên hỏng", 413: "Dữ liệu quá lớn", 415: "Sai kiểu nội dung"}
QUERY_ERRORS = {422: "Tham số không hợp lệ"}
PATH_ERRORS = {404: "Không tìm thấy"}


def described_routes(app: Flask) -> Iterator[tuple[Rule, Callable[..., Any]]]:
    """Yield each API route and its view; fail on a route that is neither described nor a page."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions[rule.endpoint]
        if rule.endpoint == "static" or getattr(view, "not_in_api", False):
            continue
        if not hasattr(view, "openapi"):
            raise RuntimeError(
                f"{rule.rule} ({rule.endpoint}) has neither @operation nor @not_in_api "
                "(service/api/describe.py)"
            )
        yield rule, view


def openapi_path(rule: Rule) -> str:
    """Return the OpenAPI path of a Flask rule (``<path:name>`` → ``{name}``)."""
    return FlaskPlugin.flaskpath2openapi(rule.rule)


def operation_object(rule: Rule, view: Callable[..., Any]) -> dict:
    """Return the OpenAPI operations of one route from its rule and its ``@operation``."""
    described = view.openapi  # type: ignore[attr-defined]
    parameters: list[dict] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in sorted(rule.arguments)
    ]
    if described["query"] is not None:
        parameters.append({"in": "query", "schema": described["query"]})
    errors = dict(COMMON_ERRORS)
    errors |= {} if described["public"] else API_ERRORS
    errors |= BODY_ERRORS if described["body"] else {}
    errors |= QUERY_ERRORS if described["query"] is not None else {}
    errors |= PATH_ERRORS if rule.arguments else {}
    errors |= described["errors"]
    headers = {
        name: {"description": text, "schema": {"type": "string"}}
        for name, text in sorted(described["headers"].items())
    }
    responses = {
        str(status): {
            "description": text,
            **_content(media),
            **({"headers": headers} if headers else {}),
        }
        for status, (text, media) in described["ok"].items()
    }
    responses |= {
        str(status): {"description": text, **_content({"application/json": ERROR_REF})}
        for status, text in sorted(errors.items())
    }
    operation: dict[str, Any] = {
        "operationId": rule.endpoint.replace(".", "_"),
        "summary": described["summary"],
        "parameters": parameters,
        "responses": responses,
    }
    if described["body"]:
        operation["requestBody"] = {"required": True, **_content(described["body"])}
    if not described["public"]:
        operation["security"] = [{}, {"bearer": []}]
    methods = sorted(set(rule.methods or ()) - IGNORED_METHODS)
    return {method.lower(): operation for method in methods}


def _content(media: dict[str, dict] | None) -> dict:
    """Return a ``content`` member for media types → schemas (nothing for None)."""
    return {"content": {k: {"schema": v} for k, v in media.items()}} if media else {}


def _add_kind_property(component: dict, kind: str) -> None:
    """Add the ``kind`` discriminator every input carries (it is read before the schema)."""
    component["properties"] = {"kind": {"const": kind}, **component.get("properties", {})}
    component["required"] = ["kind", *component.get("required", [])]
    component["additionalProperties"] = False


@cache
def kind_json_schema(kind: str) -> dict:
    """Return a self-contained JSON Schema (2020-12) of one kind's input."""
    components = _components()
    root = copy.deepcopy(components[_kind_component(kind)])
    needed, pending = {}, [root]
    while pending:
        for name in _refs(pending.pop()):
            if name not in needed:
                needed[name] = copy.deepcopy(components[name])
                pending.append(needed[name])
    text = json.dumps(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": KINDS[kind].title,
            **root,
            "$defs": needed,
        }
    )
    return json.loads(text.replace(f'"{REF_PREFIX}', '"#/$defs/'))


def _refs(node: Any) -> set[str]:
    """Return the component names a schema node refers to."""
    if isinstance(node, dict):
        found = (
            {node["$ref"][len(REF_PREFIX) :]}
            if isinstance(node.get("$ref"), str) and node["$ref"].startswith(REF_PREFIX)
            else set()
        )
        return found.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()
