"""Find the names of ceased bodies and units inside one text, on one day.

Matching runs on a folded copy of the text (lower case, no diacritics, đ → d) that keeps every
character at its place, so a hit's span also cuts the name out of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .model import Body, Directory, Level, Province

_HEADS = r"(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)"
_CLAUSE_END = ",;:()[]\n"
_MAX_LEAD_WORDS = 8  # words kept before a province name when the name sits in a long sentence


@dataclass(frozen=True)
class Hit:
    """A ceased body or unit named at ``start:end`` of a text."""

    start: int
    end: int
    name: str
    replacement: str | None
    kind: str  # "body", "province", "level"
    source: object  # the Body, Province or Level entry


def fold_in_place(text: str) -> str:
    """Return ``text`` folded for matching, one character for each character.

    >>> fold_in_place("UBND Huyện Tân Yên")
    'ubnd huyen tan yen'
    """
    return text.translate(_FOLDING)


class _Folding(dict):
    """Code point -> folded character, each computed on first use, for ``str.translate``.

    Every text of every payload is folded for every check; a translation table does it in C.
    """

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDING = _Folding()


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


_GAP = r"(?:\s*[-–—]\s*|\s+)"  # between two words: spaces, or a dash ("Bà Rịa-Vũng Tàu")
_FORMER = re.compile(r"\s*\(?\s*cu(?!\w)")  # "tỉnh Thái Bình (cũ)": the former area, not a body


@lru_cache(maxsize=256)
def phrase(words: str) -> re.Pattern[str]:
    """Return a pattern matching ``words`` folded, as whole words, spaces or a dash between them.

    >>> bool(phrase("tỉnh Bà Rịa - Vũng Tàu").search(fold_in_place("tỉnh Bà Rịa–Vũng Tàu")))
    True
    """
    parts = [re.escape(word) for word in re.split(r"[\s\-–—]+", fold_in_place(words)) if word]
    return re.compile(r"(?<!\w)" + _GAP.join(parts) + r"(?!\w)")


def find(
    text: str,
    directory: Directory,
    on: date,
    *,
    place: bool = False,
    name: bool = False,
    ceased: Ceased | None = None,
) -> list[Hit]:
    """Return the ceased bodies and units ``text`` names on ``on``, without overlaps.

    ``place``: the text is an địa danh (a bare province name counts); ``name``: the text is a
    body's name, so a bare "Huyện Tân Yên" at its start counts too. ``ceased``: what
    ``ceased_on(directory, on)`` returns, for a caller matching many texts on one day.
    """
    ceased = ceased_on(directory, on) if ceased is None else ceased
    folded = fold_in_place(text)
    hits: list[Hit] = []
    for found in (
        _bodies(text, folded, ceased),
        _provinces(text, folded, ceased, place, running=not (place or name)),
        _levels(text, folded, directory, on, ceased, name),
    ):
        for hit in found:
            if not any(hit.start < kept.end and kept.start < hit.end for kept in hits):
                hits.append(hit)
    return sorted(hits, key=lambda hit: hit.start)


@dataclass(frozen=True)
class _LevelPatterns:
    level: Level
    headed: re.Pattern[str]  # "UBND huyện Tân Yên", and "UBND các huyện" naming them all
    collective: re.Pattern[str]
    bare: re.Pattern[str]  # a body's name starting "Huyện Tân Yên"


@dataclass(frozen=True)
class Ceased:
    """The entries of a directory ceased on a day, their patterns compiled."""

    bodies: tuple[tuple[Body, tuple[re.Pattern[str], ...]], ...]
    provinces: tuple[tuple[Province, re.Pattern[str], re.Pattern[str]], ...]  # short, name
    levels: tuple[_LevelPatterns, ...]

    def __bool__(self) -> bool:
        """Return whether anything at all had ceased."""
        return bool(self.bodies or self.provinces or self.levels)


def ceased_on(directory: Directory, on: date) -> Ceased:
    """Return the entries of ``directory`` ceased on ``on``, with their patterns compiled."""
    bodies = tuple(
        (body, tuple(phrase(alias) for alias in (body.name, *body.aliases)))
        for body in directory.bodies
        if body.until is not None and on > body.until
    )
    provinces = tuple(
        (p, phrase(p.short), phrase(p.name)) for p in directory.provinces if on > p.until
    )
    return Ceased(
        bodies, provinces, tuple(_level_patterns(lv) for lv in directory.levels if on > lv.until)
    )


@lru_cache(maxsize=64)
def _level_patterns(level: Level) -> _LevelPatterns:
    units = _units(level)
    collective = phrase(level.collective).pattern
    return _LevelPatterns(
        level,
        re.compile(rf"(?<!\w){_HEADS}\s+(?:cac\s+)?(?P<unit>{units})(?!\w)"),
        re.compile(rf"(?<!\w)(?:{_HEADS}\s+)?{collective}"),
        re.compile(rf"^\s*(?P<unit>{units})(?=\s+\w)"),
    )


def _bodies(text: str, folded: str, ceased: Ceased) -> list[Hit]:
    return [
        Hit(m.start(), m.end(), text[m.start() : m.end()], body.replaced_by, "body", body)
        for body, patterns in ceased.bodies
        for pattern in patterns
        for m in pattern.finditer(folded)
    ]


def _provinces(text: str, folded: str, ceased: Ceased, place: bool, running: bool) -> list[Hit]:
    """Return the ceased provinces named; in running text "tỉnh X (cũ)" names an area, not a body."""
    hits = []
    for province, short, full in ceased.provinces:
        if place and short.fullmatch(folded.strip()):
            hits.append(
                Hit(0, len(text), text.strip(), province.successor_short, "province", province)
            )
        for m in full.finditer(folded):
            if not (running and _FORMER.match(folded, m.end())):
                hits.append(_province_hit(text, m.start(), m.end(), province))
    return hits


def _province_hit(text: str, start: int, end: int, province: Province) -> Hit:
    """Return the hit for a province name, widened to the body name in front of it."""
    lead_start = max(text.rfind(mark, 0, start) for mark in _CLAUSE_END) + 1
    lead = text[lead_start:start].split()[-_MAX_LEAD_WORDS:]
    name = " ".join([*lead, text[start:end]])
    replacement = " ".join([*lead, province.successor])
    return Hit(start, end, name, replacement, "province", province)


def _levels(
    text: str, folded: str, directory: Directory, on: date, ceased: Ceased, name: bool
) -> list[Hit]:
    hits = []
    for patterns in ceased.levels:
        forms = [(patterns.headed, "headed"), (patterns.collective, "collective")]
        if name:
            forms.append((patterns.bare, "bare"))
        for pattern, form in forms:
            hits += [
                hit
                for m in pattern.finditer(folded)
                if (hit := _level_hit(text, m, form, patterns.level, directory, on)) is not None
            ]
    return hits


def _units(level: Level) -> str:
    words = sorted({fold_in_place(unit) for unit in level.units}, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)


def _level_hit(
    text: str, match: re.Match[str], form: str, level: Level, directory: Directory, on: date
) -> Hit | None:
    """Return the hit for a district-level name; None when the words name no such body."""
    start, end = match.start() + len(match[0]) - len(match[0].lstrip()), match.end()
    stop = end if form == "collective" else _proper_name(text, end)
    proper = text[end:stop].strip()
    unit = fold_in_place(match.groupdict().get("unit") or "")
    if form == "bare" and not proper:
        return None  # "huyện ủy", "quận" as a common word: not a body's name
    if unit.startswith(("thanh pho", "tp")) and (not proper or _central(proper, directory, on)):
        return None  # "UBND thành phố" alone, or a centrally-run city: provincial level
    replacement = level.replacement_for(_province_after(text, stop, directory, on))
    return Hit(start, stop, text[start:stop], replacement, "level", level)


_IN_PROVINCE = re.compile(r"\s*,?\s*(?:thuoc\s+)?(?=(?:tinh|thanh\s+pho)\s)")


def _province_after(text: str, end: int, directory: Directory, on: date) -> str | None:
    """Return the province a district-level name is placed in ("…, tỉnh Thái Bình"), as it is
    on ``on``: a ceased province gives its successor; None when the text does not say."""
    folded = fold_in_place(text)
    lead = _IN_PROVINCE.match(folded, end)
    if lead is None:
        return None
    at = lead.end()
    for province in directory.provinces:
        if phrase(province.name).match(folded, at):
            return province.successor if on > province.until else province.name
    word = re.match(r"(tinh|thanh\s+pho)\s+", folded[at:])
    stop = _proper_name(text, at + word.end()) if word else at
    if stop == at + (word.end() if word else 0):
        return None
    return text[at:stop]


def _central(proper: str, directory: Directory, on: date) -> bool:
    """Return whether ``proper`` names a city that is centrally run on ``on``."""
    folded = fold_in_place(proper)
    return any(
        folded.startswith(fold_in_place(city.name)) and city.central_on(on)
        for city in directory.central_cities
    )


def _proper_name(text: str, end: int) -> int:
    """Return where the capitalised words right after ``end`` stop ("Tân Yên" after "huyện")."""
    stop = end
    for word in list(re.finditer(r"\S+", text[end:]))[:4]:
        bare = word[0].rstrip(",;.:)")
        if not bare or not (bare[0].isupper() or bare[0].isdigit()):
            break
        stop = end + word.start() + len(bare)
        if bare != word[0]:
            break
    return stop
