"""Render a Document as PDF with WeasyPrint, reproducibly and without reaching outside templates/.

The same document gives the same bytes: the PDF identifier is derived from ``Meta.file_stem``
and the creation/modification dates from ``Meta.issued`` (through ``dcterms.*`` meta elements);
a draft (no issue date) carries no dates at all rather than the current time.
"""

from __future__ import annotations

import hashlib
import threading
from functools import cache

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from service.errors import RenderError
from service.model import Document
from service.render import PACKAGED_TEMPLATES, TemplateSet
from service.render.fetcher import AssetFetcher
from service.render.html import STYLESHEET, TEMPLATES_DIR, render_html
from service.render.ooxml import UNDATED
from service.source.pdf import attachment

BASE_URL = TEMPLATES_DIR.as_uri() + "/"

_per_thread = threading.local()


@cache
def fetcher() -> AssetFetcher:
    """Return the strict fetcher: a missing or refused asset is a defect, not a warning."""
    return AssetFetcher(strict=True)


@cache
def stylesheet() -> CSS:
    """Return document.css parsed once, instead of once per render through a <link>."""
    return CSS(url=BASE_URL + STYLESHEET, url_fetcher=fetcher())


def font_config() -> FontConfiguration:
    """Return this thread's font configuration.

    Reusing it keeps Pango's loaded faces between renders (about 15 ms a PDF); one per thread
    because a Pango font map must not be shared between threads.
    """
    config = getattr(_per_thread, "font_config", None)
    if config is None:
        config = _per_thread.font_config = FontConfiguration()
    return config


def pdf_identifier(document: Document) -> bytes:
    """Return the permanent part of the PDF /ID, stable across renders of one document."""
    digest = hashlib.md5(document.meta.file_stem.encode(), usedforsecurity=False)
    return digest.hexdigest().encode()


def source_attachments(document: Document) -> list:
    """Return the embedded input file (none for a document not made from JSON)."""
    if not document.meta.source:
        return []
    return [attachment(document.meta.source, document.meta.issued or UNDATED)]


def render_pdf(document: Document, templates: TemplateSet = PACKAGED_TEMPLATES) -> bytes:
    """Return ``document`` as PDF bytes, laid out by its HTML template."""
    html = HTML(
        string=render_html(document, stylesheet=None, templates=templates),  # CSS passed parsed
        base_url=BASE_URL,
        url_fetcher=fetcher(),
    )
    try:
        return html.write_pdf(
            stylesheets=[stylesheet()],
            font_config=font_config(),
            pdf_identifier=pdf_identifier(document),
            attachments=source_attachments(document),
        )
    except FatalURLFetchingError as exc:  # a BaseException: never let it escape a request
        raise RenderError(f"Không tạo được PDF: {exc}") from exc
