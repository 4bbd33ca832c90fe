"""Batch jobs on Celery: a real redis-server, real `vanban worker` processes, the API in-process.

A worker is SIGKILLed mid-job as a lost machine would be; its unacknowledged items come back
after the (short, in tests) visibility timeout and the job completes.
"""

from __future__ import annotations

import io
import itertools
import json
import shutil
import subprocess
import sys
import time
import zipfile

import pytest

from service.app import create_app

from .conftest import ROOT, load_fixture
from .distributed import RedisServer, start_workers
from .test_batch_api import assert_error

ITEMS = 200
# Five kinds with short PDFs (one or two pages), to keep the tests' time low.
LIGHT = [
    "edge/notice-no-sections.json",
    "edge/objectives-one.json",
    "seeds/004-quality-objectives-2022.json",
    "seeds/002-inspection-plan-52-2015.json",
    "decisions/direct-decision.json",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Return a redis-server of this module's own."""
    redis_server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield redis_server
    redis_server.stop()


@pytest.fixture
def workers(server, tmp_path):
    """Start workers by name on database 0; stop them all after the test."""
    started = []

    def start(*names):
        new = start_workers(server.url(), list(names), tmp_path)
        started.extend(new)
        return new

    yield start
    for worker in started:
        worker.stop()


def client_for(server, data_dir, db=0, **config):
    """Return an API client whose jobs run on the workers behind database ``db``."""
    settings = {"TESTING": True, "VANBAN_DATA_DIR": str(data_dir), **config}
    return create_app({**settings, "VANBAN_BROKER_URL": server.url(db)}).test_client()


def payloads(count, invalid=()):
    """Return ``count`` inputs cycling over five kinds; ``invalid`` indexes fail."""
    items = []
    for n, name in zip(range(count), itertools.cycle(LIGHT), strict=False):
        item = load_fixture(name)
        if isinstance(item.get("number"), int):
            item["number"] = 100 + n
        if n in invalid:
            item = {**load_fixture("seeds/000-ranking-decision-2113-2023.json"), "date": "x"}
        items.append(item)
    return items


def wait_for(client, location, done=lambda body: body["state"] in ("done", "failed"), timeout=180):
    """Poll the job until ``done(body)``; return the body."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(location).get_json()
        if done(body):
            return body
        time.sleep(0.1)
    raise AssertionError(f"the job did not get there: {body}")


def archive_files(client, location):
    """Return the job's archive as {name: bytes}."""
    with client.get(f"{location}/archive") as response:
        assert response.status_code == 200, response.get_data(as_text=True)
        content = response.get_data()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def local_batch(inputs_folder, tmp_path):
    """Return {name: bytes} of `vanban batch inputs -o out --jobs 2` over the same inputs."""
    work = tmp_path / "local"
    shutil.copytree(inputs_folder, work / "inputs")
    command = [sys.executable, "-m", "service", "batch", "inputs", "-o", "out", "--jobs", "2"]
    result = subprocess.run(command, cwd=work, capture_output=True, text=True, env=None)
    assert result.returncode in (0, 1), result.stderr
    return {p.name: p.read_bytes() for p in (work / "out").iterdir() if not p.name.startswith(".")}


def test_two_workers_one_killed_mid_job_complete_it_as_a_local_batch(server, workers, tmp_path):
    first, _ = workers("w1@test", "w2@test")
    client = client_for(server, tmp_path / "data")
    invalid = {17, 150}
    posted = client.post("/api/v1/batches?format=docx,pdf", json=payloads(ITEMS, invalid))
    assert posted.status_code == 202, posted.get_data(as_text=True)
    location = posted.headers["Location"]
    both_busy = wait_for(client, location, lambda b: len(b["workers"]) == 2, timeout=120)
    assert both_busy["state"] == "running" and both_busy["counts"]["done"] < ITEMS
    first.kill()
    body = wait_for(client, location)

    assert body["state"] == "done", body
    counts = body["counts"]
    assert counts["total"] == counts["done"] == ITEMS
    assert (counts["succeeded"], counts["failed"]) == (ITEMS - len(invalid), len(invalid))
    assert set(body["workers"]) == {"w1@test", "w2@test"} and min(body["workers"].values()) > 0
    assert sum(body["workers"].values()) == counts["succeeded"]

    files = archive_files(client, location)
    manifest = json.loads(files["manifest.json"])
    report = json.loads(files["report.json"])
    listed = [record["item"] for record in manifest["items"]]
    failed = [problem["item"] for problem in report["failures"]]
    expected = [f"inputs/item-{n:05d}.json" for n in range(ITEMS)]
    assert sorted(listed + failed) == expected  # every item once: none missing, none twice
    assert failed == [f"inputs/item-{n:05d}.json" for n in sorted(invalid)]

    folder = tmp_path / "data" / body["id"]
    assert files == local_batch(folder / "inputs", tmp_path)  # byte for byte, reports too


def test_a_job_whose_workers_all_died_resumes_and_renders_only_the_missing(
    server, workers, tmp_path
):
    count = 60
    lost = workers("w3@test", "w4@test")
    client = client_for(server, tmp_path / "data")
    posted = client.post("/api/v1/batches?format=docx,pdf", json=payloads(count))
    location = posted.headers["Location"]
    wait_for(client, location, lambda b: b["counts"]["done"] >= 8, timeout=120)
    for worker in lost:
        worker.kill()
    before = client.get(location).get_json()
    assert before["state"] == "running" and before["counts"]["done"] < count
    workers("w5@test")
    resumed = client.post(f"{location}/resume")
    assert resumed.status_code == 202 and resumed.get_json()["state"] == "queued"
    body = wait_for(client, location)

    assert body["state"] == "done" and body["counts"]["succeeded"] == count, body
    missing = count - before["counts"]["done"]
    assert body["counts"]["renders"] - before["counts"]["renders"] == missing
    assert body["workers"].get("w5@test") == missing
    time.sleep(3)  # the lost workers' own deliveries come back now: they must do nothing
    assert client.get(location).get_json()["counts"]["renders"] == body["counts"]["renders"]
    files = archive_files(client, location)
    report = json.loads(files["report.json"])
    assert report["summary"] == {
        "total": count,
        "succeeded": count,
        "rendered": count,
        "skipped": 0,
        "failed": 0,
        "warnings": 0,
        "interrupted": False,
    }
    assert len(json.loads(files["manifest.json"])["items"]) == count


def test_a_cancelled_job_takes_no_more_items_then_resumes_or_is_deleted(server, workers, tmp_path):
    count = 40
    workers("w6@test")
    client = client_for(server, tmp_path / "data")
    location = client.post("/api/v1/batches?format=pdf", json=payloads(count)).headers["Location"]
    wait_for(client, location, lambda b: b["counts"]["done"] >= 3, timeout=120)
    cancelled = client.delete(location)
    assert cancelled.status_code == 202 and cancelled.get_json()["state"] == "cancelled"
    body = wait_for(client, location, lambda b: "resume" in b.get("message", ""), timeout=60)
    time.sleep(1)
    settled = client.get(location).get_json()
    assert settled["counts"]["renders"] == body["counts"]["renders"] < count
    assert_error(client.get(f"{location}/archive"), 409, "batch_not_finished")
    folder = tmp_path / "data" / body["id"]
    manifest = json.loads((folder / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["items"]) == settled["counts"]["done"]

    assert client.post(f"{location}/resume").status_code == 202
    done = wait_for(client, location)
    assert done["state"] == "done" and done["counts"]["succeeded"] == count
    assert done["counts"]["renders"] == count
    assert_error(client.post(f"{location}/resume"), 409, "batch_done")

    assert client.delete(location).status_code == 204
    assert not folder.exists()
    assert_error(client.get(location), 404, "not_found")


def test_a_full_queue_answers_429_with_retry_after(server, tmp_path):
    client = client_for(server, tmp_path / "data", db=1, VANBAN_BATCH_MAX_QUEUED=1)
    seed = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    waiting = client.post("/api/v1/batches?format=docx", json=[seed])  # no worker on db 1
    assert waiting.status_code == 202 and waiting.get_json()["state"] == "queued"
    refused = client.post("/api/v1/batches?format=docx", json=[seed])
    body = assert_error(refused, 429, "queue_full")
    assert int(refused.headers["Retry-After"]) > 0 and "1/1" in body["message"]
    assert [p.name for p in (tmp_path / "data").iterdir() if p.is_dir()] == [
        waiting.get_json()["id"]
    ]  # the refused job left no folder
    assert client.delete(waiting.headers["Location"]).get_json()["state"] == "cancelled"
    assert client.post("/api/v1/batches?format=docx", json=[seed]).status_code == 202


def test_a_finished_job_expires_after_its_ttl(server, workers, tmp_path):
    workers("w7@test")
    client = client_for(server, tmp_path / "data")  # the default: kept 7 days
    seed = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    location = client.post("/api/v1/batches?format=docx", json=[seed]).headers["Location"]
    body = wait_for(client, location)
    assert body["state"] == "done"
    folder = tmp_path / "data" / body["id"]
    assert (folder / "archive.zip").is_file()
    time.sleep(2.5)
    assert client.get(location).get_json()["state"] == "done"
    expiring = client_for(server, tmp_path / "data", VANBAN_BATCH_TTL=1)
    assert_error(expiring.get(location), 404, "not_found")
    assert not folder.exists()
    assert not server.client().exists(f"vanban:job:{body['id']}")


def test_the_worker_says_in_vietnamese_when_the_broker_cannot_be_reached():
    from .distributed import free_port

    command = [sys.executable, "-m", "service", "worker", "--broker"]
    result = subprocess.run(
        [*command, f"redis://127.0.0.1:{free_port()}/0"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2 and "Không kết nối được máy chủ hàng đợi" in result.stderr


def test_vanban_batch_with_a_broker_gives_the_files_of_a_local_run(server, workers, tmp_path):
    workers("w8@test")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for n, payload in enumerate(payloads(8, invalid={3})):
        (inputs / f"{n}.json").write_text(json.dumps(payload), encoding="utf-8")
    command = [sys.executable, "-m", "service", "batch", str(inputs), "-f", "docx,html"]
    remote = subprocess.run(
        [*command, "-o", str(tmp_path / "remote"), "--broker", server.url()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    local = subprocess.run(
        [*command, "-o", str(tmp_path / "local"), "--jobs", "1"], capture_output=True, text=True
    )
    assert remote.returncode == local.returncode == 1, remote.stderr  # one item fails
    produced = {p.name: p.read_bytes() for p in (tmp_path / "remote").iterdir()}
    assert len(produced) == 2 + 7 * 2  # manifest, report, 7 items × 2 formats (no lock left)
    assert produced == {p.name: p.read_bytes() for p in (tmp_path / "local").iterdir()}
