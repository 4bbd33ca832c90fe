"""Batch jobs on disk, run by a separate process: state survives restarts and web workers.

Layout under the data folder (VANBAN_DATA_DIR)::

    .admission.lock      held while a job is admitted: limits hold across web workers
    <id>/job.json        id, creation time, formats, item count
    <id>/lock            locked (flock) by the job's process for as long as it lives
    <id>/inputs/         the items, one JSON file each
    <id>/status.json     written by the process: state, counts, progress, first failures
    <id>/out/            the outputs, manifest.json and report.json
    <id>/archive.zip     written by the process before it says "done"
    <id>/job.log         the process's own messages
    <id>/pid             the process id, to cancel it (DELETE)
    <id>/cancelled       present once the job was cancelled

The process is ``python -m service batch inputs -o out …`` in the job folder. A job is running
while its lock is held: the kernel releases it when the process ends, however it ends, so a
job whose process died without a final status is seen as failed. Resuming a failed or cancelled
job starts the same command again: it skips every item the manifest says is complete.

This is the embedded engine, used without VANBAN_BROKER_URL; service.batch.engine is the
distributed one, behind the same methods.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import VanbanError
from .retention import DEFAULT_TTL, is_job_id, sweep
from .status import now_text, read_status

JOB_ID_LENGTH = 32
FINAL = ("done", "failed")
CANCELLED = "cancelled"  # marker file in the job folder
PROJECT = Path(__file__).resolve().parents[2]  # so the job process imports this very code
# Starts the job with every inherited descriptor (the lock among them), then exits.
LAUNCHER = (
    "import subprocess, sys; "
    "p = subprocess.Popen(sys.argv[1:], close_fds=False, start_new_session=True); "
    "open('pid', 'w').write(str(p.pid))"
)


class TooManyJobs(VanbanError):
    """As many jobs as allowed are running."""

    code = "too_many_jobs"
    http_status = 429


class JobNotFound(VanbanError):
    """No job has this id."""

    code = "not_found"
    http_status = 404


class NotResumable(VanbanError):
    """The job is done, or still running: there is nothing to resume."""

    code = "batch_not_resumable"
    http_status = 409


class NotFinished(VanbanError):
    """The job has no archive (yet)."""

    code = "batch_not_finished"
    http_status = 409


@dataclass(frozen=True)
class Limits:
    """How much one job may hold and how many may run at once."""

    max_items: int = 5000
    max_jobs: int = 2  # running at once (embedded engine)
    workers: int = 1  # worker processes per job (embedded engine)
    max_queued: int = 20  # waiting or running (distributed engine)
    ttl: int = DEFAULT_TTL  # seconds a finished job is kept


class JobStore:
    """Create jobs, start their processes, and read their state."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def submit(
        self, inputs: Sequence[tuple[str, bytes]], formats: Sequence[str], limits: Limits
    ) -> dict[str, Any]:
        """Create and start a job for ``inputs`` (relative name, bytes); return its status."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.sweep(limits.ttl)
        with _locked(self.root / ".admission.lock"):
            self._admit(limits)
            job_id, folder = self._new_folder()
            try:
                self._write_job(folder, job_id, inputs, formats)
                _launch(folder, formats, limits.workers)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)  # no half-made job stays behind
                raise
        return self.status(job_id)

    def _admit(self, limits: Limits) -> None:
        running = self.running()
        if running >= limits.max_jobs:
            raise TooManyJobs(
                f"Đang có {running} lô chạy, tối đa {limits.max_jobs}; hãy gửi lại sau."
            )

    def _new_folder(self) -> tuple[str, Path]:
        job_id = secrets.token_hex(JOB_ID_LENGTH // 2)
        folder = self.root / job_id
        folder.mkdir(parents=True)
        return job_id, folder

    def cancel_or_delete(self, job_id: str) -> dict[str, Any] | None:
        """Stop a running job (return its status); delete a finished one (return None)."""
        folder = self._folder(job_id)
        state = self.status(job_id)["state"]
        if state in FINAL or not _held(folder / "lock"):  # ended, or its process is gone
            shutil.rmtree(folder, ignore_errors=True)
            return None
        (folder / CANCELLED).touch()
        # The pid is the job's own for as long as the job holds its lock.
        with contextlib.suppress(OSError, ValueError):
            os.killpg(int((folder / "pid").read_text()), signal.SIGTERM)
        return self.status(job_id)

    def resume(self, job_id: str, limits: Limits) -> dict[str, Any]:
        """Start a failed or cancelled job again; it renders only what it has not finished."""
        folder = self._folder(job_id)
        state = self.status(job_id)["state"]
        if state not in ("failed", CANCELLED):
            raise NotResumable(f"Lô đang ở trạng thái '{state}': chỉ làm tiếp lô lỗi hoặc đã hủy.")
        with _locked(self.root / ".admission.lock"):
            self._admit(limits)
            (folder / CANCELLED).unlink(missing_ok=True)
            _write_json(folder / "status.json", {"state": "queued", "updated": now_text()})
            formats = json.loads((folder / "job.json").read_text(encoding="utf-8"))["formats"]
            _launch(folder, formats, limits.workers)
        return self.status(job_id)

    def sweep(self, ttl: int, only: str | None = None) -> list[str]:
        """Remove the folders of jobs (or of job ``only``) that ended ``ttl`` seconds ago."""
        return sweep(self.root, ttl, only)

    def _write_job(
        self, folder: Path, job_id: str, inputs: Sequence[tuple[str, bytes]], formats: Sequence[str]
    ) -> None:
        (folder / "inputs").mkdir(exist_ok=True)
        for name, content in inputs:
            target = folder / "inputs" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        _write_json(folder / "status.json", {"state": "queued", "updated": now_text()})
        _write_json(
            folder / "job.json",
            {"id": job_id, "created": now_text(), "formats": list(formats), "items": len(inputs)},
        )

    def running(self) -> int:
        """Return how many jobs have a live process."""
        return sum(
            1 for folder in self._folders() if not self._final(folder) and _held(folder / "lock")
        )

    def status(self, job_id: str) -> dict[str, Any]:
        """Return the job's state, counts, progress and failures; raise JobNotFound."""
        folder = self._folder(job_id)
        job = json.loads((folder / "job.json").read_text(encoding="utf-8"))
        state = read_status(folder / "status.json") or {"state": "queued"}
        if state.get("state") not in FINAL and not _held(folder / "lock"):
            state = read_status(folder / "status.json") or {}  # it may have just finished
            if state.get("state") not in FINAL:
                state = {
                    **state,
                    "state": "failed",
                    "updated": now_text(),
                    "message": "Tiến trình xử lý lô dừng bất thường; xem job.log.",
                }
                _write_json(folder / "status.json", state)
        if (folder / CANCELLED).exists():
            state = {**state, "state": CANCELLED, "message": "Lô đã bị hủy."}
        return _body(job, state, folder)

    def archive(self, job_id: str) -> Path:
        """Return the finished job's archive; raise NotFinished while there is none."""
        state = self.status(job_id)["state"]
        path = self._folder(job_id) / "archive.zip"
        if state == "failed":
            raise NotFinished("Lô đã dừng bất thường, không có tệp nén kết quả.")
        if state != "done" or not path.is_file():
            raise NotFinished("Lô chưa xong; tệp nén có khi trạng thái là 'done'.")
        return path

    def _folder(self, job_id: str) -> Path:
        folder = self.root / job_id
        if not is_job_id(job_id) or not (folder / "job.json").is_file():
            raise JobNotFound(f"Không có lô '{job_id}'.")
        return folder

    def _folders(self) -> Iterator[Path]:
        if self.root.is_dir():
            yield from (p for p in self.root.iterdir() if (p / "job.json").is_file())

    def _final(self, folder: Path) -> bool:
        return (read_status(folder / "status.json") or {}).get("state") in FINAL


def _body(job: dict, state: dict, folder: Path) -> dict[str, Any]:
    """Return the status document the API answers with."""
    counts = state.get("counts") or {"total": job["items"], "done": 0}
    failures = state.get("failures", [])
    if state.get("state") == "done":
        with contextlib.suppress(OSError, ValueError, KeyError):
            report = json.loads((folder / "out" / "report.json").read_text(encoding="utf-8"))
            failures = report["failures"]
    body = {
        "id": job["id"],
        "state": state.get("state", "queued"),
        "formats": job["formats"],
        "created": job["created"],
        "updated": state.get("updated"),
        "counts": counts,
        "progress": state.get("progress", 0.0),
        "failures": failures,
    }
    if state.get("message"):
        body["message"] = state["message"]
    return body


def _launch(folder: Path, formats: Sequence[str], workers: int) -> None:
    """Start the job's process holding the job's lock, taken here so it is never free."""
    lock = os.open(folder / "lock", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held from now on by this job's process
        _spawn(folder, formats, workers, lock)
    finally:
        os.close(lock)


def _spawn(folder: Path, formats: Sequence[str], workers: int, lock: int) -> None:
    """Start the job's process, detached and holding the job's lock.

    A short launcher starts it in its own session and exits at once: the job outlives the web
    worker that admitted it, and no web process is left with a child to wait for.
    """
    command = [
        sys.executable,
        "-m",
        "service",
        "batch",
        "inputs",
        "-o",
        "out",
        "-f",
        ",".join(formats),
        "--jobs",
        str(workers),
        "--status-file",
        "status.json",
        "--archive",
        "archive.zip",
    ]
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), path]))}
    with open(folder / "job.log", "wb") as log:
        launcher = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, *command],
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=(lock,),
        )
    if launcher.wait(timeout=30) != 0:
        raise RuntimeError(f"batch job launcher failed in {folder}")


def _held(path: Path) -> bool:
    """Return whether another process holds the lock at ``path``."""
    try:
        handle = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)  # closing drops the lock if this call took it
    return False


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the block."""
    handle = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _write_json(path: Path, data: dict) -> None:
    from .work import write

    write(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
