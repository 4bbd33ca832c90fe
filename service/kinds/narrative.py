"""Documents with a type name and no articles (ND30 Mẫu 1.4: Thông báo, Kế hoạch, Báo cáo).

They share a decision's header, nơi nhận and signature, but have no authority line, no căn cứ and
no enacting words; the body is running text closed by the end mark './.'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..legal.registry import Registry
from ..marks import IDENTIFIER, NAME, part
from ..model import Appendix, Block, Document, Signature
from ..vn.text import upper
from .collect import Collector
from .decision import with_end_mark
from .header import compose_header, document_meta
from .inputs import IssueDate, IssuerInput, RecipientsInput, SignatureInput
from .recipients import compose_recipients
from .signature import compose_signature
from .text import Citer


@dataclass(frozen=True)
class NarrativeInput:
    """What a clerk gives for every document of this family, the body aside."""

    issuer: IssuerInput = part(role=NAME)
    number: int | None
    when: IssueDate = part(key="date")
    summary: str
    date_style: str = part(key="citation_date_style", skip=IDENTIFIER)
    recipients: RecipientsInput = part(role=NAME)
    signature: SignatureInput = part(role=NAME)


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
