"""Every text, date and citation of a typed model, found by type, with its path.

The model is a kind's typed input (paths are then the input's field paths) or a composed
Document (paths name its printed parts).

The checks that read a whole document (a ceased body named anywhere, the year re-issue) walk
the typed input the schemas build instead of the raw JSON: each ``str`` is a text, each
``date`` a date, each citation type a citation, whatever field holds it. A new kind's fields
are therefore walked without being listed anywhere; a field says only how it differs, through
``part(...)`` metadata:

- ``key``: its name in the input when that differs from the attribute ("date" for ``when``),
  "" for a part spread over its parent (a decision's shared fields), or a function of the
  value (a numbered item is {"heading": …} or {"text": …});
- ``role``: NAME when its texts are a body's name (issuer, nơi nhận, signature), PLACE for an
  địa danh; inherited by everything below it;
- ``lines``: the separator of a tuple read as one text: name lines ("Ủy ban nhân dân" / "tỉnh
  Bắc Giang", " ") or a printed paragraph's runs (their ``text``, "");
- ``skip``: "check" for text the ceased-body check does not read, "move" for text the re-issue
  keeps (a proposal names last year's submission), both for identifiers (a ký hiệu code).

Paths are the input's field paths; where the input wrote a shorthand (a recipient as a bare
string for {"text": …}), ``input_path`` trims the typed path to the string the input holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple, get_args, get_origin, get_type_hints

from ..legal.citations import Group, Inline, Ref
from ..marks import CHECK, MOVE, NAME, PLACE, TEXT, part
from .inputs import CitePart, IssueDate

__all__ = ["CHECK", "MOVE", "NAME", "PLACE", "TEXT", "Leaf", "part"]
CITATIONS = (Ref, Group, Inline, CitePart)
# Types that hold no citation: their fields are not entered by ``citations``.
LEAF_TYPES = (str, int, float, Decimal, date, bool, type(None))


class Leaf(NamedTuple):
    """A text or date of the input at ``path``; ``skip`` says which walks leave it alone."""

    path: str
    value: str | date
    role: str = TEXT
    skip: frozenset[str] = frozenset()


def leaves(
    value: Any, path: str = "", role: str = TEXT, skip: frozenset = frozenset()
) -> list[Leaf]:
    """Return every text and date of a typed model except its citations, with their paths.

    >>> from service.kinds.inputs import IssuerInput
    >>> issuer = IssuerInput(("UBND", "tỉnh A"), "UBND", "A")
    >>> [(leaf.path, leaf.value, leaf.role) for leaf in leaves(issuer)]
    [('name', 'UBND tỉnh A', 'name'), ('code', 'UBND', 'text'), ('place', 'A', 'place')]
    >>> [leaf.path for leaf in texts(issuer, CHECK)]  # a ký hiệu code names no body
    ['name', 'place']
    """
    found: list[Leaf] = []
    _collect(value, path, role, skip, found)
    return found


def _collect(value: Any, path: str, role: str, skip: frozenset, found: list[Leaf]) -> None:
    if isinstance(value, str | date):
        found.append(Leaf(path, value, role, skip))
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            _collect(item, _join(path, index), role, skip, found)
    elif (plan := _walk_plan(type(value))) is not None:
        for name, key, own_role, own_skip, lines in plan:
            item = getattr(value, name)
            sub = _join(path, name if key is None else _key(key, name, value))
            below = role if own_role is _ABSENT else own_role
            hidden = skip if own_skip is _ABSENT else skip | own_skip
            if lines is not _ABSENT:  # read as one text: name lines, a paragraph's runs
                joined = lines.join(getattr(line, "text", line) for line in item)
                found.append(Leaf(sub, joined, below, hidden))
            elif item is not None and not isinstance(item, bool | int | float | Decimal):
                _collect(item, sub, below, hidden, found)


_ABSENT = object()


@cache
def _walk_plan(cls: type) -> tuple[tuple[str, Any, Any, Any, Any], ...] | None:
    """Return (name, key, role, skip, lines) of each field of a dataclass, read once per class;
    None for a type that is not walked into (not a dataclass, or a citation)."""
    if not is_dataclass(cls) or issubclass(cls, CITATIONS):
        return None
    return tuple(
        (
            spec.name,
            spec.metadata.get("key"),
            spec.metadata.get("role", _ABSENT),
            spec.metadata.get("skip", _ABSENT),
            spec.metadata.get("lines", _ABSENT),
        )
        for spec in fields(cls)
    )


def texts(value: Any, walk: str) -> Iterator[Leaf]:
    """Yield the text leaves of ``value`` that the walk named ``walk`` (CHECK, MOVE) reads."""
    for leaf in leaves(value):  # a generator: nothing is walked until the first text is asked
        if isinstance(leaf.value, str) and walk not in leaf.skip:
            yield leaf


def citations(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (input path, citation) for every citation of a typed input, căn cứ and inline.

    Only the fields whose declared type can hold a citation are entered (``_citing_fields``):
    a ranking decision's thousands of agencies are never walked for one.
    """
    if isinstance(value, CITATIONS):
        yield path, value
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from citations(item, _join(path, index))
    elif is_dataclass(value) and not isinstance(value, type):
        for name, key in _citing_fields(type(value)):
            yield from citations(getattr(value, name), _join(path, _key(key, name, value)))


@cache
def _citing_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """Return (name, key metadata) of the fields of ``cls`` whose type may hold a citation.

    A field whose annotation cannot be resolved is kept: the walk then looks at its value.
    """
    hints = _hints(cls) or {}
    return tuple(
        (spec.name, spec.metadata.get("key"))
        for spec in fields(cls)
        if spec.name not in hints or _may_cite(hints[spec.name], set())
    )


def _may_cite(hint: Any, seen: set) -> bool:
    """Return whether a value of type ``hint`` may be or contain a citation."""
    if hint in seen:
        return False  # a recursive type: its other branches answer
    if isinstance(hint, type):
        if issubclass(hint, CITATIONS):
            return True
        if is_dataclass(hint):
            seen.add(hint)
            hints = _hints(hint)
            return hints is None or any(_may_cite(h, seen) for h in hints.values())
        return hint is object or not issubclass(hint, LEAF_TYPES)
    args = get_args(hint)
    if get_origin(hint) is not None or args:
        return any(_may_cite(arg, seen) for arg in args if arg is not Ellipsis)
    return True  # Any, a TypeVar, a string left unresolved: look at the value


def _hints(cls: type) -> dict[str, Any] | None:
    try:
        return get_type_hints(cls)
    except (NameError, TypeError):
        return None


def issue_date(value: Any) -> IssueDate | None:
    """Return the document's own date: the first IssueDate of a typed input, found by type."""
    if isinstance(value, IssueDate):
        return value
    if is_dataclass(value) and not isinstance(value, type):
        for spec in fields(value):
            found = issue_date(getattr(value, spec.name))
            if found is not None:
                return found
    return None


def input_path(payload: Any, path: str) -> str:
    """Return ``path`` trimmed to the string the input holds where it wrote a shorthand.

    >>> input_path({"items": ["Sở Nội vụ", {"text": "Sở Tư pháp"}]}, "items.0.text")
    'items.0'
    >>> input_path({"items": ["Sở Nội vụ", {"text": "Sở Tư pháp"}]}, "items.1.text")
    'items.1.text'
    """
    node, kept = payload, []
    for step in path.split(".") if path else []:
        if isinstance(node, str):
            break
        key: Any = int(step) if isinstance(node, list) and step.isdigit() else step
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return path
        kept.append(step)
    return ".".join(kept)


def _key(key: Any, name: str, value: Any) -> str:
    if key is None:
        return name
    return key(value) if callable(key) else key


def _join(path: str, step: Any) -> str:
    step = str(step)
    if not step:
        return path
    return f"{path}.{step}" if path else step
