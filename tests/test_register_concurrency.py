"""Gapless numbers under real concurrency: gunicorn with 2 workers, SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import load_fixture
from tests.servers import children, gunicorn, postgresql, wait_until
from tests.servers import request as http

REQUESTS, CLIENTS = 200, 16
NEW_YEAR = "2024-01-02"  # the kill test numbers its own series


def draft(day: str = "2023-12-31") -> dict:
    """Return the seed-000 decision as a draft dated ``day``."""
    payload = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    return {**payload, "number": None, "date": day}


def issue_many(port: int) -> tuple[list[int], float]:
    """Send REQUESTS issue requests from CLIENTS threads; return the numbers and the time."""
    body = draft()

    def one(_: int) -> int:
        status, headers, _content = http(port, "POST", "/api/v1/register?format=docx", body)
        assert status == 201, _content[:500]
        return int(headers["X-Register-Number"])

    started = time.monotonic()
    with ThreadPoolExecutor(CLIENTS) as pool:
        numbers = list(pool.map(one, range(REQUESTS)))
    return numbers, time.monotonic() - started


def register_numbers(port: int, year: str = "2023") -> list[int]:
    """Return the numbers the register holds for ``year``, in order, read back over HTTP."""
    status, _, content = http(port, "GET", f"/api/v1/register?year={year}&limit=1000")
    assert status == 200

    return [entry["number"] for entry in json.loads(content)["entries"]]


def check_gapless(port: int, label: str) -> None:
    numbers, seconds = issue_many(port)
    stored = register_numbers(port)
    gaps = sorted(set(range(1, REQUESTS + 1)) - set(numbers))
    duplicates = len(numbers) - len(set(numbers))
    print(
        f"\n{label}: {REQUESTS} requests from {CLIENTS} clients, 2 workers: "
        f"{len(set(numbers))} distinct numbers, {len(gaps)} gaps, {duplicates} duplicates, "
        f"{seconds:.1f} s ({REQUESTS / seconds:.1f} issues/s)"
    )
    assert sorted(numbers) == list(range(1, REQUESTS + 1))
    assert stored == list(range(1, REQUESTS + 1))


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def server(request, tmp_path_factory):
    """Run gunicorn with 2 workers on SQLite (a temporary data folder) or a new PostgreSQL."""
    from contextlib import nullcontext

    backend = request.param
    database = postgresql() if backend == "postgresql" else nullcontext(None)
    with database as url:
        folder = tmp_path_factory.mktemp("register")
        env = {"VANBAN_DATABASE_URL": url} if url else {"VANBAN_DATA_DIR": str(folder)}
        with gunicorn(env) as (port, master):
            yield backend, port, master


def test_200_concurrent_issues_give_1_to_200(server):
    backend, port, _ = server
    check_gapless(port, backend)


def kill_workers_during_an_issue(port: int, master: int, key: str, delay: float) -> bool:
    """Send a PDF issue, SIGKILL every worker after ``delay``; return whether it was cut."""
    outcome: list = []

    def send() -> None:
        try:
            outcome.append(
                http(
                    port,
                    "POST",
                    "/api/v1/register?format=pdf",
                    draft(NEW_YEAR),
                    {"Idempotency-Key": key},
                )[0]
            )
        except OSError as error:  # the connection died with the worker
            outcome.append(error)

    sender = threading.Thread(target=send)
    workers = children(master)
    sender.start()
    time.sleep(delay)
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    sender.join(120)
    wait_until(lambda: len(children(master)) == 2, 60)
    wait_until(lambda: http(port, "GET", "/healthz")[0] == 200, 60)
    return not (outcome and outcome[0] == 201)


def test_a_worker_killed_while_issuing_then_a_retry_with_the_same_key_leaves_no_gap(server):
    backend, port, master = server
    cut, retried = [], []
    for round_, delay in enumerate((0.1, 0.6)):
        assert http(port, "POST", "/api/v1/register?format=docx", draft(NEW_YEAR))[0] == 201
        key = f"kill-{round_}"
        cut.append(kill_workers_during_an_issue(port, master.pid, key, delay))
        retry = {"Idempotency-Key": key}
        status, headers, _ = http(
            port, "POST", "/api/v1/register?format=pdf", draft(NEW_YEAR), retry
        )
        assert status in (200, 201)  # 200: the killed request had committed; 201: it had not
        retried.append(status)
        again = http(port, "POST", "/api/v1/register?format=pdf", draft(NEW_YEAR), retry)
        assert again[0] == 200  # the retry of the retry: same number, nothing new
        assert again[1]["X-Register-Number"] == headers["X-Register-Number"]
    print(f"\n{backend}: {sum(cut)}/{len(cut)} issue requests cut by SIGKILL; retries: {retried}")
    assert any(cut), "no request was cut by the kill: the test did not test anything"
    assert register_numbers(port, NEW_YEAR[:4]) == [1, 2, 3, 4]
