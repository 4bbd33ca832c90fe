"""The state of one batch run: its options, its tasks, what it has done so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import work
from .inputs import Item
from .progress import Progress
from .report import Tally
from .status import StatusFile


@dataclass(frozen=True)
class Options:
    """How to run: formats, worker count, re-issue year, tolerance of stale references."""

    formats: tuple[str, ...] = ("docx", "pdf")
    jobs: int = 1
    year: int | None = None
    allow_stale: bool = False
    apply_replacements: bool = False  # put in the successor law and body where the data knows
    broker: str | None = None  # run the items on the Celery workers behind this broker
    # --issue: gives the item its register number, in input order; returns the final input
    number: Callable[[Item, Any], Any] | None = field(default=None, compare=False)

    def recorded(self) -> dict[str, Any]:
        """Return the options that change outputs, as kept in the manifest and the report."""
        recorded = {
            "formats": list(self.formats),
            "year": self.year,
            "allow_stale": self.allow_stale,
        }
        return recorded | ({"apply_replacements": True} if self.apply_replacements else {})


@dataclass
class Task:
    """An item that passed preparation: the payload to render and what it is known by."""

    index: int
    item: Item
    payload: Any
    kind: str
    sha: str
    stem: str | None = None
    name: str | None = None
    composed: work.Composed | None = None  # when prepare() composed it, to render it from


@dataclass
class Run:
    """The state of one run."""

    outdir: Path
    options: Options
    progress: Progress
    status: StatusFile
    tally: Tally = field(default_factory=Tally)
    previous: dict[str, dict] = field(default_factory=dict)
    records: dict[str, dict] = field(default_factory=dict)
    saved: float = 0.0


@dataclass(frozen=True)
class Outcome:
    """What a run did, and the signal that stopped it, if one did."""

    tally: Tally
    seconds: float
    signum: int | None = None


def fail(run: Run, item: Item, found: list) -> None:
    """Count ``item`` as failed with ``found``; its manifest record, if any, no longer holds."""
    run.tally.fail(found)
    run.records.pop(item.id, None)
