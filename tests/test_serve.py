"""The production server (gunicorn with the project's settings) answers every error in one shape."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ERROR_KEYS = {"code", "status", "message", "errors"}


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    """Run gunicorn (gunicorn.conf.py, one worker) on a loopback socket bound to port 0."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    env = {**os.environ, "VANBAN_WORKERS": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"fd://{listener.fileno()}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        pass_fds=[listener.fileno()],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    listener.close()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, str, bytes]:
    """Return status, content type and body of a GET."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/api/v1/citations?q=" + "a" * 5000, {}, 422),  # within the line limit: the app answers
        ("/api/v1/citations?q=" + "a" * 9000, {}, 414),  # beyond it: the worker answers
        ("/healthz", {"X-Big": "b" * 9000}, 431),
    ],
)
def test_long_requests_get_the_error_shape(server, path, headers, status):
    answer, content_type, body = get(server, path, headers)
    assert answer == status and content_type.startswith("application/json")
    document = json.loads(body)
    assert set(document) == ERROR_KEYS and document["status"] == status


def test_a_malformed_request_line_gets_the_error_shape(server):
    with socket.create_connection(("127.0.0.1", server), timeout=30) as raw:
        raw.sendall(b"GET / HTTP/9.9\r\nHost: x\r\n\r\n")
        reply = b""
        while chunk := raw.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") and set(json.loads(body)) == ERROR_KEYS
