"""Inputs generated from each kind's published JSON Schema (hypothesis-jsonschema), for property tests.

The schema a client reads (``GET /api/v1/kinds/<kind>``) is the source; for generation it is
(1) made finite: recursive ``$ref`` unrolled two levels deep, strings and lists kept short;
(2) given the reference data a real client picks from a list: registry ids where a citation is
named, the packaged level schemes, issue dates on real calendar days. Everything else (text,
structure, optional parts, numbers) is whatever the schema allows.
"""

from __future__ import annotations

import copy
import json
import os
from functools import cache
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from service.api.spec import kind_json_schema
from service.catalog import default_resources
from service.scoring import load_schemes
from service.vn.text import clean_text

from .conftest import FIXTURES

# Examples per kind: bounded and derandomised in `make test` (40), 1,000 in `make fuzz`.
EXAMPLES = int(os.environ.get("VANBAN_PROPERTY_EXAMPLES", "40"))
PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=EXAMPLES <= 100,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MAX_TEXT = 40
MAX_ITEMS = 3
DEPTH = 1  # a recursive definition is unrolled once: nested items, but not nested again
# Issue dates: days around the 2025 reorganisation of local government, and a draft month.
DATES = [
    "2015-09-08",
    "2021-12-31",
    "2023-12-31",
    "2024-06-15",
    "2025-08-01",
    "2026-02-10",
    "2026-03",
]


def _registry_ids() -> list[str]:
    return sorted(doc.id for doc in default_resources().registry.all())


def _inline(node: Any, defs: dict, stack: tuple[str, ...]) -> Any:
    """Return ``node`` with its ``$ref`` replaced by the definitions, recursion cut at DEPTH."""
    if isinstance(node, list):
        return [_inline(item, defs, stack) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        name = ref.rsplit("/", 1)[1]
        if stack.count(name) >= DEPTH:
            return {"not": {}}
        return _inline(defs[name], defs, (*stack, name))
    out = {}
    for key, value in node.items():
        if key in ("$defs", "$schema", "description", "title", "examples", "default"):
            continue
        out["anyOf" if key == "oneOf" else key] = _inline(value, defs, stack)
    return out


def _bounded(node: Any, name: str = "") -> Any:
    """Return ``node`` with short strings and lists, and reference data where a name says so."""
    if isinstance(node, list):
        return [_bounded(item, name) for item in node]
    if not isinstance(node, dict):
        return node
    out = {
        key: _bounded(value, key if key not in ("items", "anyOf") else name)
        for key, value in node.items()
    }
    if isinstance(out.get("properties"), dict):
        out["properties"] = {k: _bounded(v, k) for k, v in node["properties"].items()}
    if out.get("type") == "string" and "pattern" in out and name in ("date", "issued"):
        return {"enum": DATES if name == "date" else [d for d in DATES if len(d) == 10]}
    if out.get("type") == "string" and name in ("cite", "citations", "group"):
        return {"enum": _registry_ids()}
    if out.get("type") == "string" and name == "level_scheme":
        return {"enum": sorted(load_schemes())}
    if out.get("type") == "string" and "enum" not in out:
        out["maxLength"] = min(out.get("maxLength", MAX_TEXT), MAX_TEXT)
    props = out.get("properties", {})
    if "text" in props and "clauses" in props:  # an article needs some content
        out["required"] = sorted({*out.get("required", []), "text"})
    if "array" in (out.get("type") if isinstance(out.get("type"), list) else [out.get("type")]):
        out["maxItems"] = min(out.get("maxItems", MAX_ITEMS), MAX_ITEMS)
        out["minItems"] = min(out.get("minItems", 0), out["maxItems"])
    return out


@cache
def generation_schema(kind: str) -> dict:
    """Return the finite, reference-data-aware schema inputs of ``kind`` are drawn from."""
    schema = kind_json_schema(kind)
    return _bounded(_inline(copy.deepcopy(schema), schema.get("$defs", {}), ()))


def visible(value: Any) -> Any:
    """Return ``value`` with blank text made visible ("x" added).

    Text must show something once control and invisible characters are removed (Không được để
    trống); a JSON Schema cannot say which characters those are, so generated text is fixed here.
    """
    if isinstance(value, str):
        return value if clean_text(value).strip() else value + "x"
    if isinstance(value, list):
        return [visible(item) for item in value]
    if isinstance(value, dict):
        return {key: visible(item) for key, item in value.items()}
    return value


def strategy(schema: dict) -> st.SearchStrategy[Any]:
    """Return a strategy of values valid against ``schema`` (the subset vanban's schemas use).

    hypothesis-jsonschema's ``from_schema`` reads the same schemas, but re-derives nested
    strategies on every draw (about one second per document here); this builds them once.
    """
    if "not" in schema:
        return st.nothing()
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "const" in schema:
        return st.just(schema["const"])
    if "anyOf" in schema:
        return st.one_of([strategy({**_without(schema, "anyOf"), **b}) for b in schema["anyOf"]])
    kinds = schema.get("type", ["null", "boolean", "integer", "string"])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return st.one_of([_typed(kind, schema) for kind in kinds])


def _without(schema: dict, key: str) -> dict:
    return {k: v for k, v in schema.items() if k != key}


def _typed(kind: str, schema: dict) -> st.SearchStrategy[Any]:
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "number":
        return from_schema(schema)  # numbers are simple: the library's own strategy
    if kind == "string":
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True).filter(
                lambda text: len(text) <= schema.get("maxLength", MAX_TEXT)
            )
        return st.text(
            min_size=schema.get("minLength", 0), max_size=schema.get("maxLength", MAX_TEXT)
        )
    if kind == "array":
        return st.lists(
            strategy(schema.get("items", {})),
            min_size=schema.get("minItems", 0),
            max_size=schema.get("maxItems", MAX_ITEMS),
        )
    properties = {k: strategy(v) for k, v in schema.get("properties", {}).items()}
    required = set(schema.get("required", []))
    return st.fixed_dictionaries(
        {k: v for k, v in properties.items() if k in required},
        optional={k: v for k, v in properties.items() if k not in required},
    )


@cache
def _field_strategies(kind: str) -> dict[str, st.SearchStrategy]:
    schema = generation_schema(kind)
    return {
        name: strategy(sub).map(visible)
        for name, sub in schema["properties"].items()
        if name != "kind"
    }


def fixtures_of(kind: str) -> list[dict]:
    """Return the valid fixtures of ``kind`` (fixtures/edge/ holds refusals too: left out)."""
    found = []
    for path in sorted(FIXTURES.rglob("*.json")):
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("kind") == kind and path.relative_to(FIXTURES).parts[0] != "edge":
            found.append(payload)
    return found


def inputs(kind: str) -> st.SearchStrategy[dict]:
    """Return a strategy of JSON inputs of ``kind``.

    Half are drawn whole from the schema; the others are a valid fixture of the kind with some of
    its fields drawn from the schema instead, so cross-field rules (Như Điều N, the signing
    chain, a numbered document's full date) hold often enough for documents to be rendered.
    """
    whole = strategy(generation_schema(kind)).map(visible)
    fields = st.fixed_dictionaries({}, optional=_field_strategies(kind))
    mixed = st.tuples(st.sampled_from(fixtures_of(kind)), fields).map(
        lambda pair: {**pair[0], **pair[1]}
    )
    return st.one_of(whole, mixed)
