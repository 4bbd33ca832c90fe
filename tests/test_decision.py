"""The general decision: Mẫu 1.2 (articles) and Mẫu 1.3 (issuing an attached document)."""

from __future__ import annotations

import copy

import pytest

from service.catalog import KINDS, default_resources
from service.errors import InvalidInput
from service.kinds.attached import AttachedInput
from service.kinds.decision import compose as compose_general
from service.pipeline import compose, generate
from service.render.docx_text import docx_lines, docx_words
from service.schemas.base import load
from service.schemas.decision import DecisionPartsSchema
from service.schemas.objectives import ObjectivesDecisionSchema
from service.schemas.ranking_decision import RankingDecisionSchema

from .conftest import load_fixture
from .sample import HOSTILE
from .test_bad_input import assert_field_error, errors_of
from .test_formats_agree import html_words

DIRECT = "decisions/direct-decision.json"
PLAN = "decisions/decision-issuing-plan.json"
RULES = "edge/decision-issuing-rules.json"


@pytest.fixture
def direct() -> dict:
    """Return a fresh copy of the Mẫu 1.2 decision."""
    return load_fixture(DIRECT)


@pytest.fixture
def plan() -> dict:
    """Return a fresh copy of the Mẫu 1.3 decision issuing a Kế hoạch."""
    return load_fixture(PLAN)


def texts(blocks, role: str | None = None) -> list[str]:
    """Return the text of the blocks, optionally of one role only."""
    return [block.text for block in blocks if role is None or block.role == role]


def test_the_direct_decision_numbers_articles_clauses_and_points(direct):
    document = compose(direct)
    assert document.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert document.header.number_line == "Số: 512/QĐ-UBND"
    assert texts(document.body, "article")[1] == "Điều 2. Nhiệm vụ của Ban Chỉ đạo ISO tỉnh"
    points = texts(document.body, "point")
    assert points[4] == "đ) Phó Giám đốc Sở Tư pháp;" and points[5].startswith("e) ")
    assert texts(document.body)[-1].endswith("thi hành Quyết định này./.")
    assert document.recipients[0].printed == "- Như Điều 4;"
    assert document.appendices == ()


@pytest.mark.parametrize(
    ("fixture", "line"),
    [
        (
            DIRECT,
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, "
            "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
            "phương ngày 22 tháng 11 năm 2019;",
        ),
        (
            PLAN,
            "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; Luật Tổ chức chính quyền "
            "địa phương ngày 16 tháng 6 năm 2025;",
        ),
    ],
)
def test_a_grouped_basis_cites_several_laws_in_one_line(fixture, line):
    assert compose(load_fixture(fixture)).bases[0] == line


def test_the_issuing_article_is_computed_from_the_attached_document(plan):
    document = compose(plan)
    articles = texts(document.body, "article")
    assert articles[0] == (
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai thực hiện Nghị định số "
        "118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ trên địa bàn tỉnh Bắc Ninh."
    )
    assert [a.split(".")[0] for a in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    assert document.recipients[0].printed == "- Như Điều 3;"  # the typed articles move down one


def test_the_attached_document_has_its_own_header_without_number_or_date(plan):
    (attached,) = compose(plan).appendices
    assert attached.header.issuer == ("ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH")
    assert attached.header.number_line is None and attached.header.place_date is None
    assert attached.label is None and attached.title == "KẾ HOẠCH"
    assert attached.subtitle.startswith("Triển khai thực hiện Nghị định số 118/2025/NĐ-CP")
    assert attached.attribution == (
        "(Kèm theo Quyết định số 1520/QĐ-UBND ngày 15 tháng 9 năm "
        "2025 của Ủy ban nhân dân tỉnh Bắc Ninh)"
    )


def test_a_plan_body_is_numbered_in_sections_items_and_points(plan):
    blocks = compose(plan).appendices[0].blocks
    assert texts(blocks, "section") == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    assert texts(blocks, "heading")[:2] == ["1. Mục đích", "2. Yêu cầu"]
    assert texts(blocks, "clause") == [
        "2. Kiện toàn Bộ phận Một cửa cấp tỉnh và cấp xã; bố trí công chức đủ năng lực làm việc "
        "tại Bộ phận Một cửa."
    ]
    assert texts(blocks, "bullet")[0].startswith("- Xác định rõ")
    assert texts(blocks, "point")[1].startswith("b) cập nhật")
    cited = [t for t in texts(blocks, "text") if "118/2025/NĐ-CP" in t]
    assert "ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện" in cited[0]  # first: in full
    assert "theo Nghị định số 118/2025/NĐ-CP, trong đó:" in cited[1]  # later: short
    assert texts(blocks)[-1].endswith("để xem xét, giải quyết./.")


def test_rules_in_chapters_number_articles_continuously():
    document = compose(load_fixture(RULES))
    blocks = document.appendices[0].blocks
    assert texts(blocks, "centered") == [
        "Chương I",
        "QUY ĐỊNH CHUNG",
        "Chương II",
        "NHIỆM VỤ, QUYỀN HẠN",
        "Chương III",
        "TỔ CHỨC THỰC HIỆN",
    ]
    assert [t.split(".")[0] for t in texts(blocks, "article")] == [f"Điều {n}" for n in range(1, 6)]
    assert (
        texts(blocks).index("Chương II")
        == texts(blocks).index("Điều 3. Nhiệm vụ của Trưởng ban") - 2
    )
    assert document.appendices[0].attribution == (
        "(Kèm theo Quyết định số 03/QĐ-BCĐ ngày 02/4/2024 của Trưởng Ban Chỉ đạo ISO tỉnh)"
    )
    assert document.signature.lines == ("TRƯỞNG BAN", "PHÓ CHỦ TỊCH UBND TỈNH")


@pytest.mark.parametrize(
    ("body", "path", "fragment"),
    [
        (None, "attached.body", "Thiếu trường bắt buộc"),
        ({}, "attached.body", "đúng một trong"),
        (
            {"articles": [{"text": "Điều."}], "sections": [{"title": "Mục đích"}]},
            "attached.body",
            "đúng một trong",
        ),
        ({"sections": []}, "attached.body.sections", "Cần từ 1"),
        (
            {"sections": [{"title": "Mục đích", "items": [{"points": ["a"]}]}]},
            "attached.body.sections.0.items.0.title",
            "tên mục",
        ),
        (
            {"articles": [{"text": "Điều.", "implementers": True}]},
            "attached.body.articles.0.implementers",
            "không tới điều của văn bản kèm theo",
        ),
    ],
)
def test_an_attached_document_needs_one_body(plan, body, path, fragment):
    if body is None:
        del plan["attached"]["body"]
    else:
        plan["attached"]["body"] = body
    assert_field_error(errors_of(plan), path, fragment)


def test_an_empty_attached_document_is_refused_by_compose_too(plan):
    data = load(KINDS["decision"].schema(), {k: v for k, v in plan.items() if k != "kind"})
    empty = type(data)(**{**data.__dict__, "attached": AttachedInput("Kế hoạch", "thử")})
    with pytest.raises(InvalidInput) as caught:
        compose_general(empty, registry=default_resources().registry)
    assert "attached.body" in caught.value.errors


def test_a_typed_first_article_duplicating_the_computed_one_is_refused(plan):
    plan["articles"].insert(0, {"text": "Ban hành kèm theo Quyết định này Kế hoạch …"})
    assert any("được tạo từ 'attached'" in m for m in errors_of(plan)["articles.0.text"])


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("type_name", "Công văn", "Quy chế, Quy định"),
        ("summary", "  ", "Không được để trống"),
    ],
)
def test_the_attached_type_and_summary_are_checked(plan, field, value, fragment):
    plan["attached"][field] = value
    assert any(fragment in m for m in errors_of(plan)[f"attached.{field}"])


def test_an_attached_document_needs_the_issuers_reference_name(plan):
    del plan["issuer"]["reference"]
    assert any("Kèm theo" in m for m in errors_of(plan)["issuer.reference"])


def test_a_person_authority_signed_for_a_collective_is_refused(direct):
    direct["signature"] = {
        "chain": [{"authority": "TM", "of": "Ủy ban nhân dân"}],
        "title": "Chủ tịch",
        "name": "Trần Văn B",
    }
    assert any(
        "không khớp" in m and "'ỦY BAN NHÂN DÂN'" in m for m in errors_of(direct)["authority"]
    )


def test_a_collective_authority_signed_without_tm_is_refused(plan):
    plan["signature"]["chain"] = [{"authority": "KT", "of": "Chủ tịch"}]
    assert any("không khớp" in m and "'CHỦ TỊCH'" in m for m in errors_of(plan)["authority"])


def test_a_broken_signer_chain_is_named_under_signature(direct):
    direct["signature"]["chain"] = [
        {"authority": "TUQ", "of": "Chủ tịch"},
        {"authority": "KT", "of": "Chánh Văn phòng"},
    ]
    errors = errors_of(direct)
    assert any("không được ủy quyền lại" in m for m in errors["signature.chain.0.authority"])


def test_a_draft_has_a_blank_number_and_day(plan):
    plan["number"], plan["date"] = None, "2025-09"
    document = compose(plan)
    assert document.header.number_line == "Số:      /QĐ-UBND"
    assert document.header.place_date == "Bắc Ninh, ngày      tháng 9 năm 2025"
    assert document.appendices[0].attribution == (
        # a wider blank in running text than in the header: room for a handwritten number
        f"(Kèm theo Quyết định số {' ' * 12}/QĐ-UBND ngày      tháng 9 năm 2025 của Ủy ban nhân dân "
        "tỉnh Bắc Ninh)"
    )
    assert document.meta.title.startswith("Dự thảo")


def test_a_draft_month_is_checked_on_each_of_its_days(direct):
    direct["number"], direct["date"] = None, "2025-02"  # 77/2015/QH13 lapses on 28/02/2025
    assert compose(direct).bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    direct["date"] = "2025-03"
    assert "citations.0.ids.0" in errors_of(direct)


def test_the_specialised_decisions_share_the_decision_schema():
    for schema in (RankingDecisionSchema, ObjectivesDecisionSchema, KINDS["decision"].schema):
        assert issubclass(schema, DecisionPartsSchema)


def test_the_docx_prints_the_attached_document_after_the_signature(plan):
    lines = [line for line in docx_lines(generate(plan, "docx").content) if line.strip()]
    signer = lines.index("Trần Văn B")
    attached = lines[signer + 1 :]
    assert attached[:6] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH BẮC NINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH",
        compose(plan).appendices[0].subtitle,
    ]
    assert not any(line.startswith("Số:") or "ngày 15 tháng 9" in line for line in attached[:6])
    assert attached[7] == "I. MỤC ĐÍCH, YÊU CẦU"


@pytest.mark.parametrize("fixture", [DIRECT, PLAN, RULES])
def test_the_docx_and_html_carry_the_same_words(fixture):
    payload = load_fixture(fixture)
    docx = generate(payload, "docx").content
    assert html_words(generate(payload, "html").content.decode("utf-8")) == docx_words(docx)
    document = compose(payload)
    lines = docx_lines(docx)
    assert all(
        block.text in lines
        for block in (*document.body, *(b for a in document.appendices for b in a.blocks))
    )


def test_hostile_text_in_an_attached_document_stays_text(plan):
    plan["attached"]["body"]["sections"][2]["paragraphs"] = [HOSTILE]
    html = generate(plan, "html").content.decode("utf-8")
    docx = "\n".join(docx_lines(generate(copy.deepcopy(plan), "docx").content))
    assert "{{ x }}" in html and "&lt;c&gt;" in html and "<c>" not in html
    assert HOSTILE.replace("  ", " ") + "./." in docx
