"""Bodies and units with validity by date, read from ``bodies.json`` by one loader.

The data file holds four lists:

- ``bodies``: a named body (``name``, ``aliases``) that ceased after ``until`` (its last day),
  and the body that ``replaced_by`` names.
- ``provinces``: a province that ceased after ``until`` and the ``successor`` it merged into;
  every body named "… tỉnh X" ceased with it. ``short`` is the bare name used as địa danh.
- ``levels``: a level of government that ceased (the district level on 01/7/2025): the unit
  words that name one of its bodies ("huyện", "thị xã", …), the ``collective`` phrase, the
  ``replacement`` to name, and optionally ``replacement_in``, the same with a ``{province}``
  slot filled when the text says which province the body was in.
- ``central_cities``: centrally-run cities, whose "Ủy ban nhân dân thành phố …" is provincial,
  not district level, from ``from`` (null: always).

Each entry has ``confidence`` ("confirmed" / "unconfirmed"), ``basis`` (the act that changed it)
and optionally ``note`` and ``source``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

CONFIDENCE = ("confirmed", "unconfirmed")


@dataclass(frozen=True)
class Body:
    """A named body, from ``since`` (None: long before) to ``until`` (None: still in being)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    until: date | None
    replaced_by: str | None
    basis: str
    confidence: str = "confirmed"
    note: str | None = None
    since: date | None = None


@dataclass(frozen=True)
class Province:
    """A province merged into ``successor`` after ``until``."""

    name: str
    short: str
    until: date
    successor: str
    successor_short: str
    basis: str
    confidence: str = "confirmed"
    note: str | None = None


@dataclass(frozen=True)
class Level:
    """A level of local government that ceased after ``until``."""

    id: str
    label: str
    units: tuple[str, ...]
    collective: str
    until: date
    replacement: str
    basis: str
    confidence: str = "confirmed"
    note: str | None = None
    replacement_in: str | None = None

    def replacement_for(self, province: str | None) -> str:
        """Return what replaced a body of this level in ``province`` ("tỉnh Hưng Yên"), if known.

        >>> Level("x", "x", (), "x", date(2025, 6, 30), "UBND cấp xã", "x",
        ...       replacement_in="UBND cấp xã hoặc UBND {province}").replacement_for("tỉnh Hưng Yên")
        'UBND cấp xã hoặc UBND tỉnh Hưng Yên'
        """
        if province is None or self.replacement_in is None:
            return self.replacement
        return self.replacement_in.format(province=province)


@dataclass(frozen=True)
class CentralCity:
    """A centrally-run city, from ``since`` (None: always)."""

    name: str
    since: date | None
    confidence: str = "confirmed"

    def central_on(self, on: date) -> bool:
        """Return whether the city is centrally run on ``on``."""
        return self.since is None or self.since <= on


@dataclass(frozen=True)
class Directory:
    """Everything the stale-name check consults; read-only once built."""

    bodies: tuple[Body, ...]
    provinces: tuple[Province, ...]
    levels: tuple[Level, ...]
    central_cities: tuple[CentralCity, ...]


def load_directory(path: str | Path | None = None) -> Directory:
    """Return the directory read from ``path``, or the packaged one (read once, then cached)."""
    if path is None:
        return _packaged()
    return parse_directory(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _packaged() -> Directory:
    text = resources.files("service.directory").joinpath("bodies.json").read_text(encoding="utf-8")
    return parse_directory(json.loads(text))


def parse_directory(data: Mapping) -> Directory:
    """Return the directory described by ``data``; raise ValueError naming a bad entry."""
    try:
        return Directory(
            bodies=tuple(_body(entry) for entry in data["bodies"]),
            provinces=tuple(_province(entry) for entry in data["provinces"]),
            levels=tuple(_level(entry) for entry in data["levels"]),
            central_cities=tuple(
                CentralCity(e["name"], _day(e.get("from")), _confidence(e))
                for e in data["central_cities"]
            ),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"directory: bad entry: {error!r}") from None


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _confidence(entry: Mapping) -> str:
    value = entry.get("confidence", "confirmed")
    if value not in CONFIDENCE or (value == "unconfirmed" and not entry.get("note")):
        raise ValueError(
            f"{entry.get('name')}: confidence is one of {CONFIDENCE}; "
            "an unconfirmed entry explains itself in 'note'"
        )
    return value


def _body(entry: Mapping) -> Body:
    return Body(
        id=entry["id"],
        name=entry["name"],
        aliases=tuple(entry.get("aliases", ())),
        until=_day(entry.get("until")),
        replaced_by=entry.get("replaced_by"),
        basis=entry["basis"],
        confidence=_confidence(entry),
        note=entry.get("note"),
        since=_day(entry.get("since")),
    )


def _province(entry: Mapping) -> Province:
    return Province(
        name=entry["name"],
        short=entry["short"],
        until=date.fromisoformat(entry["until"]),
        successor=entry["successor"],
        successor_short=entry["successor_short"],
        basis=entry["basis"],
        confidence=_confidence(entry),
        note=entry.get("note"),
    )


def _level(entry: Mapping) -> Level:
    return Level(
        id=entry["id"],
        label=entry["label"],
        units=tuple(entry["units"]),
        collective=entry["collective"],
        until=date.fromisoformat(entry["until"]),
        replacement=entry["replacement"],
        basis=entry["basis"],
        confidence=_confidence(entry),
        note=entry.get("note"),
        replacement_in=_slot(entry.get("replacement_in")),
    )


def _slot(template: str | None) -> str | None:
    if template is not None and "{province}" not in template:
        raise ValueError(f"replacement_in {template!r} has no {{province}} slot")
    return template
