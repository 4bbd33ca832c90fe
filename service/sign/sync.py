"""Run pyHanko's synchronous calls even where an asyncio event loop is already running.

pyHanko's sync API wraps its async one in ``asyncio.run``, which refuses to start inside a running
loop (an async server, a test harness, a sync Playwright session in the same thread); there the
call runs in a short-lived thread of its own.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def outside_event_loop(function: Callable[P, R]) -> Callable[P, R]:
    """Return ``function`` made safe to call from inside a running event loop."""

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return function(*args, **kwargs)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="vanban-sign") as pool:
            return pool.submit(function, *args, **kwargs).result()

    return call
