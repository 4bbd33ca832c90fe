"""The input JSON in a PDF: an embedded file with the relationship PDF/A-3 names ``Source``."""

from __future__ import annotations

import io
import logging
from datetime import date, datetime
from functools import cache

from . import SOURCE_NAME, SourceError, missing, parse_source

DESCRIPTION = "Dữ liệu đầu vào (JSON) của văn bản, để mở lại và sửa trong vanban"


@cache
def _no_fetching():
    """Return one URL fetcher for every attachment: they are given as bytes, never fetched.

    Without one, each attachment builds WeasyPrint's default fetcher, a urllib opener of ten
    handlers: a few milliseconds of every PDF spent on nothing.
    """
    from weasyprint.urls import URLFetcher

    return URLFetcher()


def attachment(text: str, when: date):
    """Return the WeasyPrint attachment holding ``text``, dated ``when`` (reproducible bytes)."""
    from weasyprint import Attachment

    stamp = datetime(when.year, when.month, when.day)
    return Attachment(
        url_fetcher=_no_fetching(),
        string=text.encode("utf-8"),
        name=SOURCE_NAME,
        description=DESCRIPTION,
        created=stamp,
        modified=stamp,
        relationship="Source",
    )


def read_pdf_source(data: bytes, name: str) -> object:
    """Return the input embedded in a PDF; SourceError when there is none."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf reports what it repairs in damaged files on its logger: not the caller's concern.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        files = PdfReader(io.BytesIO(data)).attachments
        found = files.get(SOURCE_NAME)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise SourceError(
            f"“{name}” bị hỏng hoặc không phải tệp PDF.", {"file": ["Tệp PDF không đọc được."]}
        ) from None
    if not found:
        raise missing(name, "PDF")
    try:
        text = found[0].decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(f"Dữ liệu đầu vào trong “{name}” không phải UTF-8.") from None
    return parse_source(text, f"“{name}”")
