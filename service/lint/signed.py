"""`vanban lint` on a signed PDF: the Phụ lục I rules for where and in which order signatures go.

Cryptographic checks (integrity, certificates, timestamps) are ``vanban verify``'s; lint checks
the form: both signatures present, the body's after the signer's, each at its place.
"""

from __future__ import annotations

import io

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from service.sign.errors import NotAPdf
from service.sign.pdfdata import read_positions
from service.sign.verify import placement

from .report import ERROR, WARNING, Finding, Report, Rule

BOTH = Rule("signature.both", ERROR, "Có chữ ký số của người có thẩm quyền và của cơ quan (Điều 5)")
ORDER = Rule("signature.order", ERROR, "Cơ quan ký sau người có thẩm quyền (Điều 32)")
PLACE = Rule("signature.placement", ERROR, "Vị trí, hình ảnh chữ ký số theo Phụ lục I")
UNKNOWN = Rule("signature.placement-unknown", WARNING, "Vị trí chữ ký kiểm tra được")
SIGNED_RULES = {rule.id: rule for rule in (BOTH, ORDER, PLACE, UNKNOWN)}


def lint_signed_pdf(data: bytes, name: str = "văn bản") -> Report:
    """Return the placement findings of a signed PDF; raise NotAPdf when it cannot be read."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_regular_signatures
        recorded = read_positions(reader.root)
    except (PdfError, ValueError, KeyError, IndexError, TypeError):
        raise NotAPdf("Tệp không phải PDF hợp lệ.") from None
    findings: list[Finding] = []
    roles = []
    for sig in signatures:
        role, broken = placement(sig, reader.root, recorded)
        roles.append(role)
        if broken is None:
            findings.append(
                UNKNOWN.at(
                    None, sig.field_name, "Tệp không do vanban tạo: không kiểm tra được vị trí."
                )
            )
        findings += [PLACE.at(None, sig.field_name, f.message) for f in broken or ()]
    findings += _presence(roles)
    return Report(name, findings)


def _presence(roles: list[str | None]) -> list[Finding]:
    """Return findings about which signatures are there and their order."""
    if "attachment" in roles or "copy" in roles:
        return []  # an attachment or a copy carries the body's signature only
    missing = [
        word
        for role, word in (("signer", "người có thẩm quyền"), ("body", "cơ quan"))
        if role not in roles
    ]
    if None in roles and len(roles) >= 2:
        missing = []  # roles unknown (not made by vanban): two signatures are enough to tell
    findings = [BOTH.at(None, "", f"Thiếu chữ ký số của {word}.") for word in missing]
    if "signer" in roles and "body" in roles and roles.index("body") < roles.index("signer"):
        findings.append(ORDER.at(None, "", "Cơ quan đã ký trước người có thẩm quyền."))
    return findings
