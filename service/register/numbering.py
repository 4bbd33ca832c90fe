"""Which series a document is numbered in, and on which day: pure rules, no storage.

ND30 Điều 15: numbers run per issuing body per calendar year, from 01 on 1 January, consecutive,
never reused. A body may keep separate series (each type of văn bản quy phạm pháp luật, văn bản
chuyên ngành, văn bản mật, a Hội đồng/Ban that issues in its own name); a site declares them as
data (``SeriesRules.from_data``), everything else goes to the body's general series.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ..vn.text import ascii_slug

# Vietnam has kept UTC+7 without daylight saving since 1975; a fixed offset needs no tz database.
VIETNAM = timezone(timedelta(hours=7), "ICT")
GENERAL = "chung"  # the id of a body's general series


@dataclass(frozen=True)
class Series:
    """One numbering sequence: a body's series in one calendar year."""

    body: str  # body id
    name: str  # series id within the body
    year: int


@dataclass(frozen=True)
class SeriesRule:
    """A separate series of one body: the document types or kinds it numbers."""

    name: str
    title: str
    types: frozenset[str] = frozenset()  # type names ("Nghị quyết"), as the decree writes them
    kinds: frozenset[str] = frozenset()  # vanban kinds ("decision")

    def matches(self, type_name: str, kind: str) -> bool:
        """Return whether a document of ``type_name`` and ``kind`` belongs to this series."""
        return folded(type_name) in {folded(t) for t in self.types} or kind in self.kinds


@dataclass(frozen=True)
class BodyRules:
    """A body the site knows: its id, the names it is written with, its separate series."""

    id: str
    names: frozenset[str]  # folded (NFC, case-folded, spaces squashed)
    series: tuple[SeriesRule, ...] = ()


@dataclass(frozen=True)
class SeriesRules:
    """The series rule of a deployment; no bodies declared: every body, one series a year."""

    bodies: tuple[BodyRules, ...] = field(default=())

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> SeriesRules:
        """Return the rules from ``{"bodies": [{id, name, aliases, series: [...]}]}``."""
        bodies = []
        for body in data.get("bodies", ()):
            names = [body["name"], *body.get("aliases", ())]
            series = tuple(
                SeriesRule(
                    name=item["id"],
                    title=item.get("title", item["id"]),
                    types=frozenset(item.get("types", ())),
                    kinds=frozenset(item.get("kinds", ())),
                )
                for item in body.get("series", ())
            )
            bodies.append(BodyRules(body["id"], frozenset(folded(n) for n in names), series))
        return cls(tuple(bodies))

    def body_id(self, issuer_name: str) -> str | None:
        """Return the id of the body named ``issuer_name``; None when the site does not know it."""
        if not self.bodies:
            return body_slug(issuer_name)
        name = folded(issuer_name)
        return next((body.id for body in self.bodies if name in body.names), None)

    def series(self, body_id: str, type_name: str, kind: str, year: int) -> Series:
        """Return the series a document of this body, type, kind and year is numbered in."""
        body = next((b for b in self.bodies if b.id == body_id), None)
        rules = body.series if body else ()
        rule = next((r for r in rules if r.matches(type_name, kind)), None)
        return Series(body_id, rule.name if rule else GENERAL, year)


def body_slug(issuer_name: str) -> str:
    """Return the default id of a body: its name as ASCII, at most 100 characters.

    >>> body_slug("Ủy ban nhân dân tỉnh Bắc Giang")
    'uy-ban-nhan-dan-tinh-bac-giang'
    >>> len(body_slug("Ban chỉ đạo " * 40))
    100
    """
    slug = ascii_slug(issuer_name)
    if len(slug) <= 100:
        return slug
    digest = hashlib.sha256(slug.encode()).hexdigest()[:16]
    return f"{slug[:83]}-{digest}"


def chronology_error(day: date, today: date, latest: date | None) -> str | None:
    """Return why ``day`` cannot be the date of the series' next number, or None.

    ND30 Điều 15: numbers follow the order and the chronology of issue, so the next number is not
    dated before the last one, nor after today.

    >>> chronology_error(date(2026, 3, 2), date(2026, 3, 5), date(2026, 3, 3))
    'Ngày ban hành 02/03/2026 trước ngày của số liền trước (03/03/2026).'
    >>> chronology_error(date(2026, 3, 6), date(2026, 3, 5), None)
    'Ngày ban hành 06/03/2026 sau ngày hôm nay (05/03/2026).'
    >>> chronology_error(date(2026, 3, 5), date(2026, 3, 5), date(2026, 3, 5)) is None
    True
    """
    if day > today:
        return f"Ngày ban hành {day:%d/%m/%Y} sau ngày hôm nay ({today:%d/%m/%Y})."
    if latest is not None and day < latest:
        return f"Ngày ban hành {day:%d/%m/%Y} trước ngày của số liền trước ({latest:%d/%m/%Y})."
    return None


def issue_day(given: date | None, now: datetime) -> date:
    """Return the issue date: the one the draft gives, else today in Vietnam.

    >>> issue_day(None, datetime(2026, 12, 31, 18, 30, tzinfo=timezone.utc))
    datetime.date(2027, 1, 1)
    >>> issue_day(date(2026, 3, 2), datetime(2026, 12, 31, tzinfo=timezone.utc))
    datetime.date(2026, 3, 2)
    """
    return given if given is not None else now.astimezone(VIETNAM).date()


def next_number(last: int) -> int:
    """Return the number after ``last`` in a series (0: none issued yet, so 1, printed 01).

    >>> next_number(0), next_number(41)
    (1, 42)
    """
    if last < 0:
        raise ValueError("a series counter is never negative")
    return last + 1


def folded(text: str) -> str:
    """Return ``text`` for comparison: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
