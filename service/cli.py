"""Command line: `vanban render INPUT.json --format docx|pdf|html -o OUT`, `vanban kinds`."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import MalformedInput, VanbanError
from .pipeline import FORMATS, generate


def read_json(source: str) -> Any:
    """Return the JSON in file ``source`` ('-' for standard input)."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MalformedInput(f"Không tìm thấy tệp '{source}'.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise MalformedInput(f"Không đọc được tệp '{source}': {error}.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedInput(f"Tệp '{source}' không phải JSON hợp lệ: dòng {error.lineno}, "
                             f"cột {error.colno}: {error.msg}.") from None


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file, so no half-written file remains."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vanban")
def main() -> None:
    """vanban: văn bản hành chính theo Nghị định 30/2020/NĐ-CP từ dữ liệu có cấu trúc."""


@main.command()
@click.argument("source", metavar="INPUT.json")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATS)), default="docx",
              show_default=True, help="Định dạng đầu ra.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Tệp đầu ra ('-' để ghi ra stdout). Mặc định: tên suy ra từ số và ngày.")
def render(source: str, fmt: str, output: str | None) -> None:
    """Render INPUT.json (có trường "kind") thành DOCX, PDF hoặc HTML."""
    try:
        result = generate(read_json(source), fmt)
    except VanbanError as error:
        click.echo(f"Lỗi: {error.describe()}", err=True)
        sys.exit(error.exit_code)
    if output == "-":
        sys.stdout.buffer.write(result.content)
        return
    target = Path(output or result.filename)
    write_atomically(target, result.content)
    click.echo(f"Đã ghi {target} ({len(result.content):,} byte).".replace(",", "."), err=True)


@main.command()
def kinds() -> None:
    """Liệt kê các loại văn bản."""
    from .catalog import KINDS

    for spec in KINDS.values():
        click.echo(f"{spec.name}\t{spec.title}")


from .batch.cli import batch  # noqa: E402 - registered last: the command imports this module

main.add_command(batch)

from .lint.cli import lint  # noqa: E402 - registered last, as batch

main.add_command(lint)
