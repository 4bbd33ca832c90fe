"""Seed 002 (Kế hoạch 52/KH-BCĐ of 08/9/2015) reproduced line by line.

The seed's text lost its header: the fixture names the issuer "UBND TỈNH BẮC GIANG" over
"BAN CHỈ ĐẠO ISO" (plausible, not known). The seed signs with the agency title alone, without an
authority prefix; the fixture gives that title as the signer's ``title`` and no chain.
"""

from __future__ import annotations

import pytest

from service.pipeline import generate

from .conftest import SEEDS, load_fixture
from .seedtext import Correction, seed_difference

SEED = SEEDS / "002_0151b0b80d3646cd.txt"
FIXTURE = "seeds/002-inspection-plan-52-2015.json"
TITLE_955 = (
    "“Các tiêu chí đánh giá việc xây dựng, áp dụng hệ thống quản lý chất lượng theo "
    "Tiêu chuẩn quốc gia TCVN ISO 9001:2008 của các cơ quan thuộc hệ thống hành chính "
    "nhà nước tỉnh Bắc Giang”"
)
ELECTRONIC = (
    "- Trưởng BCD Dương Văn Thái (b/c);\n- Văn Phòng UBND tỉnh;\n"
    "- Thành viên BCD ISO tỉnh, thành viên tổ chuyên môn giúp việc BCD;\n"
    "- Các cơ quan chuyên môn thuộc UBND tỉnh, UBND các huyện, thành phố;\n"
    "- Lãnh đạo Sở (b/c);\n- TĐC, TTTH."
)
UPPER = "nd30-format §2.6: a plan's mục is printed 'I. TITLE' in upper case"
CORRECTIONS = [
    Correction("**52** /KH-BCĐ", "52/KH-BCĐ", "nd30-format §2.3: no space inside Số/ký hiệu"),
    Correction("I. Mục đích, yêu cầu", "I. MỤC ĐÍCH, YÊU CẦU", UPPER),
    Correction("II. Nội dung đánh giá, chấm điểm", "II. NỘI DUNG ĐÁNH GIÁ, CHẤM ĐIỂM", UPPER),
    Correction(
        "III. Đối tượng, thời gian và phương thức đánh giá, chấm điểm",
        "III. ĐỐI TƯỢNG, THỜI GIAN VÀ PHƯƠNG THỨC ĐÁNH GIÁ, CHẤM ĐIỂM",
        UPPER,
    ),
    Correction("IV. Tổ chức thực hiện", "IV. TỔ CHỨC THỰC HIỆN", UPPER),
    Correction(
        "Căn cứ Quyết định 955/QĐ-UBND, ngày 03 tháng 7 năm 2014 của Chủ tịch UBND tỉnh "
        f"về việc ban hành {TITLE_955}\n",
        "Căn cứ Quyết định số 955/QĐ-UBND.\n",
        "nd30-format §2.6 (ND30 II.6.b): a document named again is named by type and "
        "number only; the seed words it a second time with another issuer (Chủ tịch UBND "
        "tỉnh, not Ủy ban nhân dân tỉnh) and another date form, and drops the full stop",
    ),
    Correction(
        "- Lưu: VT, TĐC.\n\nBản điện tử:\n\n" + ELECTRONIC,
        "Bản điện tử:\n\n" + ELECTRONIC[:-1] + ";\n- Lưu: VT, TĐC.",
        "nd30-format §2.9: the 'Lưu' line is the last line of the nơi nhận, so every "
        "recipient, electronic copies included, ends with ';'",
    ),
    Correction("BCD", "BCĐ", "the committee's own abbreviation is BCĐ, as in its ký hiệu KH-BCĐ"),
]


@pytest.fixture(scope="module")
def rendered():
    """Return the seed-002 fixture rendered once as DOCX."""
    return generate(load_fixture(FIXTURE), "docx")


def test_docx_text_matches_the_seed_line_by_line(rendered):
    difference = seed_difference(rendered, SEED, CORRECTIONS)
    assert not difference, difference


def test_the_registry_words_decision_955_in_full_once_then_by_number(rendered):
    texts = [block.text for block in rendered.document.body]
    assert texts[0].startswith(
        "Thực hiện Quyết định số 955/QĐ-UBND ngày 03/7/2014 của Ủy ban "
        "nhân dân tỉnh Bắc Giang về việc ban hành “Các tiêu chí"
    )
    assert "Căn cứ Quyết định số 955/QĐ-UBND." in texts


def test_sections_are_roman_and_upper_case(rendered):
    sections = [b.text for b in rendered.document.body if b.role == "section"]
    assert sections == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG ĐÁNH GIÁ, CHẤM ĐIỂM",
        "III. ĐỐI TƯỢNG, THỜI GIAN VÀ PHƯƠNG THỨC ĐÁNH GIÁ, CHẤM ĐIỂM",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]


def test_electronic_recipients_come_under_their_label_and_the_archive_last(rendered):
    lines = rendered.document.recipients
    assert lines[0].label and lines[0].text == "Bản điện tử:"
    assert lines[-1].printed == "- Lưu: VT, TĐC."
    assert all(line.text.endswith(";") for line in lines[1:-1])


def test_the_signature_has_no_authority_prefix(rendered):
    assert rendered.document.signature.lines == ("GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",)
