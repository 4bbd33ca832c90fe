"""Kế hoạch: mục and nested numbering, schedule and team as data, appendices, forms, bad input."""

from __future__ import annotations

import pytest

from service.errors import InvalidInput
from service.kinds.plan import AgencyGroup, Period, Schedule
from service.kinds.plan_forms import FormColumn, grid_errors, header_rows
from service.model import Cell
from service.pipeline import compose, generate

from .conftest import load_fixture
from .test_bad_input import assert_field_error, edit, errors_of

SEED = "seeds/003-inspection-plan-cchc-2023.json"
EDGE = "edge/plan-two-appendices.json"


@pytest.fixture
def plan() -> dict:
    """Return a fresh copy of the seed-003 plan payload."""
    return load_fixture(SEED)


@pytest.fixture
def edge() -> dict:
    """Return a fresh copy of the plan with three appendices."""
    return load_fixture(EDGE)


def texts(blocks):
    """Return the plain text of each block."""
    return [block.text for block in blocks]


def test_mục_titles_are_numbered_and_upper_cased(edge):
    body = compose(edge).body
    assert [b.text for b in body if b.role == "section"] == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG"]
    assert all(run.bold for b in body if b.role == "section" for run in b.runs)


def test_nested_items_points_topics_and_schedule_share_one_count(edge):
    body = texts(compose(edge).body)
    assert body[body.index("II. NỘI DUNG") + 1 :] == [
        "1. Chấm điểm theo các tiêu chí:",
        "1.1. Tiêu chí chung",
        "* Tiêu chí về chỉ đạo, điều hành:",
        "- Kế hoạch năm;",
        "- Báo cáo định kỳ.",
        "1.2. Tiêu chí riêng",
        "Theo lĩnh vực của từng cơ quan.",
        "2. Tháng 10, các Sở: Nội vụ; các cơ quan: Thanh tra tỉnh và UBND các huyện: Yên "
        "Dũng, Lục Nam.",
        "3. Tổng hợp kết quả theo mẫu tại Phụ lục II./.",
    ]
    points = [t for t in body if t[:2] in ("a)", "b)")]
    assert points == ["a) Khách quan, chính xác;", "b) Đúng thời hạn."]


@pytest.mark.parametrize(
    ("groups", "line"),
    [
        ([("các Sở", ("Tư pháp",))], "Quý I, các Sở: Tư pháp."),
        (
            [("các Sở", ("A", "B")), ("UBND các huyện", ("C",))],
            "Quý I, các Sở: A, B và UBND các huyện: C.",
        ),
        (
            [("các Sở", ("A",)), ("các cơ quan", ("B",)), ("UBND các huyện", ("C", "D"))],
            "Quý I, các Sở: A; các cơ quan: B và UBND các huyện: C, D.",
        ),
    ],
)
def test_schedule_lines_are_worded_from_data(groups, line):
    period = Period("Quý I", tuple(AgencyGroup(label, names) for label, names in groups))
    assert Schedule((period,)).lines() == (line,)


def test_labelled_appendices_are_numbered_and_attributed_to_the_plan(edge):
    appendices = compose(edge).appendices
    assert [a.label for a in appendices] == ["Phụ lục I", None, "Phụ lục II"]
    assert {a.attribution for a in appendices} == {
        "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 02 năm 2024 của Chủ tịch UBND tỉnh "
        "Bắc Giang)"
    }
    assert [a.landscape for a in appendices] == [False, False, True]


def test_a_single_labelled_appendix_has_no_number(edge):
    del edge["appendices"][2]
    edge["sections"][1]["paragraphs"][2] = {"text": "Tổng hợp kết quả."}
    assert [a.label for a in compose(edge).appendices] == ["Phụ lục", None]


def test_a_form_header_spans_are_computed_from_nested_groups(edge):
    table = compose(edge).appendices[2].table
    assert [[(c.text, c.colspan, c.rowspan) for c in row] for row in table.header[:2]] == [
        [("STT", 1, 2), ("Cơ quan", 1, 2), ("Điểm", 2, 1)],
        [("Tự chấm", 1, 1), ("Thẩm định", 1, 1)],
    ]
    assert [c.width_mm for c in table.columns] == [12, 60, 92.5, 92.5]
    assert [[c.text for c in row] for row in table.rows] == [
        ["1", "", "", ""],
        ["2", "", "", ""],
        ["3", "", "", ""],
        ["", "Cộng", "", ""],
    ]


def test_nested_groups_always_tile_the_grid():
    columns = (
        FormColumn("A"),
        FormColumn(
            "B",
            columns=(FormColumn("C"), FormColumn("D", columns=(FormColumn("E"), FormColumn("F")))),
        ),
    )
    assert grid_errors(header_rows(columns), 4) == []


@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        (((Cell("A", colspan=3),),), "vượt ra ngoài"),
        (((Cell("A", rowspan=2), Cell("B")), (Cell("C"), Cell("D"))), "vượt ra ngoài"),
        (((Cell("A"),), (Cell("B"), Cell("C"))), "còn ô trống"),
    ],
)
def test_a_grid_that_does_not_tile_is_described(header, fragment):
    assert any(fragment in problem for problem in grid_errors(header, 2))


def test_the_schedule_naming_an_agency_twice_names_both_places():
    with pytest.raises(InvalidInput) as caught:
        compose(load_fixture("edge/plan-agency-twice.json"))
    first = "sections.0.paragraphs.0.schedule.0.groups.0.agencies.0"
    again = "sections.0.paragraphs.0.schedule.1.groups.0.agencies.1"
    assert set(caught.value.errors) == {first, again}
    assert again in caught.value.errors[first][0] and first in caught.value.errors[again][0]


def test_the_plan_renders_in_every_format(edge):
    for fmt in ("docx", "html"):
        assert generate(edge, fmt).filename == f"ke-hoach-5-kh-ubnd-2024-02-05.{fmt}"


@pytest.mark.parametrize(
    ("path", "value", "error_path", "fragment"),
    [
        ("sections.0.title", "I. Mục đích, yêu cầu", "sections.0.title", "đánh tự động"),
        (
            "sections.0.paragraphs.0.paragraphs.0.bullets.0",
            "- gõ dấu",
            "sections.0.paragraphs.0.paragraphs.0.bullets.0",
            "Dấu đầu dòng",
        ),
        (
            "sections.2.paragraphs.0.schedule.0.groups",
            [],
            "sections.2.paragraphs.0.schedule.0.groups",
            "Cần từ 1",
        ),
        (
            "sections.2.paragraphs.0.schedule.0.period",
            None,
            "sections.2.paragraphs.0.schedule.0.period",
            "Thiếu trường",
        ),
        (
            "sections.3.paragraphs.0.team.1",
            "Thành viên Ban Chỉ đạo CCHC, Ban Chỉ đạo ISO, Ban Chỉ đạo CĐS của tỉnh.",
            "sections.3.paragraphs.0.team.1",
            "tổ kiểm tra",
        ),
        ("sections.3.paragraphs.0", {"team": []}, "sections.3.paragraphs.0.team", "Cần từ 1"),
        (
            "sections.0.paragraphs.0",
            {"schedule": [], "team": ["A"]},
            "sections.0.paragraphs.0.team",
            "không có trong mẫu",
        ),
        (
            "appendices.0.paragraphs.0.paragraphs.0",
            {"points": ["x"] * 24},
            "appendices.0.paragraphs.0.paragraphs.0.points",
            "tối đa 23",
        ),
        (
            "appendices.1.table.columns.2.columns",
            [],
            "appendices.1.table.columns.2.columns",
            "Cần từ 1",
        ),
        ("appendices.1.landscape", False, "appendices.1.table.columns", "trang dọc chỉ rộng"),
        (
            "appendices.1.table.columns.0.width",
            300,
            "appendices.1.table.columns.0.width",
            "từ 5 đến 250",
        ),
        ("appendices.1.table", None, "appendices.1.paragraphs", "bảng"),
        ("appendices.0.paragraphs", [], "appendices.0.paragraphs", "bảng"),
        ("appendices.1.labelled", True, "appendices", "dẫn chiếu tới phụ lục"),
        ("issuer.reference", None, "issuer.reference", "Kèm theo"),
        (
            "recipients.electronic",
            [{"like_article": 1}],
            "recipients.electronic.0",
            "không có điều nào",
        ),
        ("proposal", "Sở Nội vụ", "proposal", "không có trong mẫu"),
        ("closing.0", [{"blank": 0}], "closing.0.0.blank", "từ 1 đến 60"),
    ],
)
def test_each_bad_field_is_named(plan, path, value, error_path, fragment):
    errors = errors_of(edit(plan, path, value))
    assert_field_error(errors, error_path, fragment)


def test_a_form_too_deep_is_refused(plan):
    leaf = {"text": "x"}
    for _ in range(4):
        leaf = {"text": "nhóm", "columns": [leaf]}
    plan["appendices"][1]["table"]["columns"].append(leaf)
    errors = errors_of(plan)
    assert any("4 tầng" in m for m in errors["appendices.1.table.columns"])


def test_a_cited_document_out_of_force_on_the_plans_date_is_refused(plan):
    plan["date"] = "2025-08"
    errors = errors_of(plan)
    where = "appendices.0.paragraphs.0.paragraphs.0.bullets.6.1"
    assert "118/2025/NĐ-CP" in " ".join(errors[where])


def test_nothing_is_rendered_on_failure():
    with pytest.raises(InvalidInput):
        generate(load_fixture("edge/plan-agency-twice.json"), "docx")
