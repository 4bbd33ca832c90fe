"""Whether a document names, on its date, a body or unit that no longer exists.

A document dated from 01/7/2025 must not name UBND tỉnh Bắc Giang or a district-level People's
Committee as issuer, recipient or in an appendix; a 2023 document keeps its 2023 bodies.
Citations are not looked at: a cited act keeps its issuer's name (the legal registry checks
whether the act itself is still in force).

The check reads a kind's typed input (what its schema builds) by type, every text of every
field (service/kinds/walk.py), so a new kind's fields cannot escape it; the fields that name a
body or a place say so where they are declared. The directory is always passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..kinds.walk import CHECK, NAME, PLACE, Leaf, issue_date, texts
from ..vn.dates import short_date
from .match import Hit, ceased_on, find
from .model import Directory

UNCONFIRMED = " Thông tin này chưa được xác nhận từ nguồn chính thức; cần kiểm tra lại."


@dataclass(frozen=True)
class Problem:
    """A ceased body named at ``path``: its name as written, what replaced it, and why."""

    path: str
    name: str
    replacement: str | None
    message: str
    confirmed: bool


def stale_bodies(source: Any, on: date, directory: Directory) -> list[Problem]:
    """Return every ceased body or unit that ``source`` names on ``on``.

    ``source`` is a kind's typed input, or any part of one (paths are then relative to it), or
    a composed Document (paths name its printed parts): either is walked by type.

    >>> from service.directory import load_directory
    >>> from service.kinds.inputs import IssuerInput
    >>> issuer = IssuerInput(("UBND", "tỉnh Bắc Giang"), "UBND", "Bắc Ninh")
    >>> [p.name for p in stale_bodies(issuer, date(2026, 1, 5), load_directory())]
    ['UBND tỉnh Bắc Giang']
    >>> stale_bodies(issuer, date(2023, 12, 31), load_directory())
    []
    """
    return named_bodies(texts(source, CHECK), on, directory)


def named_bodies(leaves: Iterable[Leaf], on: date, directory: Directory) -> list[Problem]:
    """Return every ceased body or unit the text ``leaves`` of a model name on ``on``.

    ``leaves`` may be a list (one model checked on several days, walked once) or the walk
    itself, which is not even started when nothing in the directory had ceased by ``on``.
    """
    problems: list[Problem] = []
    ceased = ceased_on(directory, on)
    if not ceased:
        return problems  # a document from before any body ceased names none
    for leaf in leaves:
        text = leaf.value.split(",", 1)[0] if leaf.role == PLACE else leaf.value  # "X, ngày …"
        place, name = leaf.role == PLACE, leaf.role == NAME
        for hit in find(text, directory, on, place=place, name=name, ceased=ceased):
            problems.append(_problem(leaf.path, hit))
    return problems


def stale_errors(data: Any, directory: Directory) -> dict[str, list[str]]:
    """Return the confirmed problems of a typed input on its own date, keyed by field path.

    The shape is InvalidInput.errors; a draft is checked on its month's last day.
    """
    when = issue_date(data)
    errors: dict[str, list[str]] = {}
    for problem in stale_bodies(data, when.span[1], directory) if when else ():
        if problem.confirmed:
            errors.setdefault(problem.path, []).append(problem.message)
    return errors


def _problem(path: str, hit: Hit) -> Problem:
    entry = hit.source
    ceased = short_date(entry.until + timedelta(days=1))
    if hit.kind == "body":
        why = f"“{hit.name}” không còn từ ngày {ceased} ({entry.basis})"
    elif hit.kind == "province":
        why = (
            f"“{hit.name}”: {entry.name} đã hợp nhất vào {entry.successor} từ ngày {ceased} "
            f"({entry.basis})"
        )
    else:
        why = f"“{hit.name}”: {entry.label} chấm dứt hoạt động từ ngày {ceased} ({entry.basis})"
    use = f"; thay bằng: {hit.replacement}." if hit.replacement else "."
    confirmed = entry.confidence == "confirmed"
    return Problem(
        path, hit.name, hit.replacement, why + use + ("" if confirmed else UNCONFIRMED), confirmed
    )
