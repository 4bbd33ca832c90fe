"""A PDF ready to sign: empty signature fields at the ND30 places for the signer and the body.

Offices sign with their own token in the tools they already use; those tools fill an existing
field, so the image lands where Phụ lục I wants it. The positions of the signing block are
recorded in the same incremental update (see pdfdata).
"""

from __future__ import annotations

import io

from pyhanko.pdf_utils.generic import NameObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field

from service.render.positions import Positions

from .pdfdata import CATALOG_KEY, positions_object
from .placement import DEFAULT_SEAL_MM, FIELD_NAMES, expected_rect


def prepare(pdf: bytes, at: Positions, seal_mm: float = DEFAULT_SEAL_MM) -> bytes:
    """Return ``pdf`` with the signer's and the body's empty fields and the recorded positions."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for role in ("signer", "body"):
        rect = expected_rect(role, at, seal_mm)
        append_signature_field(
            writer,
            SigFieldSpec(
                sig_field_name=FIELD_NAMES[role],
                on_page=rect.page,
                box=(rect.x0, rect.y0, rect.x1, rect.y1),
                empty_field_appearance=True,
            ),
        )
    writer.root[NameObject(CATALOG_KEY)] = positions_object(at, seal_mm)
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
