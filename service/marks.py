"""How a field of a typed input is walked (see service/kinds/walk.py): its key, role, what skips it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

TEXT, NAME, PLACE = "text", "name", "place"
CHECK, MOVE = "check", "move"
IDENTIFIER = (CHECK, MOVE)


def part(
    *,
    key: str | Callable[[Any], str] | None = None,
    role: str | None = None,
    lines: str | None = None,
    skip: tuple[str, ...] = (),
    **kwargs: Any,
) -> Any:
    """Return a dataclass field carrying how the walk reads it (see service/kinds/walk.py)."""
    meta: dict[str, Any] = {"key": key} if key is not None else {}
    meta |= {"role": role} if role else {}
    meta |= {"lines": lines} if lines is not None else {}
    meta |= {"skip": frozenset(skip)} if skip else {}
    return field(metadata=meta, **kwargs)
