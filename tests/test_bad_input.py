"""Bad input: a clear Vietnamese message naming the field, never a crash."""

from __future__ import annotations

import copy
import unicodedata

import pytest

from service.errors import InvalidInput, UnknownKind
from service.pipeline import compose, generate
from service.render.docx_text import docx_lines

from .sample import HOSTILE


def edit(payload, path, value):
    """Return a copy of ``payload`` with the dotted ``path`` set (value None deletes it)."""
    out = copy.deepcopy(payload)
    *parents, last = path.split(".")
    node = out
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    elif value is None:
        del node[last]
    else:
        node[last] = value
    return out


def errors_of(payload):
    """Return the field errors compose raises for ``payload``."""
    with pytest.raises(InvalidInput) as caught:
        compose(payload)
    assert caught.value.http_status == 422 and caught.value.exit_code == 2
    return caught.value.errors


def assert_field_error(errors: dict[str, list[str]], path: str, fragment: str) -> None:
    """Assert that ``errors`` name ``path`` with a message containing ``fragment``."""
    assert path in errors, errors
    assert any(fragment in message for message in errors[path]), errors[path]


@pytest.mark.parametrize(
    ("path", "value", "error_path", "fragment"),
    [
        ("signature", None, "signature", "Thiếu trường bắt buộc"),
        ("number", "hai nghìn", "number", "số nguyên"),
        ("date", "31/12/2023", "date", "năm-tháng-ngày"),
        ("date", "2023-02-30", "date", "không có thật"),
        ("date", "2023-12", "date", "ngày ban hành đầy đủ"),
        ("issuer.colour", "đỏ", "issuer.colour", "không có trong mẫu"),
        ("groups.0.agencies.0.score", -1, "groups.0.agencies.0.score", "không được âm"),
        ("groups.0.agencies.0.score", "nhiều", "groups.0.agencies.0.score", "phải là một số"),
        ("groups.0.agencies.0.score", True, "groups.0.agencies.0.score", "phải là một số"),
        ("groups.0.agencies.0.score", "NaN", "groups.0.agencies.0.score", "phải là một số"),
        ("groups.1.agencies", [], "groups.1.agencies", "Cần từ 1"),
        ("groups.0.agencies.0.name", "   ", "groups.0.agencies.0.name", "Không được để trống"),
        ("citations.1", "99/2099/QH99", "citations.1", "99/2099/QH99"),
        ("recipients.items.0", {"like_article": 7}, "recipients.items.0", "Như Điều 7"),
        (
            "recipients.items.0",
            {"like_article": "điều cuối"},
            "recipients.items.0.like_article",
            "implementers",
        ),
        ("recipients.items.0", 42, "recipients.items.0", "Mỗi nơi nhận"),
        ("signature.title", "Chánh Văn phòng", "signature.title", "cấp phó"),
        (
            "signature.chain",
            [{"authority": "XT", "of": "Chủ tịch"}],
            "signature.chain.0.authority",
            "TM, KT, TL, TUQ, Q",
        ),
        ("level_scheme", "khong-co", "level_scheme", "bac-giang-2532-a"),
        ("citation_date_style", "medium", "citation_date_style", "'long' hoặc 'short'"),
        ("articles", [], "articles", "Cần từ 1"),
        ("authority", "Ủy ban nhân dân tỉnh Bắc Giang", "authority", "không khớp"),
    ],
)
def test_each_bad_field_is_named(ranking_payload, path, value, error_path, fragment):
    errors = errors_of(edit(ranking_payload, path, value))
    assert_field_error(errors, error_path, fragment)


def test_a_citation_not_in_force_names_its_replacement(ranking_payload):
    payload = edit(ranking_payload, "date", "2025-08-01")
    payload["number"] = 15
    errors = errors_of(payload)
    index = ranking_payload["citations"].index("77/2015/QH13")
    message = " ".join(errors[f"citations.{index}"])
    assert "72/2025/QH15" in message and "16/6/2025" in message


def test_duplicate_agency_names_are_refused(ranking_payload):
    first = ranking_payload["groups"][0]["agencies"][0]["name"]
    errors = errors_of(edit(ranking_payload, "groups.1.agencies.2.name", first))
    assert any("trùng" in m for m in errors["groups.1.agencies.2.name"])


def test_criteria_must_add_up_to_the_total(ranking_payload):
    criteria = [{"name": "Tiêu chí 1", "score": 50}, {"name": "Tiêu chí 2", "score": 1}]
    errors = errors_of(edit(ranking_payload, "groups.0.agencies.0.criteria", criteria))
    assert any("khác tổng điểm" in m for m in errors["groups.0.agencies.0.criteria"])


def test_all_errors_are_reported_together(ranking_payload):
    payload = edit(ranking_payload, "recipients.items.0", {"like_article": 9})
    payload = edit(payload, "signature.title", "Chánh Văn phòng")
    errors = errors_of(payload)
    assert {"recipients.items.0", "signature.title"} <= set(errors)


def test_unknown_kind_is_its_own_error(ranking_payload):
    with pytest.raises(UnknownKind) as caught:
        compose(edit(ranking_payload, "kind", "sắc lệnh"))
    assert caught.value.http_status == 404
    assert "ranking-decision" in caught.value.errors["kind"][0]


@pytest.mark.parametrize("payload", [None, [], "text", 3])
def test_a_payload_that_is_not_an_object_is_refused(payload):
    with pytest.raises(InvalidInput):
        compose(payload)


def test_hostile_text_renders_literally_in_docx_and_html(ranking_payload):
    article = ranking_payload["articles"][1]
    article["text"] = f"{article['text']} {HOSTILE}"
    docx_text = "\n".join(docx_lines(generate(ranking_payload, "docx").content))
    html = generate(ranking_payload, "html").content.decode("utf-8")
    assert HOSTILE.replace("  ", " ") in docx_text
    assert "&lt;c&gt;" in html and "{{ x }}" in html and "<c>" not in html


def test_control_characters_are_removed_and_nfd_becomes_nfc(ranking_payload):
    decomposed = unicodedata.normalize("NFD", "Sở Khoa học và Công nghệ")
    agency = next(
        a
        for a in ranking_payload["groups"][0]["agencies"]
        if a["name"] == "Sở Khoa học và Công nghệ"
    )
    agency["name"] = decomposed + "\x07\x1b"
    document = compose(ranking_payload)
    names = [row[1].text for row in document.appendices[0].table.rows]
    assert "Sở Khoa học và Công nghệ" in names
    assert all(unicodedata.is_normalized("NFC", name) and "\x07" not in name for name in names)
