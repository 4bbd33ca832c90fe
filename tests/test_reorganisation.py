"""The 2025 reorganisation in every province: 63 → 34 units and no district level from 01/7/2025.

UNITS is legal-facts.md §3.1 (Nghị quyết 202/2025/QH15) as a table: each unit from 01/7/2025 and the
units it was formed from. The directory must agree with it, and the ceased-body check that compose
runs on every document must refuse a former province's bodies anywhere in the country.
"""

from __future__ import annotations

from datetime import date

import pytest

from service.directory import load_directory
from service.errors import InvalidInput
from service.legal import load_registry
from service.pipeline import compose

from .ceased import errors, problems, put

# unit from 01/7/2025 -> (its name in a body's name, the units it was formed from)
UNITS = {
    "Hà Nội": ("thành phố Hà Nội", ()),
    "Huế": ("thành phố Huế", ()),
    "Lai Châu": ("tỉnh Lai Châu", ()),
    "Điện Biên": ("tỉnh Điện Biên", ()),
    "Sơn La": ("tỉnh Sơn La", ()),
    "Lạng Sơn": ("tỉnh Lạng Sơn", ()),
    "Quảng Ninh": ("tỉnh Quảng Ninh", ()),
    "Thanh Hóa": ("tỉnh Thanh Hóa", ()),
    "Nghệ An": ("tỉnh Nghệ An", ()),
    "Hà Tĩnh": ("tỉnh Hà Tĩnh", ()),
    "Cao Bằng": ("tỉnh Cao Bằng", ()),
    "Tuyên Quang": ("tỉnh Tuyên Quang", ("Hà Giang",)),
    "Lào Cai": ("tỉnh Lào Cai", ("Yên Bái",)),
    "Thái Nguyên": ("tỉnh Thái Nguyên", ("Bắc Kạn",)),
    "Phú Thọ": ("tỉnh Phú Thọ", ("Vĩnh Phúc", "Hòa Bình")),
    "Bắc Ninh": ("tỉnh Bắc Ninh", ("Bắc Giang",)),
    "Hưng Yên": ("tỉnh Hưng Yên", ("Thái Bình",)),
    "Hải Phòng": ("thành phố Hải Phòng", ("Hải Dương",)),
    "Ninh Bình": ("tỉnh Ninh Bình", ("Hà Nam", "Nam Định")),
    "Quảng Trị": ("tỉnh Quảng Trị", ("Quảng Bình",)),
    "Đà Nẵng": ("thành phố Đà Nẵng", ("Quảng Nam",)),
    "Quảng Ngãi": ("tỉnh Quảng Ngãi", ("Kon Tum",)),
    "Gia Lai": ("tỉnh Gia Lai", ("Bình Định",)),
    "Khánh Hòa": ("tỉnh Khánh Hòa", ("Ninh Thuận",)),
    "Lâm Đồng": ("tỉnh Lâm Đồng", ("Đắk Nông", "Bình Thuận")),
    "Đắk Lắk": ("tỉnh Đắk Lắk", ("Phú Yên",)),
    "Thành phố Hồ Chí Minh": ("Thành phố Hồ Chí Minh", ("Bình Dương", "Bà Rịa - Vũng Tàu")),
    "Đồng Nai": ("tỉnh Đồng Nai", ("Bình Phước",)),
    "Tây Ninh": ("tỉnh Tây Ninh", ("Long An",)),
    "Cần Thơ": ("thành phố Cần Thơ", ("Sóc Trăng", "Hậu Giang")),
    "Vĩnh Long": ("tỉnh Vĩnh Long", ("Bến Tre", "Trà Vinh")),
    "Đồng Tháp": ("tỉnh Đồng Tháp", ("Tiền Giang",)),
    "Cà Mau": ("tỉnh Cà Mau", ("Bạc Liêu",)),
    "An Giang": ("tỉnh An Giang", ("Kiên Giang",)),
}
MERGED_AWAY = {former: unit for unit, (_, formed) in UNITS.items() for former in formed}
AFTER, BEFORE = "2025-08-01", "2024-08-01"
# legal-facts §3.1 rows 22, 24, 25, 26 and 28: seen only in secondary data, so kept unconfirmed
# (warned about, not refused) although public reports agree.
UNCONFIRMED = {"Kon Tum", "Ninh Thuận", "Đắk Nông", "Bình Thuận", "Phú Yên", "Bình Phước"}
CONFIRMED = sorted(set(MERGED_AWAY) - UNCONFIRMED)


def test_the_table_is_63_provinces_becoming_34():
    assert len(UNITS) == 34
    assert len(UNITS) + len(MERGED_AWAY) == 63


def test_the_directory_ends_exactly_the_merged_away_provinces_on_30_6_2025():
    ceased = {p.short: p for p in load_directory().provinces if p.until == date(2025, 6, 30)}
    assert set(ceased) == set(MERGED_AWAY)
    for former, unit in MERGED_AWAY.items():
        assert ceased[former].successor_short == unit, former
        assert ceased[former].successor == UNITS[unit][0], former
        expected = "unconfirmed" if former in UNCONFIRMED else "confirmed"
        assert ceased[former].confidence == expected, former
        assert "202/2025/QH15" in ceased[former].basis, former


def decision(on: str, issuer_unit: str) -> dict:
    """Return a ranking decision of ``issuer_unit``'s People's Committee dated ``on``."""
    place = issuer_unit.removeprefix("tỉnh ").removeprefix("thành phố ")
    return {
        "kind": "ranking-decision",
        "issuer": {
            "name": ["Ủy ban nhân dân", issuer_unit],
            "code": "UBND",
            "place": place,
            "reference": "Chủ tịch UBND tỉnh",
        },
        "date": on,
        "authority": f"Chủ tịch Ủy ban nhân dân {issuer_unit}",
        "summary": "Về việc công bố xếp hạng kết quả áp dụng Hệ thống quản lý chất lượng",
        "citations": ["72/2025/QH15" if on >= "2025-06-16" else "77/2015/QH13", "19/2014/QĐ-TTg"],
        "proposal": "Sở Khoa học và Công nghệ",
        "articles": [
            {"text": "Công bố xếp hạng các sở năm 2025 (Có Phụ lục kèm theo)."},
            {"text": "Quyết định này có hiệu lực kể từ ngày ký.", "implementers": True},
        ],
        "recipients": {"items": [{"like_article": "implementers"}], "archive": {"units": ["VT"]}},
        "signature": {
            "chain": [{"authority": "KT", "of": "Chủ tịch"}],
            "title": "Phó Chủ tịch",
            "name": "Nguyễn Văn An",
        },
        "level_scheme": "bac-giang-2532-a",
        "year": 2025,
        "groups": [{"name": "các sở", "agencies": [{"name": "Sở Tư pháp", "score": 90}]}],
    }


@pytest.mark.parametrize("former", CONFIRMED)
def test_a_decision_dated_after_the_merger_naming_a_former_province_is_refused(former):
    with pytest.raises(InvalidInput) as caught:
        compose(decision(AFTER, f"tỉnh {former}"))
    errors = caught.value.errors
    successor = UNITS[MERGED_AWAY[former]][0]
    for path in ("issuer.name", "issuer.place", "authority"):
        assert path in errors, (former, errors)
    assert any(successor in message for message in errors["issuer.name"]), errors
    assert "01/7/2025" in errors["issuer.name"][0]


@pytest.mark.parametrize("former", sorted(UNCONFIRMED))
def test_a_province_whose_merger_is_unconfirmed_is_warned_about_naming_its_successor(former):
    payload = decision(AFTER, f"tỉnh {former}")
    assert compose(payload).meta.year == 2025
    (problem, *_) = problems(payload, date(2025, 8, 1))
    assert not problem.confirmed and UNITS[MERGED_AWAY[former]][0] in problem.message
    assert "chưa được xác nhận" in problem.message


@pytest.mark.parametrize("former", sorted(MERGED_AWAY))
def test_the_same_decision_dated_2024_keeps_its_province(former):
    assert compose(decision(BEFORE, f"tỉnh {former}")).meta.year == 2024


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_a_unit_that_continues_after_the_merger_is_accepted(unit):
    payload = decision(AFTER, UNITS[unit][0])
    assert errors(payload) == {}
    assert problems(payload, date(2026, 3, 1)) == []
    assert compose(payload).meta.year == 2025


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ủy ban nhân dân tỉnh Hà Nam", ["Ủy ban nhân dân tỉnh Hà Nam"]),
        ("Ủy ban nhân dân thành phố Hà Nội", []),  # not "Hà Nam"
        ("UBND tỉnh Hưng Yên; UBND tỉnh Bắc Ninh", []),  # names kept by the merged units
        ("UBND tỉnh Quảng Ngãi, UBND tỉnh Quảng Trị", []),
        ("HĐND tỉnh Bà Rịa-Vũng Tàu", ["HĐND tỉnh Bà Rịa-Vũng Tàu"]),  # any dash spacing
        ("Sở Nội vụ tỉnh Bà Rịa – Vũng Tàu", ["Sở Nội vụ tỉnh Bà Rịa – Vũng Tàu"]),
        ("các xã trên địa bàn tỉnh Thái Bình (cũ)", []),  # the former area, not a body
        ("các xã trên địa bàn tỉnh Thái Bình cũ", []),
        ("tỉnh Thái Bình cũng báo cáo", ["tỉnh Thái Bình"]),  # "cũng" is not "cũ"
        ("Công an tỉnh Kiên Giang", ["Công an tỉnh Kiên Giang"]),
    ],
)
def test_former_province_names_are_found_without_false_positives(text, found):
    payload = put(decision(AFTER, "tỉnh Bắc Ninh"), "articles.0.text", text)
    found_here = [
        p.name for p in problems(payload, date(2025, 8, 1)) if p.path == "articles.0.text"
    ]
    assert found_here == found


@pytest.mark.parametrize(
    ("text", "successor"),
    [
        ("Chủ tịch UBND huyện Kiến Xương, tỉnh Thái Bình", "Ủy ban nhân dân tỉnh Hưng Yên"),
        ("UBND thị xã Bến Cát thuộc tỉnh Bình Dương", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        ("UBND huyện Ba Vì, thành phố Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
        ("UBND quận Hải Châu", "cơ quan cấp tỉnh"),  # the text does not say which province
    ],
)
def test_a_district_body_after_1_7_2025_is_refused_naming_its_province(text, successor):
    payload = put(decision(AFTER, "tỉnh Bắc Ninh"), "articles.0.text", text)
    (message,) = errors(payload)["articles.0.text"][:1]
    assert "cấp huyện chấm dứt hoạt động từ ngày 01/7/2025" in message
    assert "cấp xã" in message and successor in message
    assert errors({**payload, "date": "2025-06-30"}) == {}


@pytest.mark.parametrize(
    ("query", "on", "first"),
    [
        ("cán bộ, công chức", date(2025, 8, 1), "80/2025/QH15"),
        ("cán bộ, công chức", date(2024, 1, 1), "22/2008/QH12"),
        ("ngân sách", date(2020, 1, 1), "83/2015/QH13"),
        ("Bộ luật Lao động", date(2025, 8, 1), "45/2019/QH14"),
        ("Bộ luật Lao động", date(2020, 6, 1), "10/2012/QH13"),
        ("ban hành văn bản quy phạm pháp luật", date(2025, 8, 1), "64/2025/QH15"),
        ("lưu trữ", date(2025, 8, 1), "33/2024/QH15"),
        ("kiểm soát thủ tục hành chính", None, "63/2010/NĐ-CP"),
    ],
)
def test_the_citation_search_finds_the_common_legal_bases(query, on, first):
    assert load_registry().search(query, on=on)[0].id == first


def test_every_registry_entry_names_its_public_source():
    for doc in load_registry().all():
        assert doc.source or doc.confidence == "unconfirmed", doc.id
