"""The yearly decision approving quality objectives (Mục tiêu chất lượng, ISO 9001).

It is the shared decision plus data: its four articles are computed from the objectives, the
quality management representative, the effective date and the implementers.

An objective's text carries markers {1}, {2}, … that stand for its targets, in order; each target
is written the Vietnamese way ("trên 90%", "ít nhất 07 sáng kiến"). Only a marker {n} is read:
any other brace, such as "{{ x }}", is printed as typed and never evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ..errors import InvalidInput
from ..legal.registry import Registry
from ..marks import IDENTIFIER, part
from ..model import Document
from ..vn.dates import cited_date
from ..vn.numbers import format_number, format_percent, pad_count
from ..vn.text import capitalize_first
from .collect import Collector
from .decision import DecisionInput, compose_decision
from .inputs import ArticleInput, ClauseInput

KIND = "quality-objectives-decision"
PERCENT = "%"
QUALIFIERS = ("trên", "dưới", "ít nhất", "tối thiểu", "tối đa", "không quá", "không dưới", "khoảng")
# {n} alone; a doubled brace ("{{1}}") is literal text.
MARKER = re.compile(r"(?<!\{)\{(\d{1,3})\}(?!\})")


@dataclass(frozen=True)
class Target:
    """A number an objective promises: value, unit ('%' or a noun), optional qualifier."""

    value: Decimal
    unit: str
    qualifier: str | None = part(skip=IDENTIFIER, default=None)  # one of QUALIFIERS


@dataclass(frozen=True)
class Objective:
    """One objective: its text with {n} markers, and the targets they stand for."""

    text: str
    targets: tuple[Target, ...] = ()


@dataclass(frozen=True)
class ObjectivesInput:
    """A decision plus the year's quality objectives and who carries them out."""

    decision: DecisionInput = part(key="")  # the decision's fields, at the top of the input
    year: int
    scope: str  # where the objectives apply: "UBND tỉnh và Văn phòng UBND tỉnh"
    objectives: tuple[Objective, ...]
    representative: str  # the quality management representative (QMR)
    implementers: str
    standard: str = part(skip=IDENTIFIER, default="TCVN ISO 9001:2015")
    effective_from: date | None = None  # None: in force from signing
    effective_date_style: str | None = part(
        skip=IDENTIFIER, default=None
    )  # None: the document's citation date style


def target_text(target: Target) -> str:
    """Return a target as documents write it.

    >>> target_text(Target(Decimal(90), "%", "trên"))
    'trên 90%'
    >>> target_text(Target(Decimal(7), "sáng kiến", "ít nhất"))
    'ít nhất 07 sáng kiến'
    >>> target_text(Target(Decimal("99.5"), "%"))
    '99,5%'
    >>> target_text(Target(Decimal(1250), "hồ sơ"))
    '1.250 hồ sơ'
    """
    if target.unit == PERCENT:
        number = format_percent(target.value, places=2)
    elif target.value == target.value.to_integral_value() and 0 < target.value < 10:
        number = f"{pad_count(int(target.value))} {target.unit}"  # the seed writes "07 sáng kiến"
    else:
        number = f"{format_number(target.value)} {target.unit}"
    return f"{target.qualifier} {number}" if target.qualifier else number


def _target_errors(targets: Sequence[Target], path: str) -> dict[str, list[str]]:
    """Return the impossible percentages among ``targets``."""
    errors = {}
    for index, target in enumerate(targets):
        over = target.value > 100 or (target.qualifier == "trên" and target.value >= 100)
        if target.unit == PERCENT and over:
            errors[f"{path}.{index}.value"] = [
                f"Tỷ lệ '{target_text(target)}' không thể đạt: tỷ lệ phần trăm tối đa là 100%."
            ]
    return errors


def _marker_errors(objective: Objective, path: str) -> dict[str, list[str]]:
    """Return the markers that point nowhere or twice, and the targets no marker uses."""
    errors: dict[str, list[str]] = {}
    count = len(objective.targets)
    used = [int(match[1]) for match in MARKER.finditer(objective.text)]
    have = f"các dấu {{1}} đến {{{count}}}" if count else "không có chỉ tiêu nào (targets)"
    for number in dict.fromkeys(used):
        if not 1 <= number <= count:
            errors.setdefault(f"{path}.text", []).append(
                f"Dấu {{{number}}} không ứng với chỉ tiêu nào: mục này có {have}."
            )
        elif used.count(number) > 1:
            errors.setdefault(f"{path}.text", []).append(
                f"Dấu {{{number}}} được dùng {used.count(number)} lần; mỗi chỉ tiêu ghi đúng một "
                "lần."
            )
    for index in range(count):
        if index + 1 not in used:
            errors[f"{path}.targets.{index}"] = [
                f"Chỉ tiêu thứ {index + 1} không được dùng: ghi dấu {{{index + 1}}} vào chỗ in "
                "chỉ tiêu này trong nội dung."
            ]
    return errors


def objective_text(objective: Objective, last: bool, path: str) -> str:
    """Return an objective with its targets filled in, ending with ';', or '.' when ``last``."""
    errors = {
        **_marker_errors(objective, path),
        **_target_errors(objective.targets, f"{path}.targets"),
    }
    if errors:
        raise InvalidInput("Mục tiêu chất lượng không hợp lệ.", errors)
    text = MARKER.sub(
        lambda match: target_text(objective.targets[int(match[1]) - 1]), objective.text
    )
    return capitalize_first(text.rstrip(" .;,")) + ("." if last else ";")


def _clauses(objectives: Sequence[Objective], errors: Collector) -> tuple[ClauseInput, ...]:
    """Return the objectives as khoản, recording every bad one."""
    last = len(objectives) - 1
    texts = [
        errors.run(lambda i=i, o=o: objective_text(o, i == last, f"objectives.{i}"), "")
        for i, o in enumerate(objectives)
    ]
    return tuple(ClauseInput(text) for text in texts)


def _effect(data: ObjectivesInput) -> str:
    """Return the article on when the decision takes effect."""
    if data.effective_from is None:
        return "Quyết định này có hiệu lực kể từ ngày ký."
    style = data.effective_date_style or data.decision.date_style
    return f"Quyết định này có hiệu lực kể từ {cited_date(data.effective_from, style)}."


def _articles(data: ObjectivesInput, clauses: tuple[ClauseInput, ...]) -> tuple[ArticleInput, ...]:
    """Return Điều 1-4: approval with the objectives, the QMR, entry into force, implementers."""
    title = f"Mục tiêu chất lượng năm {data.year}"
    return (
        ArticleInput(
            text=f"Phê duyệt {title} áp dụng tại {data.scope} theo Hệ thống quản lý "
            f"chất lượng theo tiêu chuẩn {data.standard} với các nội dung sau:",
            clauses=clauses,
        ),
        ArticleInput(
            text=f"Giao {data.representative} - Đại diện lãnh đạo chất lượng (QMR) "
            f"của {data.scope} tổ chức thực hiện {title} đảm bảo yêu cầu."
        ),
        ArticleInput(text=_effect(data)),
        ArticleInput(
            text=f"{data.implementers.rstrip(' .;')} chịu trách nhiệm thi hành Quyết định này.",
            implementers=True,
        ),
    )


def _check_dates(data: ObjectivesInput, errors: Collector) -> None:
    """Record an objectives year far from the issue date, or an effect before signing."""
    issued = data.decision.when
    if data.year not in (issued.year, issued.year + 1):
        errors.add(
            "year",
            f"Mục tiêu chất lượng năm {data.year} không thể phê duyệt trong năm "
            f"{issued.year}: chỉ năm ban hành hoặc năm kế tiếp.",
        )
    if data.effective_from is not None and data.effective_from < issued.span[0]:
        errors.add("effective_from", "Quyết định không thể có hiệu lực trước ngày ban hành.")


def compose(data: ObjectivesInput, *, registry: Registry) -> Document:
    """Return the quality-objectives decision; raise InvalidInput listing every bad field."""
    errors = Collector()
    _check_dates(data, errors)
    clauses = _clauses(data.objectives, errors)
    decision = replace(
        data.decision,
        articles=_articles(data, clauses),
        summary=f"Về việc phê duyệt Mục tiêu chất lượng năm {data.year} áp dụng tại {data.scope}",
    )
    return compose_decision(decision, registry=registry, kind=KIND, errors=errors)
