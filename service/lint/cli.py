"""`vanban lint FILE.docx|FILE.pdf [--json]`: exit 0 when clean (warnings allowed), 1 with errors,
2 when the file is not a readable DOCX (or PDF)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from service.catalog import default_resources
from service.cli_common import fail, read_argument_file
from service.errors import VanbanError

from . import lint_docx
from .package import MAX_FILE, InvalidDocx
from .signed import lint_signed_pdf


@click.command("lint")
@click.argument("source", metavar="FILE.docx|FILE.pdf")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def lint(source: str, as_json: bool) -> None:
    """Kiểm tra FILE.docx theo Nghị định 30/2020/NĐ-CP và danh mục căn cứ pháp lý.

    Với tệp PDF đã ký số: kiểm tra có đủ chữ ký, thứ tự ký và vị trí theo Phụ lục I.
    """
    name = "stdin" if source == "-" else Path(source).name
    try:
        data = read_argument_file(source, MAX_FILE, InvalidDocx)  # package.py refuses more
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
