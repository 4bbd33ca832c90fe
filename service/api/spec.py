"""The OpenAPI 3.1 description and the kinds' JSON Schemas, derived from the marshmallow schemas."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema, fields

from .. import __version__
from ..catalog import KINDS
from ..pipeline import FORMATS
from . import sources

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


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF_PREFIX + "Error"}}},
    }


@cache
def build_spec() -> dict:
    """Return the OpenAPI document of the API (built once per process)."""
    plugin = MarshmallowPlugin(schema_name_resolver=_schema_name)
    spec = APISpec(
        title="vanban API",
        version=__version__,
        openapi_version="3.1.0",
        plugins=[plugin],
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
    _paths(spec)
    document = spec.to_dict()
    for kind in KINDS:
        _add_kind_property(document["components"]["schemas"][_kind_component(kind)], kind)
    return document


def _add_kind_property(component: dict, kind: str) -> None:
    """Add the ``kind`` discriminator every input carries (it is read before the schema)."""
    component["properties"] = {"kind": {"const": kind}, **component.get("properties", {})}
    component["required"] = ["kind", *component.get("required", [])]
    component["additionalProperties"] = False


def _paths(spec: APISpec) -> None:
    """Describe the endpoints."""
    inputs = {"oneOf": [{"$ref": REF_PREFIX + _kind_component(k)} for k in KINDS]}
    media = {
        f.media_type.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
        for f in FORMATS.values()
    }
    spec.path(
        "/api/v1/documents",
        operations={
            "post": {
                "summary": "Tạo một văn bản",
                "parameters": [
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "schema": {"enum": list(FORMATS), "default": "docx"},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": inputs}},
                },
                "responses": {
                    "200": {"description": "Tệp văn bản", "content": media},
                    "400": _error("JSON hỏng"),
                    "401": _error("Thiếu hoặc sai mã truy cập"),
                    "404": _error("Không có loại văn bản này"),
                    "413": _error("Dữ liệu quá lớn"),
                    "415": _error("Không phải JSON"),
                    "422": _error("Dữ liệu không hợp lệ"),
                },
                "security": [{}, {"bearer": []}],
            }
        },
    )
    spec.path(
        "/api/v1/kinds",
        operations={
            "get": {
                "summary": "Các loại văn bản và JSON Schema đầu vào của từng loại",
                "responses": {"200": {"description": "Danh sách loại văn bản"}},
                "security": [{}, {"bearer": []}],
            }
        },
    )
    spec.path(
        "/api/v1/citations",
        operations={
            "get": {
                "summary": "Tìm văn bản pháp lý trong danh mục để dẫn căn cứ",
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": "string"}},
                    {"name": "on", "in": "query", "schema": {"type": "string", "format": "date"}},
                ],
                "responses": {
                    "200": {"description": "Văn bản tìm thấy"},
                    "422": _error("Tham số không hợp lệ"),
                },
                "security": [{}, {"bearer": []}],
            }
        },
    )
    spec.path(
        "/api/v1/fixtures",
        operations={
            "get": {
                "summary": "Các dữ liệu mẫu (theo loại văn bản)",
                "parameters": [{"name": "kind", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "Danh sách dữ liệu mẫu"}},
                "security": [{}, {"bearer": []}],
            }
        },
    )
    spec.path(
        "/api/v1/fixtures/{path}",
        operations={
            "get": {
                "summary": "Một dữ liệu mẫu",
                "parameters": [
                    {"name": "path", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {"description": "Dữ liệu mẫu (JSON đầu vào)"},
                    "404": _error("Không có dữ liệu mẫu này"),
                },
                "security": [{}, {"bearer": []}],
            }
        },
    )
    finding = {
        "type": "object",
        "properties": {
            "rule": {"type": "string"},
            "severity": {"enum": ["error", "warning"]},
            "paragraph": {"type": ["integer", "null"]},
            "excerpt": {"type": "string"},
            "message": {"type": "string"},
        },
    }
    spec.path(
        "/api/v1/lint",
        operations={
            "post": {
                "summary": "Kiểm tra thể thức một tệp DOCX theo Nghị định 30/2020/NĐ-CP",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {"file": {"type": "string", "format": "binary"}},
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "Kết quả kiểm tra",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "file": {"type": "string"},
                                        "errors": {"type": "integer"},
                                        "warnings": {"type": "integer"},
                                        "findings": {"type": "array", "items": finding},
                                    },
                                }
                            }
                        },
                    },
                    "400": _error("Không phải tệp DOCX"),
                    "413": _error("Tệp quá lớn"),
                    "422": _error("Tệp DOCX không an toàn hoặc không đọc được"),
                },
                "security": [{}, {"bearer": []}],
            }
        },
    )
    spec.path(
        "/api/v1/batches",
        operations={
            "post": {
                "summary": "Tạo một lô văn bản (chạy nền)",
                "parameters": [
                    {
                        "name": "format",
                        "in": "query",
                        "schema": {"type": "string", "default": "docx,pdf"},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"type": "array", "items": inputs}},
                        "application/zip": {"schema": {"type": "string", "format": "binary"}},
                    },
                },
                "responses": {
                    "202": {"description": "Đã nhận; theo dõi ở địa chỉ trong Location"},
                    "400": _error("Dữ liệu hỏng"),
                    "413": _error("Quá nhiều mục hoặc quá lớn"),
                    "415": _error("Không phải JSON hay ZIP"),
                    "429": _error("Đang chạy quá nhiều lô"),
                },
                "security": [{}, {"bearer": []}],
            }
        },
    )
    spec.path(
        "/api/v1/batches/{id}",
        operations={
            "get": {
                "summary": "Trạng thái, tiến độ và các lỗi của một lô",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {"description": "Trạng thái lô"},
                    "404": _error("Không có lô này"),
                },
                "security": [{}, {"bearer": []}],
            }
        },
    )
    spec.path(
        "/api/v1/batches/{id}/archive",
        operations={
            "get": {
                "summary": "Tệp ZIP kết quả (văn bản, manifest.json, report.json)",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "ZIP",
                        "content": {
                            "application/zip": {"schema": {"type": "string", "format": "binary"}}
                        },
                    },
                    "404": _error("Không có lô này"),
                    "409": _error("Lô chưa xong"),
                },
                "security": [{}, {"bearer": []}],
            }
        },
    )
    spec.path(
        "/healthz",
        operations={
            "get": {
                "summary": "Kiểm tra dịch vụ",
                "responses": {"200": {"description": "Đang chạy"}},
            }
        },
    )
    sources.describe(spec, _error)


@cache
def kind_json_schema(kind: str) -> dict:
    """Return a self-contained JSON Schema (2020-12) of one kind's input."""
    components = build_spec()["components"]["schemas"]
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
