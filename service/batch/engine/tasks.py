"""The Celery tasks: thin calls into the batch's own item code, one task per item.

``start_job`` plans a job (reads, checks and names its items as `vanban batch` does) and
starts a chord: one ``render_item`` per item not yet finished, then ``finish_job``, which
writes manifest.json, report.json and the archive from the items' records. ``run_item`` serves
`vanban batch --broker`, whose own process keeps the manifest.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from celery import chord, shared_task

from .. import work
from ..archive import write_archive
from ..inputs import Item
from ..manifest import MANIFEST, Output, entry, render_manifest
from ..report import REPORT, Problem, Tally, problems, render_report
from ..runner import Options
from ..status import now_text
from .plan import plan, specs
from .state import UNFINISHED, JobState, client
from .view import body

ITEM_FUNCTIONS = {"render": work.render}
log = logging.getLogger(__name__)


def job_state(task: Any, job_id: str) -> JobState:
    """Return the state of ``job_id`` in the result store of the task's app."""
    return JobState(client(task.app.conf.broker_url), job_id)


def job_options(fields: dict[str, str]) -> Options:
    """Return the run options recorded with the job."""
    recorded = json.loads(fields["options"])
    return Options(
        formats=tuple(recorded["formats"]),
        year=recorded.get("year"),
        allow_stale=bool(recorded.get("allow_stale")),
    )


def current(fields: dict[str, str], generation: int) -> bool:
    """Return whether a task of ``generation`` still has work to do in the job."""
    return (
        bool(fields) and int(fields["generation"]) == generation and fields["state"] in UNFINISHED
    )


@shared_task(name="vanban.start_job", bind=True)
def start_job(self: Any, job_id: str, generation: int) -> int:
    """Plan the job and queue its unfinished items; return how many were queued."""
    job = job_state(self, job_id)
    fields = job.read()
    if not current(fields, generation):
        return 0
    folder, options = Path(fields["folder"]), job_options(fields)
    try:
        found = plan(folder, options)
    except Exception:  # the job fails, resumable; the worker goes on with other jobs
        log.exception("batch job %s: planning failed", job_id)
        job.set(state="failed", message="Không đọc được dữ liệu của lô; xem nhật ký của worker.")
        return 0
    for index, problems_ in found.failures.items():
        job.record(index, {"worker": None, "problems": [p.to_dict() for p in problems_]}, False)
    done = job.finished_items()
    todo = [spec for spec in specs(found, folder, options) if spec["index"] not in done]
    # Biggest first, as `vanban batch` does: a long document does not start last.
    todo.sort(key=lambda spec: (-len(json.dumps(spec["payload"])), spec["index"]))
    if not current(job.read(), generation):
        return 0  # cancelled while planning
    job.set(state="running", warnings=json.dumps([w.to_dict() for w in found.warnings]))
    finish = finish_job.si(job_id, generation)
    if todo:
        chord(render_item.s(job_id, generation, spec) for spec in todo)(finish)
    else:
        finish.delay()
    return len(todo)


@shared_task(name="vanban.render_item", bind=True)
def render_item(self: Any, job_id: str, generation: int, spec: dict[str, Any]) -> str | None:
    """Render one item into the job's folder and record it; return the worker's name."""
    job = job_state(self, job_id)
    if not current(job.read(), generation) or job.has(spec["index"]):
        return None  # cancelled, resumed since, or already rendered before a worker was lost
    formats = tuple(spec["formats"])
    index, outputs, error = work.render(
        (spec["index"], spec["payload"], formats, spec["outdir"], spec["name"], spec["allow_stale"])
    )
    worker = self.request.hostname
    if error is None:
        options = job_options(job.read()).recorded()
        record = entry(
            spec["item"], spec["kind"], spec["sha"], formats, spec["stem"], outputs, options
        )
        job.record(index, {"worker": worker, "entry": record}, True)
    else:
        found = problems(Item(spec["item"], spec["item"]), error)
        job.record(index, {"worker": worker, "problems": [p.to_dict() for p in found]}, False)
    return worker


@shared_task(name="vanban.finish_job", bind=True)
def finish_job(self: Any, job_id: str, generation: int) -> str | None:
    """Write the manifest, the report, the archive and the final state; return the state."""
    job = job_state(self, job_id)
    fields = job.read()
    if not fields or int(fields["generation"]) != generation:
        return None
    try:
        return _finish(job, job_id, fields)
    except Exception:
        log.exception("batch job %s: closing failed", job_id)
        job.set(state="failed", message="Không ghi được kết quả của lô; xem nhật ký của worker.")
        return "failed"


def tally_of(fields: dict[str, str], records: dict[int, dict]) -> tuple[Tally, list[dict]]:
    """Return the job's tally and its manifest entries, from the items' records."""
    tally = Tally(total=int(fields["total"]))
    entries = []
    for index in sorted(records):
        if "entry" in records[index]:
            entries.append(records[index]["entry"])
            tally.rendered += 1
        else:
            tally.fail(Problem(**p) for p in records[index]["problems"])
    tally.warnings = [Problem(**w) for w in json.loads(fields.get("warnings") or "[]")]
    return tally, entries


def _finish(job: JobState, job_id: str, fields: dict[str, str]) -> str:
    """Write the job's closing files and its final state; return the state."""
    folder, options = Path(fields["folder"]), job_options(fields)
    records = job.records()
    tally, entries = tally_of(fields, records)
    missing = tally.total - len(records)
    cancelled = fields["state"] == "cancelled"
    out = folder / "out"
    work.write(out / MANIFEST, render_manifest(entries))
    report = render_report(tally, options.recorded(), interrupted=cancelled or missing > 0)
    work.write(out / REPORT, report)
    message = ""
    if cancelled:
        state, message = "cancelled", "Lô đã bị hủy; gửi POST …/resume để làm tiếp."
    elif missing:
        state = "failed"
        message = f"Còn {missing} mục chưa xong; gửi POST …/resume để làm tiếp."
    else:
        write_archive(out, folder / "archive.zip")
        state = "done"
    job.set(state=state, message=message, finished=now_text())
    write_final_status(folder, body(job_id, job.read(), job.records()))
    job.expire(int(fields["ttl"]))
    return state


def write_final_status(folder: Path, status: dict[str, Any]) -> None:
    """Leave the final status in the job's folder: its retention counts from it."""
    work.write(folder / "status.json", json.dumps(status, ensure_ascii=False, indent=2).encode())


@shared_task(name="vanban.run_item")
def run_item(function: str, job: list[Any]) -> list[Any]:
    """Run one item of `vanban batch --broker` (render) and return its result."""
    result = ITEM_FUNCTIONS[function](tuple(job))
    if function == "render" and result[1] is not None:
        return [result[0], [vars(o) for o in result[1]], result[2]]
    return list(result)


def outputs_of(result: list[Any]) -> tuple[Any, ...]:
    """Return a ``run_item`` render result with its outputs as Output again."""
    index, outputs, error = result
    return index, None if outputs is None else [Output(**o) for o in outputs], error
