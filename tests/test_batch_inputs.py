"""Collecting batch items: files, folders, JSON Lines and score sheets, ids and errors."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from service.batch.inputs import UsageProblem, collect
from service.batch.sheets import read_scores
from service.errors import InvalidInput, MalformedInput
from service.pipeline import compose

from .conftest import load_fixture


def write_xlsx(path, rows):
    """Write ``rows`` to the first sheet of a new workbook."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def test_folders_are_read_recursively_in_order_and_skip_batch_outputs(tmp_path):
    for name in ("b/2.json", "a.json", "b/1.jsonl", "b/manifest.json", "b/.hidden.json", "c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(
            '{"kind": "x"}\n\n{"kind": "y"}' if name.endswith("l") else '{"kind": "x"}',
            encoding="utf-8",
        )
    items = collect([str(tmp_path), str(tmp_path / "a.json")])
    root = tmp_path.as_posix()
    assert [i.id for i in items] == [
        f"{root}/a.json",
        f"{root}/b/1.jsonl:1",
        f"{root}/b/1.jsonl:3",
        f"{root}/b/2.json",
    ]
    assert items[2].line == 3 and items[2].payload == {"kind": "y"}


def test_a_malformed_file_or_line_is_an_item_with_its_error(tmp_path):
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    (tmp_path / "x.jsonl").write_text('{"a": 1}\n{"a": \n', encoding="utf-8")
    items = collect([str(tmp_path)])
    assert [type(i.error) for i in items] == [MalformedInput, type(None), MalformedInput]
    assert "cột" in items[2].error.message and items[2].id.endswith("x.jsonl:2")


def test_nothing_to_read_is_a_usage_problem(tmp_path):
    with pytest.raises(UsageProblem):
        collect([str(tmp_path)])


def test_an_xlsx_sheet_with_title_rows_vietnamese_headers_and_criteria(tmp_path):
    path = tmp_path / "diem.xlsx"
    write_xlsx(
        path,
        [
            ["KẾT QUẢ CHẤM ĐIỂM NĂM 2023"],
            [],
            ["STT", "Nhóm", "Tên cơ quan", "Tiêu chí 1", "Tiêu chí 2", "Tổng điểm", "Mức độ"],
            [1, "các cơ quan cấp tỉnh", "Sở Nội vụ", 50, "51,5", "101,5", "Tốt"],
            [2, None, "Sở Tư pháp", 48, 50, 98, None],
            [None, None, None, None, None, None, None],
            [3, "UBND cấp huyện", "Huyện Tân Yên", None, None, 103, None],
        ],
    )
    groups, rows = read_scores(path)
    assert groups == [
        {
            "name": "các cơ quan cấp tỉnh",
            "agencies": [
                {
                    "name": "Sở Nội vụ",
                    "score": "101,5",
                    "criteria": [
                        {"name": "Tiêu chí 1", "score": 50},
                        {"name": "Tiêu chí 2", "score": "51,5"},
                    ],
                },
                {
                    "name": "Sở Tư pháp",
                    "score": 98,
                    "criteria": [
                        {"name": "Tiêu chí 1", "score": 48},
                        {"name": "Tiêu chí 2", "score": 50},
                    ],
                },
            ],
        },
        {"name": "UBND cấp huyện", "agencies": [{"name": "Huyện Tân Yên", "score": 103}]},
    ]
    assert rows == {"groups.0.agencies.0": 4, "groups.0.agencies.1": 5, "groups.1.agencies.0": 7}


def test_a_sheet_asked_to_replace_the_groups_of_the_base_composes(tmp_path):
    path = tmp_path / "diem.csv"
    path.write_text(
        "Nhóm;Tên cơ quan;Tổng điểm\nSở;Sở Nội vụ;101,5\n;Sở Tư pháp;98\n", encoding="utf-8"
    )
    base = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    (item,) = collect([str(path)], base, replace_groups=True)
    assert item.payload["groups"] == [
        {
            "name": "Sở",
            "agencies": [
                {"name": "Sở Nội vụ", "score": "101,5"},
                {"name": "Sở Tư pháp", "score": "98"},
            ],
        }
    ]
    assert {k: v for k, v in item.payload.items() if k != "groups"} == {
        k: v for k, v in base.items() if k != "groups"
    }
    document = compose(item.payload)
    assert [row[1].text for row in document.appendices[0].table.rows] == ["Sở Nội vụ", "Sở Tư pháp"]


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("Cơ quan,Điểm số\nA,1\n", InvalidInput),  # no score column
        ("Nhóm,Tên cơ quan,Tổng điểm\n,A,1\n", InvalidInput),  # first row without a group
    ],
)
def test_a_sheet_that_cannot_be_read_as_scores(tmp_path, content, error):
    path = tmp_path / "s.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error):
        read_scores(path)


def test_a_damaged_xlsx_is_a_failed_item_not_a_crash(tmp_path):
    path = tmp_path / "s.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    (item,) = collect([str(path)], {"kind": "ranking-decision"})
    assert isinstance(item.error, MalformedInput)


def test_a_sheet_needs_a_base(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Tên cơ quan,Tổng điểm\nA,1\n", encoding="utf-8")
    with pytest.raises(UsageProblem, match="--base"):
        collect([str(path)])
    (item,) = collect([str(path)], {"kind": "ranking-decision"})
    assert item.payload == {
        "kind": "ranking-decision",
        "groups": [{"name": "các cơ quan", "agencies": [{"name": "A", "score": "1"}]}],
    }


def test_a_sheet_whose_groups_differ_from_the_base_is_refused_naming_both(tmp_path):
    path = tmp_path / "diem.csv"
    path.write_text("Nhóm;Tên cơ quan;Tổng điểm\nA;Sở Nội vụ;101,5\n", encoding="utf-8")
    base = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    (item,) = collect([str(path)], base)
    assert item.payload is None and item.error is not None
    (message,) = item.error.errors["groups"]
    assert "Bảng điểm: A." in message
    assert "các cơ quan cấp tỉnh; UBND cấp huyện" in message and "--replace-groups" in message


def test_a_sheet_with_the_base_groups_in_another_case_and_order_is_taken(tmp_path):
    path = tmp_path / "diem.csv"
    path.write_text(
        "Nhóm;Tên cơ quan;Tổng điểm\nubnd cấp  huyện;UBND huyện Lục Nam;90\n"
        "Các cơ quan cấp tỉnh;Sở Nội vụ;101,5\n",
        encoding="utf-8",
    )
    base = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    (item,) = collect([str(path)], base)
    assert item.error is None and len(item.payload["groups"]) == 2
