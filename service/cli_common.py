"""What the commands of the command line share: how a failure ends, the one-format option."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

import click
from click.core import ParameterSource

from .errors import VanbanError
from .files import unreadable, write_atomically


def fail(error: VanbanError, payload: object = None) -> NoReturn:
    """Print ``error`` in Vietnamese on stderr and exit with its code.

    ``payload`` names the fields as a clerk reads them (see VanbanError.describe).
    """
    click.echo(f"Lỗi: {error.describe(payload)}", err=True)
    sys.exit(error.exit_code)


def read_argument_file(source: str, limit: int, error: type[VanbanError]) -> bytes:
    """Return at most ``limit`` + 1 bytes of file ``source`` ('-' for standard input).

    One byte more than ``limit`` lets the caller refuse a larger file without reading it whole;
    a file that cannot be read raises ``error`` saying why, in Vietnamese.
    """
    try:
        if source == "-":
            return sys.stdin.buffer.read(limit + 1)
        with Path(source).open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise error(f"Không tìm thấy tệp '{source}'.") from None
    except OSError as failure:
        raise error(f"Không đọc được tệp '{source}': {unreadable(failure)}.") from None


def format_option(
    choices: Iterable[str], default: str, help: str | None = None
) -> Callable[[Any], Any]:
    """Return the ``-f/--format`` option choosing one of ``choices`` (passed as ``fmt``).

    A command that also takes ``-o`` passes both to ``output_format``: without ``-f``, the
    output's name chooses the format.
    """
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(sorted(choices)),
        default=default,
        show_default=True,
        help=f"{help or ''} Không có -f thì theo đuôi tên tệp -o (.docx, .pdf…).".strip(),
    )


def output_format(fmt: str, output: str | None, endings: dict[str, str]) -> str:
    """Return the format to write: ``-f`` if given, else the one the name ``output`` ends in.

    ``endings`` maps each format to its file name ending ("docx", "ky-so.pdf"). A name ending in
    another format's extension than the ``-f`` given is refused (a DOCX saved as "qd.pdf" opens
    in no PDF reader); a name with an unknown ending (or '-', standard output) keeps ``fmt``.
    """
    if not output or output == "-":
        return fmt
    name = Path(output).name.lower()
    by_name = sorted(
        (f for f, ending in endings.items() if name.endswith("." + ending)),
        key=lambda f: -len(endings[f]),  # "qd.ky-so.pdf" is the signable PDF, "qd.pdf" the plain
    )
    given = click.get_current_context().get_parameter_source("fmt")
    if given in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP):
        return by_name[0] if by_name else fmt
    extension = {f: "." + ending.rsplit(".", 1)[-1] for f, ending in endings.items()}
    suffix = Path(name).suffix
    if suffix in extension.values() and suffix != extension[fmt]:
        raise click.UsageError(
            f"Tệp đầu ra '{output}' có đuôi {suffix} nhưng định dạng chọn (-f) là {fmt}: "
            f"đổi đuôi tên tệp thành {extension[fmt]}, hoặc bỏ -f để định dạng theo tên tệp."
        )
    return fmt


def write_output(target: Path, content: bytes) -> None:
    """Write a command's output file, or end with the reason it cannot be written."""
    try:
        write_atomically(target, content)
    except VanbanError as error:
        fail(error)
