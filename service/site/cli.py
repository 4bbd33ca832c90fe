"""`vanban site init DIR`, `vanban site check [DIR]`, and the ``--site DIR`` every command takes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..catalog import site_resources
from .folder import check_site
from .init import init_site
from .problems import InvalidSite

SITE_HELP = (
    "Thư mục site của đơn vị (danh mục văn bản, cơ quan, thang xếp loại, mẫu Word) đặt chồng lên "
    "dữ liệu có sẵn; mặc định: biến môi trường VANBAN_SITE_DIR."
)


def _use_site(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """Make ``value`` the site folder of this process and its workers; stop on a faulty one."""
    if value:
        os.environ["VANBAN_SITE_DIR"] = str(Path(value).resolve())
    folder = os.environ.get("VANBAN_SITE_DIR") or None
    if folder is None or ctx.resilient_parsing:
        return
    try:
        site_resources(folder)
    except InvalidSite as error:
        click.echo(f"Lỗi: {error.describe()}", err=True)
        ctx.exit(error.exit_code)


def site_param() -> click.Option:
    """Return the ``--site DIR`` option, read before the command's own arguments."""
    return click.Option(
        ["--site"],
        metavar="THƯ_MỤC",
        type=click.Path(file_okay=False),
        expose_value=False,
        is_eager=True,
        callback=_use_site,
        help=SITE_HELP,
    )


@click.group("site")
def site() -> None:
    """Thư mục site: dữ liệu và mẫu riêng của một đơn vị, tỉnh."""


@site.command("init")
@click.argument("folder", metavar="THƯ_MỤC", type=click.Path(file_okay=False))
def init(folder: str) -> None:
    """Tạo thư mục site sẵn để sửa: dữ liệu có sẵn, mẫu Word, hướng dẫn."""
    target = Path(folder)
    if target.exists() and any(target.iterdir()):
        click.echo(f"Lỗi: thư mục {folder} đã có nội dung; chọn một thư mục trống.", err=True)
        sys.exit(2)
    written = init_site(target)
    click.echo(f"Đã tạo thư mục site {folder} ({len(written)} tệp). Đọc {folder}/README.md.")


@site.command("check")
@click.argument("folder", metavar="THƯ_MỤC", required=False, type=click.Path(file_okay=False))
def check(folder: str | None) -> None:
    """Kiểm tra thư mục site; liệt kê mọi lỗi với tệp, mục và trường."""
    folder = folder or os.environ.get("VANBAN_SITE_DIR")
    if not folder:
        click.echo("Lỗi: chưa chỉ thư mục site (tham số hoặc VANBAN_SITE_DIR).", err=True)
        sys.exit(2)
    problems = check_site(folder)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"Thư mục site {folder}: {len(problems)} lỗi.", err=True)
        sys.exit(2)
    data = site_resources(str(Path(folder).resolve())).site
    added = ", ".join(f"{k} {v}" for k, v in sorted(data.added.items())) or "không"
    replaced = ", ".join(f"{k} {v}" for k, v in sorted(data.replaced.items())) or "không"
    click.echo(f"Thư mục site {folder} hợp lệ. Thêm: {added}. Thay: {replaced}.")
