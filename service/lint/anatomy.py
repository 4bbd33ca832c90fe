"""Where each ND30 element of a document is: computed once, read by every rule."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .locate import (
    HEADER_SCAN,
    MOTTO,
    QUOC_HIEU,
    DateLine,
    NumberLine,
    Span,
    find_date,
    find_number,
    find_type_name,
    is_rule,
    issuer_spans,
    search,
    summary_spans,
)
from .model import Document
from .text import fold, is_upper
from .zones import BULLETS, Closing, find_closing

_PROPOSAL = re.compile(r"(theo|xet)\s+de\s+nghi\b")
_ARTICLE = re.compile(r"dieu\s+\d+")


@dataclass
class Anatomy:
    """The located elements; a missing element is None or empty."""

    national_title: Span | None = None
    motto: Span | None = None
    issuer: list[Span] = field(default_factory=list)
    number: NumberLine | None = None
    date: DateLine | None = None
    type_name: Span | None = None
    type_key: str | None = None  # "Quyết định", …; None for a công văn
    summary: list[Span] = field(default_factory=list)
    body_start: int = 0  # first paragraph after the header and title block
    bases: list[int] = field(default_factory=list)  # Căn cứ lines, then the proposal lines
    proposals: int = 0  # how many of the last ``bases`` are "Theo đề nghị …" lines
    closing: Closing = field(default_factory=Closing)

    @property
    def issued(self) -> date | None:
        """Return the document's date (a draft's: the last day of its month)."""
        return self.date.value if self.date else None

    def text_paragraphs(self, doc: Document) -> list[int]:
        """Return the body paragraphs set in body text: not header, table, box or closing."""
        start = self.type_name.paragraph if self.type_name else self.body_start
        return [
            p.index
            for p in doc.paragraphs[start:]
            if p.cell is None
            and not p.boxed
            and p.index not in self.closing.paragraphs
            and not is_rule(p.text.strip())
        ]


def analyse(doc: Document) -> Anatomy:
    """Return where the elements of ``doc`` are."""
    found = Anatomy()
    found.national_title = search(doc, QUOC_HIEU, 0, HEADER_SCAN)
    qh_at = found.national_title.paragraph if found.national_title else 0
    found.motto = search(doc, MOTTO, qh_at, qh_at + HEADER_SCAN)
    title = find_type_name(doc, qh_at + 1 if found.national_title else 0)
    header_stop = title[0].paragraph if title else HEADER_SCAN
    found.number = find_number(doc, header_stop)
    found.date = find_date(doc, header_stop, found.number)
    if title:
        found.type_name, found.type_key = title
        found.summary = summary_spans(doc, found.type_name)
        found.body_start = max(s.paragraph for s in [found.type_name, *found.summary]) + 1
    else:
        found.body_start = _header_end(doc, found)
    found.issuer = _issuer(doc, found, header_stop)
    found.closing = find_closing(doc, found.body_start)
    _bases(doc, found)
    return found


def _issuer(doc: Document, found: Anatomy, header_stop: int) -> list[Span]:
    """Return the issuer lines: header text above the Số line (or the date line)."""
    anchor = found.number.span if found.number else found.date.span if found.date else None
    stop = anchor.paragraph if anchor else header_stop
    taken = [
        s for s in (found.national_title, found.motto, anchor, found.date and found.date.span) if s
    ]
    return [
        s
        for s in issuer_spans(doc, stop + 1, taken)
        if s.paragraph < stop or (anchor and s.end <= anchor.start)
    ]


def _header_end(doc: Document, found: Anatomy) -> int:
    """Return the first paragraph after the header of a document without a tên loại."""
    spans = [
        s
        for s in (
            found.national_title,
            found.motto,
            found.number and found.number.span,
            found.date and found.date.span,
        )
        if s
    ]
    last = max((s.paragraph for s in spans), default=-1)
    cell = doc.paragraphs[last].cell if last >= 0 else None
    if cell is not None:  # the whole header table belongs to the header
        last = max(p.index for p in doc.paragraphs if p.cell and p.cell.table == cell.table)
    # A công văn's trích yếu ("V/v …", ô 5b) sits under the Số line, inside the header.
    while last + 1 < len(doc.paragraphs) and fold(
        doc.paragraphs[last + 1].text
    ).lstrip().startswith("v/v"):
        last += 1
    return last + 1


# ND30 gives a căn cứ block only to what is issued under a competence (Mẫu 1.1 Nghị quyết, 1.2 and
# 1.3 Quyết định). In the other kinds (Mẫu 1.4: Kế hoạch, Thông báo, …) a sentence that opens with
# "Căn cứ …; thực hiện …, như sau:" is upright body text, as vanban renders it.
BASIS_TYPES = frozenset({"Quyết định", "Nghị quyết"})


def _bases(doc: Document, found: Anatomy) -> None:
    """Record the Căn cứ block: consecutive "Căn cứ" lines, then "Theo đề nghị" lines."""
    if found.type_key is not None and found.type_key not in BASIS_TYPES:
        return
    stop = found.closing.start if found.closing.start is not None else len(doc.paragraphs)
    lines: list[int] = []
    proposals = 0
    for p in doc.paragraphs[found.body_start : stop]:
        text = p.plain()
        folded = fold(text)
        if not text or is_rule(text):
            continue
        if folded.startswith("can cu") and not proposals:
            lines.append(p.index)
        elif lines and (_PROPOSAL.match(folded) or (text.startswith(BULLETS) and not proposals)):
            lines.append(p.index)
            proposals += bool(_PROPOSAL.match(folded))
        elif lines or _ARTICLE.match(folded) or not _preamble(text, folded):
            break
    found.bases, found.proposals = lines, proposals


def _preamble(text: str, folded: str) -> bool:
    """Return whether a line may stand between the title block and the Căn cứ lines."""
    return is_upper(text) or folded.startswith("kinh gui") or text.startswith(BULLETS)
