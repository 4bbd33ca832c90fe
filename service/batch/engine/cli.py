"""`vanban worker`: a Celery worker with the project's settings, for batch items on any machine."""

from __future__ import annotations

import sys

import click
from kombu.utils.url import maybe_sanitize_url

from ..cli import default_jobs

SCHEMES = ("redis://", "rediss://")


def check_broker(url: str) -> None:
    """Exit with a Vietnamese message (code 2) unless ``url`` is a Redis that answers."""
    shown = maybe_sanitize_url(url)
    if not url.startswith(SCHEMES):
        _fail(
            f"VANBAN_BROKER_URL phải là địa chỉ Redis (redis://máy:cổng/số), không phải {shown!r}."
        )
    from .celery_app import celery_app

    try:
        with celery_app(url).connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=5)
    except Exception as error:  # kombu wraps every transport error differently
        _fail(f"Không kết nối được máy chủ hàng đợi Redis tại {shown}: {error}")


def _fail(message: str) -> None:
    click.echo(f"Lỗi: {message}", err=True)
    sys.exit(2)


@click.command("worker")
@click.option(
    "--broker",
    envvar="VANBAN_BROKER_URL",
    required=True,
    metavar="URL",
    help="Địa chỉ Redis làm hàng đợi và nơi lưu trạng thái (mặc định: VANBAN_BROKER_URL).",
)
@click.option(
    "-c",
    "--concurrency",
    type=click.IntRange(min=1),
    default=None,
    help="Số tiến trình xử lý song song. Mặc định: số lõi CPU.",
)
@click.option(
    "-n", "--name", "node", default="vanban@%h", show_default=True, help="Tên nút của worker."
)
@click.option("--loglevel", default="INFO", show_default=True, help="Mức ghi nhật ký.")
def worker(broker: str, concurrency: int | None, node: str, loglevel: str) -> None:
    """Chạy một worker xử lý các mục của lô từ hàng đợi Redis (Celery).

    Mỗi máy chạy một hoặc nhiều worker; tất cả phải thấy thư mục dữ liệu (VANBAN_DATA_DIR)
    ở cùng một đường dẫn.
    """
    check_broker(broker)
    from service.pipeline import warm

    from .celery_app import celery_app

    # Reference data, schemas, templates and style sheets loaded once, here: every pool process,
    # first or recycled after TASKS_PER_CHILD items, is forked ready instead of loading them.
    warm()

    argv = [
        "worker",
        f"--loglevel={loglevel}",
        "-n",
        node,
        "-c",
        str(concurrency or default_jobs()),
    ]
    celery_app(broker).worker_main(argv)
