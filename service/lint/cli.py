"""`vanban lint FILE.docx|FILE.pdf [--json]`: exit 0 when clean (warnings allowed), 1 with errors,
2 when the file is not a readable DOCX (or PDF)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from service.catalog import default_resources
from service.cli_common import fail
from service.errors import VanbanError

from . import lint_docx
from .package import MAX_FILE, InvalidDocx
from .signed import lint_signed_pdf


def read_docx(source: str) -> bytes:
    """Return at most MAX_FILE + 1 bytes of file ``source`` ('-' for standard input)."""
    try:
        if source == "-":
            return sys.stdin.buffer.read(MAX_FILE + 1)
        with Path(source).open("rb") as handle:
            return handle.read(MAX_FILE + 1)  # a larger file is refused, not read whole
    except FileNotFoundError:
        raise InvalidDocx(f"Không tìm thấy tệp '{source}'.") from None
    except OSError as error:
        raise InvalidDocx(f"Không đọc được tệp '{source}': {error.strerror or error}.") from None


@click.command("lint")
@click.argument("source", metavar="FILE.docx|FILE.pdf")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def lint(source: str, as_json: bool) -> None:
    """Kiểm tra FILE.docx theo Nghị định 30/2020/NĐ-CP và danh mục căn cứ pháp lý.

    Với tệp PDF đã ký số: kiểm tra có đủ chữ ký, thứ tự ký và vị trí theo Phụ lục I.
    """
    name = "stdin" if source == "-" else Path(source).name
    try:
        data = read_docx(source)
        if data.startswith(b"%PDF-"):
            report = lint_signed_pdf(data, name=name)
        else:
            registry = default_resources().registry
            report = lint_docx(data, registry=registry, today=date.today(), name=name)
    except VanbanError as error:
        if as_json:
            click.echo(json.dumps(error.to_dict(), ensure_ascii=False, indent=2))
        fail(error)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.describe())
    sys.exit(1 if report.errors else 0)
