"""Seed 000 (Quyết định 2113/QĐ-UBND, 2023) reproduced from its fixture, line by line."""

from __future__ import annotations

import re

import pytest

from service.pipeline import compose, generate

from .conftest import SEEDS
from .seedtext import Correction, seed_difference

SEED = SEEDS / "000_e8a6208732e59bbc.txt"
ISO = "Hệ thống quản lý chất lượng theo Tiêu chuẩn"
CORRECTIONS = [
    Correction(
        "VỀ VIỆC PHÊ DUYỆT VÀ CÔNG BỐ XẾP HẠNG KẾT QUẢ XÂY DỰNG, ÁP DỤNG HỆ THỐNG QUẢN LÝ "
        "CHẤT LƯỢNG THEO TIÊU CHUẨN QUỐC GIA TCVN ISO 9001 CỦA CÁC CƠ QUAN CẤP TỈNH; UBND "
        "CẤP HUYỆN NĂM 2023",
        f"Về việc phê duyệt và công bố xếp hạng kết quả xây dựng, áp dụng {ISO} quốc gia "
        "TCVN ISO 9001 của các cơ quan cấp tỉnh; UBND cấp huyện năm 2023",
        "ND30 §2.5: the trích yếu is in normal case, not upper case",
    ),
    Correction(
        f"{ISO} Quốc gia TCVN ISO 9001:2008 vào hoạt động của các cơ quan thuộc",
        f"{ISO} quốc gia TCVN ISO 9001:2008 vào hoạt động của các cơ quan, tổ chức thuộc",
        "legal-facts §2: official title of 19/2014/QĐ-TTg has ', tổ chức' and 'quốc gia'",
    ),
    Correction(
        f"Quy định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ "
        f"tướng Chính phủ về việc áp dụng {ISO} Quốc gia",
        f"quy định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ "
        f"tướng Chính phủ về việc áp dụng {ISO} quốc gia",
        "official title of 26/2014/TT-BKHCN (registry)",
    ),
    Correction("87/TTr- KHCN", "87/TTr-KHCN", "ND30 §2.3: no spaces inside a ký hiệu"),
    Correction("PHỤ LỤC I\n", "Phụ lục I\n", "ND30 §2.10: 'Phụ lục' + number in normal case"),
    Correction("PHỤ LỤC II\n", "Phụ lục II\n", "ND30 §2.10: 'Phụ lục' + number in normal case"),
]


def tied_rank_corrections(path) -> list[Correction]:
    """Return corrections giving each tied row of the seed's tables the rank of the row above.

    The seed left a tie's rank blank after its first row; a tie crossing a page break then
    began the new page with no rank (issue 12), so every row now carries its rank. The rank
    written in is the seed's own, read from the row above.
    """
    out, rank = [], None
    for row in re.finditer(r"\n\t(\d*)\n\t([^\t\n]+)\n\t[\d,.]+\n", path.read_text("utf-8")):
        if row[1]:
            rank = row[1]
        else:
            out.append(
                Correction(
                    f"\n\t\n\t{row[2]}\n",
                    f"\n\t{rank}\n\t{row[2]}\n",
                    "issue 12: a tie prints its rank on every row, so a page break keeps it",
                )
            )
    return out


CORRECTIONS += tied_rank_corrections(SEED)


@pytest.fixture(scope="module")
def rendered():
    """Return the seed-000 fixture rendered once as DOCX."""
    from .conftest import load_fixture

    return generate(load_fixture("seeds/000-ranking-decision-2113-2023.json"), "docx")


def test_docx_text_matches_the_seed_line_by_line(rendered):
    difference = seed_difference(rendered, SEED, CORRECTIONS)
    assert not difference, difference


def test_registry_citation_lines_are_the_corrected_ones(rendered):
    bases = rendered.document.bases
    assert bases[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"
    assert "75/2015" not in " ".join(bases)
    assert all(line.endswith(";") for line in bases[:-1])
    assert bases[-1].startswith("Theo đề nghị của ") and bases[-1].endswith(".")


def test_ranks_and_levels_are_computed_from_scores(ranking_payload):
    document = compose(ranking_payload)
    rows = [[cell.text for cell in row] for row in document.appendices[0].table.rows]
    assert rows[0] == ["1", "Sở Khoa học và Công nghệ", "107", "Tốt"]
    assert rows[1][0] == "2" and rows[2][0] == "2"  # every row of a tie prints its rank
    assert [r[2] for r in rows] == sorted(
        (r[2] for r in rows), key=lambda s: -float(s.replace(",", "."))
    )
    assert rows[-1] == ["20", "Cục Thi hành án dân sự tỉnh Bắc Giang", "15,5", "Yếu"]
    assert all(
        set(agency) == {"name", "score"}  # the input carries no rank and no level
        for group in ranking_payload["groups"]
        for agency in group["agencies"]
    )


def test_changing_a_score_changes_rank_and_level(ranking_payload):
    agencies = ranking_payload["groups"][0]["agencies"]
    thanh_tra = next(a for a in agencies if a["name"] == "Thanh tra tỉnh")
    thanh_tra["score"] = 108
    rows = compose(ranking_payload).appendices[0].table.rows
    assert [c.text for c in rows[0]] == ["1", "Thanh tra tỉnh", "108", "Tốt"]
    assert rows[1][0].text == "2"


def test_appendix_attribution_cites_the_decision(rendered):
    attributions = {a.attribution for a in rendered.document.appendices}
    assert attributions == {
        "(Kèm theo Quyết định số 2113/QĐ-UBND ngày 31/12/2023 của Chủ tịch UBND tỉnh)"
    }
    assert [a.label for a in rendered.document.appendices] == ["Phụ lục I", "Phụ lục II"]


def test_the_body_ends_with_the_end_mark(rendered):
    assert rendered.document.body[-1].text.endswith("căn cứ Quyết định thi hành./.")
    assert re.search(r"\./\.\s*$", rendered.document.body[-1].text)
