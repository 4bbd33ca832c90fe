"""The embedded engine (no broker): cancel, resume, delete and expiry of HTTP batch jobs."""

from __future__ import annotations

import json
import time

from service.batch.status import read_status

from .conftest import load_fixture
from .test_batch_api import assert_error, make_client, wait_until_finished

SEED = "seeds/000-ranking-decision-2113-2023.json"


def items(count):
    """Return ``count`` copies of the seed decision with their own numbers."""
    seed = load_fixture(SEED)
    return [{**seed, "number": 500 + n} for n in range(count)]


def wait_for(predicate, timeout=120):
    """Wait until ``predicate()`` is true."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_cancelled_job_stops_and_resumes_where_it_stopped(tmp_path):
    count = 30
    client = make_client(tmp_path)
    location = client.post("/api/v1/batches?format=pdf", json=items(count)).headers["Location"]
    folder = tmp_path / location.rsplit("/", 1)[1]
    wait_for(lambda: client.get(location).get_json()["counts"].get("done", 0) >= 2)
    cancelled = client.delete(location)
    assert cancelled.status_code == 202 and cancelled.get_json()["state"] == "cancelled"
    wait_for(lambda: (read_status(folder / "status.json") or {}).get("state") == "failed")
    stopped = client.get(location).get_json()
    assert stopped["state"] == "cancelled" and stopped["counts"]["done"] < count
    kept = json.loads((folder / "out" / "manifest.json").read_text(encoding="utf-8"))["items"]
    assert_error(client.get(f"{location}/archive"), 409, "batch_not_finished")

    assert client.post(f"{location}/resume").status_code == 202
    done = wait_until_finished(client, location)
    assert done["state"] == "done" and done["counts"]["succeeded"] == count
    assert done["counts"]["skipped"] == len(kept)  # only the unfinished ones were rendered
    assert done["counts"]["rendered"] == count - len(kept)
    assert_error(client.post(f"{location}/resume"), 409, "batch_not_resumable")

    assert client.delete(location).status_code == 204
    assert not folder.exists()
    assert_error(client.get(location), 404, "not_found")


def test_a_finished_job_expires_after_its_ttl(tmp_path):
    client = make_client(tmp_path)
    location = client.post("/api/v1/batches?format=docx", json=items(1)).headers["Location"]
    assert wait_until_finished(client, location)["state"] == "done"
    time.sleep(2.5)
    assert client.get(location).get_json()["state"] == "done"  # kept 7 days by default
    expiring = make_client(tmp_path, VANBAN_BATCH_TTL=1)
    assert_error(expiring.get(location), 404, "not_found")
    assert not (tmp_path / location.rsplit("/", 1)[1]).exists()
