"""POST /api/v1/signatures: the body signs an uploaded PDF; POST /api/v1/verify: check signatures.

The service signs only with the issuing body's key (the site's configuration): a person signs
with their own token, in the PDF made ready by ``?format=pdf-ky``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from ..errors import InvalidInput
from ..sign.config import SigningConfig, load_certificates, signing_from_env
from ..sign.errors import SignError, SigningUnavailable
from ..sign.request import SignRequest
from ..sign.signing import sign_pdf
from ..sign.verify import verify_pdf
from .describe import BINARY, operation
from .uploads import FILE_UPLOAD, uploaded_file

bp = Blueprint("signatures", __name__)

BODY_ROLES = ("body", "attachment", "copy")
SIGN_FORM = {
    "multipart/form-data": {
        "type": "object",
        "required": ["file", "role"],
        "properties": {
            "file": BINARY,
            "role": {"enum": list(BODY_ROLES), "description": "Vai trò chữ ký của cơ quan."},
            "text": {
                "type": "string",
                "description": "Số, ký hiệu văn bản (kèm theo) hoặc hình thức sao (bản sao).",
            },
        },
    }
}
VERIFY_REPORT = {
    "type": "object",
    "required": ["file", "ok", "problems", "signatures"],
    "properties": {
        "file": {"type": "string"},
        "ok": {"type": "boolean"},
        "problems": {"type": "array", "items": {"type": "string"}},
        "signatures": {"type": "array", "items": {"type": "object"}},
    },
}


def signing_config() -> SigningConfig:
    """Return the app's signing configuration (set by the site, else from the environment)."""
    config = current_app.config.get("VANBAN_SIGNING")
    if config is not None:
        return config
    site = (
        current_app.config.get("VANBAN_SITE_DIR") or current_app.config["VANBAN_SETTINGS"].site_dir
    )
    return signing_from_env(site=site)


def uploaded_pdf() -> tuple[bytes, str]:
    """Return the uploaded PDF and its name, or raise a 415/422 error."""
    return uploaded_file("tệp PDF", "Thiếu tệp PDF.", "van-ban.pdf")


@bp.post("/api/v1/signatures")
@operation(
    "Ký số tệp PDF bằng chữ ký số của cơ quan (Phụ lục I Nghị định 30/2020/NĐ-CP)",
    body=SIGN_FORM,
    ok={200: ("Tệp PDF đã ký", {"application/pdf": BINARY})},
    errors={
        422: "Thiếu tệp, tệp không phải PDF, hoặc không ký được (chưa có chữ ký người ký, …)",
        503: "Dịch vụ chưa được cấu hình khóa ký của cơ quan",
    },
)
def sign_upload() -> Response:
    """Return the uploaded PDF signed with the body's key."""
    config = signing_config()
    if config.body is None:
        raise SigningUnavailable("Dịch vụ chưa được cấu hình khóa ký số của cơ quan.")
    role = request.form.get("role", "body")
    if role not in BODY_ROLES:
        raise InvalidInput("Vai trò ký không hợp lệ.", {"role": ["Chọn: " + ", ".join(BODY_ROLES)]})
    pdf, name = uploaded_pdf()
    text = request.form.get("text", "")
    if role == "copy" and config.body.name and text.strip():
        text = f"{text.strip()}\n{config.body.name}"
    signed = sign_pdf(
        pdf,
        SignRequest(
            role=role,
            key=config.body.key,
            image=_seal(config) if role == "body" else None,
            text=text,
            seal_mm=config.body.seal_mm,
            level=config.level,
            tsa_url=config.tsa_url,
            trust_roots=load_certificates(config.trust_roots),
            other_certs=load_certificates(config.other_certs),
        ),
    )
    response = Response(signed, mimetype="application/pdf")
    stem = Path(name).stem.encode("ascii", "replace").decode().replace("?", "-").replace('"', "")
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}.da-ky.pdf"'
    return response


def _seal(config: SigningConfig) -> bytes:
    """Return the body's seal image, or raise a SignError naming the setting."""
    try:
        return Path(config.body.seal_image).read_bytes()  # type: ignore[union-attr]
    except OSError:
        raise SignError(
            "Không đọc được hình con dấu của cơ quan.",
            {"VANBAN_SEAL_IMAGE": ["Tệp không tồn tại."]},
        ) from None


@bp.post("/api/v1/verify")
@operation(
    "Kiểm tra chữ ký số trong tệp PDF: toàn vẹn, chứng thư, dấu thời gian, vị trí theo Phụ lục I",
    body=FILE_UPLOAD,
    ok={200: ("Kết quả kiểm tra", {"application/json": VERIFY_REPORT})},
    errors={422: "Thiếu tệp hoặc tệp không phải PDF"},
)
def verify_upload() -> Any:
    """Return the report on every signature of the uploaded PDF."""
    pdf, name = uploaded_pdf()
    roots = load_certificates(signing_config().trust_roots)
    return jsonify(verify_pdf(pdf, roots, name=name).to_dict())
