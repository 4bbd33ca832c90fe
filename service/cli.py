"""Command line: `vanban render INPUT.json --format docx|pdf|html -o OUT`, `vanban kinds`."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cli_common import fail, format_option, output_format, write_output
from .errors import VanbanError
from .files import read_json
from .pipeline import DEFAULT_VARIANT, ENDINGS, FORMATS, PDF_VARIANTS, generate


class LazyGroup(click.Group):
    """A group whose commands are imported when they run or their help is shown.

    Click's documented pattern for large command lines: `vanban batch` need not import the
    signing, register and lint stacks (pyHanko, SQLAlchemy, Alembic, WeasyPrint) it never uses;
    they were two thirds of the start-up time of every command.
    """

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy  # command name → "module:attribute"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            _prepare(command)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


def _prepare(command: click.Command) -> None:
    """Give a command loaded on demand what every command has: --site and Vietnamese words."""
    from .cli_vi import localize
    from .site.cli import site_param

    if command.name != "site":  # every command but `site` reads the site folder first
        command.params.insert(0, site_param())
    localize(command)


LAZY_COMMANDS = {
    "batch": "service.batch.cli:batch",
    "issue": "service.register.cli:issue_command",
    "lint": "service.lint.cli:lint",
    "register": "service.register.cli:register",
    "sign": "service.sign.cli:sign",
    "site": "service.site.cli:site",
    "source": "service.source.cli:source",
    "verify": "service.sign.cli:verify",
    "worker": "service.batch.engine.cli:worker",
}


@click.group(
    cls=LazyGroup,
    lazy=LAZY_COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="vanban", message="%(prog)s, phiên bản %(version)s")
def main() -> None:
    """vanban: văn bản hành chính theo Nghị định 30/2020/NĐ-CP từ dữ liệu có cấu trúc."""


@main.command()
@click.argument("source", metavar="INPUT.json")
@format_option(FORMATS, "docx", "Định dạng đầu ra.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Tệp đầu ra ('-' để ghi ra stdout). Mặc định: tên suy ra từ số và ngày.",
)
@click.option(
    "--variant",
    type=click.Choice(PDF_VARIANTS),
    default=DEFAULT_VARIANT,
    show_default=True,
    envvar="VANBAN_PDF_VARIANT",
    help="Biến thể PDF (pdf: PDF thường).",
)
def render(source: str, fmt: str, output: str | None, variant: str) -> None:
    """Tạo văn bản DOCX, PDF hoặc HTML từ TỆP.json (có trường "kind")."""
    fmt = output_format(fmt, output, ENDINGS)
    payload = None
    try:
        payload = read_json(source)
        result = generate(payload, fmt, variant=variant)
    except VanbanError as error:
        fail(error, payload)
    if output == "-":
        sys.stdout.buffer.write(result.content)
        return
    target = Path(output or result.filename)
    write_output(target, result.content)
    click.echo(f"Đã ghi {target} ({len(result.content):,} byte).".replace(",", "."), err=True)


@main.command()
def kinds() -> None:
    """Liệt kê các loại văn bản."""
    from .catalog import KINDS

    for spec in KINDS.values():
        click.echo(f"{spec.name}\t{spec.title}")


from .cli_vi import install, localize  # noqa: E402 - after the commands above are declared
from .site.cli import site_param  # noqa: E402

install()
# `render` and `kinds`, declared above, read the site folder given by --site first, as all do.
for _command in main.commands.values():
    _command.params.insert(0, site_param())
localize(main)
