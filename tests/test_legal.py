"""The legal-citation registry, validity by date, and the wording and order of căn cứ lines."""

from __future__ import annotations

import copy
import json
from datetime import date
from importlib import resources

import pytest

from service.errors import InvalidInput
from service.legal import (
    FORCE_LEVELS,
    Group,
    Inline,
    Ref,
    basis_lines,
    cite,
    draft_date,
    force_rank,
    in_force,
    load_registry,
    parse_registry,
    render_title,
    why_not_in_force,
)

REGISTRY = load_registry()
RAW = json.loads(resources.files("service.legal").joinpath("registry.json").read_text("utf-8"))

# legal-facts.md §1, plus what the seeds cite.
LEGAL_FACTS_IDS = [
    "77/2015/QH13",
    "65/2025/QH15",
    "72/2025/QH15",
    "47/2019/QH14",
    "76/2015/QH13",
    "63/2025/QH15",
    "19/2014/QĐ-TTg",
    "26/2014/TT-BKHCN",
    "61/2018/NĐ-CP",
    "107/2021/NĐ-CP",
    "118/2025/NĐ-CP",
    "45/2020/NĐ-CP",
    "30/2020/NĐ-CP",
    "45/2018/QĐ-TTg",
    "bac-giang:2532/QĐ-UBND",
    "bac-giang:955/QĐ-UBND",
]
SEED_IDS = ["107/2020/NĐ-CP", "108/2020/NĐ-CP", "120/2020/NĐ-CP", "18-NQ/TW", "19-NQ/TW"]

TITLE_19 = (
    "về việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO "
    "9001:2008 vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước"
)


def lines(*items, on=date(2023, 12, 31), style="short", proposal=None, jurisdiction=None):
    """Return basis_lines over the packaged registry."""
    return basis_lines(
        items,
        registry=REGISTRY,
        on=on,
        date_style=style,
        proposal=proposal,
        jurisdiction=jurisdiction,
    )


def errors_of(*items, on=date(2023, 12, 31)) -> dict[str, list[str]]:
    """Return the field errors basis_lines raises for ``items``."""
    with pytest.raises(InvalidInput) as caught:
        lines(*items, on=on)
    return caught.value.errors


# --- the registry file ------------------------------------------------------------------------


def test_the_packaged_registry_loads_once_and_validates():
    assert load_registry() is REGISTRY
    assert len(REGISTRY) == len(RAW["documents"]) == len(REGISTRY.all())


@pytest.mark.parametrize("doc_id", LEGAL_FACTS_IDS + SEED_IDS)
def test_every_document_of_legal_facts_and_the_seeds_is_registered(doc_id):
    assert doc_id in REGISTRY
    assert REGISTRY.get(doc_id).id == doc_id


def test_every_linked_id_exists():
    for doc in REGISTRY.all():
        linked = [a.id for a in doc.amended_by] + [doc.replaced_by] * bool(doc.replaced_by)
        assert all(target in REGISTRY for target in linked), doc.id


def test_national_ids_are_numbers_and_local_ids_carry_a_province():
    for doc in REGISTRY.all():
        if doc.jurisdiction:
            assert doc.id == f"bac-giang:{doc.number}" and doc.local_issuer
        else:
            assert doc.id == doc.number


def test_an_unknown_id_raises_key_error():
    with pytest.raises(KeyError):
        REGISTRY.get("75/2015/QH13")


def test_every_unconfirmed_entry_says_what_and_why():
    for doc in REGISTRY.all():
        assert (doc.confidence == "unconfirmed") == bool(doc.unconfirmed), doc.id
        assert not doc.unconfirmed or "UNCONFIRMED" in doc.note, doc.id


@pytest.mark.parametrize(
    ("doc_id", "fact"),
    [
        ("26/2014/TT-BKHCN", "effective_from"),
        ("61/2018/NĐ-CP", "effective_from"),
        ("61/2018/NĐ-CP", "replaced_by"),
        ("47/2019/QH14", "effective_until"),
        ("45/2020/NĐ-CP", "effective_until"),
        ("45/2018/QĐ-TTg", "effective_until"),
        ("bac-giang:2532/QĐ-UBND", "effective_until"),
        ("bac-giang:955/QĐ-UBND", "effective_until"),
    ],
)
def test_facts_legal_facts_marks_unconfirmed_are_unconfirmed(doc_id, fact):
    assert fact in REGISTRY.get(doc_id).unconfirmed


# Legal-facts marks the entry into force of 19/2014/QĐ-TTg (20/4/2014) and of 76/2015/QH13
# UNCONFIRMED; public sources since give 18/5/2014 and 01/01/2016 (see the entries' source).
@pytest.mark.parametrize(
    "doc_id", ["65/2025/QH15", "72/2025/QH15", "63/2025/QH15", "19/2014/QĐ-TTg", "76/2015/QH13"]
)
def test_facts_legal_facts_confirms_are_confirmed(doc_id):
    assert REGISTRY.get(doc_id).confidence == "confirmed"


def test_load_registry_reads_a_given_file(tmp_path):
    path = tmp_path / "registry.json"
    entries = [_entry("72/2025/QH15"), _entry("65/2025/QH15")]
    path.write_text(json.dumps({"documents": entries}), encoding="utf-8")
    assert [doc.id for doc in load_registry(path).all()] == ["72/2025/QH15", "65/2025/QH15"]


def _entry(doc_id: str) -> dict:
    return next(e for e in RAW["documents"] if e["id"] == doc_id)


def _broken(change) -> dict:
    data = copy.deepcopy(RAW)
    change(data["documents"])
    return data


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda docs: docs.append(copy.deepcopy(docs[0])), "77/2015/QH13"),
        (lambda docs: docs[1].update(issued="2025-02-30"), "65/2025/QH15"),
        (lambda docs: docs[1].update(replaced_by="99/2099/QH99"), "99/2099/QH99"),
        (
            lambda docs: docs[0]["amended_by"].append({"id": "1/2000/QH10", "date": "2000-01-01"}),
            "1/2000/QH10",
        ),
        (lambda docs: docs[2].update(colour="red"), "72/2025/QH15"),
        (lambda docs: docs[2].pop("title"), "72/2025/QH15"),
        (lambda docs: docs[2].update(title="{ngày}"), "72/2025/QH15"),
        (lambda docs: docs[2].update(title="x {date:2014-13-01}"), "72/2025/QH15"),
        (lambda docs: docs[2].update(confidence="sure"), "72/2025/QH15"),
        (lambda docs: docs[2].update(confidence="unconfirmed"), "72/2025/QH15"),
        (lambda docs: docs[2].update(effective_until="2025-01-01"), "72/2025/QH15"),
        (lambda docs: docs[2].update(id="72/2025"), "72/2025"),
        (lambda docs: docs[2].update(jurisdiction="tỉnh Bắc Giang"), "72/2025/QH15"),
        (
            lambda docs: docs[2].update(replaced_by="77/2015/QH13", effective_until="2025-12-31"),
            "loops",
        ),
    ],
)
def test_invalid_registry_data_is_refused_naming_the_entry(change, named):
    with pytest.raises(ValueError, match=named.replace("/", ".")):
        parse_registry(_broken(change))


# --- validity by date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc_id", "on", "expected"),
    [
        ("77/2015/QH13", date(2023, 12, 31), True),
        ("77/2015/QH13", date(2025, 2, 28), True),
        ("77/2015/QH13", date(2025, 3, 1), False),
        ("77/2015/QH13", date(2025, 8, 1), False),
        ("65/2025/QH15", date(2025, 4, 1), True),
        ("65/2025/QH15", date(2025, 7, 1), False),
        ("72/2025/QH15", date(2025, 6, 16), True),
        ("72/2025/QH15", date(2025, 6, 15), False),
        ("61/2018/NĐ-CP", date(2025, 6, 30), True),
        ("61/2018/NĐ-CP", date(2025, 7, 1), False),
        ("19/2014/QĐ-TTg", date(2030, 1, 1), True),  # no known end: stays in force
        ("bac-giang:2532/QĐ-UBND", date(2021, 12, 10), True),  # unknown start: the issue date
        ("bac-giang:2532/QĐ-UBND", date(2021, 12, 9), False),
    ],
)
def test_in_force(doc_id, on, expected):
    assert in_force(REGISTRY.get(doc_id), on) is expected


@pytest.mark.parametrize(
    ("doc_id", "on", "parts"),
    [
        (
            "77/2015/QH13",
            date(2025, 8, 1),
            ["77/2015/QH13", "đã hết hiệu lực từ ngày 01/3/2025", "72/2025/QH15", "16/6/2025"],
        ),
        ("77/2015/QH13", date(2025, 4, 1), ["65/2025/QH15", "01/3/2025"]),
        ("76/2015/QH13", date(2025, 4, 1), ["Luật Tổ chức Chính phủ số 63/2025/QH15"]),
        ("61/2018/NĐ-CP", date(2025, 7, 1), ["Nghị định số 118/2025/NĐ-CP", "01/7/2025"]),
        ("47/2019/QH14", date(2025, 4, 1), ["đã hết hiệu lực", "chưa có văn bản thay thế"]),
        ("72/2025/QH15", date(2025, 4, 1), ["chưa được ban hành", "chưa có hiệu lực", "16/6/2025"]),
        ("118/2025/NĐ-CP", date(2025, 6, 20), ["chưa có hiệu lực", "01/7/2025"]),
    ],
)
def test_why_not_in_force_names_the_reason_and_the_replacement(doc_id, on, parts):
    message = why_not_in_force(REGISTRY, REGISTRY.get(doc_id), on)
    for part in parts:
        assert part in message


def test_the_message_for_77_2015_reads_as_a_sentence():
    assert why_not_in_force(REGISTRY, REGISTRY.get("77/2015/QH13"), date(2025, 8, 1)) == (
        "Luật Tổ chức chính quyền địa phương số 77/2015/QH13 đã hết hiệu lực từ ngày 01/3/2025; "
        "văn bản đang có hiệu lực thay thế: Luật Tổ chức chính quyền địa phương số 72/2025/QH15, "
        "có hiệu lực từ ngày 16/6/2025."
    )


def test_a_document_in_force_has_no_objection():
    assert why_not_in_force(REGISTRY, REGISTRY.get("77/2015/QH13"), date(2023, 12, 31)) is None


# --- the corrections of legal-facts.md §2 ------------------------------------------------------


def test_the_local_government_law_of_2015_is_number_77_not_75():
    assert "75/2015/QH13" not in REGISTRY
    assert REGISTRY.get("77/2015/QH13").title == "Tổ chức chính quyền địa phương"


def test_decision_19_2014_names_iso_9001_2008_and_organisations():
    title = REGISTRY.get("19/2014/QĐ-TTg").title
    assert title == TITLE_19
    assert "9001:2015" not in title
    assert "các cơ quan, tổ chức thuộc" in title


# --- force and search -------------------------------------------------------------------------


UBTVQH_LEVEL = "Pháp lệnh, Nghị quyết của Ủy ban Thường vụ Quốc hội"
LOCAL_DECISION = "Quyết định của Ủy ban nhân dân, Chủ tịch Ủy ban nhân dân"
OUTSIDE = "văn bản hành chính và văn bản ngoài hệ thống pháp luật"


@pytest.mark.parametrize(
    ("doc_type", "issuer", "level"),
    [
        ("Hiến pháp", "Quốc hội", "Hiến pháp"),
        ("Luật", "Quốc hội", "Luật, Bộ luật, Nghị quyết của Quốc hội"),
        ("Bộ luật", "Quốc hội", "Luật, Bộ luật, Nghị quyết của Quốc hội"),
        ("Nghị quyết", "Quốc hội", "Luật, Bộ luật, Nghị quyết của Quốc hội"),
        ("Pháp lệnh", "Ủy ban Thường vụ Quốc hội", UBTVQH_LEVEL),
        ("Nghị quyết", "UBTVQH", UBTVQH_LEVEL),
        ("Lệnh", "Chủ tịch nước", "Lệnh, Quyết định của Chủ tịch nước"),
        ("Quyết định", "Chủ tịch nước", "Lệnh, Quyết định của Chủ tịch nước"),
        ("Nghị định", "Chính phủ", "Nghị định, Nghị quyết của Chính phủ"),
        ("Quyết định", "Thủ tướng Chính phủ", "Quyết định của Thủ tướng Chính phủ"),
        ("Thông tư", "Bộ Khoa học và Công nghệ", "Thông tư, Quyết định của Bộ"),
        ("Nghị quyết", "Hội đồng nhân dân tỉnh Bắc Giang", "Nghị quyết của Hội đồng nhân dân"),
        ("Nghị quyết", "HĐND tỉnh", "Nghị quyết của Hội đồng nhân dân"),
        ("Quyết định", "Ủy ban nhân dân tỉnh Bắc Giang", LOCAL_DECISION),
        ("Quyết định", "Chủ tịch UBND tỉnh", LOCAL_DECISION),
        ("Quyết định", "Chủ tịch Ủy ban nhân dân xã Tân Yên", LOCAL_DECISION),
        ("Kế hoạch", "UBND tỉnh", OUTSIDE),
        ("Công văn", "Sở Khoa học và Công nghệ", OUTSIDE),
        ("Quyết định", "Giám đốc Sở Khoa học và Công nghệ", OUTSIDE),
        ("Nghị quyết", "Ban Chấp hành Trung ương Đảng khóa XII", OUTSIDE),
    ],
)
def test_force_rank_follows_the_hierarchy(doc_type, issuer, level):
    assert FORCE_LEVELS[force_rank(doc_type, issuer)] == level


@pytest.mark.parametrize(
    ("query", "on", "first"),
    [
        ("chinh quyen dia phuong", date(2025, 8, 1), "72/2025/QH15"),
        ("Chính quyền địa phương", date(2023, 12, 31), "77/2015/QH13"),
        ("77/2015", None, "77/2015/QH13"),
        ("quyet dinh 19", None, "19/2014/QĐ-TTg"),
        ("2532", None, "bac-giang:2532/QĐ-UBND"),
        ("một cửa", date(2025, 8, 1), "118/2025/NĐ-CP"),
        ("nghị định 61", None, "61/2018/NĐ-CP"),
        ("VĂN THƯ", None, "30/2020/NĐ-CP"),
    ],
)
def test_search_is_accent_insensitive_and_puts_documents_in_force_first(query, on, first):
    assert REGISTRY.search(query, on=on)[0].id == first


def test_search_limits_and_ignores_an_empty_query():
    assert len(REGISTRY.search("luật", limit=2)) == 2
    assert REGISTRY.search("  ") == ()
    assert REGISTRY.search("không có văn bản này") == ()


# --- wording ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc_id", "style", "expected"),
    [
        ("77/2015/QH13", "long", "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"),
        ("77/2015/QH13", "short", "Luật Tổ chức chính quyền địa phương ngày 19/6/2015"),
        ("63/2025/QH15", "long", "Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025"),
        (
            "19/2014/QĐ-TTg",
            "short",
            f"Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ {TITLE_19}",
        ),
        (
            "19/2014/QĐ-TTg",
            "long",
            f"Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ {TITLE_19}",
        ),
        (
            "26/2014/TT-BKHCN",
            "long",
            "Thông tư số 26/2014/TT-BKHCN ngày 10 tháng 10 năm 2014 của Bộ Khoa học và Công nghệ quy "
            "định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng "
            f"Chính phủ {TITLE_19}",
        ),
        (
            "30/2020/NĐ-CP",
            "short",
            "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
        ),
    ],
)
def test_citation_wording(doc_id, style, expected):
    assert cite(REGISTRY.get(doc_id), date_style=style) == expected


def test_a_law_is_cited_without_number_or_issuer():
    text = cite(REGISTRY.get("72/2025/QH15"), date_style="long")
    assert "72/2025" not in text and "Quốc hội" not in text


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("long", "Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của"),
        ("short", "Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của"),
    ],
)
def test_a_date_inside_a_title_follows_the_citing_style(style, expected):
    title = REGISTRY.get("26/2014/TT-BKHCN").title
    assert "{date:2014-03-05}" in title
    assert expected in render_title(title, style)


@pytest.mark.parametrize(
    ("jurisdiction", "issuer"),
    [
        ("tỉnh Bắc Giang", "của Chủ tịch UBND tỉnh ban hành"),
        ("Tỉnh  Bắc Giang", "của Chủ tịch UBND tỉnh ban hành"),
        ("tỉnh Bắc Ninh", "của Chủ tịch Ủy ban nhân dân tỉnh Bắc Giang ban hành"),
        (None, "của Chủ tịch Ủy ban nhân dân tỉnh Bắc Giang ban hành"),
    ],
)
def test_a_local_document_names_its_issuer_as_its_own_province_does(jurisdiction, issuer):
    text = cite(
        REGISTRY.get("bac-giang:2532/QĐ-UBND"), date_style="short", jurisdiction=jurisdiction
    )
    assert issuer in text


# --- the căn cứ block -------------------------------------------------------------------------

ORDERED = [
    "77/2015/QH13",
    "47/2019/QH14",
    "19/2014/QĐ-TTg",
    "26/2014/TT-BKHCN",
    "bac-giang:2532/QĐ-UBND",
]


@pytest.mark.parametrize(
    "order",
    [
        ORDERED,
        ORDERED[::-1],
        [ORDERED[i] for i in (3, 0, 4, 2, 1)],
        [ORDERED[i] for i in (4, 1, 3, 0, 2)],
    ],
)
def test_lines_are_ordered_by_force_then_issue_date_whatever_the_input_order(order):
    got = lines(*map(Ref, order))
    expected = lines(*map(Ref, ORDERED))
    assert got == expected
    assert [line.split(" số ")[0] for line in got[2:]] == [
        "Căn cứ Quyết định",
        "Căn cứ Thông tư",
        "Căn cứ Quyết định",
    ]
    assert got[0].startswith("Căn cứ Luật Tổ chức") and "2019" in got[1]


def test_equal_keys_keep_the_input_order():
    a = Inline("Quyết định", "1/QĐ-UBND", "UBND tỉnh", date(2020, 1, 1), "về A")
    b = Inline("Quyết định", "2/QĐ-UBND", "UBND tỉnh", date(2020, 1, 1), "về B")
    assert ["số 2/" in line for line in lines(b, a)] == [True, False]


def test_every_basis_line_ends_with_a_semicolon_and_the_proposal_closes_the_block():
    got = lines(Ref("30/2020/NĐ-CP"), Ref("77/2015/QH13"), proposal="Chánh Văn phòng UBND tỉnh.")
    assert got == (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
        "Theo đề nghị của Chánh Văn phòng UBND tỉnh.",
    )


def test_without_a_proposal_the_last_basis_line_ends_with_a_full_stop():
    got = lines(Ref("30/2020/NĐ-CP"), Ref("77/2015/QH13"))
    assert got[0].endswith(";") and got[-1].endswith("công tác văn thư.")


@pytest.mark.parametrize(
    ("proposal", "expected"),
    [
        ("Giám đốc Sở Nội vụ;", "Theo đề nghị của Giám đốc Sở Nội vụ."),
        ("Giám đốc Sở Nội vụ.", "Theo đề nghị của Giám đốc Sở Nội vụ."),
        ("theo đề nghị của Giám đốc Sở Nội vụ", "Theo đề nghị của Giám đốc Sở Nội vụ."),
    ],
)
def test_the_proposal_line_ignores_what_the_clerk_typed_around_it(proposal, expected):
    assert lines(Ref("77/2015/QH13"), proposal=proposal)[-1] == expected


def test_no_citation_and_no_proposal_gives_no_line():
    assert lines() == ()


def test_a_group_prints_several_documents_in_one_line():
    got = lines(
        Group(("47/2019/QH14", "76/2015/QH13")),
        Ref("19/2014/QĐ-TTg"),
        style="long",
        proposal="Giám đốc Sở Khoa học và Công nghệ",
    )
    assert got[0] == (
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
        "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 "
        "năm 2019;"
    )
    assert len(got) == 3


def test_an_inline_local_document_is_worded_and_ordered_by_the_same_rules():
    plan = Inline(
        "Kế hoạch",
        "52/KH-BCĐ",
        "Ban Chỉ đạo ISO tỉnh",
        date(2015, 9, 8),
        "đánh giá, chấm điểm năm 2015",
    )
    decision = Inline(  # not in the registry (955/QĐ-UBND is: it would be cited as there)
        "Quyết định",
        "956/QĐ-UBND",
        "UBND tỉnh Bắc Giang",
        date(2014, 7, 3),
        "về việc ban hành các tiêu chí đánh giá",
    )
    got = lines(plan, decision, Ref("19/2014/QĐ-TTg"), on=date(2015, 12, 1))
    assert got[1] == (
        "Căn cứ Quyết định số 956/QĐ-UBND ngày 03/7/2014 của UBND tỉnh Bắc Giang về "
        "việc ban hành các tiêu chí đánh giá;"
    )
    assert got[2] == (
        "Căn cứ Kế hoạch số 52/KH-BCĐ ngày 08/9/2015 của Ban Chỉ đạo ISO tỉnh đánh "
        "giá, chấm điểm năm 2015."
    )
    assert got[0].startswith("Căn cứ Quyết định số 19/2014/QĐ-TTg")


def test_an_inline_title_is_printed_as_typed():
    odd = Inline("Quyết định", "1/QĐ-UBND", "UBND tỉnh", date(2020, 1, 1), "về {date:2020-01-01}")
    assert lines(odd)[0].endswith("về {date:2020-01-01}.")


# --- errors -----------------------------------------------------------------------------------


def test_an_unknown_id_is_refused_at_its_path():
    errors = errors_of(Ref("77/2015/QH13"), Ref("75/2015/QH13"))
    assert list(errors) == ["citations.1"]
    assert "75/2015/QH13" in errors["citations.1"][0]


def test_every_problem_is_reported_in_one_error():
    late = Inline("Quyết định", "9/QĐ-UBND", "UBND tỉnh", date(2024, 1, 5), "về việc X")
    errors = errors_of(
        Ref("19/2014/QĐ-TTg"),
        Ref("nope"),
        Ref("65/2025/QH15"),
        Group(("76/2015/QH13", "19/2014/QĐ-TTg", "bad")),
        late,
    )
    assert set(errors) == {
        "citations.1",
        "citations.2",
        "citations.3.ids.1",
        "citations.3.ids.2",
        "citations.4",
    }
    assert "căn cứ thứ 1" in errors["citations.3.ids.1"][0]
    assert "chưa được ban hành" in errors["citations.2"][0]
    assert "05/01/2024" in errors["citations.4"][0] and "31/12/2023" in errors["citations.4"][0]


def test_a_duplicate_citation_is_refused_at_the_second_place():
    errors = errors_of(Ref("77/2015/QH13"), Group(("47/2019/QH14", "77/2015/QH13")))
    assert list(errors) == ["citations.1.ids.1"]
    inline = Inline("Quyết định", "1/QĐ-UBND", "UBND tỉnh", date(2020, 1, 1), "về A")
    assert list(errors_of(inline, inline)) == ["citations.1"]


def test_citing_the_2015_law_in_august_2025_is_refused_naming_its_replacement():
    errors = errors_of(Ref("77/2015/QH13"), on=date(2025, 8, 1))
    assert "72/2025/QH15" in errors["citations.0"][0]
    assert "16/6/2025" in errors["citations.0"][0]


def test_the_error_path_prefix_is_the_callers():
    with pytest.raises(InvalidInput) as caught:
        basis_lines(
            [Ref("x")], registry=REGISTRY, on=None, date_style="long", path="decision.citations"
        )
    assert list(caught.value.errors) == ["decision.citations.0"]


def test_without_a_date_validity_is_not_checked():
    assert lines(Ref("77/2015/QH13"), Ref("72/2025/QH15"), on=None)[0].startswith("Căn cứ Luật")


def test_a_draft_is_checked_against_the_last_day_of_its_month():
    assert draft_date(2025, 2) == date(2025, 2, 28)
    assert lines(Ref("77/2015/QH13"), on=draft_date(2025, 2))
    with pytest.raises(InvalidInput):
        lines(Ref("65/2025/QH15"), on=draft_date(2025, 6))  # lapses on 15/6/2025


def test_an_unknown_date_style_is_a_programming_error():
    with pytest.raises(ValueError, match="date style"):
        lines(Ref("77/2015/QH13"), style="medium")


# --- seed 000: Quyết định 2113/QĐ-UBND ngày 31/12/2023 of Chủ tịch UBND tỉnh Bắc Giang ----------

# Lines 9-14 of seeds/000_e8a6208732e59bbc.txt, verbatim.
SEED_000 = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
    "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính "
    "quyền địa phương ngày 22/11/2019;",
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc áp dụng "
    "Hệ thống quản lý chất lượng theo Tiêu chuẩn Quốc gia TCVN ISO 9001:2008 vào hoạt động của "
    "các cơ quan thuộc hệ thống hành chính nhà nước;",
    "Căn cứ Thông tư số 26/2014/TT-BKHCN ngày 10/10/2014 của Bộ Khoa học và Công nghệ Quy định "
    "chi tiết thi hành Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc "
    "áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn Quốc gia TCVN ISO 9001:2008 vào hoạt động "
    "của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;",
    "Căn cứ Quyết định số 2532/QĐ-UBND ngày 10/12/2021 của Chủ tịch UBND tỉnh ban hành “Quy định "
    "Bộ tiêu chí, xếp hạng kết quả xây dựng, áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn "
    "Quốc gia TCVN ISO 9001 của các cơ quan thuộc hệ thống hành chính nhà nước trên địa bàn tỉnh "
    "Bắc Giang”;",
    "Theo đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 87/TTr- KHCN ngày 29/12/2023.",
)
# What the registry prints instead, from the official titles.
EXPECTED_000 = (
    SEED_000[0],
    SEED_000[1],
    # Official title of 19/2014/QĐ-TTg: "Tiêu chuẩn quốc gia" (lower-case q), and seed 000 drops
    # ", tổ chức" (legal-facts.md §2).
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc áp dụng "
    "Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào hoạt động của "
    "các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;",
    # Official title of 26/2014/TT-BKHCN: a trích yếu following the issuer starts lower-case
    # ("quy định chi tiết"), and it quotes 19/2014's title with "Tiêu chuẩn quốc gia".
    "Căn cứ Thông tư số 26/2014/TT-BKHCN ngày 10/10/2014 của Bộ Khoa học và Công nghệ quy định "
    "chi tiết thi hành Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc "
    "áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào hoạt động "
    "của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;",
    SEED_000[4],  # the text of 2532/QĐ-UBND was not found: the registry keeps the seed's wording
    SEED_000[5],  # the proposal is the clerk's text, printed as given
)
# Each correction, applied to the seed's line, gives the registry's line.
CORRECTIONS_000 = {
    2: [
        ("Tiêu chuẩn Quốc gia", "Tiêu chuẩn quốc gia"),
        ("các cơ quan thuộc", "các cơ quan, tổ chức thuộc"),
    ],
    3: [
        ("Công nghệ Quy định", "Công nghệ quy định"),
        ("Tiêu chuẩn Quốc gia", "Tiêu chuẩn quốc gia"),
    ],
}


def test_seed_000_basis_lines_are_reproduced_with_the_registry_corrections():
    got = lines(
        Ref("bac-giang:2532/QĐ-UBND"),
        Ref("26/2014/TT-BKHCN"),
        Ref("19/2014/QĐ-TTg"),
        Ref("47/2019/QH14"),
        Ref("77/2015/QH13"),
        on=date(2023, 12, 31),
        style="short",
        jurisdiction="tỉnh Bắc Giang",
        proposal="Sở Khoa học và Công nghệ tại Tờ trình số 87/TTr- KHCN ngày 29/12/2023",
    )
    assert got == EXPECTED_000


def test_the_seed_000_corrections_are_exactly_the_named_ones():
    corrected = list(SEED_000)
    for index, changes in CORRECTIONS_000.items():
        for old, new in changes:
            assert old in corrected[index]
            corrected[index] = corrected[index].replace(old, new)
    assert tuple(corrected) == EXPECTED_000
