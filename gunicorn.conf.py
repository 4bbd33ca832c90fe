"""gunicorn settings for `make run`; each can be overridden with a VANBAN_ environment variable."""

import multiprocessing
import os

bind = f"{os.environ.get('VANBAN_HOST', '127.0.0.1')}:{os.environ.get('VANBAN_PORT', '8000')}"
workers = int(os.environ.get("VANBAN_WORKERS", multiprocessing.cpu_count()))
# WeasyPrint's memory grows with every PDF: recycle a worker after a bounded number of requests,
# with jitter so the workers do not all restart at once.
max_requests = int(os.environ.get("VANBAN_MAX_REQUESTS", "500"))
max_requests_jitter = max(1, max_requests // 10)
timeout = int(os.environ.get("VANBAN_TIMEOUT", "60"))  # seconds per request before a restart
graceful_timeout = 20
accesslog = "-"
errorlog = "-"

# Load the application once in the master and warm it there (reference data, schemas, compiled
# templates, parsed style sheets; pipeline.warm), so every worker, first or recycled, is forked
# ready: no worker imports the application while requests wait for it.
preload_app = True


def on_starting(server):
    """Warm the preloaded application in the master, before the first worker is forked.

    Before the master's signal handlers too: loading WeasyPrint's libraries may run short
    helper processes, which the master would otherwise reap and report as failed workers.
    """
    from service.pipeline import warm

    warm()
