"""`vanban batch INPUT... -o OUTDIR`: many documents at once, resumable, with a report."""

from __future__ import annotations

import errno
import fcntl
import gc
import os
import sys
from pathlib import Path

import click

from ..cli_common import fail
from ..errors import CannotWrite, VanbanError
from ..files import read_json, unwritable
from ..pipeline import FORMATS
from .inputs import UsageProblem, collect
from .pool import worthwhile_jobs
from .report import Tally
from .runner import Options, run_batch
from .status import StatusFile

LOCK = ".batch.lock"  # in OUTDIR: one run at a time writes there


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    """Return the formats of a comma list, in the given order, each once."""
    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(
            f"chọn trong {', '.join(FORMATS)} (phân cách bằng dấu phẩy); "
            f"không có: {', '.join(unknown) or '(trống)'}."
        )
    return formats


@click.command("batch")
@click.argument(
    "inputs",
    nargs=-1,
    required=True,
    metavar="INPUT...",
    type=click.Path(exists=True, path_type=Path),
)
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    metavar="OUTDIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục kết quả.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    default="docx,pdf",
    show_default=True,
    callback=parse_formats,
    help="Các định dạng, phân cách bằng dấu phẩy.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help=(
        "Số tiến trình song song. Mặc định: tới số lõi CPU, thêm một tiến trình cho mỗi khoảng "
        "1 giây việc ước tính (một lô nhỏ chạy nhanh hơn trong một tiến trình)."
    ),
)
@click.option(
    "--base",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON quyết định xếp hạng mà các nhóm của bảng điểm (XLSX/CSV) thay vào.",
)
@click.option(
    "--year", type=click.IntRange(2000, 2100), help="Tạo bản nháp cho năm mới từ dữ liệu năm cũ."
)
@click.option(
    "--allow-stale",
    is_flag=True,
    help="Vẫn tạo văn bản khi căn cứ hoặc cơ quan không còn hiệu lực (giữ cảnh báo).",
)
@click.option(
    "--archive",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ghi thêm một tệp ZIP gồm các tệp kết quả, manifest.json và report.json.",
)
@click.option(
    "--apply-replacements",
    is_flag=True,
    help="Thay căn cứ đã bị thay thế và cơ quan không còn tồn tại bằng văn bản, cơ quan kế "
    "tiếp khi dữ liệu biết; mọi thay đổi ghi trong report.json.",
)
@click.option(
    "--replace-groups",
    is_flag=True,
    help="Bảng điểm thay các nhóm của quyết định gốc (mặc định: tên nhóm phải trùng).",
)
@click.option(
    "--issue",
    "issue",
    is_flag=True,
    help="Ban hành: cấp số của sổ đăng ký văn bản đi cho từng bản nháp theo thứ tự đầu vào.",
)
@click.option(
    "--broker",
    metavar="URL",
    help="Chia các mục cho các worker qua hàng đợi Redis (redis://…) thay vì chạy trên máy này; "
    "các worker phải thấy thư mục kết quả (-o) ở cùng đường dẫn.",
)
@click.option("--status-file", type=click.Path(dir_okay=False, path_type=Path), hidden=True)
def batch(
    inputs: tuple[Path, ...],
    outdir: Path,
    formats: tuple[str, ...],
    jobs: int | None,
    base: Path | None,
    year: int | None,
    allow_stale: bool,
    archive: Path | None,
    apply_replacements: bool,
    replace_groups: bool,
    issue: bool,
    broker: str | None,
    status_file: Path | None,
) -> None:
    """Tạo hàng loạt văn bản từ các tệp JSON, thư mục, JSON Lines hoặc bảng điểm.

    Mỗi mục thành công hay lỗi độc lập; kết quả, manifest.json và report.json nằm trong OUTDIR.
    Chạy lại cùng lệnh thì bỏ qua các mục không đổi. Mã thoát: 0 tất cả thành công, 1 có mục
    lỗi, 2 lệnh sai.
    """
    items = _collect(inputs, base, status_file, replace_groups)
    lock = _claim_outdir(outdir, status_file)  # held until the process ends
    if broker:
        from .engine.cli import check_broker

        check_broker(broker)
        outdir = outdir.resolve()  # the workers write there, from their own working folder
    options = Options(
        formats=formats,
        jobs=jobs or worthwhile_jobs([item.payload for item in items], formats, default_jobs()),
        year=year,
        allow_stale=allow_stale,
        apply_replacements=apply_replacements,
        number=_numbering(status_file) if issue else None,
        broker=broker,
    )
    stream = sys.stderr
    # Modules, reference data and the inputs live until this command ends: out of the cyclic
    # collector's sight, which otherwise walks them again at every full collection.
    gc.freeze()
    try:
        outcome = run_batch(
            items,
            outdir,
            options,
            stream=stream,
            tty=stream.isatty(),
            status_path=status_file,
            archive_path=archive,
        )
    except CannotWrite as error:  # the manifest or the report: the folder filled up, say
        fail(error)
    from .report import summary_lines

    for line in summary_lines(outcome.tally, outcome.seconds, outcome.signum is not None):
        click.echo(line, err=True)
    (outdir / LOCK).unlink(missing_ok=True)  # removed while still held: no file left behind
    os.close(lock)
    if outcome.signum is not None:
        sys.exit(128 + outcome.signum)
    sys.exit(1 if outcome.tally.failed else 0)


def _numbering(status_file: Path | None):
    from ..register.cli import batch_numbering

    try:
        return batch_numbering()
    except VanbanError as error:
        _usage_failure(error.message, status_file)


def _collect(
    inputs: tuple[Path, ...], base: Path | None, status_file: Path | None, replace_groups: bool
) -> list:
    try:
        base_payload = read_json(str(base)) if base is not None else None
        return collect([str(p) for p in inputs], base_payload, replace_groups)
    except (UsageProblem, VanbanError) as error:
        _usage_failure(str(getattr(error, "message", error)), status_file)


def _claim_outdir(outdir: Path, status_file: Path | None) -> int:
    """Create OUTDIR and lock it against a second run at the same time; return the lock."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        if not os.access(outdir, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, "Permission denied")
        lock = os.open(outdir / LOCK, os.O_CREAT | os.O_RDWR, 0o644)
    except OSError as error:
        _usage_failure(
            f"Không ghi được vào thư mục kết quả '{outdir}': {unwritable(error)}.", status_file
        )
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(lock)
        _usage_failure(
            f"Thư mục kết quả '{outdir}' đang được một lần chạy khác sử dụng.", status_file
        )
    return lock


def _usage_failure(message: str, status_file: Path | None) -> None:
    click.echo(f"Lỗi: {message}", err=True)
    StatusFile(status_file).update("failed", Tally(), force=True, message=message)
    sys.exit(2)
