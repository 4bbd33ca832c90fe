"""Kế hoạch (kiểm tra, đánh giá): mục I., II., … with their content, a schedule, a team, appendices.

Layout of ND30 Mẫu 1.4 with the structure of Phụ lục I, II.6.đ: mục "I. TITLE" in upper case and
bold, khoản "1." below. Numbers, the upper case of mục titles, the schedule's wording and the
appendices' "(Kèm theo Kế hoạch số … của …)" line are computed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..legal.registry import Registry
from ..marks import NAME, part
from ..model import MARK, Appendix, Block, Document, Run
from ..vn.numbering import roman
from ..vn.text import squash_spaces, upper
from .collect import Collector
from .content import TYPED_NUMBER, content_blocks, walk
from .header import self_reference
from .inputs import Paragraph
from .narrative import NarrativeInput, citer_for, compose_narrative
from .plan_forms import FormTable, form_blocks, form_table
from .text import Citer, paragraph_blocks

KIND = "inspection-plan"
TYPE_NAME = "Kế hoạch"


@dataclass(frozen=True)
class AgencyGroup:
    """Agencies of one kind inspected in a period: 'UBND các huyện: Tân Yên, Sơn Động'."""

    label: str
    agencies: tuple[str, ...] = part(role=NAME)


@dataclass(frozen=True)
class Period:
    """A period of the schedule and the groups inspected in it."""

    period: str
    groups: tuple[AgencyGroup, ...]


@dataclass(frozen=True)
class Schedule:
    """Who is inspected when; printed as numbered paragraphs, one per period."""

    periods: tuple[Period, ...] = part(key="schedule")

    def lines(self) -> tuple[str, ...]:
        """Return one line per period: 'Quý II, các Sở: A, B và UBND các huyện: C, D.'."""
        return tuple(f"{p.period}, {_and(_group_text(g) for g in p.groups)}." for p in self.periods)


@dataclass(frozen=True)
class Team:
    """Who makes up the inspection team; printed as numbered paragraphs."""

    members: tuple[str, ...] = part(key="team")

    def lines(self) -> tuple[str, ...]:
        """Return one line per member, closed by a full stop."""
        return tuple(f"{member.rstrip(' .;,')}." for member in self.members)


@dataclass(frozen=True)
class Section:
    """A mục: its title in normal case and its content."""

    title: str
    content: tuple[object, ...] = part(key="paragraphs")


@dataclass(frozen=True)
class PlanAppendix:
    """An appendix, an attached outline (no 'Phụ lục' label) or a form to fill in."""

    title: str
    labelled: bool = True
    attributed: bool = True
    landscape: bool = False
    content: tuple[object, ...] = part(key="paragraphs", default=())
    table: FormTable | None = None


@dataclass(frozen=True)
class PlanInput:
    """A plan: the shared parts, then intro, sections, closing and appendices."""

    document: NarrativeInput = part(key="")  # the shared fields, at the top of the input
    intro: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    closing: tuple[Paragraph, ...] = ()
    appendices: tuple[PlanAppendix, ...] = ()


def _group_text(group: AgencyGroup) -> str:
    """Return 'UBND các huyện: Tân Yên, Sơn Động'."""
    return f"{group.label}: {', '.join(group.agencies)}"


def _and(items: Iterable[str]) -> str:
    """Return items joined by '; ' with ' và ' before the last.

    >>> _and(["các Sở: A, B", "UBND các huyện: C"])
    'các Sở: A, B và UBND các huyện: C'
    """
    *rest, last = items
    return f"{'; '.join(rest)} và {last}" if rest else last


def _check_listed(data: PlanInput, errors: Collector) -> None:
    """Record an agency named twice in the schedules, or a team member named twice."""
    agencies: dict[str, str] = {}
    for s, section in enumerate(data.sections):
        for item, path in walk(section.content, f"sections.{s}.paragraphs"):
            if isinstance(item, Schedule):
                named = [
                    (name, f"{path}.schedule.{p}.groups.{g}.agencies.{a}")
                    for p, period in enumerate(item.periods)
                    for g, group in enumerate(period.groups)
                    for a, name in enumerate(group.agencies)
                ]
                _duplicates(named, agencies, "Cơ quan", "lịch kiểm tra", errors)
            elif isinstance(item, Team):
                _duplicates(
                    [(m, f"{path}.team.{i}") for i, m in enumerate(item.members)],
                    {},
                    "Thành phần",
                    "tổ kiểm tra",
                    errors,
                )


def _duplicates(
    named: list[tuple[str, str]], seen: dict[str, str], what: str, where: str, errors: Collector
) -> None:
    """Record every name already in ``seen`` at both its paths; add the new names to ``seen``."""
    for name, path in named:
        key = squash_spaces(name).rstrip(" .;,").casefold()  # "A." and "a" are one name
        if key in seen:
            first = seen[key]
            errors.add(path, f"{what} '{name}' đã có trong {where} ở {first}.")
            errors.add(first, f"{what} '{name}' được ghi lại lần nữa ở {path}.")
        else:
            seen[key] = path


def _sections(data: PlanInput, citer: Citer) -> tuple[Block, ...]:
    """Return each mục, 'I. TITLE' in upper case, followed by its content."""
    errors = Collector()
    blocks: list[Block] = []
    for number, section in enumerate(data.sections, start=1):
        path = f"sections.{number - 1}"
        if TYPED_NUMBER.match(section.title):
            errors.add(f"{path}.title", "Số mục (I., II., …) được đánh tự động; bỏ số ở đầu tên.")
        blocks.append(
            Block("section", (Run(f"{roman(number)}. {upper(section.title)}", bold=True),))
        )
        blocks += errors.run(
            lambda s=section, p=f"{path}.paragraphs": content_blocks(s.content, citer, p), ()
        )
    errors.raise_if_any()
    return tuple(blocks)


def _attribution(data: NarrativeInput) -> str:
    """Return the '(Kèm theo Kế hoạch số … ngày … của …)' line, in the long date form of ND30."""
    return (
        "(Kèm theo " + self_reference(TYPE_NAME, data.issuer, data.number, data.when, "long") + ")"
    )


def _appendix(data: PlanInput, index: int, label: str | None, citer: Citer) -> Appendix:
    """Return one appendix with its computed label, attribution and form."""
    item = data.appendices[index]
    path = f"appendices.{index}"
    errors = Collector()
    blocks = errors.run(lambda: content_blocks(item.content, citer, f"{path}.paragraphs"), ())
    table, lines = None, ()
    if item.table is not None:
        table = errors.run(lambda: form_table(item.table, item.landscape, f"{path}.table"), None)
        lines = form_blocks(item.table)
    errors.raise_if_any()
    return Appendix(
        label=label,
        title=upper(item.title),
        attribution=_attribution(data.document) if item.attributed else None,
        blocks=(*lines, *blocks),
        table=table,
        landscape=item.landscape,
    )


def _appendices(data: PlanInput, citer: Citer, errors: Collector) -> tuple[Appendix, ...]:
    """Return the appendices; labelled ones are numbered I, II, … when there are several."""
    if any(a.attributed for a in data.appendices) and not data.document.issuer.reference:
        errors.add(
            "issuer.reference",
            "Cần cách gọi cơ quan ban hành trong dòng '(Kèm theo Kế "
            "hoạch … của …)' của phụ lục, ví dụ 'Chủ tịch UBND tỉnh'.",
        )
        return ()
    several = sum(a.labelled for a in data.appendices) > 1
    out, count = [], 0
    for index, item in enumerate(data.appendices):
        count += item.labelled
        label = (f"Phụ lục {roman(count)}" if several else "Phụ lục") if item.labelled else None
        out.append(errors.run(lambda i=index, lb=label: _appendix(data, i, lb, citer), None))
    return tuple(a for a in out if a is not None)


def _check_appendix_mentioned(data: PlanInput, body: tuple[Block, ...], errors: Collector) -> None:
    """Record an error when a 'Phụ lục' is attached but the text never refers to one."""
    if any(a.labelled for a in data.appendices) and not any(
        "phụ lục" in block.text.lower() or MARK in block.text for block in body
    ):
        errors.add(
            "appendices",
            "Kế hoạch có phụ lục thì nội dung phải dẫn chiếu tới phụ lục "
            "(ví dụ '(Phụ lục kèm theo)').",
        )


def compose(data: PlanInput, *, registry: Registry) -> Document:
    """Return the plan; raise InvalidInput listing every bad field."""
    errors = Collector()
    citer = citer_for(data.document, registry)
    _check_listed(data, errors)
    body = (
        *errors.run(lambda: paragraph_blocks("text", data.intro, citer, "intro"), ()),
        *errors.run(lambda: _sections(data, citer), ()),
        *errors.run(lambda: paragraph_blocks("text", data.closing, citer, "closing"), ()),
    )
    _check_appendix_mentioned(data, body, errors)
    appendices = _appendices(data, citer, errors)
    return compose_narrative(
        data.document,
        type_name=TYPE_NAME,
        kind=KIND,
        body=body,
        appendices=appendices,
        errors=errors,
    )
