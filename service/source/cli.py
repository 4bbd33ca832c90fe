"""`vanban source FILE`: the input JSON a DOCX or PDF was made from, to stdout or ``-o``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from service.cli_common import fail, read_argument_file, write_output
from service.errors import VanbanError

from . import SourceError, pretty_text, read_source

MAX_FILE = 64 * 1024 * 1024


def read_file(source: str) -> bytes:
    """Return at most MAX_FILE bytes of file ``source`` ('-' for standard input)."""
    data = read_argument_file(source, MAX_FILE, SourceError)
    if len(data) > MAX_FILE:
        raise SourceError(f"Tệp '{source}' quá lớn (tối đa 64 MiB).")
    return data


@click.command("source")
@click.argument("source", metavar="TỆP")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Ghi dữ liệu JSON vào tệp này (mặc định: ra màn hình).",
)
def source(source: str, output: str | None) -> None:
    """Lấy lại dữ liệu đầu vào (JSON) từ tệp DOCX hoặc PDF do vanban tạo ra."""
    name = "stdin" if source == "-" else Path(source).name
    try:
        text = pretty_text(read_source(read_file(source), name))
    except VanbanError as error:
        fail(error)
    if output in (None, "-"):
        sys.stdout.buffer.write(text.encode("utf-8"))
        return
    write_output(Path(output), text.encode("utf-8"))
    click.echo(f"Đã ghi {output}.", err=True)
