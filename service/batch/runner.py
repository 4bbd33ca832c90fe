"""Run a batch: check each item, name its files, skip what is unchanged, render the rest.

1. Prepare, in this process (prepare.py): read errors and stale citations or bodies fail an
   item on its own (``--year`` first turns it into next year's draft).
2. Name: an item whose manifest record matches its input, templates, versions and options
   keeps its recorded stem; the others are composed here, once (the workers print that
   Document), to learn theirs. Stems are made unique in item order ("-2", "-3", …), so names
   never depend on timing.
3. Skip: an item whose expected files are those of its record, each with the recorded SHA-256.
4. Render the rest on the worker pool; every file is written through a temporary file and a
   rename, and the manifest is rewritten (atomically) as items finish. The local pool's files
   are each synced to the disk; their folder is synced once before each manifest write, so
   the manifest never names a file a power cut could lose.

Ctrl-C or SIGTERM stops the pool, removes temporary files, and writes the manifest of what is
complete, so the same command finishes the job later.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

from ..catalog import default_resources
from ..files import sync_folder
from ..pipeline import FORMATS
from . import work
from .archive import write_archive
from .inputs import Item
from .manifest import MANIFEST, entry, read_manifest, render_manifest, unchanged
from .pool import Workers, executor
from .prepare import CHECKED, expected, prepare
from .progress import Progress
from .report import REPORT, problems, render_report
from .signals import Interrupted, raising_on_signals, signals_held_off
from .state import Options, Outcome, Run, Task, fail
from .status import StatusFile

__all__ = ["Options", "Outcome", "Run", "Task", "name", "prepare", "run_batch"]
MANIFEST_EVERY = 2.0  # seconds between two manifest writes while rendering


def run_batch(
    items: Sequence[Item],
    outdir: Path,
    options: Options,
    *,
    stream: TextIO,
    tty: bool = False,
    status_path: Path | None = None,
    archive_path: Path | None = None,
) -> Outcome:
    """Produce every item's files in ``outdir``; never stop at a bad item.

    ``archive_path``: also pack the outputs, manifest and report there, before the final status.
    """
    started = time.monotonic()
    sweep(outdir)
    run = Run(outdir, options, Progress(len(items), stream, tty), StatusFile(status_path))
    run.tally.total = len(items)
    run.previous = read_manifest(outdir)
    ids = {item.id for item in items}
    run.records = {key: record for key, record in run.previous.items() if key in ids}
    signum = None
    try:
        with (
            raising_on_signals(),
            executor(options.jobs, options.broker, preload(options)) as workers,
        ):
            run.status.update("running", run.tally, run.progress, force=True)
            tasks = prepare(run, items)
            name(tasks)
            render(run, skip_unchanged(run, tasks), workers)
    except Interrupted as stop:
        signum = stop.signum
        sweep(outdir)
    finish(run, signum, archive_path)
    return Outcome(run.tally, time.monotonic() - started, signum)


def preload(options: Options) -> tuple[str, ...]:
    """Return the modules the workers' fork server imports once for all of them, in order:
    the PDF renderer when PDFs are asked for, then the warmed pipeline (warmed.py)."""
    pdf = ("service.render.pdf",) if "pdf" in options.formats else ()
    return (*pdf, "service.batch.warmed")


def sweep(outdir: Path) -> None:
    """Remove the temporary files an interrupted write may have left."""
    for path in outdir.glob(".*.tmp"):
        path.unlink(missing_ok=True)


def name(tasks: list[Task]) -> None:
    """Give every task a unique file name from its stem, in item order ("-2", "-3", …)."""
    used: set[str] = set()
    for task in sorted(tasks, key=lambda t: t.index):
        task.name, suffix = task.stem, 2
        while task.name in used:
            task.name, suffix = f"{task.stem}-{suffix}", suffix + 1
        used.add(task.name)


def skip_unchanged(run: Run, tasks: list[Task]) -> list[Task]:
    """Return the tasks to render; count the ones whose files are already right."""
    todo = []
    for task in (t for t in tasks if t.name):
        names = {fmt: f"{task.name}.{FORMATS[fmt].extension}" for fmt in run.options.formats}
        if unchanged(run.previous.get(task.item.id), expected(run, task), run.outdir, names):
            run.tally.skipped += 1
        else:
            todo.append(task)
    run.progress.settle(run.tally.skipped)
    return todo


def render(run: Run, todo: list[Task], workers: Workers) -> None:
    """Render the tasks on the workers, recording each as it finishes."""
    by_index = {task.index: task for task in todo}
    # Biggest first, so a long document does not start last and keep one worker busy alone.
    ordered = sorted(todo, key=lambda t: (-_size(t), t.index))
    formats = run.options.formats
    # The local pool's workers print the Document composed here; a broker's get JSON: the payload.
    local = isinstance(workers, Workers)
    jobs = [
        (t.index, (local and t.composed) or t.payload, formats, str(run.outdir), t.name, CHECKED)
        for t in ordered
    ]
    function = partial(work.render, sync_parent=False) if local else work.render
    for index, outputs, error in workers.map(function, jobs):
        task = by_index[index]
        task.composed = None  # printed: let it go
        if error is None:
            run.records[task.item.id] = entry(
                task.item.id,
                task.kind,
                task.sha,
                run.options.formats,
                task.stem,
                outputs,
                run.options.recorded(),
                default_resources().templates,
            )
            run.tally.rendered += 1
            run.progress.advance(task.item.id, True)
        else:
            found = problems(task.item, error)
            fail(run, task.item, found)
            run.progress.advance(task.item.id, False, found[0].message)
        run.status.update("running", run.tally, run.progress)
        if time.monotonic() - run.saved >= MANIFEST_EVERY:
            save_manifest(run)


def _size(task: Task) -> int:
    """Return how big an item is, to start the biggest first."""
    return task.composed.size if task.composed else len(json.dumps(task.payload))


def save_manifest(run: Run) -> None:
    """Write the manifest of the complete items, unless the file already says just that."""
    content, target = render_manifest(run.records.values()), run.outdir / MANIFEST
    if not (target.is_file() and target.read_bytes() == content):
        sync_folder(run.outdir)  # the files it names, renamed there without a folder sync
        work.write(target, content)
    run.saved = time.monotonic()


def finish(run: Run, signum: int | None, archive_path: Path | None = None) -> None:
    """Write the manifest, the report, the archive and the final status."""
    with signals_held_off():
        save_manifest(run)
        work.write(
            run.outdir / REPORT,
            render_report(run.tally, run.options.recorded(), interrupted=signum is not None),
        )
        if archive_path is not None and signum is None:
            write_archive(run.outdir, archive_path)
        state = "failed" if signum is not None else "done"
        message = "Đã dừng theo yêu cầu (tín hiệu)." if signum is not None else None
        run.status.update(state, run.tally, run.progress, force=True, message=message)
    run.progress.close()
