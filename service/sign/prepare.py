"""A PDF ready to sign: empty signature fields at the ND30 places for the signer and the body.

Offices sign with their own token in the tools they already use; those tools fill an existing
field, so the image lands where Phụ lục I wants it. The positions of the signing block are
recorded in the same incremental update (see pdfdata).
"""

from __future__ import annotations

import hashlib
import io

from pyhanko.pdf_utils.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    StreamObject,
)
from pyhanko.sign.fields import SigFieldSpec, append_signature_field

from service.errors import RenderError
from service.model import Document
from service.render import PACKAGED_TEMPLATES, TemplateSet
from service.render.pdf import render_pdf_laid_out
from service.render.positions import Positions

from .pdfdata import CATALOG_KEY, MetadataKeepingWriter, positions_object
from .placement import DEFAULT_SEAL_MM, FIELD_NAMES, expected_rect


class _ReproducibleWriter(MetadataKeepingWriter):
    """An incremental writer whose output depends on its input only.

    pyHanko gives the update a random second /ID; the issued file must stay byte-reproducible,
    so it is derived from the first (and the dates stay the document's: MetadataKeepingWriter).
    """

    def __init__(self, stream: io.BytesIO) -> None:
        super().__init__(stream)
        first = self._document_id[0]
        derived = hashlib.md5(bytes(first) + b"pdf-ky", usedforsecurity=False).digest()
        self._document_id = ArrayObject([first, ByteStringObject(derived)])


def prepare(pdf: bytes, at: Positions, seal_mm: float = DEFAULT_SEAL_MM) -> bytes:
    """Return ``pdf`` with the signer's and the body's empty fields and the recorded positions."""
    writer = _ReproducibleWriter(io.BytesIO(pdf))
    for role in ("signer", "body"):
        rect = expected_rect(role, at, seal_mm)
        append_signature_field(
            writer,
            SigFieldSpec(
                sig_field_name=FIELD_NAMES[role],
                on_page=rect.page,
                box=(rect.x0, rect.y0, rect.x1, rect.y1),
            ),
        )
    _blank_appearances(writer)
    writer.root[NameObject(CATALOG_KEY)] = positions_object(at, seal_mm)
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _blank_appearances(writer: MetadataKeepingWriter) -> None:
    """Give each new empty field a blank appearance: PDF/A wants one, the page shows nothing.

    (pyHanko's own empty appearance is a grey box, which would print over the text.)
    """
    for ref in writer.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if field.get("/FT") != "/Sig" or "/AP" in field or "/Rect" not in field:
            continue
        x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
        blank = StreamObject(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(
                    FloatObject(v) for v in (0, 0, round(x1 - x0, 2), round(y1 - y0, 2))
                ),
                NameObject("/Resources"): DictionaryObject(),
            },
            stream_data=b"",
        )
        field[NameObject("/AP")] = DictionaryObject({NameObject("/N"): writer.add_object(blank)})
        writer.update_container(field)


def render_signable(
    document: Document, templates: TemplateSet = PACKAGED_TEMPLATES, variant: str | None = None
) -> bytes:
    """Return ``document`` as a PDF ready to sign (the ``pdf-ky`` output format)."""
    content, at = render_pdf_laid_out(document, templates, variant)
    if at is None:
        raise RenderError("Văn bản không có khối chữ ký: không tạo được ô chữ ký.")
    return prepare(content, at)
