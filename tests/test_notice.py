"""Thông báo kết luận: computed numbering and end mark, citations in the text, bad input."""

from __future__ import annotations

import pytest

from service.errors import InvalidInput
from service.pipeline import compose, generate
from service.render.docx_text import docx_lines

from .conftest import load_fixture
from .sample import HOSTILE
from .test_bad_input import assert_field_error, edit, errors_of

SEED = "seeds/001-conclusion-notice-iso-2023.json"


@pytest.fixture
def notice() -> dict:
    """Return a fresh copy of the seed-001 notice payload."""
    return load_fixture(SEED)


def test_a_notice_without_sections_is_intro_and_closing():
    document = compose(load_fixture("edge/notice-no-sections.json"))
    assert [block.role for block in document.body] == ["text", "text", "text"]
    assert document.body[-1].text.endswith("biết và thực hiện./.")
    assert document.header.number_line == "Số: 07/TB-BCĐ"
    assert (document.authority, document.bases, document.enacting) == (None, (), None)


def test_a_registry_document_is_named_in_full_once_then_by_number():
    first, second, _ = compose(load_fixture("edge/notice-no-sections.json")).body
    assert "Quyết định số 2532/QĐ-UBND ngày 10/12/2021 của Chủ tịch UBND tỉnh ban hành" in (
        first.text
    )
    assert "theo Quyết định số 2532/QĐ-UBND trước ngày" in second.text


def test_without_closing_the_end_mark_closes_the_last_section(notice):
    del notice["closing"]
    document = compose(notice)
    assert document.body[-1].text.endswith("tổ chức thực hiện hiệu quả./.")


def test_numbers_follow_the_order_of_the_sections(notice):
    notice["sections"].insert(0, {"text": "Đánh giá cao kết quả năm 2023."})
    numbers = [
        b.text.split(" ")[0] for b in compose(notice).body if b.role in ("heading", "clause")
    ]
    assert numbers == ["1.", "2.", "3.", "4.", "5."]


def test_nested_items_carry_their_parents_number(notice):
    notice["sections"][1]["paragraphs"] = [
        {
            "heading": "Về tuyên truyền",
            "paragraphs": [
                {"text": "Xây dựng chuyên mục."},
                {"points": ["trên báo;", "trên đài."]},
            ],
        }
    ]
    texts = [b.text for b in compose(notice).body]
    assert "2.1. Về tuyên truyền" in texts
    assert "2.1.1. Xây dựng chuyên mục." in texts
    assert [t for t in texts if t[:2] in ("a)", "b)")] == ["a) trên báo;", "b) trên đài."]


@pytest.mark.parametrize(
    ("path", "value", "error_path", "fragment"),
    [
        ("intro", [], "intro", "Cần từ 1"),
        ("intro.0", 42, "intro.0", "Đoạn văn"),
        ("intro.0", [{"footnote": "chú thích"}], "intro.0", "không có nội dung"),
        ("intro.0", [{"cite": "99/2099/QH99"}], "intro.0.0", "99/2099/QH99"),
        ("sections.0", "Một đoạn văn", "sections.0", "heading, text"),
        ("sections.0", {"heading": "A", "text": "B"}, "sections.0.text", "không có trong mẫu"),
        ("sections.0.heading", "1. Các thành viên", "sections.0.heading", "đánh tự động"),
        ("sections.0.paragraphs.0", 42, "sections.0.paragraphs.0", "Mỗi mục nội dung"),
        (
            "sections.0.paragraphs.0",
            {"bullets": ["- Gạch đầu dòng gõ tay"]},
            "sections.0.paragraphs.0.bullets.0",
            "Dấu đầu dòng",
        ),
        ("sections.0.paragraphs.0", {"bullets": []}, "sections.0.paragraphs.0.bullets", "Cần từ 1"),
        (
            "sections.0.paragraphs.0",
            {"heading": "a", "paragraphs": [{"heading": "b", "paragraphs": [{"heading": "c"}]}]},
            "sections.0.paragraphs.0.paragraphs.0.paragraphs.0",
            "1.1.1.1.",
        ),
        ("authority", "Ban Chỉ đạo ISO tỉnh", "authority", "không có trong mẫu"),
        ("citations", ["19/2014/QĐ-TTg"], "citations", "không có trong mẫu"),
        ("articles", [{"text": "Điều một"}], "articles", "không có trong mẫu"),
        ("number", 5, "date", "ngày ban hành đầy đủ"),
        ("date", "2023-13", "date", "không có thật"),
        ("summary", None, "summary", "Thiếu trường bắt buộc"),
        (
            "recipients.items.0",
            {"like_article": "implementers"},
            "recipients.items.0",
            "implementers",
        ),
        ("signature.title", "Chánh Văn phòng", "signature.title", "cấp phó"),
        ("signature.chain.0.authority", "KT", "signature.chain.0.authority", "cuối cùng"),
    ],
)
def test_each_bad_field_is_named(notice, path, value, error_path, fragment):
    errors = errors_of(edit(notice, path, value))
    assert_field_error(errors, error_path, fragment)


def test_every_bad_section_is_reported_at_once(notice):
    notice["sections"][0]["heading"] = "1. Các thành viên"
    notice["sections"][2]["paragraphs"][0] = [{"cite": "không-có"}]
    errors = errors_of(notice)
    assert {"sections.0.heading", "sections.2.paragraphs.0.0"} <= set(errors)


def test_nothing_is_rendered_on_failure(notice):
    notice["recipients"]["items"].insert(0, {"like_article": 1})
    with pytest.raises(InvalidInput):
        generate(notice, "docx")


def test_hostile_text_renders_literally(notice):
    notice["sections"][0]["paragraphs"][0] = f"Nội dung {HOSTILE}"
    docx_text = "\n".join(docx_lines(generate(notice, "docx").content))
    html = generate(notice, "html").content.decode("utf-8")
    assert HOSTILE.replace("  ", " ") in docx_text
    assert "&lt;c&gt;" in html and "{{ x }}" in html and "<c>" not in html
