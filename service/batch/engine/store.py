"""Distributed batch jobs: the job's files under VANBAN_DATA_DIR, its state in Redis.

The folder layout is the embedded engine's (job.json, inputs/, out/, archive.zip, and the
final status.json), so a multi-machine deployment shares that folder (NFS, CephFS …) mounted
at the same path on the API and worker machines; the API serves the archive whichever worker
rendered the items.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import redis

from ...errors import VanbanError
from ..jobs import JobStore, Limits, NotFinished, TooManyJobs
from ..retention import sweep
from ..status import now_text, read_status
from .celery_app import celery_app
from .state import UNFINISHED, JobState, client, unfinished
from .tasks import write_final_status
from .view import body

ADMISSION_LOCK_SECONDS = 30


class QueueFull(TooManyJobs):
    """As many jobs as the queue holds are waiting or running."""

    code = "queue_full"


class BrokerUnavailable(VanbanError):
    """Redis cannot be reached."""

    code = "broker_unavailable"
    http_status = 503


class AlreadyDone(VanbanError):
    """A finished job has nothing to resume."""

    code = "batch_done"
    http_status = 409


class CeleryJobStore(JobStore):
    """Create jobs, queue their items on Celery, and read their state from Redis."""

    def __init__(self, root: Path, broker_url: str) -> None:
        super().__init__(root)
        self.broker_url = broker_url
        self.db = client(broker_url)

    def submit(
        self, inputs: Sequence[tuple[str, bytes]], formats: Sequence[str], limits: Limits
    ) -> dict[str, Any]:
        """Create a job for ``inputs`` and queue it; raise QueueFull when the queue is full."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.sweep(limits.ttl)
        job_id, folder = self._new_folder()
        try:
            self._write_job(folder, job_id, inputs, formats)
            with _reachable(), self.db.lock("vanban:admission", timeout=ADMISSION_LOCK_SECONDS):
                self._admit(limits)
                JobState(self.db, job_id).create(self._fields(folder, formats, len(inputs), limits))
                self._start(job_id, 1)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)  # no half-made job stays behind
            raise
        return self.status(job_id)

    def _admit(self, limits: Limits) -> None:
        waiting = unfinished(self.db)
        if waiting >= limits.max_queued:
            raise QueueFull(
                f"Hàng đợi đã đầy ({waiting}/{limits.max_queued} lô đang chờ hoặc đang chạy); "
                "hãy gửi lại sau."
            )

    def _fields(self, folder: Path, formats: Sequence[str], total: int, limits: Limits) -> dict:
        options = {"formats": list(formats), "year": None, "allow_stale": False}
        return {
            "folder": str(folder.resolve()),
            "formats": ",".join(formats),
            "options": json.dumps(options),
            "total": total,
            "created": now_text(),
            "ttl": limits.ttl,
        }

    def _start(self, job_id: str, generation: int) -> None:
        celery_app(self.broker_url).send_task("vanban.start_job", args=[job_id, generation])

    def running(self) -> int:
        """Return how many jobs wait or run."""
        with _reachable():
            return unfinished(self.db)

    def status(self, job_id: str) -> dict[str, Any]:
        """Return the job's state, counts, failures and items per worker; raise JobNotFound."""
        job = self._job(job_id)
        with _reachable():
            fields = job.read()
            if not fields:
                return self._expired(job_id)
            return body(job_id, fields, job.records())

    def _job(self, job_id: str) -> JobState:
        self._folder(job_id)  # the id is valid and the job's folder exists
        return JobState(self.db, job_id)

    def _expired(self, job_id: str) -> dict[str, Any]:
        """Return the final status left in the folder when Redis has let the state expire."""
        status = read_status(self.root / job_id / "status.json") or {}
        if status.get("state") not in ("done", "failed", "cancelled"):
            status = {"id": job_id, "state": "failed", "message": "Trạng thái của lô đã mất."}
        return status

    def archive(self, job_id: str) -> Path:
        """Return the finished job's archive; raise NotFinished while there is none."""
        state = self.status(job_id)["state"]
        path = self.root / job_id / "archive.zip"
        if state != "done" or not path.is_file():
            raise NotFinished(f"Lô chưa xong (trạng thái: {state}); tệp nén có khi là 'done'.")
        return path

    def cancel_or_delete(self, job_id: str) -> dict[str, Any] | None:
        """Cancel a waiting or running job (return its status); delete a finished one (None)."""
        job = self._job(job_id)
        with _reachable():
            fields = job.read()
            if fields.get("state") in UNFINISHED:
                started = fields["state"] == "running"
                job.set(state="cancelled", message="Lô đang được hủy.")
                if not started:  # no chord will close it: close it here
                    job.set(message="Lô đã bị hủy; gửi POST …/resume để làm tiếp.")
                    write_final_status(self.root / job_id, body(job_id, job.read(), {}))
                    job.expire(int(fields["ttl"]))
                return self.status(job_id)
            job.delete()
        shutil.rmtree(self.root / job_id, ignore_errors=True)
        return None

    def resume(self, job_id: str, limits: Limits | None = None) -> dict[str, Any]:
        """Queue again the items the job has not finished; raise AlreadyDone when done."""
        job = self._job(job_id)
        with _reachable():
            state = job.read().get("state")
            if state == "done" or state is None:
                raise AlreadyDone("Lô đã xong, không còn gì để làm tiếp.")
            generation = job.resume()
            self._start(job_id, generation)
        return self.status(job_id)

    def sweep(self, ttl: int, only: str | None = None) -> list[str]:
        """Remove the folders and state of jobs (or of ``only``) that ended ``ttl`` s ago."""
        removed = sweep(self.root, ttl, only)
        for job_id in removed:
            with _reachable():
                JobState(self.db, job_id).delete()
        return removed


@contextlib.contextmanager
def _reachable() -> Iterator[None]:
    """Turn a lost connection to Redis into BrokerUnavailable (503, in Vietnamese)."""
    try:
        yield
    except redis.exceptions.ConnectionError as error:
        raise BrokerUnavailable(
            "Không kết nối được máy chủ hàng đợi (Redis); hãy thử lại sau."
        ) from error
