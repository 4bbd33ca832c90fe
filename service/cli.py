"""Command line: `vanban render INPUT.json --format docx|pdf|html -o OUT`, `vanban kinds`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .cli_common import fail, format_option
from .errors import VanbanError
from .files import read_json, write_atomically
from .pipeline import DEFAULT_VARIANT, FORMATS, PDF_VARIANTS, generate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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

from .sign import cli as sign_cli  # noqa: E402 - registered last, as batch

main.add_command(sign_cli.sign)
main.add_command(sign_cli.verify)

from .register.cli import issue_command, register  # noqa: E402 - registered last, as batch

main.add_command(issue_command)
main.add_command(register)

from .batch.engine.cli import worker  # noqa: E402 - registered last, as batch

main.add_command(worker)

from .site.cli import site, site_param  # noqa: E402 - registered last, as batch

main.add_command(site)
# Every command but `site` reads the site folder given by --site (or VANBAN_SITE_DIR) first.
for _command in main.commands.values():
    if _command is not site:
        _command.params.insert(0, site_param())

from .source.cli import source  # noqa: E402 - registered last, as batch

main.add_command(source)

from .cli_vi import install, localize  # noqa: E402 - after every command is registered

install()
localize(main)
