"""Batch jobs over HTTP: POST /api/v1/batches, its status and its archive.

Jobs run outside the request, in their own process, with their state on disk
(service.batch.jobs), so any web worker answers for any job and a restart loses nothing.

Settings (app config first, then the environment; the lead may fold them into Settings):
VANBAN_DATA_DIR (default: <instance folder>/batches), VANBAN_BATCH_MAX_ITEMS (5000),
VANBAN_BATCH_MAX_JOBS (2), VANBAN_BATCH_MAX_UPLOAD (bytes, 64 MiB), VANBAN_BATCH_MAX_UNZIPPED
(bytes, 256 MiB), VANBAN_BATCH_WORKERS (processes per job; default cores / max jobs).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, send_file, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from ..batch.jobs import JobStore, Limits, TooManyJobs
from ..batch.upload import MIB, TooLarge, array_inputs, zip_inputs
from .describe import BINARY, INPUT_REF, operation, query_args
from .documents import UnsupportedMediaType, json_body
from .queries import BatchQuery

bp = Blueprint("batches", __name__)

ZIP_TYPES = {"application/zip", "application/x-zip-compressed", "application/octet-stream"}
JOB = {"type": "object", "required": ["id", "state"]}
RETRY_AFTER = "30"  # seconds, on 429
DEFAULTS = {
    "VANBAN_BATCH_MAX_ITEMS": 5000,
    "VANBAN_BATCH_MAX_JOBS": 2,
    "VANBAN_BATCH_MAX_UPLOAD": 64 * MIB,
    "VANBAN_BATCH_MAX_UNZIPPED": 256 * MIB,
}


def setting(name: str) -> int:
    """Return a positive integer setting from the app config, else the environment."""
    value = current_app.config.get(name, os.environ.get(name))
    if value in (None, ""):
        return _default(name)
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number <= 0:
        raise RuntimeError(f"{name} phải là số nguyên dương, không phải {value!r}.")
    return number


def _default(name: str) -> int:
    if name == "VANBAN_BATCH_WORKERS":
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        return max(1, cores // setting("VANBAN_BATCH_MAX_JOBS"))
    return DEFAULTS[name]


def store() -> JobStore:
    """Return the job store in the data folder."""
    folder = current_app.config.get("VANBAN_DATA_DIR") or os.environ.get("VANBAN_DATA_DIR")
    return JobStore(Path(folder) if folder else Path(current_app.instance_path) / "batches")


def limits() -> Limits:
    """Return the job limits in force."""
    return Limits(
        max_items=setting("VANBAN_BATCH_MAX_ITEMS"),
        max_jobs=setting("VANBAN_BATCH_MAX_JOBS"),
        workers=setting("VANBAN_BATCH_WORKERS"),
    )


def requested_formats() -> list[str]:
    """Return the formats of ?format=docx,pdf (default: both), each once."""
    value = query_args(BatchQuery)["format"]
    formats = list(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    return formats


def uploaded_inputs(max_items: int) -> list[tuple[str, bytes]]:
    """Return the posted items: a JSON array, or a ZIP of JSON files."""
    upload_limit = setting("VANBAN_BATCH_MAX_UPLOAD")
    if (request.content_length or 0) > upload_limit:
        raise _upload_too_large(upload_limit)
    request.max_content_length = upload_limit  # this endpoint's own limit, not the app's
    try:
        if request.mimetype == "application/json":
            return array_inputs(json_body(), max_items)
        if request.mimetype in ZIP_TYPES:
            return zip_inputs(
                request.get_data(cache=False), max_items, setting("VANBAN_BATCH_MAX_UNZIPPED")
            )
    except RequestEntityTooLarge:
        raise _upload_too_large(upload_limit) from None
    raise UnsupportedMediaType(
        "Kiểu nội dung không được hỗ trợ: gửi một mảng JSON ('Content-Type: application/json') "
        "hoặc một tệp ZIP các tệp .json ('Content-Type: application/zip').",
        {"Content-Type": [f"Nhận được: {request.mimetype or 'không có'}."]},
    )


def _upload_too_large(limit: int) -> TooLarge:
    return TooLarge(f"Dữ liệu gửi lên vượt quá giới hạn {limit // MIB} MiB của một lô.")


def _links(body: dict[str, Any]) -> dict[str, Any]:
    job_id = body["id"]
    body["links"] = {
        "self": url_for(".batch_status", job_id=job_id),
        "archive": url_for(".batch_archive", job_id=job_id),
    }
    return body


@bp.post("/api/v1/batches")
@operation(
    "Tạo một lô văn bản (chạy nền)",
    query=BatchQuery,
    body={
        "application/json": {"type": "array", "items": INPUT_REF},
        "application/zip": BINARY,
    },
    ok={202: ("Đã nhận; theo dõi ở địa chỉ trong Location", {"application/json": JOB})},
    errors={
        413: "Quá nhiều mục hoặc quá lớn",
        422: "Tham số hay tệp trong ZIP không hợp lệ",
        429: "Đang chạy quá nhiều lô",
    },
)
def create_batch() -> Any:
    """Start a job over the posted items; answer 202 with its status and Location."""
    job_limits, formats = limits(), requested_formats()
    inputs = uploaded_inputs(job_limits.max_items)
    try:
        body = _links(store().submit(inputs, formats, job_limits))
    except TooManyJobs as error:
        response = jsonify(error.to_dict())
        response.status_code = error.http_status
        response.headers["Retry-After"] = RETRY_AFTER
        return response
    response = jsonify(body)
    response.status_code = 202
    response.headers["Location"] = body["links"]["self"]
    return response


@bp.get("/api/v1/batches/<job_id>")
@operation(
    "Trạng thái, tiến độ và các lỗi của một lô",
    ok={200: ("Trạng thái lô", {"application/json": JOB})},
    errors={404: "Không có lô này"},
)
def batch_status(job_id: str) -> Any:
    """Return the job's state (queued, running, done, failed), counts, progress, failures."""
    return jsonify(_links(store().status(job_id)))


@bp.get("/api/v1/batches/<job_id>/archive")
@operation(
    "Tệp ZIP kết quả (văn bản, manifest.json, report.json)",
    ok={200: ("ZIP", {"application/zip": BINARY})},
    errors={404: "Không có lô này", 409: "Lô chưa xong"},
)
def batch_archive(job_id: str) -> Response:
    """Send the ZIP of the outputs with manifest.json and report.json; 409 until done."""
    path = store().archive(job_id)
    return send_file(
        path,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"vanban-lo-{job_id}.zip",
        max_age=0,
    )
