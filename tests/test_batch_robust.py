"""Batches lose nothing: every bad item is a report line, every good one is rendered, names are
stored once, nothing half-made stays behind, finished files reach the disk before they count."""

from __future__ import annotations

import errno
import json
import os

import pytest
from click.testing import CliRunner

from service import files
from service.cli import main
from service.errors import CannotWrite

from .conftest import load_fixture
from .test_batch_api import assert_error, make_client, wait_until_finished, zip_of

SEED = "seeds/000-ranking-decision-2113-2023.json"
GOOD = json.dumps(load_fixture(SEED), ensure_ascii=False)
BAD = {
    "deep.json": "[" * 1000 + "]" * 1000,
    "huge.json": '{"kind": "ranking-decision", "year": ' + "9" * 5000 + "}",
    "nan.json": '{"kind": "ranking-decision", "year": NaN}',
    "month13.json": GOOD.replace('"date": "2023-12-31"', '"date": "2023-13-31"'),
    "list.json": "[1, 2]",
    "latin1.json": "\xff\xfe{}",
}


@pytest.mark.parametrize("year", [None, "2026"])
def test_a_folder_with_bad_files_reports_each_and_renders_the_good_one(tmp_path, year):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.json").write_text(GOOD, encoding="utf-8")
    for name, text in BAD.items():
        (folder / name).write_text(text, encoding="latin-1" if name == "latin1.json" else "utf-8")
    args = ["batch", str(folder), "-o", str(tmp_path / "out"), "-f", "html", "--jobs", "1"]
    args += ["--year", year, "--allow-stale"] if year else []
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    failed = {f["input"].rsplit("/", 1)[-1] for f in report["failures"]}
    assert failed == set(BAD)
    assert report["summary"]["rendered"] == 1
    assert len(list((tmp_path / "out").glob("*.html"))) == 1


def test_a_zip_with_a_bad_file_renders_the_good_one_and_lists_the_bad(tmp_path):
    client = make_client(tmp_path)
    upload = zip_of({"a.json": GOOD, "b.json": BAD["deep.json"]})
    response = client.post(
        "/api/v1/batches?format=html", data=upload, content_type="application/zip"
    )
    assert response.status_code == 202
    body = wait_until_finished(client, response.headers["Location"])
    assert body["state"] == "done", body
    assert body["counts"]["rendered"] == 1 and body["counts"]["failed"] == 1
    assert [f["input"].rsplit("/", 1)[-1] for f in body["failures"]] == ["b.json"]


@pytest.mark.parametrize(
    "names",
    [
        ["a.json", "./a.json"],
        ["d/a.json", "d//a.json"],
        ["a.json", "a.json/b.json"],
        ["x" * 300 + ".json"],
        ["e\u0301.json", "\u00e9.json"],  # the same name in NFD and NFC
    ],
)
def test_zip_names_that_cannot_each_be_stored_are_refused(tmp_path, names):
    client = make_client(tmp_path)
    upload = zip_of({name: GOOD for name in names})
    body = assert_error(
        client.post("/api/v1/batches", data=upload, content_type="application/zip"),
        422,
        "invalid_input",
    )
    assert set(body["errors"]) <= set(names) and body["errors"]
    assert not any(p.is_dir() for p in tmp_path.iterdir())  # no job folder was made


def test_a_job_that_cannot_be_written_leaves_no_folder(tmp_path, monkeypatch):
    from service.batch import jobs

    def broken(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(jobs.JobStore, "_write_job", broken)
    client = make_client(tmp_path)
    response = client.post("/api/v1/batches?format=html", json=[json.loads(GOOD)])
    assert_error(response, 500, "internal_error")  # the server's fault, said in the one shape
    assert not any(p.is_dir() for p in tmp_path.iterdir())


def test_a_file_and_its_folder_are_synced_before_and_after_the_rename(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append(("fsync", os.path.isdir(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src, dst):
        calls.append(("replace", os.path.getsize(src)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    files.write_atomically(tmp_path / "out.bin", b"12345")
    assert calls == [("fsync", False), ("replace", 5), ("fsync", True)]
    assert (tmp_path / "out.bin").read_bytes() == b"12345"


def test_a_full_disk_is_said_in_vietnamese_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(CannotWrite) as raised:
        files.write_atomically(tmp_path / "out.bin", b"12345")
    assert raised.value.message == "Không ghi được tệp 'out.bin': ổ đĩa đã đầy."
    assert list(tmp_path.iterdir()) == []


def test_a_batch_syncs_its_folder_once_before_the_manifest_names_the_files(tmp_path, monkeypatch):
    """Each file reaches the disk before its rename; the folder once, before the manifest."""
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append(("dir" if os.path.isdir(f"/proc/self/fd/{fd}") else "file",))
        real_fsync(fd)

    def replace(src, dst):
        calls.append(("replace", os.path.basename(dst)))
        real_replace(src, dst)

    inputs = tmp_path / "in.jsonl"
    numbers = range(2113, 2118)
    inputs.write_text("".join(GOOD.replace("2113", str(n)) + "\n" for n in numbers), "utf-8")
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    args = ["batch", str(inputs), "-o", str(tmp_path / "out"), "-f", "docx", "--jobs", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    documents = [i for i, c in enumerate(calls) if c[0] == "replace" and c[1].endswith(".docx")]
    manifests = [i for i, c in enumerate(calls) if c == ("replace", "manifest.json")]
    assert len(documents) == len(numbers) and manifests
    assert all(calls[i - 1] == ("file",) for i in documents)  # bytes synced before the rename
    for m in manifests:  # the folder synced after the last file renamed, before the manifest
        assert ("dir",) in calls[max(i for i in documents if i < m) : m - 1]
    # and otherwise only after a file of the run's own (manifest, report, status): not per file
    folder_syncs = [i for i, c in enumerate(calls) if c == ("dir",)]
    assert all(
        calls[i + 2 : i + 3] == [("replace", "manifest.json")]
        or not calls[i - 1][1].endswith(".docx")
        for i in folder_syncs
    )
