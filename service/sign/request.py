"""What a signing asks for: the role, the key, the image or text, the level and the trust."""

from __future__ import annotations

from dataclasses import dataclass, field

from asn1crypto import x509 as asn1_x509

from service.render.positions import Rect

from .keys import KeySpec

LEVELS = ("B-B", "B-T", "B-LT")


@dataclass(frozen=True)
class SignRequest:
    """One signature to add.

    ``image``: the signer's signature or the body's seal (PNG bytes) for ``signer``/``body``;
    ``text``: the first lines of the attachment/copy block (số ký hiệu, or hình thức sao and the
    copying body), the signing time is added; ``box``: explicit place (a PDF not made by vanban);
    ``level``: PAdES B-B, B-T (needs ``tsa_url``) or B-LT (also embeds the validation data).
    """

    role: str
    key: KeySpec
    image: bytes | None = None
    text: str = ""
    box: Rect | None = None
    seal_mm: float | None = None
    level: str | None = None
    tsa_url: str | None = None
    trust_roots: tuple[asn1_x509.Certificate, ...] = field(default=(), repr=False)
    other_certs: tuple[asn1_x509.Certificate, ...] = field(default=(), repr=False)

    @property
    def effective_level(self) -> str:
        """Return the PAdES level: as asked, else B-T with a timestamp server, else B-B."""
        return self.level or ("B-T" if self.tsa_url else "B-B")
