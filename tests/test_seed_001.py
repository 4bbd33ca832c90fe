"""Seed 001 (draft Thông báo kết luận of the Ban Chỉ đạo ISO, 12/2023) reproduced line by line.

The seed's text lost its header: the fixture names the issuer "UBND TỈNH BẮC GIANG" over
"BAN CHỈ ĐẠO ISO", a plausible official form for a provincial steering committee that numbers its
own documents (TB-BCĐ, nd30-format §2.3); the real names are not known.
"""

from __future__ import annotations

import pytest

from service.errors import InvalidInput
from service.pipeline import compose, generate

from .conftest import SEEDS, load_fixture
from .seedtext import Correction, seed_difference

SEED = SEEDS / "001_3d4fbc0d783f39aa.txt"
FIXTURE = "seeds/001-conclusion-notice-iso-2023.json"
CORRECTIONS = [
    Correction(
        "- Như Điều 1;\n",
        "",
        "a notice has no articles, so 'Như Điều 1' points nowhere (nd30-format §2.9); "
        "those it concerns are listed by name below it",
    ),
]


@pytest.fixture(scope="module")
def rendered():
    """Return the seed-001 fixture rendered once as DOCX."""
    return generate(load_fixture(FIXTURE), "docx")


def test_docx_text_matches_the_seed_line_by_line(rendered):
    difference = seed_difference(rendered, SEED, CORRECTIONS)
    assert not difference, difference


def test_a_draft_leaves_number_and_day_blank(rendered):
    header = rendered.document.header
    assert header.number_line == "Số:      /TB-BCĐ"
    assert header.place_date == "Bắc Giang, ngày      tháng 12 năm 2023"
    assert rendered.filename == "du-thao-thong-bao-tb-bcd-2023-12.docx"


def test_section_numbers_are_computed_and_headings_are_bold(rendered):
    numbered = [b for b in rendered.document.body if b.role in ("heading", "clause")]
    assert [b.text.split(" ")[0] for b in numbered] == ["1.", "2.", "3.", "4."]
    assert [b.role for b in numbered] == ["heading", "heading", "heading", "clause"]
    assert all(run.bold for run in numbered[0].runs)
    assert not any(run.bold for run in numbered[3].runs)


def test_quoted_titles_stay_italic(rendered):
    italic = [run.text for run in rendered.document.body[0].runs if run.italic]
    assert italic == [
        "Kết quả hoạt động xây dựng, áp dụng Hệ thống quản lý chất lượng theo Tiêu "
        "chuẩn Quốc gia TCVN ISO 9001 - HTQLCL của các cơ quan thuộc hệ thống hành "
        "chính nhà nước trên địa bàn tỉnh từ 01/01/2022 đến 20/12/2023"
    ]


def test_the_end_mark_closes_the_closing_paragraph(rendered):
    assert rendered.document.body[-1].text.endswith("biết và thực hiện./.")


def test_advisory_body_signature_gives_both_titles(rendered):
    signature = rendered.document.signature
    assert signature.lines == (
        "TM. BAN CHỈ ĐẠO",
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    )
    assert signature.name == "Nguyễn Thanh Bình"


def test_the_seeds_like_article_recipient_is_refused():
    payload = load_fixture(FIXTURE)
    payload["recipients"]["items"].insert(0, {"like_article": 1})
    with pytest.raises(InvalidInput) as caught:
        compose(payload)
    assert caught.value.errors == {
        "recipients.items.0": ["'Như Điều 1' trỏ tới một điều không có: văn bản không có điều nào."]
    }
