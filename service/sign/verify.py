"""Check every signature of a PDF: integrity, chain to the trust list, timestamp, placement.

Works on any PDF; placement against Phụ lục I is checked where vanban recorded the layout (a
PDF it prepared for signing), and reported as not checkable elsewhere.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .errors import NotAPdf
from .pdfdata import read_positions, widget_rect
from .placement import FIELD_NAMES, Finding, check
from .sync import outside_event_loop

ROLE_OF_FIELD = {name: role for role, name in FIELD_NAMES.items()}
ACCEPTED_LATER_CHANGES = {
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
}


@dataclass(frozen=True)
class SignatureReport:
    """What was found about one signature; ``problems`` are in Vietnamese."""

    field: str
    role: str | None
    signer: str
    signed_at: str | None
    intact: bool
    trusted: bool
    timestamp: str | None
    placement_checked: bool
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class VerifyReport:
    """Every signature of a file, and whether the file as a whole passes."""

    file: str
    signatures: list[SignatureReport]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and all(s.ok for s in self.signatures)

    def to_dict(self) -> dict:
        """Return the report as JSON-ready data."""
        return {
            "file": self.file,
            "ok": self.ok,
            "problems": self.problems,
            "signatures": [asdict(s) | {"ok": s.ok} for s in self.signatures],
        }


@outside_event_loop
def verify_pdf(
    pdf: bytes,
    trust_roots: tuple[asn1_x509.Certificate, ...] = (),
    name: str = "tệp PDF",
    now: datetime | None = None,
) -> VerifyReport:
    """Return the report on every signature of ``pdf`` against ``trust_roots``."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_regular_signatures
    except (PdfError, ValueError, KeyError, IndexError, TypeError):
        raise NotAPdf("Tệp không phải PDF hợp lệ.") from None
    problems = [] if trust_roots else ["Chưa cấu hình danh sách chứng thư gốc tin cậy."]
    if not signatures:
        problems.append("Tệp không có chữ ký số nào.")
    recorded = read_positions(reader.root)
    reports = [_one(sig, reader.root, trust_roots, recorded, now) for sig in signatures]
    return VerifyReport(name, reports, problems)


def _one(sig, root, trust_roots, recorded, now) -> SignatureReport:
    """Return the report on one embedded signature."""
    context = ValidationContext(
        trust_roots=list(trust_roots) or None, allow_fetching=False, revocation_mode="soft-fail"
    )
    problems: list[str] = []
    status = validate_pdf_signature(
        sig, signer_validation_context=context, ts_validation_context=context
    )
    if not status.intact or not status.valid:
        problems.append("Chữ ký không còn nguyên vẹn: nội dung đã bị sửa sau khi ký.")
    problems += _time_problems(status, now)
    if status.intact and status.valid and trust_roots and not status.trusted:
        problems.append("Chứng thư số không dẫn về chứng thư gốc tin cậy nào, hoặc không hợp lệ.")
    if status.coverage not in (
        SignatureCoverageLevel.ENTIRE_FILE,
        SignatureCoverageLevel.ENTIRE_REVISION,
    ):
        problems.append("Chữ ký không phủ toàn bộ phiên bản tài liệu đã ký.")
    if status.modification_level not in ACCEPTED_LATER_CHANGES:
        problems.append("Tài liệu bị thay đổi sau khi ký ngoài việc thêm chữ ký.")
    field_name = sig.field_name
    role, findings = placement(sig, root, recorded)
    checked = findings is not None
    problems += [f.message for f in findings or ()]
    timestamp = status.timestamp_validity
    return SignatureReport(
        field=field_name,
        role=role,
        signer=status.signing_cert.subject.human_friendly,
        signed_at=_iso(status.signer_reported_dt),
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        timestamp=_iso(timestamp.timestamp) if timestamp is not None else None,
        placement_checked=checked,
        problems=problems,
    )


def placement(sig, root, recorded) -> tuple[str | None, list[Finding] | None]:
    """Return a signature's role and the placement rules it breaks (None: not checkable)."""
    role = ROLE_OF_FIELD.get(sig.field_name.rstrip("0123456789"))
    placed = widget_rect(sig.sig_field, root)
    if recorded is None or role is None or placed is None:
        return role, None
    return role, check(role, placed, recorded[0], recorded[1])


def _time_problems(status, now: datetime | None) -> list[str]:
    """Return problems with the certificate's validity at signing time and the timestamp."""
    cert = status.signing_cert
    when = (
        status.timestamp_validity.timestamp
        if status.timestamp_validity is not None
        else status.signer_reported_dt or now or datetime.now(UTC)
    )
    validity = cert["tbs_certificate"]["validity"]
    problems = []
    if when > validity["not_after"].native:
        problems.append(
            f"Chứng thư số đã hết hạn ({validity['not_after'].native:%d/%m/%Y}) trước thời điểm ký."
        )
    elif when < validity["not_before"].native:
        problems.append("Chứng thư số chưa có hiệu lực vào thời điểm ký.")
    ts = status.timestamp_validity
    if ts is not None and not (ts.intact and ts.valid):
        problems.append("Dấu thời gian không hợp lệ.")
    return problems


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
