"""Prepare the items of a batch run, in this process, before anything is rendered.

Read errors and stale citations or bodies fail an item on its own (``--year`` first turns it
into next year's draft, ``--issue`` numbers it); an item the manifest does not already name is
composed here, once, to learn its file name.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from ..catalog import default_resources
from ..directory import Directory
from ..errors import VanbanError
from ..legal.registry import Registry
from ..pipeline import compose, parse
from . import work
from .inputs import Item
from .manifest import input_hash, template_hash, versions
from .reissue import reissue
from .report import located, problems
from .stale import apply_replacements, findings, payload_days, tolerate, unverified_inline
from .state import Run, Task, fail

log = logging.getLogger(__name__)
UNVERIFIED = (
    "Căn cứ nhập tay không có trong danh mục văn bản pháp lý: chưa kiểm tra được hiệu lực; "
    "hãy đối chiếu văn bản gốc."
)
FAILED = object()  # what _prepared returns for an item that failed (a payload may be null)
# What composing is told about stale bodies: prepare() has checked them, with the run's
# tolerance, on every day a payload may bear, so composing need not check them again.
CHECKED = True


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
        fail(run, item, problems(item, error.to_dict()))
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
        payload = _checked(run, item, registry, directory, parsed[1])
        return FAILED if payload is FAILED else (payload, parsed)
    except VanbanError as error:
        fail(run, item, problems(item, error.to_dict()))
    except Exception:
        log.exception("batch: preparing %s failed", item.id)
        fail(run, item, problems(item, work.INTERNAL))
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
        fail(run, task.item, problems(task.item, error.to_dict()))
        return False
    except Exception:
        log.exception("batch: composing %s failed", task.item.id)
        fail(run, task.item, problems(task.item, work.INTERNAL))
        return False
    # Printed in this process (one job, no broker): kept as it is, not pickled for a worker.
    packed = run.options.jobs > 1 or run.options.broker is not None
    task.stem, task.composed = document.meta.file_stem, work.Composed.of(document, packed)
    return True


def _checked(run: Run, item: Item, registry: Registry, directory: Directory, data: Any) -> Any:
    """Return the valid payload of ``item`` re-issued and checked for stale references.

    ``data`` is the item's typed input, used while the payload is still the item's own.
    """
    payload = item.payload
    if run.options.year is not None:
        payload, notes = reissue(payload, run.options.year)
        run.tally.warnings += [located(item, n.path, n.message, "review") for n in notes]
    stale = findings(payload, registry, directory, data if payload is item.payload else None)
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
        fail(run, item, blocking)
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
