"""`vanban batch`: every file, a manifest and a report; re-runs skip; outputs reproducible."""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from service.batch.progress import Progress
from service.cli import main
from service.render.docx_text import docx_lines

from .conftest import FIXTURES, ROOT

SEEDS = FIXTURES / "seeds"
SEED_000 = SEEDS / "000-ranking-decision-2113-2023.json"
AGENCIES = 200


def vanban(*args, timeout: float = 180) -> subprocess.CompletedProcess:
    """Run the command line in a fresh process, as a clerk would."""
    return subprocess.run(
        [sys.executable, "-m", "service", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def write_scores_xlsx(path: Path, count: int = AGENCIES) -> None:
    """Write a scores sheet: a title, Vietnamese headers, decimal commas, criteria columns."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Điểm"
    sheet.append(["BẢNG TỔNG HỢP ĐIỂM ISO 9001 NĂM 2023"])
    sheet.append([])
    sheet.append(["STT", "Nhóm", "Tên cơ quan", "Tiêu chí 1", "Tiêu chí 2", "Tổng điểm"])
    for i in range(count):
        group = "các cơ quan cấp tỉnh" if i < count * 3 // 4 else "UBND cấp huyện"
        first_of_group = i in (0, count * 3 // 4)
        c1, c2 = 40 + i % 37, (i * 7) % 45
        sheet.append(
            [
                i + 1,
                group if first_of_group else None,
                f"Cơ quan số {i + 1:03d}",
                c1,
                f"{c2},5",
                f"{c1 + c2},5",
            ]
        )
    book.save(path)


def cli(*args):
    """Run the command in this process; workers, if any, are new processes."""
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def digests(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of every file in ``folder`` by name."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def seed_files() -> list[Path]:
    """Return the seed fixtures, however many there are."""
    return sorted(SEEDS.glob("*.json"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Run seeds + a 200-agency sheet in this process, then again into the same folder; and
    twice more at the same time in two separate processes, into two other folders."""
    work = tmp_path_factory.mktemp("batch")
    sheet = work / "diem-2023.xlsx"
    write_scores_xlsx(sheet)
    args = [SEEDS, sheet, "--base", SEED_000, "-f", "docx,pdf"]
    # Started together, so both read the same code and templates even in a busy tree.
    apart = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "service",
                "batch",
                *map(str, args),
                "--jobs",
                "1",
                "-o",
                str(work / name),
            ],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    first = cli(*args, "--jobs", "2", "-o", work / "out")
    report = json.loads((work / "out" / "report.json").read_text(encoding="utf-8"))
    before = {p.name: p.stat().st_mtime_ns for p in (work / "out").iterdir()}
    before_digests = digests(work / "out")
    again = cli(*args, "--jobs", "2", "-o", work / "out")
    errors = [process.communicate(timeout=180)[1] for process in apart]
    codes = [process.returncode for process in apart]
    return SimpleNamespace(
        work=work,
        sheet=sheet,
        first=first,
        report=report,
        again=again,
        codes=codes,
        errors=errors,
        before=before,
        before_digests=before_digests,
    )


def test_seeds_and_a_200_agency_sheet_produce_every_file(runs):
    assert runs.first.exit_code == 0, runs.first.output
    out = runs.work / "out"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    items = {record["item"]: record for record in manifest["items"]}
    expected = {p.as_posix() for p in seed_files()} | {runs.sheet.as_posix()}
    assert set(items) == expected
    for record in items.values():
        assert [o["format"] for o in record["outputs"]] == ["docx", "pdf"]
        assert set(record["versions"]) >= {"vanban", "docxtpl", "weasyprint"}
        assert len(record["input_sha256"]) == len(record["template_sha256"]) == 64
        for output in record["outputs"]:
            content = (out / output["path"]).read_bytes()
            assert len(content) == output["size"]
            assert hashlib.sha256(content).hexdigest() == output["sha256"]
    sheet_docx = out / items[runs.sheet.as_posix()]["outputs"][0]["path"]
    text = "\n".join(docx_lines(sheet_docx.read_bytes()))
    assert all(f"Cơ quan số {i:03d}" in text for i in range(1, AGENCIES + 1))
    report = runs.report
    assert report["summary"] == {
        "total": len(expected),
        "succeeded": len(expected),
        "rendered": len(expected),
        "skipped": 0,
        "failed": 0,
        "warnings": 0,
        "interrupted": False,
    }
    assert report["failures"] == []
    assert "bỏ qua 0 mục không đổi" in runs.first.stderr


def test_a_second_run_does_nothing_and_says_so(runs):
    assert runs.again.exit_code == 0, runs.again.output
    total = len(seed_files()) + 1
    assert f"bỏ qua {total} mục không đổi" in runs.again.stderr
    assert "tạo mới 0" in runs.again.stderr
    out = runs.work / "out"
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name != "report.json"} == {
        k: v for k, v in runs.before.items() if k != "report.json"
    }
    assert digests(out)["manifest.json"] == runs.before_digests["manifest.json"]


def test_outputs_are_byte_identical_across_two_separate_runs(runs):
    assert runs.codes == [0, 0], runs.errors
    one, two = digests(runs.work / "a"), digests(runs.work / "b")
    assert set(one) == set(two)
    assert {n for n in one if n.endswith((".docx", ".pdf"))}, "no outputs to compare"
    differing = [name for name in one if one[name] != two[name]]
    assert differing == []  # manifest.json and report.json too: they hold no times
    ours = runs.before_digests  # and the run with two workers in this process made the same
    assert {n: h for n, h in ours.items() if n.endswith((".docx", ".pdf"))} == {
        n: h for n, h in one.items() if n.endswith((".docx", ".pdf"))
    }


def test_progress_lines_when_stderr_is_not_a_terminal(runs):
    lines = [line for line in runs.first.stderr.splitlines() if line.startswith("[")]
    assert len(lines) == len(seed_files()) + 1
    assert all(" ok " in line for line in lines)


def test_a_changed_or_damaged_output_is_rendered_again(tmp_path):
    out = tmp_path / "out"
    assert cli(SEED_000, "-o", out, "-f", "docx", "-j", "1").exit_code == 0
    target = next(out.glob("*.docx"))
    good = target.read_bytes()
    target.write_bytes(good[:-10])
    result = cli(SEED_000, "-o", out, "-f", "docx", "-j", "1")
    assert result.exit_code == 0 and "tạo mới 1, bỏ qua 0 mục không đổi" in result.stderr
    assert target.read_bytes() == good
    result = cli(SEED_000, "-o", out, "-f", "docx,html", "-j", "1")  # other formats: again
    assert "tạo mới 1" in result.stderr and (out / target.with_suffix(".html").name).exists()


def test_a_second_run_into_a_busy_folder_is_refused(tmp_path):
    (tmp_path / "out").mkdir()
    handle = os.open(tmp_path / "out" / ".batch.lock", os.O_CREAT | os.O_RDWR)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        result = cli(SEED_000, "-o", tmp_path / "out", "-f", "docx", "-j", "1")
        assert result.exit_code == 2 and "đang được một lần chạy khác" in result.output
    finally:
        os.close(handle)


def test_colliding_names_are_made_unique_in_item_order(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.json", "b.json"):
        shutil.copy(SEED_000, folder / name)
    (folder / "c.jsonl").write_text(
        SEED_000.read_text(encoding="utf-8").replace("\n", "") + "\n", encoding="utf-8"
    )
    result = cli(folder, "-o", tmp_path / "out", "-f", "docx", "-j", "1")
    assert result.exit_code == 0, result.output
    records = json.loads((tmp_path / "out" / "manifest.json").read_text())["items"]
    names = {Path(r["item"]).name: r["outputs"][0]["path"] for r in records}
    stem = "quyet-dinh-2113-qd-ubnd-2023-12-31"
    assert names == {
        "a.json": f"{stem}.docx",
        "b.json": f"{stem}-2.docx",
        "c.jsonl:1": f"{stem}-3.docx",
    }


def broken_inputs(folder: Path) -> None:
    """Write a good seed and one input per kind of mistake; the sheet goes next to them."""
    good = json.loads(SEED_000.read_text(encoding="utf-8"))
    bad_score = json.loads(json.dumps(good))
    bad_score["groups"][0]["agencies"][3]["score"] = "mười"
    bad_citation = {**good, "citations": ["99/2099/QH99", *good["citations"][1:]]}
    folder.mkdir()
    for name, payload in (
        ("1-good.json", good),
        ("2-bad-score.json", bad_score),
        ("3-bad-citation.json", bad_citation),
        ("4-unknown-kind.json", {**good, "kind": "chiếu chỉ"}),
    ):
        (folder / name).write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    lines = [json.dumps({**good, "number": 2114}, ensure_ascii=False), '{"kind": ', ""]
    (folder / "5-lines.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (folder.parent / "6-scores.csv").write_text(
        "Nhóm;Tên cơ quan;Tổng điểm\ncác cơ quan cấp tỉnh;Sở Nội vụ;101,5\n;Sở Tư pháp;abc\n;;90\n"
        "UBND cấp huyện;UBND huyện Lục Nam;95\n",
        encoding="utf-8",
    )


def test_broken_items_fail_alone_and_the_report_names_each_field(tmp_path):
    broken_inputs(tmp_path / "in")
    out = tmp_path / "out"
    result = cli(
        tmp_path / "in",
        tmp_path / "6-scores.csv",
        "-o",
        out,
        "-f",
        "docx",
        "-j",
        "1",
        "--base",
        SEED_000,
    )
    assert result.exit_code == 1, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["succeeded"] == 2 and report["summary"]["failed"] == 5
    found = {(Path(f["item"]).name, f["path"], f["code"]) for f in report["failures"]}
    assert ("2-bad-score.json", "groups.0.agencies.3.score", "invalid_input") in found
    assert ("3-bad-citation.json", "citations.0", "invalid_input") in found
    assert ("4-unknown-kind.json", "kind", "unknown_kind") in found
    assert ("5-lines.jsonl:2", "", "malformed_input") in found
    rows = {
        (f["path"], f.get("row")) for f in report["failures"] if f["item"].endswith("6-scores.csv")
    }
    assert rows == {("groups.0.agencies.1.score", 3), ("groups.0.agencies.2.name", 4)}
    bad = next(f for f in report["failures"] if f["path"] == "groups.0.agencies.3.score")
    assert "số" in bad["message"] and bad["input"].endswith("2-bad-score.json")
    assert re.fullmatch(r"Nhóm 1 \(.+\) › Cơ quan 4 \(.+\) › Tổng điểm", bad["field"])
    kind = next(f for f in report["failures"] if f["code"] == "unknown_kind")
    assert "'chiếu chỉ'" in kind["message"] and "ranking-decision" in kind["message"]
    assert "dòng 3 của bảng" in result.stderr
    outputs = sorted(p.name for p in out.glob("*.docx"))
    assert outputs == [
        "quyet-dinh-2113-qd-ubnd-2023-12-31.docx",
        "quyet-dinh-2114-qd-ubnd-2023-12-31.docx",
    ]
    assert not (out / ".batch.lock").exists()  # the run's lock goes with it


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["EMPTY", "-o", "OUT"], "Không có dữ liệu đầu vào"),
        (["SHEET", "-o", "OUT"], "cần --base"),
        ([SEED_000, "-o", "OUT", "-f", "docx,odt"], "odt"),
        ([SEED_000, "-o", "FILE"], "là một tệp"),
        ([SEED_000], "Thiếu tùy chọn"),
        (["NOWHERE", "-o", "OUT"], "không tồn tại"),
    ],
)
def test_a_wrong_command_exits_2(tmp_path, args, fragment):
    (tmp_path / "empty").mkdir()
    (tmp_path / "s.csv").write_text("Tên cơ quan,Tổng điểm\nA,1\n", encoding="utf-8")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    places = {
        "EMPTY": tmp_path / "empty",
        "SHEET": tmp_path / "s.csv",
        "OUT": tmp_path / "o",
        "FILE": tmp_path / "file",
        "NOWHERE": tmp_path / "nowhere",
    }
    result = cli(*(places.get(a, a) if isinstance(a, str) else a for a in args))
    assert result.exit_code == 2, result.output
    assert fragment in result.output
    for noun in ("Đường Dẫn", "Thư Mục", "Tệp '"):  # click's title-cased nouns are not Vietnamese
        assert noun not in result.output


def test_progress_on_a_terminal_shows_done_failed_rate_and_time_left():
    stream, now = io.StringIO(), [0.0]
    progress = Progress(4, stream, tty=True, clock=lambda: now[0])
    now[0] = 2.0
    progress.advance("a.json", True)
    now[0] = 4.0
    progress.advance("b.json", False, "sai")
    assert progress.line() == (
        "[████████████░░░░░░░░░░░░] 2/4 mục · lỗi 1 · 0,5 mục/giây · còn 00:04"
    )
    assert "\r[" in stream.getvalue() and "b.json" not in stream.getvalue()
