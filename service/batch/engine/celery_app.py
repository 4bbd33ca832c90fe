"""The Celery application, configured from the project's own settings (Flask's pattern).

Settings chosen for long CPU-bound items: a task is acknowledged only when it is finished
(``acks_late``) and put back when its worker dies (``reject_on_worker_lost``); a worker takes
one item at a time (prefetch 1) so a slow item never holds others back; Redis gives an
unacknowledged item to another worker after the visibility timeout, which must stay above the
longest item (VANBAN_BROKER_VISIBILITY_TIMEOUT, seconds).
"""

from __future__ import annotations

import os
from functools import cache

from celery import Celery

VISIBILITY_TIMEOUT = 600  # seconds; an item takes well under a minute
RESULT_EXPIRES = 24 * 3600  # task results; the job's own state has its own expiry
TASKS_PER_CHILD = 200  # WeasyPrint's memory grows with every PDF: recycle worker children


def visibility_timeout() -> int:
    """Return VANBAN_BROKER_VISIBILITY_TIMEOUT, or the default."""
    raw = os.environ.get("VANBAN_BROKER_VISIBILITY_TIMEOUT", "").strip()
    if not raw:
        return VISIBILITY_TIMEOUT
    if not raw.isdigit() or int(raw) <= 0:
        raise SystemExit(
            f"vanban: VANBAN_BROKER_VISIBILITY_TIMEOUT phải là số nguyên dương, không phải {raw!r}."
        )
    return int(raw)


@cache
def celery_app(broker_url: str) -> Celery:
    """Return the Celery application on ``broker_url`` (Redis: broker and result store)."""
    timeout = visibility_timeout()
    # Restore a lost worker's items promptly once their timeout has passed.
    restore = max(1, min(10, timeout // 4))
    app = Celery("vanban", broker=broker_url, backend=broker_url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        worker_max_tasks_per_child=TASKS_PER_CHILD,
        broker_transport_options={
            "visibility_timeout": timeout,
            "unacked_restore_interval": restore,
            "unacked_restore_throttle": 1,
        },
        result_backend_transport_options={"visibility_timeout": timeout},
        result_expires=RESULT_EXPIRES,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )
    app.conf.imports = ["service.batch.engine.tasks"]
    from . import tasks  # noqa: F401 - registers the tasks on every app

    return app
