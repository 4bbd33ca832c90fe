"""The quality-objectives decision: a decision whose articles come from the objectives' data."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from service.kinds.objectives import Target, target_text
from service.pipeline import compose, generate
from service.render.docx_text import docx_lines, docx_words

from .conftest import load_fixture
from .sample import HOSTILE
from .test_bad_input import assert_field_error, errors_of
from .test_formats_agree import html_words

SEED = "seeds/004-quality-objectives-2022.json"


@pytest.fixture
def payload() -> dict:
    """Return a fresh copy of the seed-004 payload."""
    return load_fixture(SEED)


def with_objective(payload: dict, text: str, targets: list[dict] | None = None) -> dict:
    """Return ``payload`` whose third objective is replaced."""
    out = copy.deepcopy(payload)
    out["objectives"][2] = {"text": text, **({"targets": targets} if targets is not None else {})}
    return out


def clauses(document) -> list[str]:
    """Return the khoản lines of the decision's body."""
    return [block.text for block in document.body if block.role == "clause"]


@pytest.mark.parametrize(
    ("target", "text"),
    [
        (Target(Decimal(100), "%"), "100%"),
        (Target(Decimal(90), "%", "trên"), "trên 90%"),
        (Target(Decimal("99.25"), "%", "tối thiểu"), "tối thiểu 99,25%"),
        (Target(Decimal(7), "sáng kiến", "ít nhất"), "ít nhất 07 sáng kiến"),
        (Target(Decimal(0), "hồ sơ", "không quá"), "không quá 0 hồ sơ"),
        (Target(Decimal(12), "sáng kiến"), "12 sáng kiến"),
        (Target(Decimal("2.5"), "ngày", "dưới"), "dưới 2,5 ngày"),
        (Target(Decimal(1250), "hồ sơ", "khoảng"), "khoảng 1.250 hồ sơ"),
    ],
)
def test_targets_are_written_the_vietnamese_way(target, text):
    assert target_text(target) == text


def test_the_articles_are_computed_from_the_data(payload):
    document = compose(payload)
    articles = [block.text for block in document.body if block.role == "article"]
    assert articles[0] == (
        "Điều 1. Phê duyệt Mục tiêu chất lượng năm 2022 áp dụng tại UBND tỉnh và Văn phòng UBND "
        "tỉnh theo Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015 với các nội "
        "dung sau:"
    )
    assert articles[1].startswith(
        "Điều 2. Giao Chánh Văn phòng UBND tỉnh - Đại diện lãnh đạo "
        "chất lượng (QMR) của UBND tỉnh và Văn phòng UBND tỉnh"
    )
    assert articles[2] == "Điều 3. Quyết định này có hiệu lực kể từ ngày 01/01/2022."
    assert articles[3].endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert document.summary == (
        "Về việc phê duyệt Mục tiêu chất lượng năm 2022 áp dụng tại UBND "
        "tỉnh và Văn phòng UBND tỉnh",
    )
    assert document.recipients[0].printed == "- Như Điều 4;"


def test_targets_fill_their_markers_and_a_leading_one_is_capitalised(payload):
    lines = clauses(compose(payload))
    assert lines[2].endswith("; trên 90% ý kiến chỉ đạo hoàn thành;")
    assert lines[5].startswith("6. Trên 80% văn bản")
    assert lines[9].endswith("ít nhất 07 sáng kiến kinh nghiệm.")


@pytest.mark.parametrize("name", ["objectives-one.json", "objectives-thirty.json"])
def test_one_and_thirty_objectives_render_numbered_and_punctuated(name):
    payload = load_fixture(f"edge/{name}")
    rendered = generate(payload, "docx")
    lines = clauses(rendered.document)
    count = len(payload["objectives"])
    assert count in (1, 30) and len(lines) == count
    assert [line.split(".")[0] for line in lines] == [str(n) for n in range(1, count + 1)]
    assert all(line.endswith(";") for line in lines[:-1]) and lines[-1].endswith(".")
    text = docx_lines(rendered.content)
    assert lines[0] in text and lines[-1] in text


def test_the_thirty_objectives_print_decimals_and_counts():
    lines = clauses(compose(load_fixture("edge/objectives-thirty.json")))
    assert lines[1].startswith("2. 98,5% hồ sơ được giải quyết đúng hạn, trong đó trên 30%")
    assert "tối thiểu 99,25%" in lines[9] and "ít nhất 02 đợt" in lines[3]
    assert "khoảng 1.250 hồ sơ" in lines[6]


@pytest.mark.parametrize("count", [0, 31])
def test_the_objective_list_holds_one_to_thirty(payload, count):
    payload["objectives"] = [{"text": f"Mục tiêu {n}"} for n in range(count)]
    assert any("Cần từ 1 đến 30" in m for m in errors_of(payload)["objectives"])


@pytest.mark.parametrize(
    ("text", "targets", "path", "fragment"),
    [
        (
            "{1} và {3} ý kiến",
            [{"value": 100, "unit": "%"}],
            "objectives.2.text",
            "Dấu {3} không ứng với chỉ tiêu nào",
        ),
        ("{0} ý kiến", [], "objectives.2.text", "không có chỉ tiêu nào"),
        (
            "{1} ý kiến, {1} văn bản",
            [{"value": 100, "unit": "%"}],
            "objectives.2.text",
            "được dùng 2 lần",
        ),
        (
            "{1} ý kiến",
            [{"value": 100, "unit": "%"}, {"value": 90, "unit": "%"}],
            "objectives.2.targets.1",
            "không được dùng",
        ),
        (
            "{1} ý kiến",
            [{"value": 101, "unit": "%"}],
            "objectives.2.targets.0.value",
            "tối đa là 100%",
        ),
        (
            "{1} ý kiến",
            [{"value": 100, "unit": "%", "qualifier": "trên"}],
            "objectives.2.targets.0.value",
            "không thể đạt",
        ),
        (
            "{1} ý kiến",
            [{"value": 90, "unit": "%", "qualifier": "hơn"}],
            "objectives.2.targets.0.qualifier",
            "trên, dưới, ít nhất",
        ),
        (
            "{1} ý kiến",
            [{"value": -5, "unit": "%"}],
            "objectives.2.targets.0.value",
            "không được âm",
        ),
        (
            "{1} ý kiến",
            [{"value": "chín mươi", "unit": "%"}],
            "objectives.2.targets.0.value",
            "phải là một số",
        ),
    ],
)
def test_bad_markers_and_targets_are_named_by_path(payload, text, targets, path, fragment):
    errors = errors_of(with_objective(payload, text, targets))
    assert_field_error(errors, path, fragment)


def test_every_bad_objective_is_reported_at_once(payload):
    payload = with_objective(payload, "{2} ý kiến", [{"value": 100, "unit": "%"}])
    payload["objectives"][5]["targets"][0]["value"] = 180
    errors = errors_of(payload)
    assert {"objectives.2.text", "objectives.2.targets.0", "objectives.5.targets.0.value"} <= set(
        errors
    )


def test_other_braces_stay_literal_text(payload):
    text = "{1} ý kiến {{1}} {x} { 2 } " + HOSTILE
    payload = with_objective(payload, text, [{"value": "99,5", "unit": "%"}])
    line = clauses(compose(payload))[2]
    assert line.startswith("3. 99,5% ý kiến {{1}} {x} { 2 } A & B <c>")
    html = generate(payload, "html").content.decode("utf-8")
    assert "{{1}} {x}" in html and "&lt;c&gt;" in html and "<c>" not in html
    assert "{% if 1 %}y{% endif %}" in "\n".join(docx_lines(generate(payload, "docx").content))


def test_without_an_effective_date_the_decision_takes_effect_on_signing(payload):
    del payload["effective_from"]
    articles = [b.text for b in compose(payload).body if b.role == "article"]
    assert articles[2] == "Điều 3. Quyết định này có hiệu lực kể từ ngày ký."


def test_the_effective_date_follows_the_citation_style_by_default(payload):
    del payload["effective_date_style"]
    articles = [b.text for b in compose(payload).body if b.role == "article"]
    assert articles[2] == "Điều 3. Quyết định này có hiệu lực kể từ ngày 01 tháng 01 năm 2022."


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("year", 2025, "chỉ năm ban hành hoặc năm kế tiếp"),
        ("effective_from", "2021-12-01", "trước ngày ban hành"),
        ("standard", "ISO 9001", "TCVN ISO 9001:2015"),
        ("scope", None, "Thiếu trường bắt buộc"),
    ],
)
def test_the_objectives_data_is_checked(payload, field, value, fragment):
    if value is None:
        del payload[field]
    else:
        payload[field] = value
    assert_field_error(errors_of(payload), field, fragment)


def test_a_summary_or_articles_cannot_be_typed(payload):
    payload["articles"] = [{"text": "Điều do người soạn gõ."}]
    assert "articles" in errors_of(payload)


def test_a_broken_signer_chain_is_named_under_signature(payload):
    payload["signature"]["chain"] = [
        {"authority": "KT", "of": "Chủ tịch"},
        {"authority": "TM", "of": "Ủy ban nhân dân"},
    ]
    errors = errors_of(payload)
    assert any("phải đứng đầu" in m for m in errors["signature.chain.1.authority"])
    assert any("quyền hạn cuối cùng" in m for m in errors["signature.chain.0.authority"])


def test_a_person_authority_cannot_be_signed_for_the_collective(payload):
    payload["authority"] = "Chủ tịch Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert any("không khớp" in m for m in errors_of(payload)["authority"])


@pytest.mark.parametrize(
    "fixture", [SEED, "edge/objectives-one.json", "edge/objectives-thirty.json"]
)
def test_the_docx_and_html_carry_the_same_words(fixture):
    payload = load_fixture(fixture)
    docx = generate(payload, "docx").content
    assert html_words(generate(payload, "html").content.decode("utf-8")) == docx_words(docx)
