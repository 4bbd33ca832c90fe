"""A batch stopped by Ctrl-C or kill leaves only whole files, and the same command finishes it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from .conftest import FIXTURES, ROOT

SEED_000 = FIXTURES / "seeds" / "000-ranking-decision-2113-2023.json"
ITEMS = 10


def command(folder, out):
    """Return the batch command line for PDFs on two workers."""
    return [
        sys.executable,
        "-m",
        "service",
        "batch",
        str(folder),
        "-o",
        str(out),
        "-f",
        "pdf",
        "--jobs",
        "2",
    ]


def whole_pdf(content: bytes) -> bool:
    """Return whether a PDF file is complete: header and end-of-file marker."""
    return content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_run_leaves_no_partial_file_and_a_rerun_completes(tmp_path, signum):
    seed = json.loads(SEED_000.read_text(encoding="utf-8"))
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for n in range(ITEMS):
        (folder / f"{n:02d}.json").write_text(
            json.dumps({**seed, "number": 3000 + n}), encoding="utf-8"
        )
    process = subprocess.Popen(command(folder, out), cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120  # the manifest appears when a first item is complete
    while (
        not (out / "manifest.json").exists()
        and process.poll() is None
        and time.monotonic() < deadline
    ):
        time.sleep(0.02)
    process.send_signal(signum)
    stderr = process.communicate(timeout=60)[1]

    assert process.returncode == 128 + signum, stderr
    assert "Đã dừng giữa chừng" in stderr
    hidden = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert hidden == []  # no temporary file left, nor the run's lock
    pdfs = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    assert 0 < len(pdfs) < ITEMS, "the run was not stopped mid-way"
    assert all(whole_pdf(content) for content in pdfs.values())
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    recorded = {o["path"]: o["size"] for r in manifest["items"] for o in r["outputs"]}
    assert recorded and all(len(pdfs[name]) == size for name, size in recorded.items())
    assert (
        json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]["interrupted"]
        is True
    )

    rerun = subprocess.run(
        command(folder, out), cwd=ROOT, capture_output=True, text=True, timeout=180, check=False
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"bỏ qua {len(recorded)} mục không đổi" in rerun.stderr
    final = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    assert len(final) == ITEMS and all(whole_pdf(content) for content in final.values())
    assert all(final[name] == pdfs[name] for name in recorded)  # kept, not rewritten
