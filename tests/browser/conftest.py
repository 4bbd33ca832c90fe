"""Browser fixtures: the real app behind a real HTTP server, and Chromium through Playwright.

The server is werkzeug's threaded WSGI server (``make_server``) in a thread of the test process:
binding port 0 gives a free port with no race between choosing and binding it, it starts in
milliseconds, stops cleanly with ``shutdown()``, and a failing request shows its traceback in
the test output. Threaded, because the page fetches the stylesheet, the preview and fixtures at
the same time. (gunicorn, the production server, is a separate process and would add seconds of
start-up and a port race for no behaviour the browser can see: the app and its headers are
the same WSGI callable either way.)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from service.app import create_app

if TYPE_CHECKING:
    from flask import Flask
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
# The closed network refuses Chromium's own background connections; keep it from trying.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000  # a bound for every wait; expectations return as soon as they hold

# A 422 answer is how the service reports field errors, which the page then shows next to the
# fields: Chromium logs it as a failed load, but it is the behaviour under test, not a problem.
EXPECTED = re.compile(r"Failed to load resource: the server responded with a status of 422\b")


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 and a free port while the block runs; yield its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="vanban-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """Serve the app for the whole session."""
    with served(create_app()) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Start Debian's Chromium once (Playwright never downloads a browser here)."""
    from playwright import sync_api  # installed by `make test` (pip install -e .[dev])

    # `make test` installs Debian's chromium; a missing browser fails rather than skips.
    assert CHROMIUM.exists(), "Chromium is not installed at /usr/bin/chromium: run `make test`"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=TIMEOUT_MS
        )
        try:
            yield browser
        finally:
            browser.close()


class Problems(list):
    """Console errors and warnings, uncaught page errors and CSP violations seen in a test."""

    def add(self, text: str) -> None:
        if not EXPECTED.search(text):
            self.append(text)


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def page(browser, base_url, problems) -> Iterator[Page]:
    """Return a fresh page; after the test, fail if anything was reported as a problem."""
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(
        base_url=base_url,
        accept_downloads=True,
        locale="vi-VN",
        viewport={"width": 1400, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on(
        "console",
        lambda m: (
            problems.add(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda error: problems.add(f"page error: {error}"))
    # The browser's own log also has CSP violations and failed loads of every frame, the
    # preview frame included (no script runs there to report them).
    session = context.new_cdp_session(page)
    session.on(
        "Log.entryAdded",
        lambda event: (
            problems.add(f"log {event['entry']['source']}: {event['entry']['text']}")
            if event["entry"]["level"] in ("error", "warning")
            else None
        ),
    )
    session.send("Log.enable")
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    try:
        yield page
    finally:
        context.close()
    assert list(problems) == []
