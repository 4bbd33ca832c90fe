"""The worker processes of a batch, started only when there is work for more than one."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from . import work

# WeasyPrint's memory grows with every PDF (peers.md): recycle a worker after this many items.
TASKS_PER_WORKER = 200

# CPU seconds one format of a typical input costs (make bench: the fixtures, ~8 KB of JSON; a
# bigger input costs in proportion), and the work that repays starting one more worker process
# (its start, the fork server's and handing it the documents: ~0.3 s).
TYPICAL_SECONDS = {"docx": 0.0015, "html": 0.0015, "pdf": 0.1}
TYPICAL_BYTES = 8_000
WORK_PER_PROCESS = 1.0


class Workers:
    """``map`` runs a function over jobs, unordered, on ``jobs`` processes (1: in this one).

    Workers come from a fork server that has imported the pipeline once, so each starts warm
    without inheriting this process's threads or open files. Leaving the block normally waits
    for them; leaving it on an exception (Ctrl-C included) terminates them.
    """

    def __init__(self, jobs: int, preload: tuple[str, ...] = ()) -> None:
        self.jobs = max(1, jobs)
        self.preload = [work.__name__, *preload]  # modules the fork server imports once
        self.pool: Any = None

    def __enter__(self) -> Workers:
        return self

    def map(self, function: Callable[[Any], Any], jobs: Iterable[Any]) -> Iterator[Any]:
        """Yield ``function(job)`` for every job, in completion order."""
        jobs = list(jobs)
        if self.jobs == 1 or len(jobs) <= 1 or not main_importable():
            return map(function, jobs)
        return self._pool().imap_unordered(function, jobs)

    def _pool(self) -> Any:
        if self.pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(self.preload)
            self.pool = context.Pool(
                self.jobs, initializer=work.init_worker, maxtasksperchild=TASKS_PER_WORKER
            )
        return self.pool

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if self.pool is None:
            return
        if exc_type is None:
            self.pool.close()
        else:
            self.pool.terminate()
        self.pool.join()


def main_importable() -> bool:
    """Return whether a new worker can import this program's main module.

    Workers re-import it (multiprocessing's spawn rules); when it is a script read from stdin
    or typed at a prompt they cannot, and the pool would restart them forever.
    """
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name:
        return True
    path = getattr(main, "__file__", None)
    return path is None or os.path.isfile(path)


def worthwhile_jobs(payloads: Sequence[object], formats: Sequence[str], cores: int) -> int:
    """Return how many processes a batch run without --jobs uses: up to ``cores``, one more
    for each WORK_PER_PROCESS seconds of estimated work.

    A batch of 200 small DOCX is about 0.3 s of work: a second process would cost as much to
    start as it takes off, and the batch is faster, in CPU and on the clock, in one.
    """
    per_typical = sum(TYPICAL_SECONDS.get(f, TYPICAL_SECONDS["pdf"]) for f in formats)
    work = 0.0
    for payload in payloads:
        size = len(json.dumps(payload, ensure_ascii=False)) if payload is not None else 0
        work += per_typical * max(1.0, size / TYPICAL_BYTES)
        if work >= WORK_PER_PROCESS * cores:
            break  # enough for every core: no need to look further
    return max(1, min(cores, 1 + int(work / WORK_PER_PROCESS)))


def executor(jobs: int, broker: str | None = None, preload: tuple[str, ...] = ()) -> Any:
    """Return where a batch's items run: the local pool, or the workers behind ``broker``.

    ``preload``: modules the local pool's fork server imports once for all its workers.
    """
    if broker is None:
        return Workers(jobs, preload)
    from .engine.executor import CeleryWorkers  # Celery only when asked for

    return CeleryWorkers(broker)
