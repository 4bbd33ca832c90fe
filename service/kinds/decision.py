"""Quyết định (cá biệt), ND30 Mẫu 1.2: the parts every decision shares, composed once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..legal.citations import basis_lines
from ..legal.registry import Registry
from ..model import Appendix, Block, Document, Meta, Run, Signature
from ..vn.numbering import reference, symbol
from ..vn.text import ascii_slug, upper
from .articles import article_blocks, implementers_article
from .collect import Collector
from .header import compose_header
from .inputs import ArticleInput, IssueDate, IssuerInput, RecipientsInput, SignatureInput
from .recipients import compose_recipients
from .signature import compose_signature, issuing_head

TYPE_NAME = "Quyết định"
END_MARK = "./."


@dataclass(frozen=True)
class DecisionInput:
    """Everything a clerk gives for a decision."""

    issuer: IssuerInput
    number: int | None
    when: IssueDate
    authority: str
    summary: str
    date_style: str
    citations: tuple
    proposal: str | None
    articles: tuple[ArticleInput, ...]
    recipients: RecipientsInput
    signature: SignatureInput


def with_end_mark(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Return ``blocks`` with the end-of-text mark './.' closing the last one."""
    *rest, last = blocks
    final = last.runs[-1]
    text = final.text.rstrip()
    if not text.endswith(END_MARK):
        text = text.rstrip(".;,") + END_MARK
    closed = Block(last.role, (*last.runs[:-1], Run(text, final.bold, final.italic)))
    return (*rest, closed)


def _bases(data: DecisionInput, registry: Registry) -> tuple[str, ...]:
    """Return the căn cứ lines, checked on every day the document may bear."""
    first, last = data.when.span
    lines = ()
    for day in dict.fromkeys((first, last)):
        lines = basis_lines(data.citations, registry=registry, on=day,
                            date_style=data.date_style, proposal=data.proposal,
                            jurisdiction=data.issuer.jurisdiction)
    return lines


def _check_authority(data: DecisionInput, errors: Collector) -> None:
    """Record an error when the signature does not sign for the issuing authority."""
    head = issuing_head(data.signature)
    if head and not upper(data.authority).startswith(head):
        errors.add("authority", f"Thẩm quyền ban hành '{upper(data.authority)}' không khớp khối "
                                f"chữ ký, vốn ký cho '{head}' (tập thể thì ký 'TM.', cá nhân thì "
                                "thẩm quyền bắt đầu bằng chức danh người đứng đầu).")


def _check_appendix_mentioned(data: DecisionInput, errors: Collector) -> None:
    """Record an error when there are appendices but no article refers to them."""
    texts = " ".join(a.text + " ".join(c.text for c in a.clauses) for a in data.articles)
    if "phụ lục" not in texts.lower():
        errors.add("articles", "Văn bản có phụ lục thì nội dung phải dẫn chiếu tới phụ lục "
                               "(ví dụ '(Có Phụ lục kèm theo)').")


def compose_decision(data: DecisionInput, *, registry: Registry, kind: str,
                     appendices: Sequence[Appendix] = (), errors: Collector | None = None
                     ) -> Document:
    """Return the decision as a Document; raise InvalidInput listing every bad field."""
    errors = errors or Collector()
    bases = errors.run(lambda: _bases(data, registry), ())
    body = errors.run(lambda: article_blocks(data.articles), ())
    implementers = errors.run(lambda: implementers_article(data.articles), None)
    recipients = errors.run(lambda: compose_recipients(data.recipients, len(data.articles),
                                                       implementers), ())
    signature = errors.run(lambda: compose_signature(data.signature), Signature((), ""))
    _check_authority(data, errors)
    if appendices:
        _check_appendix_mentioned(data, errors)
    errors.raise_if_any()
    return Document(
        meta=_meta(data, kind),
        header=compose_header(data.issuer, TYPE_NAME, data.number, data.when),
        type_name=upper(TYPE_NAME),
        summary=(data.summary,),
        authority=upper(data.authority),
        bases=bases,
        enacting=upper(TYPE_NAME) + ":",
        body=with_end_mark(body),
        recipients=recipients,
        signature=signature,
        appendices=tuple(appendices),
    )


def _meta(data: DecisionInput, kind: str) -> Meta:
    """Return the document's title, date and download name."""
    ref = reference(data.number, symbol(TYPE_NAME, data.issuer.code))
    issued = data.when.issued
    title = f"{TYPE_NAME} {ref}" if data.number else f"Dự thảo {TYPE_NAME.lower()} {ref}"
    stamp = issued.isoformat() if issued else f"{data.when.year}-{data.when.month:02d}-du-thao"
    number = str(data.number) if data.number else "du-thao"
    return Meta(kind=kind, title=title, issued=issued, year=data.when.year,
                file_stem=ascii_slug(f"{TYPE_NAME} {number} {symbol(TYPE_NAME, data.issuer.code)} "
                                     f"{stamp}"),
                issuer_name=" ".join(data.issuer.name))
