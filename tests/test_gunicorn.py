"""The service under gunicorn as `make run` starts it: preloaded, warmed, workers recycled."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from service.pipeline import compose
from service.render.pdf import render_pdf

from .conftest import FIXTURES, ROOT

SEED = FIXTURES / "seeds/000-ranking-decision-2113-2023.json"


def free_port() -> int:
    """Return a loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """Yield the base URL of gunicorn with the project's settings, a worker recycled every 3."""
    port = free_port()
    env = {
        **os.environ,
        "VANBAN_HOST": "127.0.0.1",
        "VANBAN_PORT": str(port),
        "VANBAN_WORKERS": "2",
        "VANBAN_MAX_REQUESTS": "3",
    }
    log = (tmp_path / "gunicorn.log").open("w+")
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2):
                    break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        yield base, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def post(url: str, body: bytes) -> tuple[int, bytes]:
    """Return the status and body of a JSON POST."""
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read()


def test_recycled_workers_of_the_preloaded_master_answer_docx_and_the_same_pdf(server):
    base, log = server
    body = SEED.read_bytes()
    answers = [post(f"{base}/api/v1/documents?format=docx", body) for _ in range(10)]
    assert {status for status, _ in answers} == {200}
    assert len({content for _, content in answers}) == 1  # reproducible across workers
    status, pdf = post(f"{base}/api/v1/documents?format=pdf", body)
    assert status == 200
    assert pdf == render_pdf(compose(json.loads(body)))  # fonts work in a forked worker
    log.seek(0)
    text = log.read()
    assert "Autorestarting worker" in text  # recycling stayed on
    assert text.count("Booting worker") >= 4  # the recycled ones were forked anew
    assert "exited with code" not in text  # no worker failed, nor a helper the master reaped
