"""Căn cứ checked against the citation registry: number, date, title and validity (§2.6).

The document's own date comes from its place and date line (a draft dated by month: the last day
of that month); without one, ``today`` from the context. Documents missing from the registry are
not judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from service.legal import (
    LegalDocument,
    Registry,
    cite,
    in_force,
    render_title,
    why_not_in_force,
)
from service.legal.registry import LAW_TYPES
from service.vn.dates import short_date

from ..anatomy import Anatomy
from ..citematch import Cited, find_citations, normal
from ..model import Document
from ..report import ERROR, WARNING, Finding, Rule
from ..text import excerpt, fold
from .base import Context

NUMBER = Rule("citation.number", ERROR, "Số, ký hiệu văn bản căn cứ đúng")
DATE = Rule("citation.date", ERROR, "Ngày ban hành văn bản căn cứ đúng")
TITLE = Rule("citation.title", ERROR, "Tên loại, trích yếu văn bản căn cứ đúng")
IN_FORCE = Rule("citation.in-force", ERROR, "Văn bản căn cứ còn hiệu lực vào ngày ban hành")
RULES = (NUMBER, DATE, TITLE, IN_FORCE)


def check(doc: Document, anatomy: Anatomy, ctx: Context) -> Iterator[Finding]:
    """Yield the findings about each registry document cited in the căn cứ lines."""
    on = anatomy.issued or ctx.today
    draft = anatomy.date is not None and not anatomy.date.day and on is not None
    first = on.replace(day=1) if draft else None
    for index in anatomy.bases[: len(anatomy.bases) - anatomy.proposals]:
        line = doc.paragraphs[index].plain()
        for cited in find_citations(line, ctx.registry):
            yield from _citation(line, index, cited, on, ctx.registry, first)


def _citation(
    line: str,
    index: int,
    cited: Cited,
    on: date | None,
    registry: Registry,
    first: date | None = None,
) -> Iterator[Finding]:
    """Yield the findings about one citation; ``first`` is a draft month's first day."""
    where = excerpt(line, cited.start, cited.end)
    style = "short" if cited.short else "long"
    target = _target(cited)
    if target is None or cited.issued != target.issued:
        expected = target or _expected(cited.candidates, on)
        yield DATE.at(index, where, _date_message(cited, expected, style))
        if target is None:
            return
    yield from _number(index, where, cited, target, style)
    if not _title_written(line, target):
        yield TITLE.at(
            index,
            where,
            f"Tên, trích yếu chưa đúng văn bản gốc. Ghi đúng: “{cite(target, date_style=style)}”.",
        )
    problem = None if on is None else why_not_in_force(registry, target, on)
    if problem:
        yield IN_FORCE.at(index, where, f"Văn bản ban hành ngày {short_date(on)}: {problem}")
    elif first is not None and (early := why_not_in_force(registry, target, first)):
        # A draft dated by month is judged on the month's last day, as the renderer does;
        # signed earlier in the month, the citation may not be in force yet.
        yield IN_FORCE.at(
            index,
            where,
            f"Dự thảo chưa ghi ngày; nếu ký ngày {short_date(first)}: {early}",
            WARNING,
        )


def _target(cited: Cited) -> LegalDocument | None:
    """Return the document meant: a law is told from its namesakes by its date."""
    if not cited.by_name:
        return cited.candidates[0]
    return next((d for d in cited.candidates if d.issued == cited.issued), None)


def _expected(candidates: tuple[LegalDocument, ...], on: date | None) -> LegalDocument:
    """Return the namesake to suggest: the one in force on ``on``, else the newest."""
    live = [d for d in candidates if on is not None and in_force(d, on)]
    return (live or sorted(candidates, key=lambda d: d.issued))[-1]


def _date_message(cited: Cited, expected: LegalDocument, style: str) -> str:
    """Return the message for a date that matches no registry document."""
    written = (
        "không ghi ngày ban hành"
        if cited.issued is None
        else (f"ghi ngày {short_date(cited.issued)}")
    )
    return (
        f"Căn cứ {written}, không khớp danh mục văn bản. Ghi đúng: "
        f"“{cite(expected, date_style=style)}”."
    )


def _number(
    index: int, where: str, cited: Cited, target: LegalDocument, style: str
) -> Iterator[Finding]:
    """Yield a finding when a law's citation gives a number, or a wrong one."""
    right = cite(target, date_style=style)
    if cited.by_name and cited.number and fold(cited.number) != fold(target.number or ""):
        yield NUMBER.at(
            index,
            where,
            f"{target.type} này có số {target.number}, không phải "
            f"{cited.number}. Ghi đúng: “{right}”.",
        )
    elif target.type in LAW_TYPES and (cited.number or not cited.by_name):
        yield NUMBER.at(
            index,
            where,
            f"Căn cứ {target.type.lower()} chỉ ghi tên loại, tên và "
            f"ngày, không ghi số, ký hiệu: “{right}”.",
            WARNING,
        )


def _title_written(line: str, target: LegalDocument) -> bool:
    """Return whether the line carries the official name or title of ``target`` exactly."""
    text = normal(line)
    if target.type in LAW_TYPES:
        return normal(f"{target.type} {target.title}") in text
    return any(normal(render_title(target.title, style)) in text for style in ("long", "short"))
