"""What the commands of the command line share: how a failure ends, the one-format option."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

import click

from .errors import VanbanError


def fail(error: VanbanError, payload: object = None) -> NoReturn:
    """Print ``error`` in Vietnamese on stderr and exit with its code.

    ``payload`` names the fields as a clerk reads them (see VanbanError.describe).
    """
    click.echo(f"Lỗi: {error.describe(payload)}", err=True)
    sys.exit(error.exit_code)


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
