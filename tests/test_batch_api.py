"""HTTP batch jobs: 202 + Location, status, archive, 409 before done, limits, unsafe ZIPs."""

from __future__ import annotations

import fcntl
import io
import json
import os
import time
import zipfile

import pytest

from service.app import create_app

from .conftest import load_fixture

ERROR_KEYS = {"code", "status", "message", "errors"}
SEED = "seeds/000-ranking-decision-2113-2023.json"


def make_client(data_dir, **config):
    """Return a test client whose jobs live in ``data_dir``."""
    settings = {
        "TESTING": True,
        "VANBAN_DATA_DIR": str(data_dir),
        "VANBAN_BATCH_WORKERS": 1,
        **config,
    }
    return create_app(settings).test_client()


def assert_error(response, status, code):
    """Assert the one error shape, with a Vietnamese message; return the body."""
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == ERROR_KEYS and body["status"] == status and body["code"] == code
    assert body["message"]
    return body


def zip_of(members):
    """Return a ZIP holding ``members`` (name → bytes or str)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def wait_until_finished(client, location, timeout=90):
    """Poll the status until the job is done or failed; return the last body."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(location).get_json()
        if body["state"] in ("done", "failed"):
            return body
        time.sleep(0.2)
    raise AssertionError(f"the job did not finish: {body}")


@pytest.fixture(scope="module")
def jobs(tmp_path_factory):
    """Post a JSON array and a ZIP at once; wait for both."""
    data_dir = tmp_path_factory.mktemp("jobs")
    client = make_client(data_dir)
    good = load_fixture(SEED)
    broken = json.loads(json.dumps(good))
    broken["groups"][0]["agencies"][1]["score"] = -1
    array = client.post(
        "/api/v1/batches?format=docx", json=[good, {**good, "number": 2114}, broken]
    )
    early_archive = client.get(f"{array.headers.get('Location')}/archive")
    upload = zip_of(
        {"2023/a.json": json.dumps(good), "2023/b.json": json.dumps({**good, "number": 7})}
    )
    zipped = client.post("/api/v1/batches?format=docx", data=upload, content_type="application/zip")
    finished = [wait_until_finished(client, r.headers["Location"]) for r in (array, zipped)]
    return data_dir, client, array, early_archive, zipped, finished


def test_posting_an_array_answers_202_with_location_and_status(jobs):
    _, _, array, _, _, _ = jobs
    assert array.status_code == 202, array.get_data(as_text=True)
    body = array.get_json()
    assert array.headers["Location"] == f"/api/v1/batches/{body['id']}"
    assert body["state"] in ("queued", "running") and body["formats"] == ["docx"]
    assert body["counts"]["total"] == 3 and body["links"]["archive"].endswith("/archive")


def test_the_archive_is_refused_with_409_before_the_job_is_done(jobs):
    _, _, _, early_archive, _, _ = jobs
    assert_error(early_archive, 409, "batch_not_finished")


def test_status_when_done_counts_and_locates_failures(jobs):
    _, _, _, _, _, (status, _) = jobs
    assert status["state"] == "done", status
    assert status["counts"]["total"] == 3 and status["counts"]["succeeded"] == 2
    assert status["counts"]["failed"] == 1 and status["progress"] == 1.0
    (failure,) = status["failures"]
    assert failure["item"] == "inputs/item-00002.json"
    assert failure["path"] == "groups.0.agencies.1.score" and "âm" in failure["message"]


def test_the_archive_holds_the_outputs_manifest_and_report(jobs):
    _, client, array, _, _, _ = jobs
    with client.get(f"{array.headers['Location']}/archive") as response:
        assert response.status_code == 200 and response.mimetype == "application/zip"
        content = response.get_data()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = sorted(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        report = json.loads(archive.read("report.json"))
    assert names == [
        "manifest.json",
        "quyet-dinh-2113-qd-ubnd-2023-12-31.docx",
        "quyet-dinh-2114-qd-ubnd-2023-12-31.docx",
        "report.json",
    ]
    assert {o["path"] for r in manifest["items"] for o in r["outputs"]} == {
        n for n in names if n.endswith(".docx")
    }
    assert report["summary"]["failed"] == 1


def test_a_zip_of_json_files_is_a_batch_too(jobs):
    _, client, _, _, zipped, (_, status) = jobs
    assert zipped.status_code == 202 and status["state"] == "done", status
    assert status["counts"]["succeeded"] == 2 and status["failures"] == []
    with client.get(f"{zipped.headers['Location']}/archive") as response:
        content = response.get_data()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert [r["item"] for r in manifest["items"]] == ["inputs/2023/a.json", "inputs/2023/b.json"]


def test_a_restarted_service_still_serves_a_finished_job(jobs):
    data_dir, _, array, _, _, _ = jobs
    fresh = make_client(data_dir)  # a new app, as after a restart or in another worker
    assert fresh.get(array.headers["Location"]).get_json()["state"] == "done"
    with fresh.get(f"{array.headers['Location']}/archive") as response:
        assert response.status_code == 200
    job = data_dir / array.get_json()["id"]
    assert {p.name for p in job.iterdir()} >= {
        "job.json",
        "status.json",
        "inputs",
        "out",
        "archive.zip",
        "job.log",
        "lock",
    }


@pytest.mark.parametrize(
    ("members", "code"),
    [
        ({"../evil.json": "{}"}, "unsafe_archive"),
        ({"ok/../../evil.json": "{}"}, "unsafe_archive"),
        ({"/etc/evil.json": "{}"}, "unsafe_archive"),
        ({"c:\\evil.json": "{}"}, "unsafe_archive"),
        ({"a.json": "{}", "run.sh": "echo"}, "unsafe_archive"),
        ({"a.json": "{}", "a.json ": "{}"}, "unsafe_archive"),
    ],
)
def test_an_unsafe_zip_is_refused_before_extracting(tmp_path, members, code):
    client = make_client(tmp_path)
    response = client.post("/api/v1/batches", data=zip_of(members), content_type="application/zip")
    assert_error(response, 400, code)
    assert not any(p.is_dir() for p in tmp_path.iterdir())  # no job folder was made


def test_a_symbolic_link_in_a_zip_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("link.json")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    response = make_client(tmp_path).post(
        "/api/v1/batches", data=buffer.getvalue(), content_type="application/zip"
    )
    assert_error(response, 400, "unsafe_archive")


@pytest.mark.parametrize(
    ("config", "body", "content_type"),
    [
        ({"VANBAN_BATCH_MAX_ITEMS": 2}, json.dumps([{}, {}, {}]), "application/json"),
        (
            {"VANBAN_BATCH_MAX_ITEMS": 2},
            zip_of({f"{i}.json": "{}" for i in range(3)}),
            "application/zip",
        ),
        ({"VANBAN_BATCH_MAX_UPLOAD": 100}, json.dumps([{"x": "y" * 200}]), "application/json"),
        (
            {"VANBAN_BATCH_MAX_UNZIPPED": 1024 * 1024},
            zip_of({"big.json": " " * (2 * 1024 * 1024)}),
            "application/zip",
        ),
    ],
)
def test_past_the_limits_the_answer_is_413(tmp_path, config, body, content_type):
    client = make_client(tmp_path, **config)
    response = client.post("/api/v1/batches", data=body, content_type=content_type)
    assert_error(response, 413, "payload_too_large")
    assert not any(p.is_dir() for p in tmp_path.iterdir())


def test_the_batch_upload_limit_is_its_own_not_the_apps(tmp_path):
    client = make_client(tmp_path, MAX_CONTENT_LENGTH=100, VANBAN_BATCH_MAX_ITEMS=2)
    response = client.post("/api/v1/batches", json=[{"x": "y" * 300}] * 3)
    body = assert_error(response, 413, "payload_too_large")
    assert "Lô có 3 văn bản" in body["message"]  # read past the app's 100 bytes


def fake_running_job(data_dir, job_id="f" * 32):
    """Make a job folder whose lock this test process holds; return the lock's descriptor."""
    folder = data_dir / job_id
    folder.mkdir(parents=True)
    (folder / "job.json").write_text(
        json.dumps({"id": job_id, "created": "x", "formats": ["docx"], "items": 1}),
        encoding="utf-8",
    )
    (folder / "status.json").write_text('{"state": "running"}', encoding="utf-8")
    handle = os.open(folder / "lock", os.O_CREAT | os.O_RDWR)
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def test_past_the_concurrent_job_limit_the_answer_is_429(tmp_path):
    handle = fake_running_job(tmp_path)
    try:
        client = make_client(tmp_path, VANBAN_BATCH_MAX_JOBS=1)
        response = client.post("/api/v1/batches", json=[load_fixture(SEED)])
        body = assert_error(response, 429, "too_many_jobs")
        assert response.headers["Retry-After"] and "tối đa 1" in body["message"]
        assert client.get(f"/api/v1/batches/{'f' * 32}").get_json()["state"] == "running"
    finally:
        os.close(handle)


def test_a_job_whose_process_died_is_reported_failed(tmp_path):
    os.close(fake_running_job(tmp_path))  # lock released: nobody runs the job any more
    body = make_client(tmp_path).get(f"/api/v1/batches/{'f' * 32}").get_json()
    assert body["state"] == "failed" and "bất thường" in body["message"]
    response = make_client(tmp_path).get(f"/api/v1/batches/{'f' * 32}/archive")
    assert_error(response, 409, "batch_not_finished")


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/batches/" + "0" * 32, 404, "not_found"),
        ("/api/v1/batches/..%2F..%2Fetc", 404, "not_found"),
        ("/api/v1/batches/" + "0" * 32 + "/archive", 404, "not_found"),
    ],
)
def test_unknown_jobs_are_404(tmp_path, path, status, code):
    assert_error(make_client(tmp_path).get(path), status, code)


@pytest.mark.parametrize(
    ("query", "body", "content_type", "status", "code"),
    [
        ("", "x", "text/plain", 415, "unsupported_media_type"),
        ("", "[]", "application/json", 422, "invalid_input"),
        ("", "{}", "application/json", 422, "invalid_input"),
        ("", "[1,", "application/json", 400, "malformed_input"),
        ("?format=docx,odt", "[{}]", "application/json", 422, "invalid_input"),
        ("", b"not a zip", "application/zip", 400, "malformed_input"),
    ],
)
def test_bad_requests_get_the_error_shape(tmp_path, query, body, content_type, status, code):
    response = make_client(tmp_path).post(
        f"/api/v1/batches{query}", data=body, content_type=content_type
    )
    assert_error(response, status, code)
