"""`vanban issue DRAFT.json` and `vanban register list|export|void|metadata|migrate`."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from ..cli_common import fail, format_option, output_format, write_output
from ..errors import VanbanError
from ..files import read_json
from ..pipeline import ENDINGS, FORMATS
from . import Query, RegisterStore, database_url, open_store, series_rules
from .export import EXPORT_FORMATS, export_register
from .issuing import issue, void_reason
from .metadata import metadata_json, metadata_xml


def cli_store() -> RegisterStore:
    """Return the store the server uses: VANBAN_DATABASE_URL, else under VANBAN_DATA_DIR."""
    from flask import Flask  # only for the instance folder the server also defaults to

    return open_store(database_url(default_dir=Path(Flask("service.app").instance_path)))


@click.command("issue")
@click.argument("source", metavar="DRAFT.json")
@format_option(FORMATS, "docx", "Định dạng văn bản ban hành.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Tệp đầu ra.")
@click.option("--key", help="Khóa chống cấp trùng (Idempotency-Key): chạy lại cùng khóa, cùng số.")
def issue_command(source: str, fmt: str, output: str | None, key: str | None) -> None:
    """Ban hành BẢN_NHÁP.json: cấp số tiếp theo của sổ, đăng ký, ghi văn bản."""
    fmt = output_format(fmt, output, ENDINGS)
    try:
        issued = issue(
            read_json(source),
            fmt,
            cli_store(),
            series_rules(os.environ.get("VANBAN_SITE_DIR")),
            datetime.now(UTC),
            key=key,
        )
    except VanbanError as error:
        fail(error)
    target = Path(output or issued.rendered.filename)
    write_output(target, issued.rendered.content)
    again = " (đã cấp trước đó với cùng khóa)" if issued.replayed else ""
    click.echo(f"Đã ban hành số {issued.entry.reference}{again}; ghi {target}.", err=True)


@click.group("register")
def register() -> None:
    """Sổ đăng ký văn bản đi: tra cứu, xuất theo Phụ lục IV, hủy số."""


@register.command("list")
@click.option("--year", type=int, help="Năm.")
@click.option("--body", help="Mã cơ quan ban hành.")
@click.option("--number", type=int, help="Số văn bản.")
@click.option("--type", "type_name", help="Tên loại văn bản (Quyết định, Kế hoạch…).")
@click.option("-q", "--query", "text", help="Tìm trong số ký hiệu, trích yếu, người ký.")
@click.option("--json", "as_json", is_flag=True, help="In JSON.")
def list_command(year, body, number, type_name, text, as_json) -> None:
    """Liệt kê các mục của sổ."""
    query = Query(
        year=year, body=body, number=number, type_name=type_name, text=text, limit=100_000
    )
    try:
        found, total = cli_store().find(query)
    except VanbanError as error:
        fail(error)
    if as_json:
        click.echo(json.dumps([e.to_dict() for e in found], ensure_ascii=False, indent=2))
        return
    for entry in found:
        mark = " [ĐÃ HỦY]" if entry.void else ""
        click.echo(
            f"{entry.id}\t{entry.reference}\t{entry.facts.issued:%d/%m/%Y}\t"
            f"{entry.facts.summary}\t{entry.facts.signer_name}{mark}"
        )
    click.echo(f"{total} mục.", err=True)


@register.command("export")
@click.option("--year", type=int, required=True, help="Năm của sổ.")
@click.option("--body", help="Chỉ một cơ quan ban hành.")
@format_option(EXPORT_FORMATS, "xlsx")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Tệp đầu ra.")
def export_command(year: int, body: str | None, fmt: str, output: str | None) -> None:
    """Xuất sổ của một năm theo mẫu Phụ lục IV (XLSX, DOCX, PDF)."""
    fmt = output_format(fmt, output, {name: ext for name, (_, ext) in EXPORT_FORMATS.items()})
    try:
        found, _ = cli_store().find(Query(year=year, body=body, limit=10_000_000))
    except VanbanError as error:
        fail(error)
    target = Path(output or f"so-van-ban-di-{year}.{EXPORT_FORMATS[fmt][1]}")
    write_output(target, export_register(found, year, fmt))
    click.echo(f"Đã ghi {target} ({len(found)} mục).", err=True)


@register.command("void")
@click.argument("entry_id", type=int)
@click.option("--reason", required=True, help="Lý do hủy số.")
def void_command(entry_id: int, reason: str) -> None:
    """Hủy số của mục ENTRY_ID: mục vẫn ở trong sổ, số không được cấp lại."""
    try:
        entry = cli_store().void(entry_id, void_reason({"reason": reason}), datetime.now(UTC))
    except VanbanError as error:
        fail(error)
    click.echo(f"Đã hủy số {entry.reference}.", err=True)


@register.command("metadata")
@click.argument("entry_id", type=int)
@click.option("-f", "--format", "fmt", type=click.Choice(["json", "xml"]), default="json")
def metadata_command(entry_id: int, fmt: str) -> None:
    """In thông tin đầu vào văn bản đi (Phụ lục VI) của mục ENTRY_ID."""
    try:
        entry = cli_store().get(entry_id)
    except VanbanError as error:
        fail(error)
    if fmt == "xml":
        sys.stdout.buffer.write(metadata_xml(entry))
    else:
        click.echo(json.dumps(metadata_json(entry), ensure_ascii=False, indent=2))


@register.command("migrate")
def migrate_command() -> None:
    """Tạo hoặc nâng cấp các bảng của sổ (cũng tự chạy khi dùng lần đầu)."""
    try:
        head = cli_store().migrate()
    except VanbanError as error:
        fail(error)
    click.echo(f"Sổ đăng ký văn bản đi ở phiên bản {head}.", err=True)


def batch_numbering(fmt: str = "docx"):
    """Return the --issue step of `vanban batch`: each item issued in input order."""
    store, rules, now = (
        cli_store(),
        series_rules(os.environ.get("VANBAN_SITE_DIR")),
        datetime.now(UTC),
    )

    def number(item: Any, payload: Any) -> Any:
        draft = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        key = "batch:" + hashlib.sha256(f"{item.id}\n{draft}".encode()).hexdigest()
        return issue(payload, fmt, store, rules, now, key=key).entry.facts.payload

    return number
