"""Finished jobs expire: their folders go once VANBAN_BATCH_TTL has passed since they ended.

A job's end is the time of its final status.json (done, failed or cancelled); only folders
named like a job id are ever removed, so nothing else kept in the data folder is touched.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from .status import read_status

ENDED = ("done", "failed", "cancelled")
DEFAULT_TTL = 7 * 24 * 3600  # seconds


def is_job_id(name: str) -> bool:
    """Return whether ``name`` is a job id (32 lower-case hex digits).

    >>> is_job_id("0" * 32), is_job_id("../etc"), is_job_id("A" * 32)
    (True, False, False)
    """
    return len(name) == 32 and all(c in "0123456789abcdef" for c in name)


def ended_at(folder: Path) -> datetime | None:
    """Return when the job in ``folder`` ended; None while it has not."""
    status = read_status(folder / "status.json") or {}
    if status.get("state") not in ENDED:
        return None
    try:
        return datetime.fromisoformat(status["updated"])
    except (KeyError, TypeError, ValueError):
        return None


def sweep(root: Path, ttl: int, only: str | None = None, now: datetime | None = None) -> list[str]:
    """Remove the job folders in ``root`` (or just ``only``) that ended ``ttl`` seconds ago."""
    now = now or datetime.now(UTC)
    removed: list[str] = []
    if not root.is_dir():
        return removed
    if only is not None and not is_job_id(only):
        return removed  # checked as given: "../<id>" must never reach outside ``root``
    folders = sorted(root.iterdir()) if only is None else [root / only]
    for folder in folders:
        if not (is_job_id(folder.name) and folder.is_dir()):
            continue
        ended = ended_at(folder)
        if ended is not None and (now - ended).total_seconds() > ttl:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed
