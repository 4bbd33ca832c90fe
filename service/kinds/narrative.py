"""Documents with a type name and no articles (ND30 Mẫu 1.4: Thông báo, Kế hoạch, Báo cáo).

They share a decision's header, nơi nhận and signature, but have no authority line, no căn cứ and
no enacting words; the body is running text closed by the end mark './.'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..legal.registry import Registry
from ..model import Appendix, Block, Document, Meta, Signature
from ..vn.numbering import reference, symbol
from ..vn.text import ascii_slug, upper
from .collect import Collector
from .decision import with_end_mark
from .header import compose_header
from .inputs import IssueDate, IssuerInput, RecipientsInput, SignatureInput
from .recipients import compose_recipients
from .signature import compose_signature
from .text import Citer


@dataclass(frozen=True)
class NarrativeInput:
    """What a clerk gives for every document of this family, the body aside."""

    issuer: IssuerInput
    number: int | None
    when: IssueDate
    summary: str
    date_style: str
    recipients: RecipientsInput
    signature: SignatureInput


def citer_for(data: NarrativeInput, registry: Registry) -> Citer:
    """Return the citer of the document's text, checking every day the document may bear."""
    days = tuple(dict.fromkeys(data.when.span))
    return Citer(registry, days, data.date_style, data.issuer.jurisdiction)


def compose_narrative(
    data: NarrativeInput,
    *,
    type_name: str,
    kind: str,
    body: Sequence[Block],
    appendices: Sequence[Appendix] = (),
    errors: Collector,
) -> Document:
    """Return the document around ``body``; raise InvalidInput listing every bad field.

    There are no articles, so a 'Như Điều …' recipient is refused by the shared rule.
    """
    recipients = errors.run(lambda: compose_recipients(data.recipients, 0, None), ())
    signature = errors.run(lambda: compose_signature(data.signature), Signature((), ""))
    errors.raise_if_any()
    return Document(
        meta=document_meta(data, type_name, kind),
        header=compose_header(data.issuer, type_name, data.number, data.when),
        type_name=upper(type_name),
        summary=(data.summary,),
        authority=None,
        bases=(),
        enacting=None,
        body=with_end_mark(body),
        recipients=recipients,
        signature=signature,
        appendices=tuple(appendices),
    )


def document_meta(data: NarrativeInput, type_name: str, kind: str) -> Meta:
    """Return the document's title, date and download name ('thong-bao-du-thao-tb-bcd-…')."""
    code = symbol(type_name, data.issuer.code)
    issued = data.when.issued
    if data.number:
        title = f"{type_name} {reference(data.number, code)}"
    else:
        title = f"Dự thảo {type_name.lower()} {reference(None, code)}"
    stamp = issued.isoformat() if issued else f"{data.when.year}-{data.when.month:02d}-du-thao"
    number = str(data.number) if data.number else "du-thao"
    return Meta(
        kind=kind,
        title=title,
        issued=issued,
        year=data.when.year,
        file_stem=ascii_slug(f"{type_name} {number} {code} {stamp}"),
        issuer_name=" ".join(data.issuer.name),
    )
