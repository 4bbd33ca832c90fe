"""What every rule module shares: the context of a run and span helpers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from service.legal import Registry

from ..locate import Span
from ..model import Document, Run
from ..text import excerpt

TNR = "times new roman"


@dataclass(frozen=True)
class Context:
    """What the rules need besides the document: the citation registry and today's date."""

    registry: Registry
    today: date | None = None


def runs(doc: Document, span: Span) -> list[Run]:
    """Return the runs printing visible text inside ``span``."""
    return doc.paragraphs[span.paragraph].runs_over(span.start, span.end)


def text(doc: Document, span: Span) -> str:
    """Return the text of ``span`` as displayed (caps applied)."""
    return doc.paragraphs[span.paragraph].shown(span.start, span.end)


def quote(doc: Document, span: Span) -> str:
    """Return the excerpt shown with a finding about ``span``."""
    return excerpt(doc.paragraphs[span.paragraph].text, span.start, span.end)


def all_bold(doc: Document, span: Span) -> bool:
    """Return whether all of ``span`` prints bold."""
    return all(run.props.bold for run in runs(doc, span))


def all_italic(doc: Document, span: Span) -> bool:
    """Return whether all of ``span`` prints italic."""
    return all(run.props.italic for run in runs(doc, span))


def sizes(doc: Document, span: Span) -> set[float]:
    """Return the point sizes ``span`` prints in."""
    return {run.props.size for run in runs(doc, span)}


def size_text(values: set[float]) -> str:
    """Return point sizes as Vietnamese text.

    >>> size_text({13.5, 12.0})
    '12; 13,5 pt'
    """
    return "; ".join(f"{v:g}".replace(".", ",") for v in sorted(values)) + " pt"


def outside(values: set[float], low: float, high: float) -> set[float]:
    """Return the sizes not within ``low``–``high`` points."""
    return {v for v in values if not low <= v <= high}
