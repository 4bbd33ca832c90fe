"""README's reference-data counts are the ones scripts/reference_summary.py computes from the data."""

from __future__ import annotations

import runpy

from service.legal import load_registry

from .conftest import ROOT

SCRIPT = runpy.run_path(str(ROOT / "scripts" / "reference_summary.py"))


def test_readme_holds_the_generated_summary():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert SCRIPT["summary"]() in readme, (
        "run: .venv/bin/python scripts/reference_summary.py --write"
    )


def test_the_summary_counts_the_registry_and_every_merged_province():
    text = SCRIPT["summary"]()
    registry = load_registry()
    assert len(registry) >= 60
    confirmed = sum(doc.confidence == "confirmed" for doc in registry.all())
    assert f"**{len(registry)}** văn bản; **{confirmed}** xác nhận" in text
    assert "**29** tỉnh chấm dứt từ 01/7/2025, hợp nhất vào 23 tỉnh, thành phố" in text


def test_write_replaces_only_the_block(tmp_path):
    readme = tmp_path / "README.md"
    begin, end = SCRIPT["BEGIN"], SCRIPT["END"]
    readme.write_text(f"# x\n\n{begin}\nold\n{end}\n\n## next\n", encoding="utf-8")
    SCRIPT["write"](readme)
    assert readme.read_text(encoding="utf-8") == f"# x\n\n{SCRIPT['summary']()}\n\n## next\n"
