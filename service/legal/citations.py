"""Wording and order of the "Căn cứ …" lines of a document (nd30-format.md §2.6 and §5).

``on`` is the citing document's date. A draft dated only by its month passes the last day of that
month (``draft_date``): the latest day it can bear, so a law lapsing during the month is caught.
``on=None`` skips every date check (validity and inline issue dates); use it only where no date
is known at all, such as a template preview.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from service.errors import InvalidInput
from service.vn.dates import cited_date, short_date
from service.vn.text import squash_spaces

from .registry import (
    LAW_TYPES,
    LegalDocument,
    Registry,
    fold,
    force_rank,
    render_title,
    why_not_in_force,
)

DATE_STYLES = ("long", "short")
MESSAGE = "Căn cứ pháp lý không hợp lệ."
_PROPOSAL_PREFIX = re.compile(r"^theo\s+đề\s+nghị\s+của\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Ref:
    """A registry document cited on a line of its own."""

    id: str


@dataclass(frozen=True)
class Group:
    """Several registry documents cited in one line, separated by "; "."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class Inline:
    """A local document missing from the registry, typed by the clerk."""

    type: str
    number: str | None
    issuer: str
    issued: date
    title: str


Citation = Ref | Group | Inline


def cite_text(
    doc_type: str, number: str | None, issuer: str, issued: date, title: str, date_style: str
) -> str:
    """Return one citation: a law by type, name and date; anything else in full.

    >>> cite_text("Luật", "77/2015/QH13", "Quốc hội", date(2015, 6, 19),
    ...           "Tổ chức chính quyền địa phương", "long")
    'Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015'
    >>> cite_text("Nghị định", "30/2020/NĐ-CP", "Chính phủ", date(2020, 3, 5),
    ...           "về công tác văn thư", "short")
    'Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư'
    """
    when = cited_date(issued, date_style)
    if doc_type in LAW_TYPES:
        return f"{doc_type} {title} {when}"
    numbered = f" số {number}" if number else ""
    return f"{doc_type}{numbered} {when} của {issuer} {title}"


def cite(doc: LegalDocument, *, date_style: str, jurisdiction: str | None = None) -> str:
    """Return the citation of a registry document, naming a local issuer as its province does.

    >>> from service.legal.registry import load_registry
    >>> decision = load_registry().get("bac-giang:2532/QĐ-UBND")
    >>> cite(decision, date_style="short", jurisdiction="tỉnh Bắc Giang").partition(" ban hành")[0]
    'Quyết định số 2532/QĐ-UBND ngày 10/12/2021 của Chủ tịch UBND tỉnh'
    >>> cite(decision, date_style="short", jurisdiction="tỉnh Bắc Ninh").partition(" ban hành")[0]
    'Quyết định số 2532/QĐ-UBND ngày 10/12/2021 của Chủ tịch Ủy ban nhân dân tỉnh Bắc Giang'
    """
    home = (
        doc.jurisdiction is not None
        and jurisdiction is not None
        and (fold(doc.jurisdiction) == fold(jurisdiction))
    )
    issuer = doc.local_issuer if home and doc.local_issuer else doc.issuer
    return cite_text(
        doc.type, doc.number, issuer, doc.issued, render_title(doc.title, date_style), date_style
    )


def cite_inline(item: Inline, *, date_style: str) -> str:
    """Return the citation of a document typed by the clerk; its title is printed as typed.

    >>> cite_inline(Inline("Kế hoạch", "52/KH-BCĐ", "Ban Chỉ đạo ISO tỉnh", date(2015, 9, 8),
    ...                    "đánh giá, chấm điểm năm 2015"), date_style="short")
    'Kế hoạch số 52/KH-BCĐ ngày 08/9/2015 của Ban Chỉ đạo ISO tỉnh đánh giá, chấm điểm năm 2015'
    """
    return cite_text(item.type, item.number, item.issuer, item.issued, item.title, date_style)


def proposal_line(proposal: str | None) -> str | None:
    """Return the closing "Theo đề nghị của …." line; None when there is no proposal.

    >>> proposal_line("Chánh Văn phòng Ủy ban nhân dân tỉnh;")
    'Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.'
    >>> proposal_line("Theo đề nghị của  Giám đốc Sở Nội vụ. ")
    'Theo đề nghị của Giám đốc Sở Nội vụ.'
    >>> proposal_line(" ; ") is None
    True
    """
    # Clerks often type the line's own prefix or end punctuation; printing it twice is a typo.
    text = _PROPOSAL_PREFIX.sub("", squash_spaces(proposal or "")).rstrip(" .;")
    return f"Theo đề nghị của {text}." if text else None


def unverified(items: Sequence[Citation], registry: Registry, path: str = "citations") -> tuple:
    """Return the field paths of inline citations the registry does not know (not checked).

    >>> from service.legal.registry import load_registry
    >>> law = Inline("Luật", "77/2015/QH13", "Quốc hội", date(2015, 6, 19), "x")
    >>> plan = Inline("Kế hoạch", "52/KH-BCĐ", "Ban Chỉ đạo", date(2015, 9, 8), "y")
    >>> unverified([law, plan], load_registry())
    ('citations.1',)
    """
    return tuple(
        f"{path}.{i}"
        for i, item in enumerate(items)
        if isinstance(item, Inline) and registry.find(item.type, item.number, item.issued) is None
    )


def draft_date(year: int, month: int) -> date:
    """Return the day to check a draft dated only by month against: the month's last day.

    >>> draft_date(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return date(year, month, calendar.monthrange(year, month)[1])


def basis_lines(
    items: Sequence[Citation],
    *,
    registry: Registry,
    on: date | None,
    date_style: str,
    proposal: str | None = None,
    jurisdiction: str | None = None,
    path: str = "citations",
) -> tuple[str, ...]:
    """Return the căn cứ lines by legal force then issue date, then the proposal line.

    ``on`` is the citing document's date (see the module docstring for drafts and None). Raise one
    InvalidInput whose ``errors`` names every bad item by its field path ("citations.3.ids.1").
    """
    if date_style not in DATE_STYLES:
        raise ValueError(f"unknown date style: {date_style!r}")
    check = _Check(registry, on, date_style, jurisdiction)
    lines = [_line(check, item, f"{path}.{i}", i) for i, item in enumerate(items)]
    if check.errors:
        raise InvalidInput(MESSAGE, check.errors)
    ordered = sorted((line for line in lines if line is not None), key=lambda line: line.key)
    texts = [f"Căn cứ {line.text};" for line in ordered]
    closing = proposal_line(proposal)
    if closing is not None:
        texts.append(closing)
    elif texts:
        texts[-1] = texts[-1][:-1] + "."  # without a proposal the last căn cứ closes the block
    return tuple(texts)


@dataclass(frozen=True)
class _Line:
    key: tuple[int, date]  # legal force first, then issue date; sorted() keeps ties in input order
    text: str


@dataclass
class _Check:
    """The state of one basis_lines call: its settings, the errors and the documents seen."""

    registry: Registry
    on: date | None
    date_style: str
    jurisdiction: str | None
    errors: dict[str, list[str]] = field(default_factory=dict)
    seen: dict[object, int] = field(default_factory=dict)

    def fail(self, path: str, message: str) -> None:
        """Record a message for the field at ``path``."""
        self.errors.setdefault(path, []).append(message)

    def first_time(self, key: object, path: str, index: int) -> bool:
        """Return whether ``key`` is cited for the first time; record a duplicate otherwise."""
        if key in self.seen:
            self.fail(
                path,
                f"Văn bản này đã được trích dẫn ở căn cứ thứ {self.seen[key] + 1}; "
                "mỗi văn bản chỉ trích dẫn một lần.",
            )
            return False
        self.seen[key] = index
        return True


def _line(check: _Check, item: Citation, path: str, index: int) -> _Line | None:
    if isinstance(item, Ref):
        return _ref_line(check, item.id, path, index)
    if isinstance(item, Group):
        return _group_line(check, item, path, index)
    if isinstance(item, Inline):
        return _inline_line(check, item, path, index)
    raise TypeError(f"not a citation: {item!r}")


def _ref_line(check: _Check, doc_id: str, path: str, index: int) -> _Line | None:
    if doc_id not in check.registry:
        check.fail(
            path,
            f"Không có văn bản “{doc_id}” trong danh mục căn cứ pháp lý. Kiểm tra lại "
            "số, ký hiệu (ví dụ “77/2015/QH13”; văn bản của tỉnh ghi kèm tên tỉnh, "
            "ví dụ “bac-giang:2532/QĐ-UBND”), hoặc nhập trực tiếp văn bản địa phương "
            "chưa có trong danh mục.",
        )
        return None
    if not check.first_time(doc_id, path, index):
        return None
    doc = check.registry.get(doc_id)
    problem = None if check.on is None else why_not_in_force(check.registry, doc, check.on)
    if problem is not None:
        check.fail(path, problem)
        return None
    text = cite(doc, date_style=check.date_style, jurisdiction=check.jurisdiction)
    return _Line((doc.force_rank, doc.issued), text)


def _group_line(check: _Check, group: Group, path: str, index: int) -> _Line | None:
    if not group.ids:
        check.fail(f"{path}.ids", "Nhóm căn cứ cần ít nhất một văn bản.")
        return None
    members = [
        _ref_line(check, doc_id, f"{path}.ids.{j}", index) for j, doc_id in enumerate(group.ids)
    ]
    found = sorted((m for m in members if m is not None), key=lambda m: m.key)
    if len(found) < len(members):
        return None
    return _Line(found[0].key, "; ".join(m.text for m in found))


def _inline_line(check: _Check, item: Inline, path: str, index: int) -> _Line | None:
    known = check.registry.find(item.type, item.number, item.issued)
    if known is not None:  # typed by hand, but the registry knows it: one check for both
        return _ref_line(check, known.id, path, index)
    key = ("inline", fold(item.type), fold(item.number or item.title), item.issued)
    if not check.first_time(key, path, index):
        return None
    if check.on is not None and item.issued > check.on:
        check.fail(
            path,
            f"Văn bản ban hành ngày {short_date(item.issued)}, sau ngày của văn bản "
            f"này ({short_date(check.on)}), nên không thể làm căn cứ.",
        )
        return None
    text = cite_inline(item, date_style=check.date_style)
    return _Line((force_rank(item.type, item.issuer), item.issued), text)
