"""Seed 003 (draft Kế hoạch kiểm tra CCHC, ISO, CĐS 2023 of UBND tỉnh Bắc Giang) word by word.

The seed's text is hard-wrapped, so the comparison is by words. Its header was extracted column
by column (issuer, Số, Quốc hiệu, date) while the DOCX reads row by row, so the header is compared
as a bag of words and the rest in order. Every registry document the seed names goes through a
citation part, so its wording (full the first time, type and number after) comes from the
registry; documents outside the registry (Nghị quyết 111-NQ/TU, the Chương trình công tác) stay
as typed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

import pytest

from service.kinds.text import BLANK
from service.pipeline import generate
from service.render.docx_text import docx_lines

from .conftest import SEEDS, load_fixture
from .seedtext import Correction, first_word_difference, rendered_lines, seed_words

SEED = SEEDS / "003_85dccd92ca46d14c.txt"
RAW = SEED.read_text(encoding="utf-8")
FIXTURE = "seeds/003-inspection-plan-cchc-2023.json"
DOTS = BLANK * 4
NOTE = "Chỉ tiêu này dành cho khối huyện báo cáo \n"
ISO_19 = (
    "Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc áp dụng "
    "Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào hoạt động "
    "của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước"
)
ISO_2532 = (
    "Quyết định số 2532/QĐ-UBND ngày 10/12/2021 của Chủ tịch UBND tỉnh ban hành “Quy định "
    "Bộ tiêu chí, xếp hạng kết quả xây dựng, áp dụng Hệ thống quản lý chất lượng theo Tiêu "
    "chuẩn Quốc gia TCVN ISO 9001 của các cơ quan thuộc hệ thống hành chính nhà nước trên "
    "địa bàn tỉnh Bắc Giang”"
)
NQ_18_19 = (
    "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII về một số "
    "vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt "
    "động hiệu lực, hiệu quả, Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương "
    "Đảng khóa XII về tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu "
    "quả hoạt động của các đơn vị sự nghiệp công lập"
)
ND_2020 = (
    "Nghị định số 107/2020/NĐ-CP ngày 14/9/2020 của Chính phủ sửa đổi, bổ sung một số điều của "
    "Nghị định số 24/2014/NĐ-CP ngày 04/4/2014 của Chính phủ quy định tổ chức các cơ quan chuyên "
    "môn thuộc Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương, Nghị định số 108/2020/NĐ-CP "
    "ngày 14/9/2020 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 37/2014/NĐ-CP ngày "
    "05/5/2014 của Chính phủ quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân huyện, "
    "quận, thị xã, thành phố thuộc tỉnh, Nghị định số 120/2020/NĐ-CP ngày 07/10/2020 của Chính phủ "
    "quy định về thành lập, tổ chức lại, giải thể đơn vị sự nghiệp công lập"
)
FULL = "nd30-format §2.6 (ND30 II.6.b): a document named for the first time gets its full wording"
AGAIN = "nd30-format §2.6 (ND30 II.6.b): a document named again is named by type and number only"
RULE = "a drawn rule (a paragraph border in the DOCX), not text"
BLANK_WHY = "a fill-in blank prints as dots; the seed's extraction kept only its spaces"
# The seed's blanks before '%', each with enough of its line to be found once.
BLANKS = [
    "đạt tỷ \n\nlệ:            %",
    "đạt tỉ lệ:     \n\n%",
    "đạt tỉ lệ          %",
    "đạt tỉ lệ:              %",
    "điện tử đạt:      %",
    "tài liệu đạt:                  %",
    "điện tử đạt:     %",
    "mạng đạt:       %",
    "đạt tỉ lệ:         %",
    "đạt tỉ lệ        %",
    "lệ1:              %",
    "đạt tỉ lệ:             \n\n%",
    "bán lẻ:           %",
    "thuế điện tử:                  %",
    "nước:        %",
    "thông minh:           \n\n%",
    "băng rộng đạt:            %",
    "danh điện tử:             %",
    "của cơ quan:             %",
    "cấp độ:           %",
]


def typed(text: str) -> str:
    """Return ``text`` as the seed stores it: some of its letters carry combining marks."""
    clusters = re.findall(r".[\u0300-\u036f]*", RAW, re.DOTALL)  # a letter and its marks
    composed = "".join(unicodedata.normalize("NFC", cluster) for cluster in clusters)
    assert len(composed) == len(clusters), "a cluster did not compose to one letter"
    starts = list(itertools.accumulate((len(c) for c in clusters), initial=0))
    index = composed.find(text)
    assert index >= 0, f"not in the seed: {text!r}"
    return RAW[starts[index] : starts[index + len(text)]]


def fix(seed: str, correct: str, why: str) -> Correction:
    """Return a correction of the seed's text, found whatever its Unicode form."""
    return Correction(typed(seed), correct, why)


CORRECTIONS = [
    fix(
        "UỶ BAN NHÂN DÂN",
        "ỦY BAN NHÂN DÂN",
        "nd30-format §2.2 writes the body 'ỦY BAN NHÂN DÂN', as the fixture names it",
    ),
    fix("TỈNH BẮC GIANG \n––––––––– \n", "TỈNH BẮC GIANG \n", RULE),
    fix("Hạnh phúc \n\n–––––––––––––––––––––––– \n", "Hạnh phúc \n", RULE),
    fix(
        "năm 2023 \n\n                                             ––––––––––––––––––––– \n",
        "năm 2023 \n",
        RULE,
    ),
    fix("Bắc Giang) \n\n–––––––––––––––––––– \n", "Bắc Giang) \n", RULE),
    fix(
        "Nghị định số 61/2018/NĐ-CP ngày 23/04/2018 \n\ncủa Chính phủ về thực hiện cơ chế một "
        "cửa, cơ chế một cửa liên thông",
        "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một "
        "cửa, một cửa liên thông",
        "nd30-format §2.4: months 3-12 have no leading zero; the registry's official title "
        "of 61/2018/NĐ-CP reads 'cơ chế một cửa, một cửa liên thông'",
    ),
    fix(
        "45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ; chất lượng",
        "45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành chính trên "
        "môi trường điện tử; chất lượng",
        FULL,
    ),
    fix(
        "Chương V, Nghị định số 61/2018/NĐ-CP ngày 23/04/2018 của Chính phủ.",
        "Chương V, Nghị định số 61/2018/NĐ-CP.",
        AGAIN,
    ),
    fix(
        "theo Nghị quyết số 18-NQ/TW, Nghị quyết số 19-NQ/TW ngày 25/10/2017 của \n\nBan "
        "Chấp hành Trung ương. Việc thực hiện sắp xếp theo Nghị định số \n\n107/2020/NĐ-CP, "
        "Nghị định số 108/2020/NĐ-CP ngày 14/9/2020, Nghị định số \n\n120/2020/NĐ-CP ngày "
        "07/10/2020 của Chính phủ.",
        f"theo {NQ_18_19}. Việc thực hiện sắp xếp theo {ND_2020}.",
        FULL + " (the seed shares one date and issuer between several documents)",
    ),
    fix(
        "Quyết định số 19/2014/QĐ-\n\nTTg:",
        f"{ISO_19}:",
        FULL + "; the hard wrap also split the ký hiệu 'QĐ-TTg'",
    ),
    fix(
        "Quyết định 2532/QĐ-UBND, ngày \n\n10 tháng 12 năm 2021 của Chủ tịch UBND tỉnh về "
        "việc ban hành quy định Bộ \n\ntiêu chí, xếp hạng kết quả xây dựng, áp dụng Hệ thống "
        "quản lý chất lượng theo \n\nTiêu chuẩn quốc gia TCVN ISO 9001 của các cơ quan thuộc "
        "hệ thống hành \n\nchính nhà nước trên địa bàn tỉnh Bắc Giang”.",
        f"{ISO_2532}.",
        "legal-facts §2: one date style per document (the plan cites in the short style); "
        "'số' before the number; the registry's title, whose opening quote the seed lost",
    ),
    *[fix(snippet, re.sub(r"\s+%$", f" {DOTS}%", snippet), BLANK_WHY) for snippet in BLANKS],
    fix("quyết đạt: ?       %", f"quyết đạt: {DOTS}%", BLANK_WHY + "; the '?' is a typo"),
    fix(
        f"\n1 {NOTE}2 {NOTE}3 {NOTE}",
        "\n",
        "footnotes print at the foot of the page, outside the body text compared here "
        "(their marks stay in the text, as 'tỉ lệ1:'); see test_the_three_footnotes",
    ),
    fix(
        " cáo:….. ",
        f" cáo:{DOTS}. ",
        "the same fill-in blank as the line above, closed by one full stop",
    ),
    fix(
        "Từ ngày       tháng     năm        đến ngày    tháng    ",
        "Từ ngày ……… tháng ……… năm ……… đến ngày ……… tháng ……… năm ………",
        "the period line of the form: fill-in dots, and the closing 'năm …' the seed lost",
    ),
]


@pytest.fixture(scope="module")
def rendered():
    """Return the seed-003 fixture rendered once as DOCX."""
    return generate(load_fixture(FIXTURE), "docx")


def split_header(words: list[str]) -> tuple[list[str], list[str]]:
    """Return the words before the type name 'KẾ HOẠCH' and the words from it on."""
    index = next(i for i, w in enumerate(words) if w == "KẾ" and words[i + 1] == "HOẠCH")
    return words[:index], words[index:]


def test_docx_words_match_the_seed(rendered):
    # Our text goes through the seed's normalisation too (decimal commas, spaces).
    words = " ".join(rendered_lines(docx_lines(rendered.content))).split()
    our_header, ours = split_header(words)
    seed_header, seed = split_header(seed_words(SEED, CORRECTIONS))
    assert sorted(our_header) == sorted(seed_header)
    assert not first_word_difference(ours, seed), first_word_difference(ours, seed)


def test_the_outline_is_attributed_to_the_plan_and_the_form_is_landscape(rendered):
    outline, form = rendered.document.appendices
    assert (outline.label, form.label) == (None, None)
    assert outline.attribution == (
        f"(Kèm theo Kế hoạch số {' ' * 12}/KH-UBND ngày      tháng 3 năm "
        "2023 của Chủ tịch UBND tỉnh Bắc Giang)"
    )
    assert form.attribution is None and form.landscape and not outline.landscape


def test_the_three_footnotes(rendered):
    notes = [
        (run.text.split(",")[-1], run.footnote)
        for block in rendered.document.appendices[0].blocks
        for run in block.runs
        if run.footnote
    ]
    text = NOTE.strip()
    assert notes == [
        (" đạt tỉ lệ", text),
        ("Phát triển kinh tế số", text),
        ("Phát triển xã hội số", text),
    ]


def test_outline_numbers_nest(rendered):
    headings = [
        b.text.split(" ")[0] for b in rendered.document.appendices[0].blocks if b.role == "heading"
    ]
    assert headings == [
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
        "5.1.",
        "5.2.",
        "5.3.",
        "5.4.",
        "5.5.",
        "5.6.",
        "6.",
        "7.",
        "8.",
        "9.",
    ]


def test_schedule_and_team_are_printed_from_data(rendered):
    texts = [b.text for b in rendered.document.body]
    assert (
        "1. Quý II, các Sở: Lao động – Thương binh và Xã hội, Xây dựng, Tài chính, Cục Thuế "
        "tỉnh và UBND các huyện: Tân Yên, Sơn Động."
    ) in texts
    assert "2. Thư ký Ban Chỉ đạo CCHC của tỉnh." in texts


def test_the_form_header_tiles_sixteen_columns(rendered):
    table = rendered.document.appendices[1].table
    assert len(table.columns) == 16
    first, second, third, numbers = table.header
    assert [(c.text, c.colspan, c.rowspan) for c in first] == [
        ("STT", 1, 3),
        ("Lĩnh vực, công việc giải quyết theo cấp", 1, 3),
        ("Số hồ sơ nhận giải quyết", 5, 1),
        ("Kết quả giải quyết", 8, 1),
        ("Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích", 1, 3),
    ]
    assert [(c.text, c.colspan, c.rowspan) for c in second] == [
        ("Tổng số", 1, 2),
        ("Trong đó", 4, 1),
        ("Số hồ sơ đã giải quyết", 3, 1),
        ("Số hồ sơ đang giải quyết", 5, 1),
    ]
    assert len(third) == 12
    assert [c.text for c in numbers] == [f"({n})" for n in range(1, 17)]
    assert [row[0].text for row in table.rows] == ["1", "2", ""]
    assert table.rows[-1][1].text == "Tổng số"
