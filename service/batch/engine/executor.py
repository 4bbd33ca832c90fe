"""`vanban batch --broker URL`: the batch's items run as Celery tasks on every worker.

The same ``map`` as the local pool (service.batch.pool.Workers): the runner stays in charge of
naming, skipping, the manifest and the report; the workers only compose and render items,
writing into OUTDIR, which they must see at the same path (same machine, or shared storage).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from celery import group

from .. import work
from .celery_app import celery_app
from .tasks import outputs_of

NAMES = {work.render: "render"}
RESULT_TIMEOUT = 24 * 3600  # seconds; a worker lost mid-item is replaced long before


class CeleryWorkers:
    """Run item functions as ``vanban.run_item`` tasks and yield results as they finish."""

    def __init__(self, broker_url: str) -> None:
        self.app = celery_app(broker_url)
        self.pending: list[Any] = []

    def __enter__(self) -> CeleryWorkers:
        return self

    def map(self, function: Callable[[Any], Any], jobs: Iterable[Any]) -> Iterator[Any]:
        """Yield ``function(job)`` for every job, computed by the workers, in completion order."""
        name = NAMES[function]
        jobs = [list(job) for job in jobs]
        if not jobs:
            return iter(())
        signatures = [self.app.signature("vanban.run_item", args=[name, job]) for job in jobs]
        result = group(signatures).apply_async()
        self.pending.append(result)
        return self._results(name, result)

    def _results(self, name: str, result: Any) -> Iterator[Any]:
        for _task_id, meta in result.iter_native(timeout=RESULT_TIMEOUT, interval=0.05):
            value = meta["result"]
            yield outputs_of(value) if name == "render" else tuple(value)
        result.forget()
        self.pending.remove(result)

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is not None:  # Ctrl-C or a signal: workers take none of the rest
            for result in self.pending:
                result.revoke()
