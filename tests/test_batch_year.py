"""`vanban batch --year`: last year's input as next year's draft, stale references reported."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from service.batch.reissue import move_text, reissue
from service.cli import main
from service.render.docx_text import docx_lines

from .conftest import FIXTURES, load_fixture

SEED_000 = FIXTURES / "seeds" / "000-ranking-decision-2113-2023.json"
DRAFT = "du-thao-quyet-dinh-qd-ubnd-2026-12.docx"


def run_year(out, *extra):
    """Re-issue the 2023 Bắc Giang ranking decision for 2026."""
    return CliRunner().invoke(
        main,
        ["batch", str(SEED_000), "-o", str(out), "-f", "docx", "-j", "1", "--year", "2026", *extra],
    )


def report_of(out):
    """Return the run's report."""
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_a_2023_bac_giang_decision_for_2026_fails_naming_what_ceased(tmp_path):
    result = run_year(tmp_path)
    assert result.exit_code == 1, result.output
    failures = {f["path"]: f for f in report_of(tmp_path)["failures"]}
    assert failures["citations.4"]["message"].startswith(
        "Luật Tổ chức chính quyền địa phương số 77/2015/QH13 đã hết hiệu lực"
    )
    assert failures["citations.4"]["replacement"] == (
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
    )
    assert "47/2019/QH14" in failures["citations.3"]["message"]
    assert "replacement" not in failures["citations.3"]  # it fell away, nothing replaced it
    assert failures["issuer.name"]["replacement"] == "Ủy ban nhân dân tỉnh Bắc Ninh"
    assert "Ủy ban nhân dân tỉnh Bắc Giang" in failures["issuer.name"]["message"]
    assert "cấp huyện" in failures["groups.1.agencies.0.name"]["message"]
    assert "Huyện Tân Yên" in failures["groups.1.agencies.0.name"]["message"]
    assert {f["code"] for f in failures.values()} == {"stale_reference"}
    assert "citations.0" not in failures  # unconfirmed: only a warning
    assert [w["path"] for w in report_of(tmp_path)["warnings"]] == ["proposal", "citations.0"]
    assert not list(tmp_path.glob("*.docx"))
    assert "77/2015/QH13" in result.stderr


def test_with_allow_stale_the_draft_is_made_and_the_warnings_kept(tmp_path):
    result = run_year(tmp_path, "--allow-stale")
    assert result.exit_code == 0, result.output
    report = report_of(tmp_path)
    assert report["failures"] == []
    warned = {w["path"]: w for w in report["warnings"]}
    assert {"citations.3", "citations.4", "issuer.name", "groups.1.name", "proposal"} <= set(warned)
    assert warned["citations.0"]["code"] == "unconfirmed"  # an act of the merged province
    assert "đã hợp nhất vào tỉnh Bắc Ninh" in warned["citations.0"]["message"]
    text = "\n".join(docx_lines((tmp_path / DRAFT).read_bytes()))
    assert "ngày      tháng 12 năm 2026" in text and "Số:      /QĐ-UBND" in text
    assert "UBND cấp huyện năm 2026" in text and "năm 2023" not in text
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;" in text
    assert "19/6/2015" not in text  # the replaced law is not cited any more
    assert "NĂM 2026" in text  # the appendix titles follow the year field


def test_reissue_moves_only_the_documents_own_year():
    payload = load_fixture("seeds/004-quality-objectives-2022.json")
    payload["objectives"][0]["text"] = "So với năm 2021, năm 2022 tăng; ISO 9001:2015"
    draft, notes = reissue(payload, 2023)
    assert (draft["year"], draft["date"], draft["number"]) == (2023, "2022-12", None)
    assert draft["effective_from"] == "2023-01-01"
    assert draft["objectives"][0]["text"] == "So với năm 2021, năm 2023 tăng; ISO 9001:2015"
    assert draft["citations"] == payload["citations"] and notes == []
    assert payload["year"] == 2022  # the input is not changed


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("Kế hoạch năm 2025", "Kế hoạch năm 2026"),
        ("KẾ HOẠCH NĂM 2025", "KẾ HOẠCH NĂM 2026"),
        ("năm 20251", "năm 20251"),
        ("Quyết định số 12/2025/QĐ-UBND", "Quyết định số 12/2025/QĐ-UBND"),
        ("ngày 05/3/2025", "ngày 05/3/2025"),
    ],
)
def test_only_nam_followed_by_the_year_moves(text, moved):
    assert move_text(text, 2025, 2026) == moved
