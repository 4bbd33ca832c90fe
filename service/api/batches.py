"""Batch jobs over HTTP: POST /api/v1/batches, its status, archive, cancel and resume.

Jobs run outside the request: with VANBAN_BROKER_URL on Celery workers, state in Redis
(service.batch.engine); without it in their own process, state on disk (service.batch.jobs).
Either way any web worker answers for any job and a restart loses nothing.

Settings (app config first, then the environment; the lead may fold them into Settings):
VANBAN_DATA_DIR (default: <instance folder>/batches), VANBAN_BATCH_MAX_ITEMS (5000),
VANBAN_BATCH_MAX_JOBS (2), VANBAN_BATCH_MAX_UPLOAD (bytes, 64 MiB), VANBAN_BATCH_MAX_UNZIPPED
(bytes, 256 MiB), VANBAN_BATCH_WORKERS (processes per job; default cores / max jobs),
VANBAN_BATCH_MAX_QUEUED (20 jobs waiting or running, Celery), VANBAN_BATCH_TTL (seconds a
finished job is kept, 7 days), VANBAN_BROKER_URL (redis://…; unset: the embedded engine).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, send_file, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from ..batch.jobs import JobStore, Limits, TooManyJobs
from ..batch.retention import DEFAULT_TTL
from ..batch.upload import MIB, TooLarge, array_inputs, zip_inputs
from .describe import BINARY, INPUT_REF, operation, query_args
from .documents import UnsupportedMediaType, json_body
from .queries import BatchQuery

bp = Blueprint("batches", __name__)

ZIP_TYPES = {"application/zip", "application/x-zip-compressed", "application/octet-stream"}
JOB = {
    "type": "object",
    "required": ["id", "state"],
    "properties": {
        "id": {"type": "string"},
        "state": {"enum": ["queued", "running", "done", "failed", "cancelled"]},
        "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
        "progress": {"type": "number"},
        "failures": {"type": "array", "items": {"type": "object"}},
        "workers": {
            "type": "object",
            "description": "Số mục mỗi worker đã tạo (khi chạy trên Celery)",
            "additionalProperties": {"type": "integer"},
        },
        "message": {"type": "string"},
        "links": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}
RETRY_AFTER = "30"  # seconds, on 429
DEFAULTS = {
    "VANBAN_BATCH_MAX_ITEMS": 5000,
    "VANBAN_BATCH_MAX_JOBS": 2,
    "VANBAN_BATCH_MAX_UPLOAD": 64 * MIB,
    "VANBAN_BATCH_MAX_UNZIPPED": 256 * MIB,
    "VANBAN_BATCH_MAX_QUEUED": 20,
    "VANBAN_BATCH_TTL": DEFAULT_TTL,
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
    """Return the job store in the data folder, on Celery when a broker is set."""
    folder = current_app.config.get("VANBAN_DATA_DIR") or os.environ.get("VANBAN_DATA_DIR")
    root = Path(folder) if folder else Path(current_app.instance_path) / "batches"
    broker = current_app.config.get("VANBAN_BROKER_URL") or os.environ.get("VANBAN_BROKER_URL")
    if broker:
        from ..batch.engine.store import CeleryJobStore  # Celery only when asked for

        return CeleryJobStore(root, broker)
    return JobStore(root)


def limits() -> Limits:
    """Return the job limits in force."""
    return Limits(
        max_items=setting("VANBAN_BATCH_MAX_ITEMS"),
        max_jobs=setting("VANBAN_BATCH_MAX_JOBS"),
        workers=setting("VANBAN_BATCH_WORKERS"),
        max_queued=setting("VANBAN_BATCH_MAX_QUEUED"),
        ttl=setting("VANBAN_BATCH_TTL"),
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
        "resume": url_for(".resume_batch", job_id=job_id),
    }
    return body


def _accepted(body: dict[str, Any]) -> Response:
    response = jsonify(_links(body))
    response.status_code = 202
    response.headers["Location"] = body["links"]["self"]
    return response


def _busy(error: TooManyJobs) -> Response:
    response = jsonify(error.to_dict())
    response.status_code = error.http_status
    response.headers["Retry-After"] = RETRY_AFTER
    return response


def _current(job_id: str) -> JobStore:
    """Return the store, once the job has been removed if it expired."""
    jobs = store()
    jobs.sweep(setting("VANBAN_BATCH_TTL"), only=job_id)
    return jobs


@bp.post("/api/v1/batches")
@operation(
    "Tạo một lô văn bản (chạy nền, vào hàng đợi)",
    query=BatchQuery,
    body={
        "application/json": {"type": "array", "items": INPUT_REF},
        "application/zip": BINARY,
    },
    ok={202: ("Đã nhận; theo dõi ở địa chỉ trong Location", {"application/json": JOB})},
    errors={
        413: "Quá nhiều mục hoặc quá lớn",
        422: "Tham số hay tệp trong ZIP không hợp lệ",
        429: "Hàng đợi đầy (có Retry-After)",
        503: "Không kết nối được hàng đợi (Redis)",
    },
)
def create_batch() -> Any:
    """Queue a job over the posted items; answer 202 with its status and Location."""
    job_limits, formats = limits(), requested_formats()
    inputs = uploaded_inputs(job_limits.max_items)
    try:
        return _accepted(store().submit(inputs, formats, job_limits))
    except TooManyJobs as error:
        return _busy(error)


@bp.get("/api/v1/batches/<job_id>")
@operation(
    "Trạng thái, tiến độ, các lỗi và số mục mỗi worker đã làm của một lô",
    ok={200: ("Trạng thái lô", {"application/json": JOB})},
    errors={404: "Không có lô này (hoặc đã hết hạn lưu)", 503: "Không kết nối được hàng đợi"},
)
def batch_status(job_id: str) -> Any:
    """Return the job's state, counts, progress, failures (and items per worker on Celery)."""
    return jsonify(_links(_current(job_id).status(job_id)))


@bp.delete("/api/v1/batches/<job_id>")
@operation(
    "Hủy một lô đang chờ hoặc đang chạy; xóa một lô đã kết thúc",
    ok={
        202: ("Đang hủy: worker không nhận thêm mục nào của lô", {"application/json": JOB}),
        204: ("Đã xóa lô và các tệp của nó", None),
    },
    errors={404: "Không có lô này", 503: "Không kết nối được hàng đợi"},
)
def delete_batch(job_id: str) -> Any:
    """Cancel a waiting or running job (202 with its status), or delete a finished one (204)."""
    body = _current(job_id).cancel_or_delete(job_id)
    return _accepted(body) if body is not None else ("", 204)


@bp.post("/api/v1/batches/<job_id>/resume")
@operation(
    "Làm tiếp một lô lỗi hoặc đã hủy: chỉ các mục chưa xong được đưa lại vào hàng đợi",
    ok={202: ("Đã đưa lại vào hàng đợi", {"application/json": JOB})},
    errors={
        404: "Không có lô này",
        409: "Lô đã xong (hoặc còn đang chạy, khi không dùng hàng đợi)",
        429: "Hàng đợi đầy (có Retry-After)",
        503: "Không kết nối được hàng đợi",
    },
)
def resume_batch(job_id: str) -> Any:
    """Queue again the items a failed or cancelled job has not finished; 202 with its status."""
    try:
        return _accepted(_current(job_id).resume(job_id, limits()))
    except TooManyJobs as error:
        return _busy(error)


@bp.get("/api/v1/batches/<job_id>/archive")
@operation(
    "Tệp ZIP kết quả (văn bản, manifest.json, report.json)",
    ok={200: ("ZIP", {"application/zip": BINARY})},
    errors={404: "Không có lô này", 409: "Lô chưa xong"},
)
def batch_archive(job_id: str) -> Response:
    """Send the ZIP of the outputs with manifest.json and report.json; 409 until done."""
    path = _current(job_id).archive(job_id)
    return send_file(
        path,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"vanban-lo-{job_id}.zip",
        max_age=0,
    )
