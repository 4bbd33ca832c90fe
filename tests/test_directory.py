"""The directory: which bodies and units exist on a date, found in payloads and documents."""

from __future__ import annotations

import ast
from datetime import date

import pytest

from service.directory import load_directory, parse_directory, stale_bodies
from service.pipeline import compose

from .ceased import errors, problems, put
from .conftest import ROOT, load_fixture

BEFORE = date(2025, 6, 30)
AFTER = date(2025, 7, 1)
NEXT_YEAR = date(2026, 3, 1)


def names(text, on, field="articles.0.text"):
    """Return the ceased names found in one field of a whole document, ``text`` put there."""
    base = (
        "seeds/000-ranking-decision-2113-2023.json"
        if field.startswith("groups")
        else (
            "decisions/direct-decision.json"  # a Bắc Ninh decision: nothing ceased of its own
        )
    )
    payload = put(load_fixture(base), field, text)
    return [p.name for p in problems(payload, on) if p.path == field]


@pytest.mark.parametrize(
    ("text", "on", "found"),
    [
        ("Ủy ban nhân dân tỉnh Bắc Giang", BEFORE, []),
        ("Ủy ban nhân dân tỉnh Bắc Giang", AFTER, ["Ủy ban nhân dân tỉnh Bắc Giang"]),
        ("Chủ tịch UBND tỉnh Bắc Giang quyết định", AFTER, ["UBND tỉnh Bắc Giang"]),
        ("Uỷ ban nhân dân tỉnh Bắc Giang", AFTER, ["Uỷ ban nhân dân tỉnh Bắc Giang"]),
        (
            "Ngân hàng Nhà nước chi nhánh tỉnh Bắc Giang",
            AFTER,
            ["Ngân hàng Nhà nước chi nhánh tỉnh Bắc Giang"],
        ),
        ("UBND tỉnh Bắc Ninh", NEXT_YEAR, []),
        ("Chủ tịch UBND huyện Tân Yên", BEFORE, []),
        ("Chủ tịch UBND huyện Tân Yên", AFTER, ["UBND huyện Tân Yên"]),
        ("Chủ tịch UBND huyện, thành phố", AFTER, ["UBND huyện"]),
        ("UBND các huyện: Tân Yên, Sơn Động", NEXT_YEAR, ["UBND các huyện"]),
        ("UBND các huyện: Tân Yên, Sơn Động", BEFORE, []),
        ("các cơ quan cấp tỉnh; UBND cấp huyện năm 2026", NEXT_YEAR, ["UBND cấp huyện"]),
        ("Ủy ban nhân dân thị xã Việt Yên", NEXT_YEAR, ["Ủy ban nhân dân thị xã Việt Yên"]),
        ("UBND thành phố Bắc Giang", NEXT_YEAR, ["UBND thành phố Bắc Giang"]),
        ("UBND thành phố Hà Nội", NEXT_YEAR, []),  # centrally run: provincial level
        ("Ủy ban nhân dân Thành phố Hồ Chí Minh", NEXT_YEAR, []),
        ("UBND thành phố Bắc Ninh", NEXT_YEAR, ["UBND thành phố Bắc Ninh"]),
        ("UBND thành phố Bắc Ninh", date(2026, 10, 1), []),  # centrally run from 20/9/2026
        ("Sở Nội vụ; Sở Tư pháp", NEXT_YEAR, []),
        ("Huyện Tân Yên đạt loại Tốt", NEXT_YEAR, []),  # bare unit names count only as names
    ],
)
def test_ceased_names_in_text_depend_on_the_date(text, on, found):
    assert names(text, on) == found


@pytest.mark.parametrize(
    ("field", "text", "found"),
    [
        ("groups.1.agencies.0.name", "Huyện Tân Yên", ["Huyện Tân Yên"]),
        ("groups.1.agencies.2.name", "TP Bắc Giang", ["TP Bắc Giang"]),
        ("groups.1.agencies.2.name", "TP. Hà Nội", []),
        ("recipients.items.3", "Thị xã Việt Yên", ["Thị xã Việt Yên"]),
        ("issuer.place", "Bắc Giang", ["Bắc Giang"]),
        ("proposal", "Bắc Giang", []),  # the bare name is a place only in issuer.place
        ("citations.0", "bac-giang:2532/QĐ-UBND", []),  # citations keep their issuer's name
    ],
)
def test_names_count_where_a_body_is_named(field, text, found):
    assert names(text, NEXT_YEAR, field) == found


def test_issuer_name_lines_are_read_as_one_name():
    payload = load_fixture("decisions/direct-decision.json")
    payload["issuer"] |= {"name": ["Ủy ban nhân dân", "tỉnh Bắc Giang"], "place": "Bắc Giang"}
    found = [p for p in problems(payload, NEXT_YEAR) if p.path.startswith("issuer.")]
    assert [(p.path, p.name, p.replacement) for p in found] == [
        ("issuer.name", "Ủy ban nhân dân tỉnh Bắc Giang", "Ủy ban nhân dân tỉnh Bắc Ninh"),
        ("issuer.place", "Bắc Giang", "Bắc Ninh"),
    ]
    assert "01/7/2025" in found[0].message and "202/2025/QH15" in found[0].message


def test_a_2023_document_keeps_its_2023_bodies(ranking_payload):
    assert problems(ranking_payload, date(2023, 12, 31)) == []
    assert errors(ranking_payload) == {}


def test_the_same_document_dated_2026_names_every_ceased_body(ranking_payload):
    ranking_payload |= {"date": "2026-12", "number": None}  # a draft: no number yet
    refused = errors(ranking_payload)
    for path in (
        "issuer.name",
        "issuer.place",
        "authority",
        "summary",
        "recipients.items.3",
        "groups.1.name",
        "groups.1.agencies.0.name",
        "groups.1.agencies.2.name",
        "groups.0.agencies.8.name",
    ):
        assert path in refused, path
    assert "citations.0" not in refused
    assert any("Bắc Ninh" in m for m in refused["issuer.name"])
    assert any("cấp huyện" in m for m in refused["groups.1.name"])


def test_a_composed_document_is_checked_as_printed(ranking_payload):
    directory = load_directory()
    paths = {p.path for p in stale_bodies(compose(ranking_payload), NEXT_YEAR, directory)}
    assert {"header.issuer", "header.place_date", "recipients.3.text"} <= paths
    assert any(p.startswith("appendices.1.table.rows.") for p in paths)
    assert stale_bodies(compose(ranking_payload), date(2023, 12, 31), directory) == []


def test_unconfirmed_facts_warn_but_do_not_make_errors():
    payload = load_fixture("decisions/direct-decision.json") | {"date": "2026-03-01"}
    payload["issuer"]["name"] = ["UBND tỉnh Thừa Thiên Huế"]
    found = problems(payload, NEXT_YEAR)
    assert found and not found[0].confirmed
    assert "chưa được xác nhận" in found[0].message
    assert errors(payload) == {}


def test_directory_data_is_valid_and_says_what_is_unconfirmed():
    directory = load_directory()
    assert any(body.name == "Ủy ban nhân dân tỉnh Bắc Giang" for body in directory.bodies)
    with pytest.raises(ValueError, match="unconfirmed"):
        parse_directory(
            {
                "bodies": [],
                "provinces": [],
                "levels": [],
                "central_cities": [{"name": "X", "from": None, "confidence": "unconfirmed"}],
            }
        )


def test_directory_is_pure_domain_code():
    forbidden = {"flask", "click", "marshmallow", "werkzeug", "docxtpl", "weasyprint"}
    for path in sorted((ROOT / "service" / "directory").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        roots = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        roots |= {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
        }
        assert not roots & forbidden, path
