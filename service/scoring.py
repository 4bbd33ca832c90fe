"""Scores to ranks and levels: dense ranking, ties in input order, levels from a named scheme."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

SCHEMES_FILE = Path(__file__).parent / "data" / "level-schemes.json"


@dataclass(frozen=True)
class Level:
    """A level and the lowest total that reaches it."""

    name: str
    minimum: Decimal


@dataclass(frozen=True)
class LevelScheme:
    """A named set of levels, highest first."""

    id: str
    title: str
    levels: tuple[Level, ...]
    confidence: str = "confirmed"
    note: str = ""

    def level_of(self, total: Decimal) -> str:
        """Return the name of the level ``total`` reaches.

        >>> scheme = LevelScheme("x", "x", (Level("Tốt", Decimal(80)), Level("Yếu", Decimal(0))))
        >>> scheme.level_of(Decimal("82.5")), scheme.level_of(Decimal("79.99"))
        ('Tốt', 'Yếu')
        """
        for level in self.levels:
            if total >= level.minimum:
                return level.name
        raise ValueError(f"tổng điểm {total} thấp hơn mức thấp nhất của thang {self.id}")


@dataclass(frozen=True)
class Ranked:
    """One ranked entry: its dense rank, whether it opens a tie, its level."""

    name: str
    total: Decimal
    rank: int
    first_of_rank: bool
    level: str


def dense_ranks(totals: Sequence[Decimal]) -> list[int]:
    """Return dense ranks (1 for the highest; equal totals share a rank, no gaps).

    >>> dense_ranks([Decimal(107), Decimal(105), Decimal(105), Decimal(103)])
    [1, 2, 2, 3]
    >>> dense_ranks([Decimal(1), Decimal(3), Decimal(1)])
    [2, 1, 2]
    """
    distinct = sorted(set(totals), reverse=True)
    position = {total: index + 1 for index, total in enumerate(distinct)}
    return [position[total] for total in totals]


def rank(entries: Sequence[tuple[str, Decimal]], scheme: LevelScheme) -> list[Ranked]:
    """Return the entries sorted by total, highest first, ties kept in input order.

    >>> scheme = LevelScheme("x", "x", (Level("Tốt", Decimal(80)), Level("Yếu", Decimal(0))))
    >>> rows = rank([("A", Decimal(90)), ("B", Decimal(95)), ("C", Decimal(90))], scheme)
    >>> [(r.name, r.rank, r.first_of_rank, r.level) for r in rows]
    [('B', 1, True, 'Tốt'), ('A', 2, True, 'Tốt'), ('C', 2, False, 'Tốt')]
    """
    ordered = sorted(entries, key=lambda entry: -entry[1])  # sorted() is stable: ties keep order
    ranks = dense_ranks([total for _, total in ordered])
    out = []
    for index, ((name, total), position) in enumerate(zip(ordered, ranks, strict=True)):
        opens = index == 0 or ranks[index - 1] != position
        out.append(Ranked(name, total, position, opens, scheme.level_of(total)))
    return out


def parse_schemes(data: dict) -> dict[str, LevelScheme]:
    """Return the schemes of a level-schemes document, checked for descending thresholds."""
    schemes = {}
    for raw in data["schemes"]:
        levels = tuple(Level(item["name"], Decimal(item["min"])) for item in raw["levels"])
        minimums = [level.minimum for level in levels]
        if minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
            raise ValueError(f"thang {raw['id']}: ngưỡng phải giảm dần và không trùng nhau")
        schemes[raw["id"]] = LevelScheme(
            raw["id"], raw["title"], levels, raw.get("confidence", "confirmed"), raw.get("note", "")
        )
    return schemes


@lru_cache(maxsize=1)
def load_schemes(path: Path = SCHEMES_FILE) -> dict[str, LevelScheme]:
    """Return the packaged level schemes by id."""
    return parse_schemes(json.loads(path.read_text(encoding="utf-8")))
