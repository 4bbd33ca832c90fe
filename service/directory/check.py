"""Whether a document names, on its date, a body or unit that no longer exists.

A document dated from 01/7/2025 must not name UBND tỉnh Bắc Giang or a district-level People's
Committee as issuer, recipient or in an appendix; a 2023 document keeps its 2023 bodies.
Citations are not looked at: a cited act keeps its issuer's name (the legal registry checks
whether the act itself is still in force).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..model import Document
from ..vn.dates import short_date
from .match import Hit, find
from .model import Directory, load_directory

# Payload keys whose strings name no body of this document: legal citations, codes, dates.
SKIP_KEYS = frozenset(
    {
        "kind",
        "citations",
        "inline",
        "cite",
        "date",
        "number",
        "code",
        "level_scheme",
        "citation_date_style",
        "date_style",
        "effective_from",
        "effective_date_style",
        "standard",
        "footnote",
    }
)
# Top-level payload parts whose every string is a body's name.
NAME_PARTS = frozenset({"issuer", "recipients", "groups", "signature"})
UNCONFIRMED = " Thông tin này chưa được xác nhận từ nguồn chính thức; cần kiểm tra lại."
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Problem:
    """A ceased body named at ``path``: its name as written, what replaced it, and why."""

    path: str
    name: str
    replacement: str | None
    message: str
    confirmed: bool


def stale_bodies(
    source: Mapping[str, Any] | Document, on: date, directory: Directory | None = None
) -> list[Problem]:
    """Return every ceased body or unit that ``source`` (a payload or a Document) names on ``on``.

    >>> [p.name for p in stale_bodies({"issuer": {"name": ["UBND", "tỉnh Bắc Giang"]}},
    ...                               date(2026, 1, 5))]
    ['UBND tỉnh Bắc Giang']
    >>> stale_bodies({"issuer": {"name": ["UBND", "tỉnh Bắc Giang"]}}, date(2023, 12, 31))
    []
    """
    directory = directory or load_directory()
    texts = document_texts(source) if isinstance(source, Document) else payload_texts(source)
    problems = []
    for path, text, role in texts:
        for hit in find(text, directory, on, place=role == "place", name=role == "name"):
            problems.append(_problem(path, hit))
    return problems


def stale_errors(
    payload: Mapping[str, Any], directory: Directory | None = None
) -> dict[str, list[str]]:
    """Return the confirmed problems of a payload on its own date, keyed by field path.

    The shape is InvalidInput.errors; a payload without a valid date has none.
    """
    day = payload_day(payload)
    errors: dict[str, list[str]] = {}
    for problem in stale_bodies(payload, day, directory) if day else ():
        if problem.confirmed:
            errors.setdefault(problem.path, []).append(problem.message)
    return errors


def payload_day(payload: Mapping[str, Any]) -> date | None:
    """Return the payload's date; for a draft dated by month, the month's last day.

    >>> payload_day({"date": "2026-02"}), payload_day({"date": "2023-12-31"})
    (datetime.date(2026, 2, 28), datetime.date(2023, 12, 31))
    """
    match = _DATE.match(str(payload.get("date", ""))) if isinstance(payload, Mapping) else None
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    try:
        day = int(match[3]) if match[3] else calendar.monthrange(year, month)[1]
        return date(year, month, day)
    except ValueError:
        return None


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


def payload_texts(payload: Any, path: str = "") -> Iterator[tuple[str, str, str]]:
    """Yield (field path, text, role) for every string of a payload that may name a body."""
    if isinstance(payload, str):
        yield path, payload, _role(path)
    elif isinstance(payload, Mapping):
        for key, value in payload.items():
            if key in SKIP_KEYS:
                continue
            sub = f"{path}.{key}" if path else str(key)
            if key == "name" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                yield sub, " ".join(value), "name"  # name lines: "Ủy ban nhân dân" / "tỉnh …"
            else:
                yield from payload_texts(value, sub)
    elif isinstance(payload, list):
        for index, value in enumerate(payload):
            yield from payload_texts(value, f"{path}.{index}" if path else str(index))


def _role(path: str) -> str:
    if path.endswith("place"):
        return "place"
    return "name" if path.split(".", 1)[0] in NAME_PARTS else "text"


def document_texts(document: Document) -> Iterator[tuple[str, str, str]]:
    """Yield (part path, text, role) for every printed text of a Document except its căn cứ."""
    yield from _header_texts("header", document.header)
    yield "authority", document.authority or "", "name"
    yield from ((f"summary.{i}", line, "text") for i, line in enumerate(document.summary))
    yield from ((f"body.{i}", block.text, "text") for i, block in enumerate(document.body))
    yield from (
        (f"recipients.{i}", line.text, "name") for i, line in enumerate(document.recipients)
    )
    yield from (
        (f"signature.lines.{i}", line, "name") for i, line in enumerate(document.signature.lines)
    )
    for a, appendix in enumerate(document.appendices):
        yield from _appendix_texts(f"appendices.{a}", appendix)


def _header_texts(path: str, header: Any) -> Iterator[tuple[str, str, str]]:
    if header is None:
        return
    yield f"{path}.parent", header.parent or "", "name"
    yield f"{path}.issuer", " ".join(header.issuer), "name"
    if header.place_date:
        yield f"{path}.place_date", header.place_date.split(",", 1)[0], "place"


def _appendix_texts(path: str, appendix: Any) -> Iterator[tuple[str, str, str]]:
    yield from _header_texts(f"{path}.header", appendix.header)
    for part in ("title", "subtitle"):
        yield f"{path}.{part}", getattr(appendix, part) or "", "text"
    yield from (
        (f"{path}.blocks.{i}", block.text, "text") for i, block in enumerate(appendix.blocks)
    )
    if appendix.table is not None:
        for r, row in enumerate(appendix.table.rows):
            yield from (
                (f"{path}.table.rows.{r}.{c}", cell.text, "name") for c, cell in enumerate(row)
            )
