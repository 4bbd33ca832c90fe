"""Render a Document as PDF with WeasyPrint, reproducibly and without reaching outside templates/.

The same document gives the same bytes: the PDF identifier is derived from ``Meta.file_stem``
and the creation/modification dates from ``Meta.issued`` (through ``dcterms.*`` meta elements);
a draft (no issue date) carries no dates at all rather than the current time.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from functools import cache
from importlib import resources

import cssselect2
from weasyprint import CSS, HTML, _find_base_url
from weasyprint.css import ColorProfile
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, ensure_url

from service.errors import RenderError
from service.model import Document
from service.render import PACKAGED_TEMPLATES, TemplateSet, harfbuzz, html_tree, weasyprint_speed
from service.render.fetcher import AssetFetcher
from service.render.html import STYLESHEET, TEMPLATES_DIR, render_html
from service.render.ooxml import UNDATED
from service.render.positions import Positions, positions
from service.source.pdf import attachment

BASE_URL = TEMPLATES_DIR.as_uri() + "/"
# The elements the HTML templates print, all that pdf_ua.css styles (a test keeps them in step).
UA_ELEMENTS = frozenset(
    "body br col colgroup div em head html meta p section span strong sup table tbody td th "
    "thead title tr".split()
)

harfbuzz.install()
FITTED = weasyprint_speed.install()  # False on a WeasyPrint the copied code does not fit
_per_thread = threading.local()
SRGB = "srgb-icc"  # the output intent's colour profile of PDF/A variants
# WeasyPrint logs each step of each PDF at INFO ("Step 5 - Creating layout - Page 4"): not news
# in a server's log, and formatting them is work for every PDF.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@cache
def fetcher() -> AssetFetcher:
    """Return the strict fetcher: a missing or refused asset is a defect, not a warning."""
    return AssetFetcher(strict=True)


@cache
def stylesheet() -> CSS:
    """Return document.css parsed once, instead of once per render through a <link>."""
    return CSS(url=BASE_URL + STYLESHEET, url_fetcher=fetcher())


@cache
def user_agent_stylesheet() -> CSS:
    """Return pdf_ua.css: WeasyPrint's user-agent rules for the elements of UA_ELEMENTS."""
    text = resources.files(__package__).joinpath("pdf_ua.css").read_text(encoding="utf-8")
    return CSS(string=text)


class DocumentHTML(HTML):
    """WeasyPrint's HTML document, styled by pdf_ua.css instead of its full HTML5 sheet.

    Matching every element against the full sheet's rules is a part of every PDF's time spent
    on elements the documents never use; the PDFs are byte for byte the same (tested). A plain
    page (service/render/html_tree.py) is read by the standard library's tokenizer into the
    tree tinyhtml5 would build, five times faster; any other goes to tinyhtml5.
    """

    plain_parser = FITTED  # read plain pages with service/render/html_tree.py

    def __init__(self, *, string: str, base_url: str, url_fetcher) -> None:
        tree = html_tree.parse(string) if self.plain_parser else None
        if tree is None:
            super().__init__(string=string, base_url=base_url, url_fetcher=url_fetcher)
            return
        # What WeasyPrint 70's HTML.__init__ does with the tree tinyhtml5 gives.
        self.base_url = _find_base_url(tree, ensure_url(base_url))
        self.url_fetcher = url_fetcher
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [user_agent_stylesheet()]


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


def variant_options(variant: str | None, output: bool = False) -> dict:
    """Return WeasyPrint's options for a PDF variant, with the sRGB output intent of PDF/A.

    WeasyPrint's own sRGB intent opens its ICC file on every PDF and never closes it (a
    ResourceWarning per document); the same profile is given here from bytes read once.
    """
    if not variant:
        return {}
    options: dict = {"pdf_variant": variant, "output_intent": SRGB}
    if not output:
        profile = ColorProfile(
            io.BytesIO(srgb_icc()), "sRGB2014.icc", "relative-colorimetric", (["r"], ["g"], ["b"])
        )
        options["color_profiles"] = {SRGB: profile}
    return options


@cache
def srgb_icc() -> bytes:
    """Return the sRGB ICC profile WeasyPrint ships."""
    return resources.files("weasyprint.pdf").joinpath("sRGB2014.icc").read_bytes()


def render_pdf(
    document: Document, templates: TemplateSet = PACKAGED_TEMPLATES, variant: str | None = None
) -> bytes:
    """Return ``document`` as PDF bytes, laid out by its HTML template.

    ``variant`` is a WeasyPrint PDF variant ("pdf/a-3b"); None gives a plain PDF.
    """
    return _render(document, templates, variant, want_positions=False)[0]


def render_pdf_laid_out(
    document: Document, templates: TemplateSet = PACKAGED_TEMPLATES, variant: str | None = None
) -> tuple[bytes, Positions | None]:
    """Return ``document`` as PDF bytes and where its signing block was laid out."""
    return _render(document, templates, variant, want_positions=True)


def _render(
    document: Document, templates: TemplateSet, variant: str | None, want_positions: bool
) -> tuple[bytes, Positions | None]:
    """Return the PDF bytes and, if wanted, the signing block's positions (a walk of every box)."""
    html = DocumentHTML(
        string=render_html(document, stylesheet=None, templates=templates),  # CSS passed parsed
        base_url=BASE_URL,
        url_fetcher=fetcher(),
    )
    try:
        laid_out = html.render(
            stylesheets=[stylesheet()], font_config=font_config(), **variant_options(variant)
        )
        content = laid_out.write_pdf(
            pdf_identifier=pdf_identifier(document),
            attachments=source_attachments(document),
            **variant_options(variant, output=True),
        )
    except FatalURLFetchingError as exc:  # a BaseException: never let it escape a request
        raise RenderError(f"Không tạo được PDF: {exc}") from exc
    return content, positions(laid_out) if want_positions else None
