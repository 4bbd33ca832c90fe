"""Quyết định (cá biệt), ND30 Mẫu 1.2 and 1.3: the parts every decision shares, composed once.

Specialised decisions (ranking, quality objectives) are this decision plus their own data: they
compute articles or appendices and call ``compose_decision``, so header, căn cứ, nơi nhận and
signature have one implementation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..legal.citations import basis_lines, unverified
from ..legal.registry import Registry
from ..marks import IDENTIFIER, MOVE, NAME, part
from ..model import MARK, Appendix, Block, Document, Signature
from ..vn.text import capitalize_first, upper
from .articles import article_blocks, implementers_article
from .attached import AttachedInput, attached_blocks, issuing_article, states_issuing
from .collect import Collector
from .header import compose_attached_header, compose_header, document_meta, self_reference
from .inputs import ArticleInput, IssueDate, IssuerInput, RecipientsInput, SignatureInput
from .recipients import compose_recipients
from .signature import compose_signature, issuing_head
from .text import Citer

KIND = "decision"
TYPE_NAME = "Quyết định"
END_MARK = "./."


@dataclass(frozen=True)
class DecisionInput:
    """Everything a clerk gives for a decision; a specialised kind computes ``articles``."""

    issuer: IssuerInput = part(role=NAME)
    number: int | None
    when: IssueDate = part(key="date")
    authority: str
    summary: str
    date_style: str = part(key="citation_date_style", skip=IDENTIFIER)
    citations: tuple
    proposal: str | None = part(skip=(MOVE,))  # names last year's dated submission
    recipients: RecipientsInput = part(role=NAME)
    signature: SignatureInput = part(role=NAME)
    articles: tuple[ArticleInput, ...] = ()
    attached: AttachedInput | None = None  # Mẫu 1.3: the document this decision issues


def with_end_mark(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Return ``blocks`` with the end-of-text mark './.' closing the last one."""
    *rest, last = blocks
    final = last.runs[-1]
    text = final.text.rstrip()
    if not text.endswith(END_MARK):
        text = text.rstrip(".;,") + END_MARK
    closed = Block(last.role, (*last.runs[:-1], replace(final, text=text)))
    return (*rest, closed)


def attribution(data: DecisionInput, errors: Collector) -> str | None:
    """Return the '(Kèm theo Quyết định số … của …)' line of what the decision carries.

    Record an error and return None when the issuer has no reference name to cite itself by.
    """
    if not data.issuer.reference:
        errors.add(
            "issuer.reference",
            "Cần cách gọi cơ quan ban hành trong dòng '(Kèm theo … "
            "của …)' của phụ lục, ví dụ 'Chủ tịch UBND tỉnh'.",
        )
        return None
    return (
        "(Kèm theo "
        + self_reference(TYPE_NAME, data.issuer, data.number, data.when, data.date_style)
        + ")"
    )


def _days(data: DecisionInput) -> tuple:
    """Return the first and last day the document may bear (the same day once issued)."""
    return tuple(dict.fromkeys(data.when.span))


def _bases(data: DecisionInput, registry: Registry) -> tuple[str, ...]:
    """Return the căn cứ lines, checked on every day the document may bear."""
    lines = ()
    for day in _days(data):
        lines = basis_lines(
            data.citations,
            registry=registry,
            on=day,
            date_style=data.date_style,
            proposal=data.proposal,
            jurisdiction=data.issuer.jurisdiction,
        )
    return lines


def _check_authority(data: DecisionInput, errors: Collector) -> None:
    """Record an error when the signature does not sign for the issuing authority."""
    head = issuing_head(data.signature)
    if head and MARK not in data.authority and not upper(data.authority).startswith(head):
        errors.add(
            "authority",
            f"Thẩm quyền ban hành '{upper(data.authority)}' không khớp khối "
            f"chữ ký, vốn ký cho '{head}' (tập thể thì ký 'TM.', cá nhân thì "
            "thẩm quyền bắt đầu bằng chức danh người đứng đầu).",
        )


def _check_appendix_mentioned(data: DecisionInput, errors: Collector) -> None:
    """Record an error when there are appendices but no article refers to them."""
    texts = " ".join(a.text + " ".join(c.text for c in a.clauses) for a in data.articles)
    # MARK: a preview's article not yet written may be the one that will refer to them
    if "phụ lục" not in texts.lower() and MARK not in texts:
        errors.add(
            "articles",
            "Văn bản có phụ lục thì nội dung phải dẫn chiếu tới phụ lục "
            "(ví dụ '(Có Phụ lục kèm theo)').",
        )


def _attached_document(
    data: DecisionInput, registry: Registry, errors: Collector
) -> Appendix | None:
    """Return the attached document (Mẫu 1.3) with its own header and no number or date."""
    attached = data.attached
    if data.articles and states_issuing(data.articles[0]):
        errors.add(
            "articles.0.text",
            "Điều 1 (ban hành văn bản kèm theo) được tạo từ "
            "'attached'; bỏ điều này, các điều bắt đầu từ Điều 2.",
        )
    citer = Citer(registry, _days(data), data.date_style, data.issuer.jurisdiction)
    blocks = errors.run(lambda: attached_blocks(attached, citer), ())
    note = attribution(data, errors)
    if not blocks or note is None:
        return None
    return Appendix(
        label=None,
        title=upper(attached.type_name),
        attribution=note,
        blocks=with_end_mark(blocks),
        header=compose_attached_header(data.issuer),
        subtitle=capitalize_first(attached.summary.rstrip(" .;")),
    )


def _implementers(data: DecisionInput, computed: int, errors: Collector) -> int | None:
    """Return the number of the article naming the implementers, after ``computed`` articles."""
    number = errors.run(lambda: implementers_article(data.articles), None)
    return None if number is None else number + computed


def compose_decision(
    data: DecisionInput,
    *,
    registry: Registry,
    kind: str,
    appendices: Sequence[Appendix] = (),
    errors: Collector | None = None,
) -> Document:
    """Return the decision as a Document; raise InvalidInput listing every bad field."""
    errors = errors or Collector()
    lead = (issuing_article(data.attached),) if data.attached else ()
    articles = (*lead, *data.articles)
    attached = _attached_document(data, registry, errors) if data.attached else None
    bases = errors.run(lambda: _bases(data, registry), ())
    body = errors.run(lambda: article_blocks(articles), ())
    implementers = _implementers(data, len(lead), errors)
    recipients = errors.run(
        lambda: compose_recipients(data.recipients, len(articles), implementers), ()
    )
    signature = errors.run(lambda: compose_signature(data.signature), Signature((), ""))
    _check_authority(data, errors)
    if appendices:
        _check_appendix_mentioned(data, errors)
    errors.raise_if_any()
    return Document(
        meta=replace(
            document_meta(data, TYPE_NAME, kind), unverified=unverified(data.citations, registry)
        ),
        header=compose_header(data.issuer, TYPE_NAME, data.number, data.when),
        type_name=upper(TYPE_NAME),
        summary=(data.summary,),
        authority=upper(data.authority),
        bases=bases,
        enacting=upper(TYPE_NAME) + ":",
        body=with_end_mark(body),
        recipients=recipients,
        signature=signature,
        appendices=(*((attached,) if attached else ()), *appendices),
    )


def compose(data: DecisionInput, *, registry: Registry) -> Document:
    """Return the general decision (Mẫu 1.2, or Mẫu 1.3 with its attached document)."""
    return compose_decision(data, registry=registry, kind=KIND)
