"""Placeholders for what an incomplete input lacks, so that its preview can still be drawn.

The clerk's live preview shows the document taking shape while required fields are still
empty. ``fill`` answers the field errors of a strict load with values that load: a missing or
invalid text becomes a ``Placeholder`` (printed as a marked blank), an object gets its required
fields, a list its minimum of items, an optional field its default; a choice takes its first
option, a date today's, a number its smallest value (a year this year).
Only the preview does this (``pipeline.compose(..., preview=True)``): every real output stays
strict.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from marshmallow import Schema, fields, validate

from ..model import MARK
from .base import Bool, Int, Placeholder, Score
from .common import IssueDateField, PlainDate

_GONE = object()  # the key is taken out: the field's default applies


def fill(
    schema: Schema,
    payload: dict,
    errors: Mapping[str, Sequence[str]],
    today: date,
    choices: Mapping[str, Sequence[Any]] | None = None,
) -> dict | None:
    """Return a copy of ``payload`` with a placeholder at each error's path; None if none fits.

    A path is followed as deep as the schema's fields go; a union field (a recipient, a
    citation, a paragraph) takes a placeholder as a whole, being text in one of its forms.
    ``choices`` names the values of fields that reference data checks, not the schema (a level
    scheme): such a field takes the first.
    """
    out = copy.deepcopy(payload)
    # Deepest first, and a list's later items before its earlier ones (one may be taken out).
    for path in sorted(errors, key=_order, reverse=True):
        if path in (choices or {}) and choices[path]:
            out[path] = choices[path][0]
        elif path:
            _replace(schema, out, path.split("."), today)
    return out if out != payload else None


def _order(path: str) -> tuple[int, tuple[int, ...]]:
    parts = path.split(".")
    return len(parts), tuple(int(p) if p.isdigit() else 0 for p in parts)


def _replace(schema: Schema, payload: dict, parts: list[str], today: date) -> bool:
    """Put a placeholder at the deepest place of ``parts`` the schema knows; return if it did."""
    holder: Any = payload
    node: Schema | fields.Field = schema
    for depth, part in enumerate(parts):
        field, key = _child(node, holder, part)
        if key is None:
            return False
        if field is None:  # a field the schema does not have
            holder.pop(key, None)
            return True
        last = depth == len(parts) - 1
        inner = _inner(field)
        value = holder[key] if _has(holder, key) else None
        if isinstance(holder, list) and value == MARK:
            # A list's item refused even as a placeholder (a citation must name a real
            # document): the preview leaves it out.
            del holder[key]
            return True
        if last or inner is None or not isinstance(value, dict | list):
            # An optional field: a wrong value gives way to the default; a missing one that
            # another field calls for (a signer's title) is filled.
            optional = _optional(node, field) and _has(holder, key)
            return _put(holder, key, _placeholder(field, today, optional=optional))
        holder, node = value, inner
    return False


def _child(node: Any, holder: Any, part: str) -> tuple[fields.Field | None, Any]:
    """Return the field of ``part`` under ``node``, and the key or index in ``holder``."""
    if isinstance(node, Schema) and isinstance(holder, dict):
        return node.fields.get(part), part
    if isinstance(node, fields.List) and isinstance(holder, list) and part.isdigit():
        return (node.inner, int(part)) if int(part) < len(holder) else (None, None)
    return None, None


def _inner(field: fields.Field) -> Schema | fields.Field | None:
    """Return what a path goes on into below ``field``: a schema, a list, or nothing."""
    if isinstance(field, fields.Nested):
        return field.schema
    if isinstance(field, fields.List):
        return field
    return None


def _has(holder: Any, key: Any) -> bool:
    return key in holder if isinstance(holder, dict) else 0 <= key < len(holder)


def _optional(node: Any, field: fields.Field) -> bool:
    """True for a field of an object that may be left out (not a list's item)."""
    return isinstance(node, Schema) and not field.required


def _put(holder: Any, key: Any, value: Any) -> bool:
    if value is _GONE:
        if key not in holder:
            return False
        del holder[key]
    else:
        holder[key] = value
    return True


def _placeholder(field: fields.Field, today: date, *, optional: bool = False) -> Any:
    """Return a value ``field`` loads, standing in for what is missing or wrong there."""
    if optional:
        return _GONE
    if isinstance(field, fields.Nested):
        return {
            name: _placeholder(child, today)
            for name, child in field.schema.fields.items()
            if child.required
        }
    if isinstance(field, fields.List):
        return [_placeholder(field.inner, today) for _ in range(_minimum(field, 0))]
    if isinstance(field, IssueDateField):
        return today.isoformat()  # a whole date: a numbered document needs one
    if isinstance(field, PlainDate):
        return today.isoformat()
    if isinstance(field, Bool):
        return False
    if isinstance(field, Int):
        return _number(field, today)
    if isinstance(field, Score):
        return 0
    choices = [v for v in field.validators if isinstance(v, validate.OneOf)]
    if choices:
        return next(iter(choices[0].choices))
    return Placeholder()  # Text, and the unions whose first form is a text


def _minimum(field: fields.Field, default: int) -> int:
    """Return the least number of items a list ``field`` accepts."""
    rules = [rule.min for rule in field.validators if isinstance(rule, validate.Length)]
    return next((least for least in rules if least), default)


def _number(field: fields.Field, today: date) -> int:
    """Return this year where ``field`` takes years, else the least number it takes (from 1)."""
    for rule in field.validators:
        if isinstance(rule, validate.Range):
            low = rule.min if rule.min is not None else 1
            high = rule.max if rule.max is not None else today.year
            return today.year if low <= today.year <= high else max(int(low), 1)
    return 1
