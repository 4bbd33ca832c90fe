"""`vanban sign FILE.pdf --as signer|body|attachment|copy …` and `vanban verify FILE.pdf`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from service.cli_common import fail, read_argument_file, write_output
from service.errors import VanbanError
from service.render.positions import Rect

from .config import SigningConfig, load_certificates, signing_from_env
from .errors import NotAPdf, SignError
from .keys import KeySpec
from .placement import ROLES
from .request import LEVELS, SignRequest
from .signing import sign_pdf
from .verify import verify_pdf

MAX_PDF = 64 * 1024 * 1024


def read_pdf(source: str) -> bytes:
    """Return the bytes of a PDF file ('-' for standard input), at most MAX_PDF."""
    data = read_argument_file(source, MAX_PDF, NotAPdf)
    if len(data) > MAX_PDF:
        raise NotAPdf("Tệp PDF quá lớn (tối đa 64 MiB).")
    return data


def parse_box(raw: str) -> Rect:
    """Return the rectangle of ``--box PAGE,X0,Y0,X1,Y1`` (page from 1, PDF points)."""
    try:
        page, x0, y0, x1, y1 = (float(v) for v in raw.split(","))
    except ValueError:
        raise SignError("--box phải có dạng TRANG,X0,Y0,X1,Y1 (năm số).") from None
    if page < 1 or x1 <= x0 or y1 <= y0:
        raise SignError("--box: trang từ 1, và X1 > X0, Y1 > Y0.")
    return Rect(int(page) - 1, x0, y0, x1, y1)


@click.command("sign")
@click.argument("source", metavar="FILE.pdf")
@click.option("--as", "role", type=click.Choice(ROLES), required=True, help="Vai trò chữ ký.")
@click.option("--p12", type=click.Path(dir_okay=False), help="Tệp khóa PKCS#12 (.p12, .pfx).")
@click.option("--pkcs11-lib", help="Thư viện PKCS#11 của thiết bị ký (USB token).")
@click.option("--token", help="Nhãn của thiết bị ký.")
@click.option("--key-label", help="Nhãn của khóa trên thiết bị ký.")
@click.option("--pin", envvar="VANBAN_SIGN_PIN", help="Mã PIN / mật khẩu (hoặc VANBAN_SIGN_PIN).")
@click.option(
    "--image",
    type=click.Path(dir_okay=False),
    help="Hình chữ ký hoặc con dấu (PNG nền trong suốt).",
)
@click.option(
    "--text", default="", help="Số, ký hiệu văn bản (kèm theo) hoặc hình thức sao, tên cơ quan sao."
)
@click.option(
    "--box", help="Vị trí ô chữ ký: TRANG,X0,Y0,X1,Y1 (điểm PDF), cho PDF không do vanban tạo."
)
@click.option("--seal-mm", type=float, help="Đường kính thật của con dấu (mm).")
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    help="Mức PAdES (mặc định B-T khi có máy chủ dấu thời gian).",
)
@click.option("--tsa", "tsa_url", help="Địa chỉ máy chủ dấu thời gian (RFC 3161).")
@click.option("--trust", multiple=True, help="Chứng thư gốc tin cậy (PEM/DER), cho B-LT.")
@click.option("--chain", multiple=True, help="Chứng thư trung gian (PEM/DER), cho B-LT.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Tệp đầu ra."
)
def sign(source: str, role: str, output: str | None, **options) -> None:
    """Ký số FILE.pdf theo Phụ lục I Nghị định 30/2020/NĐ-CP (PAdES)."""
    config = signing_from_env()
    try:
        request = _request(role, options, config)
        signed = sign_pdf(read_pdf(source), request)
    except VanbanError as error:
        fail(error)
    if output == "-":
        sys.stdout.buffer.write(signed)
        return
    target = Path(output or Path(source).with_suffix(".da-ky.pdf"))
    write_output(target, signed)
    click.echo(f"Đã ký ({request.effective_level}) và ghi {target}.", err=True)


def _request(role: str, options: dict, config: SigningConfig) -> SignRequest:
    """Return the signing request from the command's options, the configuration filling gaps."""
    key = KeySpec(
        p12=options["p12"],
        pkcs11_lib=options["pkcs11_lib"],
        token=options["token"],
        key_label=options["key_label"],
        pin=options["pin"],
    )
    image_path, seal_mm, text = options["image"], options["seal_mm"], options["text"]
    if not (key.p12 or key.pkcs11_lib) and config.body is not None and role != "signer":
        key = config.body.key
        image_path = image_path or config.body.seal_image
        seal_mm = seal_mm or config.body.seal_mm
        if role == "copy" and config.body.name and text and "\n" not in text:
            text = f"{text}\n{config.body.name}"
    if (key.p12 or key.pkcs11_lib) and key.pin is None:
        key = KeySpec(key.p12, key.pkcs11_lib, key.token, key.key_label, _ask_pin())
    image = None
    if role in ("signer", "body"):
        image = Path(image_path).read_bytes() if image_path and Path(image_path).is_file() else None
    return SignRequest(
        role=role,
        key=key,
        image=image,
        text=text,
        box=parse_box(options["box"]) if options["box"] else None,
        seal_mm=seal_mm,
        level=options["level"] or config.level,
        tsa_url=options["tsa_url"] or config.tsa_url,
        trust_roots=load_certificates(options["trust"] or config.trust_roots),
        other_certs=load_certificates(options["chain"] or config.other_certs),
    )


def _ask_pin() -> str:
    if not sys.stdin.isatty():
        raise SignError("Thiếu mã PIN.", {"pin": ["Dùng --pin hoặc biến VANBAN_SIGN_PIN."]})
    return click.prompt("Mã PIN", hide_input=True)


@click.command("verify")
@click.argument("source", metavar="FILE.pdf")
@click.option(
    "--trust", multiple=True, help="Chứng thư gốc tin cậy (PEM/DER); mặc định VANBAN_TRUST_ROOTS."
)
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def verify(source: str, trust: tuple[str, ...], as_json: bool) -> None:
    """Kiểm tra chữ ký số trong FILE.pdf: toàn vẹn, chứng thư, dấu thời gian, vị trí."""
    try:
        roots = load_certificates(trust or signing_from_env().trust_roots)
        report = verify_pdf(read_pdf(source), roots, name=Path(source).name)
    except VanbanError as error:
        fail(error)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(describe(report))
    sys.exit(0 if report.ok else 1)


def describe(report) -> str:
    """Return the report as lines for a terminal."""
    lines = [f"{report.file}: {'hợp lệ' if report.ok else 'CÓ VẤN ĐỀ'}"]
    lines += [f"  - {p}" for p in report.problems]
    for sig in report.signatures:
        lines.append(
            f"  [{sig.field}] {sig.signer}, ký lúc {sig.signed_at or '?'}"
            + (f", dấu thời gian {sig.timestamp}" if sig.timestamp else "")
            + ("" if sig.placement_checked else " (không kiểm tra được vị trí)")
            + (": hợp lệ" if sig.ok else ":")
        )
        lines += [f"      - {p}" for p in sig.problems]
    return "\n".join(lines)
