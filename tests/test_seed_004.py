"""Seed 004 (quality objectives of UBND tỉnh for 2022) reproduced from its fixture, line by line.

The seed gives neither number nor date, and its header did not survive extraction. The fixture
leaves the number blank (not invented) and dates the decision 30/12/2021: its Điều 3 gives effect
from 01/01/2022, so it was signed before that. The province is inferred from the signer: Nguyễn
Văn Phương was Chủ tịch UBND tỉnh Thừa Thiên Huế from 28/6/2021.
"""

from __future__ import annotations

import pytest

from service.pipeline import generate

from .conftest import SEEDS, load_fixture
from .seedtext import Correction, seed_difference

SEED = SEEDS / "004_5679b39c681b72d2.txt"
FIXTURE = "seeds/004-quality-objectives-2022.json"
CORRECTIONS = [
    Correction(
        "VỀ VIỆC PHÊ DUYỆT MỤC TIÊU CHẤT LƯỢNG NĂM 2022 ÁP DỤNG TẠI UBND TỈNH VÀ VĂN "
        "PHÒNG UBND TỈNH",
        "Về việc phê duyệt Mục tiêu chất lượng năm 2022 áp dụng tại UBND tỉnh và Văn "
        "phòng UBND tỉnh",
        "ND30 §2.5: the trích yếu is in normal case, not upper case",
    ),
    Correction(
        "ỦY BAN NHÂN DÂN TỈNH\nCăn cứ",
        "ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ\nCăn cứ",
        "ND30 §2.6 (Mẫu 1.2): the thẩm quyền line names the collective in full; the seed "
        "stops at 'TỈNH' (province inferred from the signer, see module docstring)",
    ),
    Correction(
        "Luật Tổ chức chính quyền địa phương số 75/2015/QH13 ngày",
        "Luật Tổ chức chính quyền địa phương ngày",
        "legal-facts §2: the law is 77/2015/QH13, not 75; and ND30 §2.6 cites a Luật "
        "with no number at all, so the corrected line has no 'số …'",
    ),
    Correction(
        "Tiêu chuẩn quốc gia TCVN ISO 9001:2015 vào hoạt động",
        "Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào hoạt động",
        "legal-facts §1-2: the official title of 19/2014/QĐ-TTg names TCVN ISO 9001:2008 "
        "(the 2015 standard came out a year later)",
    ),
    Correction(
        "Căn cứ Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015;\n",
        "",
        "a standard is not a legal document: a căn cứ cites a document by type, number, "
        "issuer, date and title (ND30 §2.6), and an inline citation would have to invent "
        "all of these; the standard is named where it applies, in Điều 1",
    ),
]


@pytest.fixture(scope="module")
def rendered():
    """Return the seed-004 fixture rendered once as DOCX."""
    return generate(load_fixture(FIXTURE), "docx")


def test_docx_text_matches_the_seed_line_by_line(rendered):
    difference = seed_difference(rendered, SEED, CORRECTIONS, number_lost=True)
    assert not difference, difference


def test_the_citations_come_from_the_registry_corrected(rendered):
    bases = rendered.document.bases
    assert bases == (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ "
        "về việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 "
        "vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;",
        "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.",
    )
    text = " ".join(bases)
    assert "75/2015" not in text and "số 77/2015" not in text


def test_the_header_has_a_blank_number_and_the_chosen_date(rendered):
    header = rendered.document.header
    assert header.number_line == "Số:      /QĐ-UBND"
    assert header.place_date == "Thừa Thiên Huế, ngày 30 tháng 12 năm 2021"


def test_the_numbers_of_the_objectives_are_data():
    objectives = load_fixture(FIXTURE)["objectives"]
    assert not any("%" in objective["text"] for objective in objectives)
    assert objectives[-1]["targets"] == [{"value": 7, "unit": "sáng kiến", "qualifier": "ít nhất"}]


def test_the_signature_signs_for_the_collective(rendered):
    signature = rendered.document.signature
    assert signature.lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert signature.name == "Nguyễn Văn Phương"
