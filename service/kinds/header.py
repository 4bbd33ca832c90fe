"""Ô 1-4 of the header and the references a document makes to itself."""

from __future__ import annotations

from typing import Any

from ..model import Header, Meta
from ..vn.dates import DRAFT_BLANK, cited_date, draft_long_date, place_and_date
from ..vn.numbering import number_line, number_text, reference, symbol
from ..vn.text import ascii_slug, upper
from .inputs import IssueDate, IssuerInput


def compose_header(
    issuer: IssuerInput, type_name: str, number: int | None, when: IssueDate
) -> Header:
    """Return the header of a document of ``type_name`` (number None: a draft)."""
    return Header(
        parent=upper(issuer.parent) if issuer.parent else None,
        issuer=tuple(upper(line) for line in issuer.name),
        number_line=number_line(number, symbol(type_name, issuer.code)),
        place_date=place_and_date(issuer.place, when.issued, when.month, when.year),
    )


def compose_attached_header(issuer: IssuerInput) -> Header:
    """Return the header of a document issued with a decision: no number, no date."""
    return Header(
        parent=upper(issuer.parent) if issuer.parent else None,
        issuer=tuple(upper(line) for line in issuer.name),
        number_line=None,
        place_date=None,
    )


def self_reference(
    type_name: str, issuer: IssuerInput, number: int | None, when: IssueDate, date_style: str
) -> str:
    """Return how the document names itself: 'Quyết định số 2113/QĐ-UBND ngày 31/12/2023 của …'.

    A draft leaves the number and the day blank, to be filled in at signing.
    """
    # The number's blank sits in running text (often italic, 14 pt): wider than the header's, so
    # it leaves room for a number written by hand in Word as in the PDF.
    ref = f"{number_text(number).strip() or DRAFT_BLANK * 2}/{symbol(type_name, issuer.code)}"
    if when.issued is not None:
        date_text = cited_date(when.issued, date_style)
    elif date_style == "short":
        date_text = f"ngày{DRAFT_BLANK}/{when.month}/{when.year}"
    else:
        date_text = draft_long_date(when.month, when.year)
    if not issuer.reference:
        raise ValueError("the issuer's reference name is needed to cite the document itself")
    owner = issuer.reference
    return f"{type_name} số {ref} {date_text} của {owner}"


def document_meta(data: Any, type_name: str, kind: str) -> Meta:
    """Return the title, date and download name of a document with issuer, number and when."""
    code = symbol(type_name, data.issuer.code)
    issued = data.when.issued
    if data.number:
        title = f"{type_name} {reference(data.number, code)}"
    else:
        title = f"Dự thảo {type_name.lower()} {reference(None, code)}"
    # One name for every output, the web's download and the batch's file alike: in Vietnamese
    # for a person ("Quyết định 2113-QĐ-UBND 2023-12-31"), as ASCII for a file system
    # ("quyet-dinh-2113-qd-ubnd-2023-12-31"); a draft says so once, in front.
    if data.number:
        name = f"{type_name} {data.number}-{code} {issued.isoformat() if issued else ''}"
    else:
        name = f"Dự thảo {type_name.lower()} {code} {data.when.year}-{data.when.month:02d}"
    name = " ".join(name.split())
    return Meta(
        kind=kind,
        title=title,
        issued=issued,
        year=data.when.year,
        file_stem=ascii_slug(name),
        file_name=name,
        issuer_name=" ".join(data.issuer.name),
    )
