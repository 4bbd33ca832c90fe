"""The yearly decision ranking agencies on their ISO 9001 work: a decision plus ranked appendices.

The decision part is the shared ``compose_decision``; this module adds only the scores' tables.

Ranks and levels are computed here from the scores; the input never carries them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..legal.registry import Registry
from ..marks import IDENTIFIER, NAME, part
from ..model import Appendix, Cell, Column, Document, Table
from ..scoring import LevelScheme, rank
from ..vn.numbering import roman
from ..vn.numbers import format_number
from ..vn.text import upper
from .collect import Collector
from .decision import DecisionInput, attribution, compose_decision

KIND = "ranking-decision"
COLUMNS = (Column(22, "center"), Column(83, "left"), Column(25, "center"), Column(35, "center"))
HEADINGS = ("THỨ HẠNG", "TÊN CƠ QUAN", "TỔNG ĐIỂM", "MỨC ĐỘ")


@dataclass(frozen=True)
class Criterion:
    """A scored criterion of an agency's total."""

    name: str
    score: Decimal


@dataclass(frozen=True)
class AgencyScore:
    """An agency and its total score, optionally broken down by criteria."""

    name: str
    score: Decimal
    criteria: tuple[Criterion, ...] = ()


@dataclass(frozen=True)
class ScoreGroup:
    """A group ranked on its own (provincial bodies, district People's Committees)."""

    name: str
    agencies: tuple[AgencyScore, ...]


@dataclass(frozen=True)
class RankingDecisionInput:
    """A decision plus the scores it ranks."""

    decision: DecisionInput = part(key="")  # the decision's fields, at the top of the input
    level_scheme: str = part(skip=IDENTIFIER)
    year: int
    groups: tuple[ScoreGroup, ...] = part(role=NAME)


def _check_scores(groups: tuple[ScoreGroup, ...], errors: Collector) -> None:
    """Record duplicate agencies and criteria that do not add up to the total."""
    seen: dict[str, str] = {}
    for g, group in enumerate(groups):
        for a, agency in enumerate(group.agencies):
            path = f"groups.{g}.agencies.{a}"
            key = agency.name.casefold()
            if key in seen:
                errors.add(f"{path}.name", f"Cơ quan '{agency.name}' bị trùng với {seen[key]}.")
            seen.setdefault(key, path)
            if agency.criteria:
                total = sum((c.score for c in agency.criteria), Decimal(0))
                if total != agency.score:
                    errors.add(
                        f"{path}.criteria",
                        (
                            f"Tổng điểm các tiêu chí ({format_number(total)}) khác tổng điểm "
                            f"({format_number(agency.score)})."
                        ),
                    )


def _table(group: ScoreGroup, scheme: LevelScheme) -> Table:
    """Return the ranking table of one group, the rank printed on every row, ties included.

    Tied rows once left their rank blank after the first; a tie that crossed a page break then
    began the new page with no rank. The page break falls where the renderer puts it (WeasyPrint,
    Word and LibreOffice each break the same table differently), so no static mark can say
    "first row of a page"; and a merged cell (rowspan, vMerge) is not repeated on the next page
    by any of them. A rank on every row reads right on any page in every format.
    """
    rows = tuple(
        (
            Cell(str(row.rank), align="center"),
            Cell(row.name),
            Cell(format_number(row.total), align="center"),
            Cell(row.level, align="center"),
        )
        for row in rank([(a.name, a.score) for a in group.agencies], scheme)
    )
    header = (tuple(Cell(text, bold=True, align="center") for text in HEADINGS),)
    return Table(columns=COLUMNS, header=header, rows=rows)


def _appendices(data: RankingDecisionInput, scheme: LevelScheme, note: str) -> tuple[Appendix, ...]:
    """Return one appendix per group, numbered with Roman numerals when there are several."""
    several = len(data.groups) > 1
    return tuple(
        Appendix(
            label=f"Phụ lục {roman(i)}" if several else "Phụ lục",
            title=upper(f"Kết quả xếp hạng của {group.name} năm {data.year}"),
            attribution=note,
            table=_table(group, scheme),
        )
        for i, group in enumerate(data.groups, start=1)
    )


def compose(
    data: RankingDecisionInput, *, registry: Registry, schemes: Mapping[str, LevelScheme]
) -> Document:
    """Return the ranking decision; raise InvalidInput listing every bad field."""
    errors = Collector()
    scheme = schemes.get(data.level_scheme)
    if scheme is None:
        errors.add(
            "level_scheme",
            f"Không có thang xếp loại '{data.level_scheme}'. Các thang "
            f"hiện có: {', '.join(sorted(schemes))}.",
        )
    note = attribution(data.decision, errors)
    _check_scores(data.groups, errors)
    appendices = _appendices(data, scheme, note) if scheme and note else ()
    return compose_decision(
        data.decision, registry=registry, kind=KIND, appendices=appendices, errors=errors
    )
