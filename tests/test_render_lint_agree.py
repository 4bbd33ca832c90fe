"""What vanban renders, vanban's lint accepts: the cases where they once disagreed."""

from __future__ import annotations

import pytest

from service.errors import InvalidInput
from service.lint import lint_docx
from service.pipeline import compose, generate

from .conftest import load_fixture

PLAN = "seeds/003-inspection-plan-cchc-2023.json"


def test_a_plan_introduction_opening_with_can_cu_is_body_text_and_lints_clean():
    payload = load_fixture(PLAN)
    payload["intro"] = [
        [
            "Căn cứ ",
            {"cite": "bac-giang:2532/QĐ-UBND"},
            "; thực hiện Chương trình công tác năm 2023 của UBND tỉnh, Chủ tịch UBND tỉnh ban "
            "hành Kế hoạch kiểm tra như sau:",
        ]
    ]
    report = lint_docx(generate(payload, "docx").content)
    assert [f.describe() for f in report.findings if f.severity == "error"] == []


@pytest.mark.parametrize("code", ["UBND-kt", "AbC", "Ubnd"])
def test_a_lower_case_ky_hieu_is_refused_as_lint_would_flag_it(ranking_payload, code):
    ranking_payload["issuer"]["code"] = code
    with pytest.raises(InvalidInput) as caught:
        compose(ranking_payload)
    assert "issuer.code" in caught.value.errors
