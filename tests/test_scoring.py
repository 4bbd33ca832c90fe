"""Dense ranking and level schemes held as data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from service.scoring import dense_ranks, load_schemes, parse_schemes, rank

D = Decimal
SEED_000_LEVELS = [
    (D("82.5"), "Tốt"),
    (D("77.5"), "Khá"),
    (D(74), "Khá"),
    (D(57), "Trung bình"),
    (D(52), "Trung bình"),
    (D("21.5"), "Yếu"),
]


@pytest.mark.parametrize("scheme_id", ["bac-giang-2532-a", "bac-giang-2532-b"])
@pytest.mark.parametrize(("total", "level"), SEED_000_LEVELS)
def test_both_packaged_schemes_reproduce_every_2023_level(scheme_id, total, level):
    assert load_schemes()[scheme_id].level_of(total) == level


def test_schemes_differ_where_the_evidence_is_silent():
    schemes = load_schemes()
    assert schemes["bac-giang-2532-a"].level_of(D(67)) == "Khá"
    assert schemes["bac-giang-2532-b"].level_of(D(67)) == "Trung bình"
    assert all(s.confidence == "unconfirmed" for s in schemes.values())


def test_dense_ranks_of_seed_000_provincial_group():
    totals = [D(x) for x in ("107", "105", "105", "103", "103", "103", "101.5", "101")]
    assert dense_ranks(totals) == [1, 2, 2, 3, 3, 3, 4, 5]


def test_ties_keep_input_order_and_only_the_first_prints_its_rank():
    scheme = load_schemes()["bac-giang-2532-a"]
    rows = rank([("B", D(90)), ("A", D(95)), ("C", D(90)), ("D", D(90))], scheme)
    assert [(r.name, r.rank, r.first_of_rank) for r in rows] == [
        ("A", 1, True),
        ("B", 2, True),
        ("C", 2, False),
        ("D", 2, False),
    ]


@pytest.mark.parametrize(
    "levels",
    [
        [{"name": "Tốt", "min": "50"}, {"name": "Khá", "min": "80"}],
        [{"name": "Tốt", "min": "50"}, {"name": "Khá", "min": "50"}],
    ],
)
def test_a_scheme_with_thresholds_out_of_order_is_rejected(levels):
    with pytest.raises(ValueError, match="giảm dần"):
        parse_schemes({"schemes": [{"id": "x", "title": "x", "levels": levels}]})
