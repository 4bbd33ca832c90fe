"""A status file a running batch keeps up to date, for whoever watches it (the HTTP job API)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .progress import Progress
from .report import Tally

WRITE_EVERY = 1.0  # seconds between two progress writes
SHOWN_FAILURES = 50  # the status shows the first failures; report.json has them all
STATES = ("queued", "running", "done", "failed")


def read_status(path: Path) -> dict[str, Any] | None:
    """Return the status in ``path``; None when it is missing or being replaced."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def now_text() -> str:
    """Return the current UTC time as ISO 8601, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class StatusFile:
    """Write the batch's state, counts and progress to ``path`` (None: do nothing)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._written = 0.0
        self._started = now_text()

    def update(
        self,
        state: str,
        tally: Tally,
        progress: Progress | None = None,
        force: bool = False,
        message: str | None = None,
    ) -> None:
        """Write the status now if ``force`` or if the last write is old enough."""
        if self.path is None or (not force and time.monotonic() - self._written < WRITE_EVERY):
            return
        self._written = time.monotonic()
        from .work import write  # late: keeps this module free of the pipeline's imports

        write(
            self.path,
            json.dumps(
                self.body(state, tally, progress, message), ensure_ascii=False, indent=2
            ).encode("utf-8"),
        )

    def body(
        self, state: str, tally: Tally, progress: Progress | None, message: str | None
    ) -> dict[str, Any]:
        """Return the status document."""
        done = progress.done if progress else tally.succeeded + tally.failed
        body = {
            "state": state,
            "started": self._started,
            "updated": now_text(),
            "counts": {
                "total": tally.total,
                "done": done,
                "succeeded": tally.succeeded,
                "rendered": tally.rendered,
                "skipped": tally.skipped,
                "failed": tally.failed,
                "warnings": len(tally.warnings),
            },
            "progress": round(done / tally.total, 4) if tally.total else 1.0,
            "failures": [p.to_dict() for p in tally.failures[:SHOWN_FAILURES]],
        }
        if message:
            body["message"] = message
        return body
