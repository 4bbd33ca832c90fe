"""Run a batch: check each item, name its files, skip what is unchanged, render the rest.

1. Prepare, in this process: read errors and stale citations or bodies fail an item on its own
   (``--year`` first turns it into next year's draft).
2. Name: an item whose manifest record matches its input, templates, versions and options
   keeps its recorded stem; the others are composed here, once (the workers print that
   Document), to learn theirs. Stems are made unique in item order ("-2", "-3", …), so names
   never depend on timing.
3. Skip: an item whose expected files are those of its record, each with the recorded SHA-256.
4. Render the rest on the worker pool; every file is written through a temporary file and a
   rename, and the manifest is rewritten (atomically) as items finish.

Ctrl-C or SIGTERM stops the pool, removes temporary files, and writes the manifest of what is
complete, so the same command finishes the job later.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..catalog import default_resources
from ..directory import Directory
from ..errors import VanbanError
from ..legal.registry import Registry
from ..pipeline import FORMATS, compose, parse
from . import work
from .archive import write_archive
from .inputs import Item
from .manifest import (
    MANIFEST,
    entry,
    input_hash,
    read_manifest,
    render_manifest,
    template_hash,
    unchanged,
    versions,
)
from .pool import Workers, executor
from .progress import Progress
from .reissue import reissue
from .report import REPORT, Tally, located, problems, render_report
from .signals import Interrupted, raising_on_signals, signals_held_off
from .stale import apply_replacements, findings, payload_days, tolerate, unverified_inline
from .status import StatusFile

log = logging.getLogger(__name__)
UNVERIFIED = (
    "Căn cứ nhập tay không có trong danh mục văn bản pháp lý: chưa kiểm tra được hiệu lực; "
    "hãy đối chiếu văn bản gốc."
)
MANIFEST_EVERY = 2.0  # seconds between two manifest writes while rendering
FAILED = object()  # what _prepared returns for an item that failed (a payload may be null)
# What composing is told about stale bodies: prepare() has checked them, with the run's
# tolerance, on every day a payload may bear, so composing need not check them again.
CHECKED = True


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
    """Return the renderer modules the workers' fork server imports once for all of them."""
    return ("service.render.pdf",) if "pdf" in options.formats else ()


def sweep(outdir: Path) -> None:
    """Remove the temporary files an interrupted write may have left."""
    for path in outdir.glob(".*.tmp"):
        path.unlink(missing_ok=True)


def prepare(run: Run, items: Sequence[Item]) -> list[Task]:
    """Return the items that may be rendered; record the others' failures and all warnings.

    An item the manifest does not already name is composed here, once: its Document gives its
    file name, and the workers print every format from it.
    """
    resources = default_resources()
    tasks, failed = [], 0
    for index, item in enumerate(items):
        prepared = _prepared(run, item, resources.registry, resources.directory)
        if prepared is FAILED:
            failed += 1
            continue
        payload, parsed = prepared
        if run.options.number is not None:
            payload = _numbered(run, item, payload)
        if payload is FAILED:
            failed += 1
            continue
        kind = str(payload.get("kind")) if isinstance(payload, dict) else ""
        task = Task(index, item, payload, kind, input_hash(payload))
        # The schema load of the item's own input serves when nothing has changed it since.
        parsed = parsed if payload is item.payload else None
        if not _recorded(run, task) and not _composed(run, task, parsed):
            failed += 1
            continue
        tasks.append(task)
    run.progress.settle(failed, failed)
    return tasks


def _numbered(run: Run, item: Item, payload: Any) -> Any:
    """Return the item's final input, numbered by the register, or FAILED."""
    try:
        return run.options.number(item, payload)
    except VanbanError as error:
        _fail(run, item, problems(item, error.to_dict()))
        return FAILED


def _prepared(run: Run, item: Item, registry: Registry, directory: Directory) -> Any:
    """Return (payload to render, its parse when unchanged), or FAILED.

    The payload is re-issued and checked for stale references. Whatever is wrong with an item
    fails that item alone: it is read, then checked against its kind's schema before anything
    walks it, and an unexpected error is its report line.
    """
    try:
        if item.error is not None:
            raise item.error
        parsed = parse(item.payload)
        run.tally.warnings += [
            located(item, path, UNVERIFIED, "unverified")
            for path in unverified_inline(parsed[1], registry)
        ]
        payload = _checked(run, item, registry, directory)
        return FAILED if payload is FAILED else (payload, parsed)
    except VanbanError as error:
        _fail(run, item, problems(item, error.to_dict()))
    except Exception:
        log.exception("batch: preparing %s failed", item.id)
        _fail(run, item, problems(item, work.INTERNAL))
    return FAILED


def _recorded(run: Run, task: Task) -> bool:
    """Return whether the manifest's record of ``task`` still holds; if so, take its stem."""
    record = run.previous.get(task.item.id)
    if record is None or not record.get("stem"):
        return False
    if any(record.get(k) != v for k, v in expected(run, task).items()):
        return False
    task.stem = record["stem"]
    return True


def _composed(run: Run, task: Task, parsed: tuple[Any, Any] | None) -> bool:
    """Compose ``task`` (stale references were checked above); record a failure if it cannot."""
    try:
        document = compose(task.payload, allow_stale=CHECKED, parsed=parsed)
    except VanbanError as error:
        _fail(run, task.item, problems(task.item, error.to_dict()))
        return False
    except Exception:
        log.exception("batch: composing %s failed", task.item.id)
        _fail(run, task.item, problems(task.item, work.INTERNAL))
        return False
    task.stem, task.composed = document.meta.file_stem, work.Composed.of(document)
    return True


def _checked(run: Run, item: Item, registry: Registry, directory: Directory) -> Any:
    """Return the valid payload of ``item`` re-issued and checked for stale references."""
    payload = item.payload
    if run.options.year is not None:
        payload, notes = reissue(payload, run.options.year)
        run.tally.warnings += [located(item, n.path, n.message, "review") for n in notes]
    stale = findings(payload, registry, directory)
    if run.options.apply_replacements and stale:
        payload, changes = apply_replacements(payload, stale, registry, payload_days(payload)[-1])
        run.tally.warnings += [located(item, c.path, c.message, "replaced") for c in changes]
        stale = findings(payload, registry, directory)  # what is left for the clerk
    found = [
        located(
            item,
            f.path,
            f.message,
            "stale_reference" if f.confirmed else "unconfirmed",
            f.replacement,
        )
        for f in stale
    ]
    blocking = [p for p in found if p.code == "stale_reference"]
    if blocking and not run.options.allow_stale:
        _fail(run, item, blocking)
        run.tally.warnings += [p for p in found if p.code != "stale_reference"]
        return FAILED
    run.tally.warnings += found
    if run.options.allow_stale and any(f.citation for f in stale):
        payload = tolerate(payload, registry, payload_days(payload)[-1])
    return payload


def expected(run: Run, task: Task) -> dict[str, Any]:
    """Return what a manifest record of ``task`` must say for its files to be reused."""
    return {
        "input_sha256": task.sha,
        "versions": versions(),
        "template_sha256": template_hash(
            task.kind, run.options.formats, default_resources().templates
        ),
        "options": run.options.recorded(),
    }


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
    for index, outputs, error in workers.map(work.render, jobs):
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
            _fail(run, task.item, found)
            run.progress.advance(task.item.id, False, found[0].message)
        run.status.update("running", run.tally, run.progress)
        if time.monotonic() - run.saved >= MANIFEST_EVERY:
            save_manifest(run)


def _size(task: Task) -> int:
    """Return how big an item is, to start the biggest first."""
    return len(task.composed.pickled) if task.composed else len(json.dumps(task.payload))


def _fail(run: Run, item: Item, found: list) -> None:
    run.tally.fail(found)
    run.records.pop(item.id, None)


def save_manifest(run: Run) -> None:
    """Write the manifest of the complete items, unless the file already says just that."""
    content, target = render_manifest(run.records.values()), run.outdir / MANIFEST
    if not (target.is_file() and target.read_bytes() == content):
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
