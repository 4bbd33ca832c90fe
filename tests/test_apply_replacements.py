"""`vanban batch --year … --apply-replacements`: successors put in where the data knows them."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from service.batch.stale import apply_replacements, findings
from service.catalog import default_resources
from service.cli import main
from service.directory import load_directory

from .conftest import FIXTURES, load_fixture

SEED = FIXTURES / "seeds" / "000-ranking-decision-2113-2023.json"


def test_replaced_laws_and_merged_province_bodies_are_put_in_with_each_change_listed():
    payload = load_fixture("seeds/000-ranking-decision-2113-2023.json")
    payload["date"] = "2026-02-10"
    registry = default_resources().registry
    stale = findings(payload, registry, load_directory())
    fixed, changes = apply_replacements(payload, stale, registry, date(2026, 2, 10))
    made = {(c.path, c.old, c.new) for c in changes}
    assert ("citations.4", "77/2015/QH13", "72/2025/QH15") in made
    assert fixed["issuer"]["name"] == ["Ủy ban nhân dân", "tỉnh Bắc Ninh"]
    assert fixed["issuer"]["jurisdiction"] == "tỉnh Bắc Ninh"
    assert payload["issuer"]["name"] == ["Ủy ban nhân dân", "tỉnh Bắc Giang"]  # a copy
    # a district committee has no one successor: left for the clerk, still reported
    assert not any(c.path == "groups.1.name" for c in changes)
    assert any(f.path == "groups.1.name" for f in findings(fixed, registry, load_directory()))


def test_the_batch_report_lists_every_change_and_the_document_names_the_successor(tmp_path):
    out = tmp_path / "out"
    args = ["batch", str(SEED), "-o", str(out), "-f", "html", "-j", "1", "--year", "2026"]
    result = CliRunner().invoke(main, [*args, "--apply-replacements", "--allow-stale"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    replaced = [w for w in report["warnings"] if w["code"] == "replaced"]
    assert any(w["path"] == "citations.4" and "72/2025/QH15" in w["message"] for w in replaced)
    assert report["options"]["apply_replacements"] is True
    (html,) = out.glob("*.html")
    text = html.read_text(encoding="utf-8")
    assert "TỈNH BẮC NINH" in text and "TỈNH BẮC GIANG" not in text
