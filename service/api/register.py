"""The outgoing register over HTTP: issue a draft, list and search, void, export, metadata."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for
from marshmallow import Schema, fields, validate

from ..pipeline import FORMATS
from ..register import Query, RegisterStore, database_url, open_store, series_rules
from ..register.export import EXPORT_FORMATS, export_register
from ..register.issuing import issue, reproduce, void_reason
from ..register.metadata import metadata_json, metadata_xml
from ..register.numbering import VIETNAM
from . import resources
from .describe import BINARY, INPUT_REF, not_in_api, operation, query_args
from .documents import content_disposition, json_body
from .queries import NOT_TEXT, DocumentQuery

bp = Blueprint("register", __name__)

ENTRY = {"type": "object", "description": "Một mục của sổ đăng ký văn bản đi"}
FILES = {f.media_type.split(";")[0]: BINARY for f in FORMATS.values()}


class RegisterQuery(Schema):
    """Filters of GET /api/v1/register."""

    year = fields.Integer(validate=validate.Range(1900, 2999, error="Năm không hợp lệ."))
    body = fields.String(error_messages=NOT_TEXT, metadata={"description": "Mã cơ quan"})
    number = fields.Integer(validate=validate.Range(1, error="Số phải từ 1."))
    type = fields.String(error_messages=NOT_TEXT, metadata={"description": "Tên loại văn bản"})
    q = fields.String(
        validate=validate.Length(max=200, error="Dài quá 200 ký tự."),
        error_messages=NOT_TEXT,
        metadata={"description": "Tìm trong số ký hiệu, trích yếu, người ký"},
    )
    status = fields.String(validate=validate.OneOf(["issued", "void"], error="issued hoặc void."))
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 1000, error="1 đến 1000."))
    offset = fields.Integer(load_default=0, validate=validate.Range(0, error="Không âm."))


class ExportQuery(Schema):
    """?year=, ?body= and ?format= of the Phụ lục IV export."""

    year = fields.Integer(
        required=True,
        validate=validate.Range(1900, 2999, error="Năm không hợp lệ."),
        error_messages={"required": "Cần năm của sổ (?year=)."},
    )
    body = fields.String(error_messages=NOT_TEXT)
    format = fields.String(
        load_default="xlsx",
        validate=validate.OneOf(list(EXPORT_FORMATS), error="xlsx, docx hoặc pdf."),
    )


class MetadataQuery(Schema):
    """?format= of an entry's Phụ lục VI metadata."""

    format = fields.String(
        load_default="json", validate=validate.OneOf(["json", "xml"], error="json hoặc xml.")
    )


def settings() -> Any:
    """Return the app's settings."""
    return current_app.config["VANBAN_SETTINGS"]


def store() -> RegisterStore:
    """Return the register store named by the app's settings."""
    config = current_app.config
    env = dict(os.environ)
    for name in ("VANBAN_DATABASE_URL", "VANBAN_DATA_DIR"):
        if config.get(name):
            env[name] = str(config[name])
    return open_store(database_url(env, Path(current_app.instance_path)))


@bp.post("/api/v1/register")
@operation(
    "Ban hành một bản nháp: cấp số tiếp theo của sổ, đăng ký và trả về văn bản",
    query=DocumentQuery,
    body={"application/json": INPUT_REF},
    ok={201: ("Văn bản đã ban hành", FILES), 200: ("Lặp lại với cùng Idempotency-Key", FILES)},
    errors={
        404: "Không có loại văn bản này",
        409: "Idempotency-Key đã dùng cho dữ liệu khác",
        422: "Bản nháp không hợp lệ, đã có số, hoặc cơ quan chưa được khai báo",
    },
    headers={
        "Content-Disposition": "Tên tệp để lưu: tên ASCII và tên tiếng Việt (RFC 5987).",
        "Location": "Địa chỉ của mục vừa đăng ký trong sổ.",
        "X-Register-Number": "Số đã cấp cho văn bản.",
        "X-Register-Entry": "Mã của mục trong sổ.",
        "Idempotent-Replayed": "true khi đây là câu trả lời lặp lại cho cùng Idempotency-Key.",
    },
)
def issue_document() -> Response:
    """Issue the posted draft; an Idempotency-Key makes a retry return the same number."""
    fmt = query_args(DocumentQuery)["format"]
    key = request.headers.get("Idempotency-Key")
    rules = series_rules(current_app.config.get("VANBAN_SITE_DIR", settings().site_dir))
    issued = issue(
        json_body(), fmt, store(), rules, datetime.now(UTC), key=key, resources=resources()
    )
    response = _file(issued.rendered)
    response.status_code = 200 if issued.replayed else 201
    response.headers["Location"] = url_for("register.entry", entry_id=issued.entry.id)
    response.headers["X-Register-Number"] = str(issued.entry.number)  # headers are ASCII
    response.headers["X-Register-Entry"] = str(issued.entry.id)
    if issued.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


@bp.get("/api/v1/register")
@operation("Tra cứu sổ đăng ký văn bản đi", query=RegisterQuery)
def entries() -> Any:
    """Return the entries matching the filters, in register order."""
    args = query_args(RegisterQuery)
    query = Query(
        year=args.get("year"),
        body=args.get("body"),
        number=args.get("number"),
        type_name=args.get("type"),
        text=args.get("q"),
        status=args.get("status"),
        limit=args["limit"],
        offset=args["offset"],
    )
    found, total = store().find(query)
    return jsonify(total=total, entries=[entry.to_dict() for entry in found])


@bp.get("/api/v1/register/export")
@operation(
    "Sổ đăng ký văn bản đi của một năm theo mẫu Phụ lục IV (XLSX, DOCX, PDF)",
    query=ExportQuery,
    ok={200: ("Tệp sổ", {m: BINARY for m, _ in EXPORT_FORMATS.values()})},
    errors={422: "Tham số không hợp lệ"},
)
def export() -> Response:
    """Return the year's register as the Phụ lục IV form."""
    args = query_args(ExportQuery)
    found, _ = store().find(Query(year=args["year"], body=args.get("body"), limit=1_000_000))
    content = export_register(found, args["year"], args["format"])
    media_type, extension = EXPORT_FORMATS[args["format"]]
    response = Response(content, mimetype=media_type)
    name = f"so-van-ban-di-{args['year']}.{extension}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/api/v1/register/<int(max=9223372036854775807):entry_id>")
@operation(
    "Một mục của sổ",
    ok={200: ("Mục sổ", {"application/json": ENTRY})},
    errors={404: "Không có mục này"},
)
def entry(entry_id: int) -> Any:
    """Return one entry."""
    return jsonify(store().get(entry_id).to_dict())


@bp.get("/api/v1/register/<int(max=9223372036854775807):entry_id>/document")
@operation(
    "Văn bản đã ban hành, tạo lại từ dữ liệu cuối cùng đã lưu",
    query=DocumentQuery,
    ok={200: ("Tệp văn bản", FILES)},
    errors={404: "Không có mục này", 422: "Tham số không hợp lệ"},
)
def document(entry_id: int) -> Response:
    """Return an issued document again, byte-identical to the first time."""
    fmt = query_args(DocumentQuery)["format"]
    registry = store()
    return _file(reproduce(registry.get(entry_id), fmt, registry, resources()))


@bp.get("/api/v1/register/<int(max=9223372036854775807):entry_id>/metadata")
@operation(
    "Thông tin đầu vào văn bản đi theo Phụ lục VI (JSON hoặc XML)",
    query=MetadataQuery,
    ok={200: ("Siêu dữ liệu", {"application/json": {"type": "object"}, "application/xml": BINARY})},
    errors={404: "Không có mục này", 422: "Tham số không hợp lệ"},
)
def metadata(entry_id: int) -> Any:
    """Return an entry's Phụ lục VI record."""
    fmt = query_args(MetadataQuery)["format"]
    found = store().get(entry_id)
    if fmt == "xml":
        return Response(metadata_xml(found), mimetype="application/xml")
    # in the decree's order, not sorted as jsonify would
    record = json.dumps(metadata_json(found), ensure_ascii=False, indent=2)
    return Response(record, mimetype="application/json")


@bp.post("/api/v1/register/<int(max=9223372036854775807):entry_id>/void")
@operation(
    "Hủy một số đã cấp: mục vẫn ở trong sổ, số không bao giờ được cấp lại",
    body={"application/json": {"type": "object", "properties": {"reason": {"type": "string"}}}},
    ok={200: ("Mục đã hủy", {"application/json": ENTRY})},
    errors={404: "Không có mục này", 409: "Số đã bị hủy trước đó", 422: "Thiếu lý do"},
)
def void(entry_id: int) -> Any:
    """Void an entry's number, with the reason given."""
    reason = void_reason(json_body())
    return jsonify(store().void(entry_id, reason, datetime.now(UTC)).to_dict())


@bp.get("/register")
@not_in_api
def register_page() -> str:
    """Return the page where a clerk searches the register, exports it and voids numbers."""
    return render_template("register.html", year=datetime.now(VIETNAM).year)


def _file(rendered: Any) -> Response:
    response = Response(rendered.content, content_type=rendered.media_type)
    response.headers["Content-Disposition"] = content_disposition(rendered)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
