"""Issue 10, item 13: the ceased-body check and the year re-issue read every field of every kind.

They walk the typed input by type (service/kinds/walk.py). These tests find the fields by
walking the typed models themselves, with dataclasses.fields, never through a list of names:
a kind added tomorrow is covered by the same tests.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields, is_dataclass, replace
from datetime import date

import pytest

from service.batch.reissue import document_year, reissue
from service.batch.stale import findings, value_at
from service.catalog import KINDS, default_resources
from service.directory import load_directory, stale_bodies
from service.kinds.inputs import CitePart
from service.kinds.walk import CHECK, MOVE, input_path, issue_date, leaves, texts
from service.legal.citations import Group, Inline, Ref
from service.pipeline import compose

from .ceased import errors, problems, put, typed
from .conftest import load_fixture, valid_fixtures

FIXTURES = valid_fixtures()
CEASED = "Ủy ban nhân dân tỉnh Bắc Giang"  # a body: found as a name, a place or in running text
ON = date(2026, 3, 1)
CITATIONS = (Ref, Group, Inline, CitePart)
# The fields the check does not read, each for a reason said where it is declared. Adding one
# here is a decision to review, not a way to make a new kind pass.
NOT_CHECKED = {
    "Archive.units",  # archive codes: VT, TCHC
    "Block.role",  # a paragraph style
    "Cell.align",
    "Column.align",
    "Document.bases",  # căn cứ lines: a cited act keeps its issuer's name
    "Document.meta",  # not printed; its source is the input JSON, checked as input
    "Header.number_line",  # "Số: 2113/QĐ-UBND"
    "AttachedInput.type_name",  # one of ATTACHED_TYPES
    "ChainLink.authority",  # TM, KT, TL, TUQ, Q
    "DecisionInput.date_style",  # long | short
    "FootnotePart.text",  # a footnote explains history: "nay là …"
    "IssuerInput.code",  # the ký hiệu code
    "NarrativeInput.date_style",
    "ObjectivesInput.effective_date_style",
    "ObjectivesInput.standard",  # "TCVN ISO 9001:2015"
    "RankingDecisionInput.level_scheme",  # an id of service/data/level-schemes.json
    "Target.qualifier",  # one of QUALIFIERS
}


def naming(value, name, seen, skipped=False):
    """Return ``value`` with every text of its typed model replaced by ``name``.

    Appends to ``seen``, for each text replaced, whether the check may skip it. A tuple read as
    one text (name lines, a paragraph's runs) becomes one item. Citations are replaced too: the
    check must not read them (a cited act keeps its issuer's name). Fields that declare the
    check skips them are left as they are, and must be listed in NOT_CHECKED.
    """
    if isinstance(value, str):
        seen.append(skipped)
        return name
    if isinstance(value, tuple) and skipped == "lines":
        seen.append(False)
        return (naming(value[0], name, []),) if value else ()
    if isinstance(value, tuple):
        return tuple(naming(v, name, seen, skipped) for v in value)
    if not is_dataclass(value) or isinstance(value, type):
        return value
    changes = {}
    for spec in fields(value):
        declared = CHECK in spec.metadata.get("skip", ())
        if declared:
            assert f"{type(value).__name__}.{spec.name}" in NOT_CHECKED, (value, spec.name)
        if declared:
            continue  # an identifier or a closed list: left as it is
        quiet = skipped is True or isinstance(value, CITATIONS)
        mode = "lines" if "lines" in spec.metadata and not quiet else quiet
        changes[spec.name] = naming(getattr(value, spec.name), name, seen, mode)
    return replace(value, **changes)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_a_ceased_body_in_any_text_field_of_any_kind_is_found(fixture):
    seen: list = []
    named = naming(typed(load_fixture(fixture)), CEASED, seen)
    found = stale_bodies(named, ON, load_directory())
    checked = seen.count(False)
    assert checked > 10, seen  # cites replaced too (True in seen) must not be found
    assert len(found) == checked, [(p.path, p.name) for p in found]
    assert all(p.name == CEASED and "Bắc Ninh" in p.message for p in found)
    assert len({p.path for p in found}) == checked  # one problem per field, each at its own path


@pytest.mark.parametrize("fixture", FIXTURES)
def test_a_ceased_body_in_any_printed_text_of_a_composed_document_is_found(fixture):
    seen: list = []
    named = naming(compose(load_fixture(fixture)), CEASED, seen)
    found = stale_bodies(named, ON, load_directory())
    checked = seen.count(False)
    assert checked > 10
    assert len(found) == checked, [(p.path, p.name) for p in found]
    assert len({p.path for p in found}) == checked


def test_every_kind_has_a_fixture_walked_here():
    assert {load_fixture(name)["kind"] for name in FIXTURES} == set(KINDS)


def _same(raw, text):
    """Return whether a payload's string is the typed text (NFC, spaces squashed by the schema)."""
    raw = " ".join(raw) if isinstance(raw, list) else raw
    squash = lambda s: " ".join(unicodedata.normalize("NFC", s).split())  # noqa: E731
    return squash(raw) == squash(text)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_every_text_path_is_the_payload_field_that_holds_it(fixture):
    payload = load_fixture(fixture)
    walked = [leaf for leaf in leaves(typed(payload)) if isinstance(leaf.value, str)]
    written = 0
    for leaf in walked:
        raw = value_at(payload, input_path(payload, leaf.path))
        if raw is None:
            continue  # a default the payload does not write (a citation date style)
        assert _same(raw, leaf.value), (leaf.path, raw, leaf.value)
        written += 1
    assert written > len(walked) // 2


@pytest.mark.parametrize("fixture", FIXTURES)
def test_a_ceased_body_in_any_payload_text_is_refused_at_that_path(fixture):
    payload = load_fixture(fixture) | {"date": "2026-03-01"}
    paths = set()
    for leaf in texts(typed(payload), CHECK):
        path = input_path(payload, leaf.path)
        if isinstance(value_at(payload, path), str):
            put(payload, path, CEASED)
            paths.add(path)
    assert paths and set(errors(payload)) >= paths, paths - set(errors(payload))


def test_a_plan_schedule_agency_is_read_as_a_body_name():
    """The old key lists read a plan's schedule as running text, where a bare unit name is not
    a body: "Huyện Tân Yên" in a 2026 inspection schedule went through."""
    payload = load_fixture("seeds/003-inspection-plan-cchc-2023.json") | {"date": "2026-03"}
    agency = "sections.2.paragraphs.0.schedule.0.groups.1.agencies.0"
    put(payload, agency, "Huyện Tân Yên")
    found = {p.path: p for p in problems(payload, ON)}
    assert found[agency].name == "Huyện Tân Yên"
    assert "cấp huyện" in found[agency].message
    # and the label over them, "UBND các huyện", names every district committee
    assert found["sections.2.paragraphs.0.schedule.0.groups.1.label"].name == "UBND các huyện"
    stale = {f.path for f in findings(payload, default_resources().registry, load_directory())}
    assert agency in stale


def _with_year_everywhere(payload, year):
    """Return ``payload`` with " năm <year>" added to every text the re-issue moves."""
    for leaf in texts(typed(payload), MOVE):
        path = input_path(payload, leaf.path)
        raw = value_at(payload, path)
        if isinstance(raw, str):
            put(payload, path, f"{raw} năm {year}")
        elif isinstance(raw, list):  # name lines: the year on the last one
            put(payload, path, [*raw[:-1], f"{raw[-1]} năm {year}"])
    return payload


@pytest.mark.parametrize("fixture", FIXTURES)
def test_the_re_issue_moves_every_text_and_date_and_stays_valid_input(fixture):
    payload = load_fixture(fixture)
    old, dated = document_year(payload), issue_date(typed(payload)).year
    draft, _ = reissue(_with_year_everywhere(payload, old), old + 3)
    data = typed(draft)  # the draft is valid input of the same kind
    assert draft["kind"] == payload["kind"] and issue_date(data).year == dated + 3
    moved = list(texts(data, MOVE))
    assert moved and all(
        re.search(rf"năm {old + 3}$", leaf.value)
        for leaf in moved
        if value_at(draft, input_path(draft, leaf.path)) is not None
    ), [leaf.value for leaf in moved if leaf.value.endswith(f"năm {old}")]
    kept = [leaf for leaf in leaves(data) if MOVE in leaf.skip and isinstance(leaf.value, str)]
    assert not any(leaf.value.endswith(f"năm {old + 3}") for leaf in kept)
    before = {
        leaf.path: leaf.value for leaf in leaves(typed(payload)) if isinstance(leaf.value, date)
    }
    after = {leaf.path: leaf.value for leaf in leaves(data) if isinstance(leaf.value, date)}
    assert {p: d.year + 3 for p, d in before.items()} == {p: d.year for p, d in after.items()}


def _every_citation(value, path=""):
    """Every citation of a typed value, found by entering every field (no type pruning)."""
    from service.kinds.walk import CITATIONS, _join, _key

    if isinstance(value, CITATIONS):
        yield path, value
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _every_citation(item, _join(path, index))
    elif is_dataclass(value) and not isinstance(value, type):
        for spec in fields(value):
            key = _key(spec.metadata.get("key"), spec.name, value)
            yield from _every_citation(getattr(value, spec.name), _join(path, key))


@pytest.mark.parametrize("name", FIXTURES)
def test_the_citation_walk_skips_only_fields_that_cannot_hold_one(name):
    from service.kinds.walk import citations

    data = typed(load_fixture(name))
    assert list(citations(data)) == list(_every_citation(data))


def test_a_ranking_decisions_agencies_are_not_entered_looking_for_citations():
    from service.kinds.walk import _citing_fields

    data = typed(load_fixture("seeds/000-ranking-decision-2113-2023.json"))
    agency = type(data.groups[0].agencies[0])
    assert _citing_fields(agency) == ()
    assert "groups" not in dict(_citing_fields(type(data)))
