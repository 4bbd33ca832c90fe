"""The one path from input to bytes, used by the CLI, the API and batch jobs."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from .catalog import KINDS, Resources, default_resources
from .directory import stale_errors
from .directory.match import ceased_on
from .errors import InvalidInput, UnknownKind
from .kinds.walk import input_path
from .model import Document
from .render import TemplateSet
from .render.docx import load_template, render_docx
from .render.html import environment, mark_missing, render_html
from .schemas.base import instance, load
from .schemas.lenient import fill
from .source import source_text
from .vn.numbers import format_number

# Rounds of placeholders a preview may take: a filled object can reveal errors of its own
# fields, and compose can refuse what the schema let through.
PREVIEW_ROUNDS = 6

PDF_VARIANTS = ("pdf/a-3b", "pdf/a-2b", "pdf/a-3u", "pdf/a-2u", "pdf")
DEFAULT_VARIANT = "pdf/a-3b"


@dataclass(frozen=True)
class Format:
    """An output format: its renderer, media type and file extension."""

    name: str
    media_type: str
    extension: str
    render: Callable[..., bytes]  # (document, templates, **options)
    variants: bool = False  # takes a PDF variant (``variant=``)


def _render_pdf(document: Document, templates: TemplateSet, variant: str | None = None) -> bytes:
    """Return the PDF; WeasyPrint is imported on first use.

    Importing it costs a third of a second of CPU (cffi reads Pango's declarations), which a
    process that writes no PDF (a DOCX-only batch, `vanban render --format docx`) never pays.
    """
    from .render.pdf import render_pdf

    return render_pdf(document, templates, variant)


def _render_signable(
    document: Document, templates: TemplateSet, variant: str | None = None
) -> bytes:
    """Return the PDF ready to sign (service/sign/prepare.py); pyHanko is imported on first use."""
    from .sign.prepare import render_signable

    return render_signable(document, templates, variant)


FORMATS: dict[str, Format] = {
    "docx": Format(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        lambda document, templates: render_docx(document, templates.docx(document.meta.kind)),
    ),
    "pdf": Format("pdf", "application/pdf", "pdf", _render_pdf, variants=True),
    # The PDF with empty signature fields at the ND30 places (service/sign/prepare.py).
    "pdf-ky": Format("pdf-ky", "application/pdf", "ky-so.pdf", _render_signable, variants=True),
    "html": Format(
        "html",
        "text/html; charset=utf-8",
        "html",
        lambda document, templates: mark_missing(render_html(document, templates=templates)).encode(
            "utf-8"
        ),
    ),
}


# Each format's file name ending ("ky-so.pdf"): what a name given on the command line chooses.
ENDINGS = {name: fmt.extension for name, fmt in FORMATS.items()}


@dataclass(frozen=True)
class Rendered:
    """A rendered file and what a client needs to save it."""

    content: bytes
    media_type: str
    filename: str
    document: Document


def parse(payload: Any) -> tuple[Any, Any]:
    """Return the kind's spec and the typed input of a JSON payload; raise InvalidInput."""
    spec = parse_kind(payload)
    data = load(
        instance(spec.schema), {key: value for key, value in payload.items() if key != "kind"}
    )
    return spec, data


def parse_kind(payload: Any) -> Any:
    """Return the spec of the kind a JSON payload names; raise InvalidInput or UnknownKind."""
    if not isinstance(payload, dict):
        raise InvalidInput(
            "Dữ liệu đầu vào không hợp lệ.", {"": ['Cần một đối tượng JSON có trường "kind".']}
        )
    kind = payload.get("kind")
    if not isinstance(kind, str) or not kind:
        raise InvalidInput(
            "Dữ liệu đầu vào không hợp lệ.",
            {"kind": ["Thiếu loại văn bản. Các loại hiện có: " + ", ".join(sorted(KINDS)) + "."]},
        )
    spec = KINDS.get(kind)
    if spec is None:
        raise UnknownKind(
            f"Không có loại văn bản '{kind}'.",
            {"kind": ["Các loại hiện có: " + ", ".join(sorted(KINDS)) + "."]},
        )
    return spec


def compose(
    payload: Any,
    resources: Resources | None = None,
    *,
    allow_stale: bool = False,
    parsed: tuple[Any, Any] | None = None,
    preview: bool = False,
    today: date | None = None,
) -> Document:
    """Return the Document described by a JSON payload that names its ``kind``.

    A document must not name a body that had ceased to exist on its date (a district People's
    Committee after 01/7/2025, a merged province): refused unless ``allow_stale`` (a batch
    re-issuing last year's documents for review keeps them, with warnings in its report).
    ``parsed`` is what ``parse(payload)`` returned, when the caller has it already.

    ``preview=True`` is the clerk's live preview of an incomplete form: instead of refusing
    it, what is missing or invalid is replaced by placeholders (schemas/lenient.py; a missing
    date is a draft date of ``today``'s month), and the errors the input has are kept in
    ``meta.errors`` for the form to show. Every real output is composed strictly.
    """
    resources = resources or default_resources()
    if preview:
        return _compose_preview(payload, resources, today or date.today())
    spec, data = parsed or parse(payload)
    document = spec.compose(data, resources)
    stale = {} if allow_stale else ceased_errors(payload, data, resources)
    if stale:
        raise InvalidInput(
            "Văn bản nêu tên cơ quan, đơn vị không còn tồn tại vào ngày ban hành.", stale
        )
    return replace(document, meta=replace(document.meta, source=source_text(payload)))


def ceased_errors(payload: Any, data: Any, resources: Resources) -> dict[str, list[str]]:
    """Return the ceased bodies the typed input ``data`` names on its date, by input field path."""
    errors: dict[str, list[str]] = {}
    for path, messages in stale_errors(data, resources.directory).items():
        errors.setdefault(input_path(payload, path), []).extend(messages)
    return errors


def _compose_preview(payload: Any, resources: Resources, today: date) -> Document:
    """Return the document of a possibly incomplete payload, with its errors in meta."""
    spec = parse_kind(payload)
    schema = instance(spec.schema)
    body = {key: value for key, value in payload.items() if key != "kind"}
    errors: dict[str, list[str]] = {}
    for _ in range(PREVIEW_ROUNDS):
        try:
            data = load(schema, body)
            document = spec.compose(data, resources)
        except InvalidInput as error:
            _merge(errors, error.errors)
            body = fill(
                schema, body, error.errors, today, {"level_scheme": sorted(resources.schemes)}
            )
            if body is None:  # nothing more to fill: the errors the input has
                raise InvalidInput(error.message, errors) from None
            continue
        _merge(errors, ceased_errors({**body, "kind": payload["kind"]}, data, resources))
        meta = replace(document.meta, source=source_text(payload), errors=errors)
        return replace(document, meta=meta)
    raise InvalidInput("Dữ liệu đầu vào không hợp lệ.", errors)


def _merge(errors: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    """Add the errors of a later round, except those about what an earlier one filled.

    >>> found = {"signature": ["Thiếu"]}
    >>> _merge(found, {"signature.title": ["Thiếu chức vụ"], "date": ["Sai"]})
    >>> found
    {'signature': ['Thiếu'], 'date': ['Sai']}
    """
    for path, messages in more.items():
        if not any(
            path == known
            or f"{path}.".startswith(f"{known}.")
            or f"{known}.".startswith(f"{path}.")
            for known in errors
        ):
            errors[path] = messages


def output_format(fmt: str) -> Format:
    """Return the output format named ``fmt``, or raise InvalidInput."""
    output = FORMATS.get(fmt)
    if output is None:
        raise InvalidInput(
            "Định dạng không hỗ trợ.", {"format": ["Chọn một trong: " + ", ".join(FORMATS) + "."]}
        )
    return output


def check_variant(variant: str) -> None:
    """Raise InvalidInput unless ``variant`` is a PDF variant the service writes."""
    if variant not in PDF_VARIANTS:
        raise InvalidInput(
            "Biến thể PDF không hỗ trợ.",
            {"variant": ["Chọn một trong: " + ", ".join(PDF_VARIANTS)]},
        )


def render(
    document: Document,
    fmt: str,
    resources: Resources | None = None,
    *,
    variant: str = DEFAULT_VARIANT,
) -> Rendered:
    """Return a composed document rendered as ``fmt``: compose once, render every format.

    ``variant`` is the PDF variant of PDF outputs: PDF/A-3b by default (the archive format that
    allows the embedded input and transparent signature images), "pdf" for a plain PDF.
    """
    output = output_format(fmt)
    check_variant(variant)
    if document.meta.errors and fmt != "html":  # a preview's placeholders are never printed
        raise InvalidInput("Dữ liệu đầu vào không hợp lệ.", document.meta.errors)
    resources = resources or default_resources()
    options = {"variant": None if variant == "pdf" else variant} if output.variants else {}
    return Rendered(
        content=output.render(document, resources.templates, **options),
        media_type=output.media_type,
        filename=f"{document.meta.file_stem}.{output.extension}",
        document=document,
    )


def generate(
    payload: Any,
    fmt: str,
    resources: Resources | None = None,
    *,
    allow_stale: bool = False,
    variant: str = DEFAULT_VARIANT,
    preview: bool = False,
) -> Rendered:
    """Return the payload's document rendered as ``fmt`` (docx, pdf, pdf-ky or html).

    ``preview=True`` (HTML only) draws an incomplete input with marked blanks; the errors it
    has are in ``document.meta.errors``.
    """
    output_format(fmt)  # an unknown format or variant is refused before any work
    check_variant(variant)
    resources = resources or default_resources()
    document = compose(payload, resources, allow_stale=allow_stale, preview=preview)
    return render(document, fmt, resources, variant=variant)


def warm(*, pdf: bool = True) -> None:
    """Do once what the first request of each kind would, then hide it from the collector.

    Reference data, schemas, compiled templates, number formats, the ceased-name patterns and
    parsed style sheets are built here, so a process forked afterwards (a gunicorn worker of a
    preloaded master, a batch worker of its fork server) answers its first request as fast as
    its thousandth. ``gc.freeze`` then moves every object alive (modules,
    caches) out of the collector's generations: a collection no longer walks them, and a
    forked child no longer writes to their pages (copy-on-write).
    """
    resources = default_resources()
    for kind, spec in KINDS.items():
        instance(spec.schema)
        load_template(resources.templates.docx(kind))
        environment(resources.templates.html_folders()).get_template(f"{kind}.html")
    format_number(1250000)  # Babel's Vietnamese locale data, read on first use
    ceased_on(resources.directory, date.max)  # every ceased entry's patterns, compiled
    if pdf:
        from .render.pdf import stylesheet, user_agent_stylesheet

        stylesheet()
        user_agent_stylesheet()
    gc.freeze()
