"""What the commands of the command line share: how a failure ends, the one-format option."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

import click

from .errors import VanbanError


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
        raise error(f"Không đọc được tệp '{source}': {failure.strerror or failure}.") from None


def format_option(
    choices: Iterable[str], default: str, help: str | None = None
) -> Callable[[Any], Any]:
    """Return the ``-f/--format`` option choosing one of ``choices`` (passed as ``fmt``)."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(sorted(choices)),
        default=default,
        show_default=True,
        help=help,
    )
