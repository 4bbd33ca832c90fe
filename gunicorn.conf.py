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
# Requests gunicorn refuses itself (a request line or headers too long) are answered in the
# service's JSON error shape, not gunicorn's HTML page.
worker_class = "service.serve.JsonErrorWorker"
# Longest request line (method, path and query): 8190 is gunicorn's largest bounded value.
# Behind a reverse proxy, let the proxy pass lines this long so the service's answer reaches
# the client (nginx: large_client_header_buffers 4 16k).
limit_request_line = int(os.environ.get("VANBAN_MAX_REQUEST_LINE", "8190"))
accesslog = "-"
errorlog = "-"

# Load the application once in the master and warm it there (reference data, schemas, compiled
# templates, parsed style sheets; pipeline.warm), so every worker, first or recycled, is forked
# ready: no worker imports the application while requests wait for it.
preload_app = True


def on_starting(server):
    """Refuse to start when the site folder is faulty; else warm the application, once.

    The refusal says why in Vietnamese (VANBAN_SITE_DIR). The warming runs in the master, before
    the first worker is forked and before the master's signal handlers: loading WeasyPrint's
    libraries may run short helper processes, which the master would otherwise reap and report
    as failed workers.
    """
    from service.catalog import site_resources
    from service.pipeline import warm
    from service.site import InvalidSite

    try:
        site_resources(os.environ.get("VANBAN_SITE_DIR") or None)
    except InvalidSite as error:
        raise SystemExit(f"vanban: không khởi động được.\n{error.describe()}") from None
    warm()
