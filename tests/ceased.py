"""Helpers of the ceased-body tests: a payload's problems, keyed by its own field paths."""

from __future__ import annotations

from datetime import date

from service.catalog import default_resources
from service.directory import Problem, stale_bodies
from service.kinds.walk import input_path
from service.pipeline import ceased_errors, parse


def typed(payload: dict):
    """Return the typed input the payload's kind schema builds."""
    return parse(payload)[1]


def problems(payload: dict, on: date) -> list[Problem]:
    """Return the ceased bodies a payload names on ``on``, with input field paths."""
    found = stale_bodies(typed(payload), on, default_resources().directory)
    return [
        Problem(input_path(payload, p.path), p.name, p.replacement, p.message, p.confirmed)
        for p in found
    ]


def errors(payload: dict) -> dict[str, list[str]]:
    """Return what compose refuses in the payload on its own date, by input field path."""
    return ceased_errors(payload, typed(payload), default_resources())


def put(payload: dict, path: str, value) -> dict:
    """Set ``value`` at a dotted field path of ``payload`` (in place) and return the payload."""
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    node = payload
    for step in parents:
        node = node[step]
    node[last] = value
    return payload
