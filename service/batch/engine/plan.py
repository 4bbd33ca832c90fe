"""What a job has to render: its items read, checked and named exactly as `vanban batch` does.

The same runner steps (prepare, name) run over the job's ``inputs/`` folder, with item ids
relative to the job folder ("inputs/item-00000.json"), so a job's manifest and report are
those of ``vanban batch inputs -o out`` run in that folder.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..inputs import Item, collect
from ..progress import Progress
from ..report import Problem
from ..runner import Options, Run, Task, name, prepare
from ..status import StatusFile


@dataclass(frozen=True)
class Plan:
    """The items to render, the failures known before rendering, and the warnings."""

    tasks: list[Task]
    failures: dict[int, list[Problem]]
    warnings: list[Problem]


def job_items(folder: Path) -> list[Item]:
    """Return the job's items, their ids relative to the job folder."""
    prefix = f"{folder.as_posix()}/"
    return [
        replace(item, id=item.id.removeprefix(prefix), source=item.source.removeprefix(prefix))
        for item in collect([str(folder / "inputs")])
    ]


def plan(folder: Path, options: Options) -> Plan:
    """Return the plan of the job in ``folder``: prepare and name its items, in item order."""
    items = job_items(folder)
    run = Run(folder / "out", options, Progress(len(items), io.StringIO(), False), StatusFile(None))
    run.tally.total = len(items)
    tasks = prepare(run, items)
    name(tasks)
    index = {item.id: n for n, item in enumerate(items)}
    failures: dict[int, list[Problem]] = {}
    for problem in run.tally.failures:
        failures.setdefault(index[problem.item], []).append(problem)
    return Plan([t for t in tasks if t.name], failures, run.tally.warnings)


def specs(plan_: Plan, folder: Path, options: Options) -> list[dict[str, Any]]:
    """Return what each render task needs, as plain JSON."""
    return [
        {
            "index": task.index,
            "item": task.item.id,
            "kind": task.kind,
            "sha": task.sha,
            "stem": task.stem,
            "name": task.name,
            "payload": task.payload,
            "formats": list(options.formats),
            "outdir": str(folder / "out"),
            "allow_stale": options.allow_stale,
        }
        for task in plan_.tasks
    ]
