"""Add one PAdES signature with its Phụ lục I appearance, as an incremental update (pyHanko).

The file is read, signed and returned as bytes; nothing is written on failure, so a wrong PIN,
an expired certificate or a missing image never leaves a half-signed file behind.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone

from pyhanko.pdf_utils.generic import NameObject
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator import ValidationContext

from service.render.positions import Rect

from .appearance import image_style, load_image, text_style
from .errors import NotAPdf, SignError
from .keys import open_signer
from .pdfdata import ConsistentMetadataWriter, pages, read_positions, widget_rect
from .placement import FIELD_NAMES, ROLES, corner_of_page, corner_rect, expected_rect
from .request import LEVELS, SignRequest
from .sync import outside_event_loop

VIETNAM = timezone(timedelta(hours=7))
IMAGE_NAMES = {"signer": "hình chữ ký", "body": "hình con dấu"}


@outside_event_loop
def sign_pdf(pdf: bytes, request: SignRequest, now: datetime | None = None) -> bytes:
    """Return ``pdf`` with the signature described by ``request`` added."""
    if request.role not in ROLES:
        raise SignError("Vai trò ký không hợp lệ.", {"as": ["Chọn một trong: " + ", ".join(ROLES)]})
    if request.effective_level not in LEVELS:
        raise SignError("Mức chữ ký không hợp lệ.", {"level": ["Chọn: " + ", ".join(LEVELS)]})
    if request.effective_level != "B-B" and not request.tsa_url:
        raise SignError(
            f"Mức {request.effective_level} cần máy chủ cấp dấu thời gian.",
            {"tsa_url": ["Chưa cấu hình máy chủ dấu thời gian (VANBAN_TSA_URL, --tsa)."]},
        )
    writer = _open(pdf)
    field_name, new_field, rect = _target(writer, request)
    style = _appearance(request, rect, now or datetime.now(UTC))
    with open_signer(request.key, now) as signer:
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            embed_validation_info=request.effective_level == "B-LT",
            validation_context=_validation_context(request),
        )
        pdf_signer = signers.PdfSigner(
            meta,
            signer=signer,
            timestamper=HTTPTimeStamper(request.tsa_url, timeout=10) if request.tsa_url else None,
            stamp_style=style,
            new_field_spec=new_field,
        )
        out = io.BytesIO()
        try:
            pdf_signer.sign_pdf(writer, output=out)
        except TimestampRequestError as error:
            raise SignError(
                "Máy chủ dấu thời gian không trả lời đúng.", {"tsa": [str(error)]}
            ) from None
        except (SigningError, PdfError) as error:
            raise SignError("Không ký được tệp PDF.", {"pdf": [str(error)]}) from None
    return out.getvalue()


def _appearance(request: SignRequest, rect: Rect, now: datetime):
    """Return the stamp style of the role: its image, or its text with the signing time."""
    if request.role in IMAGE_NAMES:
        return image_style(load_image(request.image, IMAGE_NAMES[request.role]))
    if not request.text.strip():
        wanted = (
            "số và ký hiệu văn bản"
            if request.role == "attachment"
            else "hình thức sao, tên cơ quan sao"
        )
        raise SignError(f"Thiếu {wanted} cho khối chữ ký ở góc trên bên phải.", {"text": [wanted]})
    # ND30: the signing time with hours, minutes, seconds, Vietnam time zone, per ISO 8601.
    when = now.astimezone(VIETNAM).replace(microsecond=0).isoformat()
    lines = [line.strip() for line in request.text.strip().splitlines() if line.strip()]
    return text_style([*lines, when], rect.width, rect.height)


def _open(pdf: bytes) -> ConsistentMetadataWriter:
    """Return an incremental writer on ``pdf``, or raise NotAPdf."""
    try:
        writer = ConsistentMetadataWriter(io.BytesIO(pdf), strict=False)
        writer.root  # noqa: B018 - fails early on a broken catalog
    except (PdfError, ValueError, KeyError, IndexError, TypeError):
        raise NotAPdf("Tệp không phải PDF hợp lệ.") from None
    if writer.prev.encrypted:
        raise NotAPdf("Tệp PDF được mã hóa: không ký được.")
    return writer


def _target(writer: ConsistentMetadataWriter, request: SignRequest):
    """Return the field to sign and, when it must be created, its specification."""
    name = FIELD_NAMES[request.role]
    root = writer.root
    existing = _fields(root)
    if request.role == "body" and not any(f.get("/V") for f in existing.values()):
        raise SignError(
            "Chữ ký của cơ quan chỉ được thêm vào văn bản đã có chữ ký của người có thẩm quyền "
            "(Nghị định 30/2020/NĐ-CP, Điều 32)."
        )
    field = existing.get(name)
    box = request.box or _resized(root, request)
    if field is not None and box is None:
        if field.get("/V") is not None:
            raise SignError(f"Ô chữ ký “{name}” đã được ký.")
        return name, None, widget_rect(field, root)
    rect = box or _default_rect(root, request)
    if name in existing:
        name = _free_name(name, existing)
    spec = fields.SigFieldSpec(
        sig_field_name=name, on_page=rect.page, box=(rect.x0, rect.y0, rect.x1, rect.y1)
    )
    return name, spec, rect


def _resized(root, request: SignRequest) -> Rect | None:
    """Return the seal's box when its real size differs from the one the fields were made for.

    The prepared field then stays empty (and blank); the seal goes in a new field of its size.
    """
    recorded = read_positions(root)
    if request.role != "body" or not request.seal_mm or recorded is None:
        return None
    at, prepared_mm = recorded
    if abs(request.seal_mm - prepared_mm) < 0.5:
        return None
    return expected_rect("body", at, request.seal_mm)


def _default_rect(root, request: SignRequest) -> Rect:
    """Return the ND30 place from the recorded layout, or the page corner for copies."""
    recorded = read_positions(root)
    if recorded is not None:
        at, seal_mm = recorded
        if request.role in ("attachment", "copy"):
            return corner_rect(at.top_right)
        return expected_rect(request.role, at, request.seal_mm or seal_mm)
    if request.role in ("attachment", "copy"):
        x0, y0, x1, y1 = (float(v) for v in pages(root)[0]["/MediaBox"])
        return corner_rect(corner_of_page(x1 - x0, y1 - y0))
    raise SignError(
        "Tệp PDF không do vanban tạo: cần chỉ rõ vị trí ô chữ ký.",
        {"box": ["Dùng --box TRANG,X0,Y0,X1,Y1 (điểm PDF, gốc ở góc dưới bên trái; trang từ 1)."]},
    )


def _fields(root) -> dict:
    """Return the signature fields of the form by name."""
    form = root.get("/AcroForm")
    found = {}
    for ref in form.get_object().get("/Fields", ()) if form is not None else ():
        field = ref.get_object()
        if field.get("/FT") == NameObject("/Sig") and "/T" in field:
            found[str(field["/T"])] = field
    return found


def _free_name(name: str, existing: dict) -> str:
    """Return ``name`` with the first free numeric suffix."""
    number = 2
    while f"{name}{number}" in existing:
        number += 1
    return f"{name}{number}"


def _validation_context(request: SignRequest) -> ValidationContext | None:
    """Return the trust used to embed validation data (B-LT), or None."""
    if request.effective_level != "B-LT":
        return None
    return ValidationContext(
        trust_roots=list(request.trust_roots),
        other_certs=list(request.other_certs),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
