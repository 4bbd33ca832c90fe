"""Every kind with every example, at a common office screen and a large one (Chromium): no form
control lies over the preview or is narrower than 120 px, the page does not scroll sideways,
no English word is on the page, and the preview's text is readable: at least 11 px on screen at
the default zoom, with no zoom control used."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from service.catalog import KINDS

from ..conftest import FIXTURES
from ..english import english_words
from ..test_vietnamese_everywhere import KIND_WORDS
from .test_web import fixture_files

LAYOUT_JS = (Path(__file__).parent / "layout.js").read_text(encoding="utf-8")
VIEWPORTS = [(1366, 768), (1920, 1080)]
MIN_WIDTH = 120
MIN_TEXT_PX = 11
UPDATED = re.compile("Đã cập nhật|Chưa cập nhật: dữ liệu còn lỗi|Bản xem trước chưa đủ")


def examples() -> list[tuple[str, str | None]]:
    """Return (kind, fixture) for every fixture, and each kind's blank form (fixture None)."""
    found = [(kind, None) for kind in KINDS]
    for name in fixture_files():
        found.append((json.loads((FIXTURES / name).read_text(encoding="utf-8"))["kind"], name))
    return found


def open_example(page, kind: str, fixture: str | None) -> None:
    """Open the editor on an example and wait for its preview."""
    page.goto(f"/kinds/{kind}" + (f"?fixture={fixture}" if fixture else ""))
    expect(page.locator("#editor")).to_have_attribute("data-ready", "true")
    if fixture:
        # An invalid example (an edge case) shows its errors instead of a new preview.
        expect(page.locator("#preview-status")).to_contain_text(UPDATED)


def check_layout(page, where: str) -> list[str]:
    """Return what is wrong with the editor's layout as a clerk would see it."""
    found = page.evaluate(LAYOUT_JS)
    problems = [f"{where}: over the preview: {p}" for p in found["overlapping"][:5]]
    problems += [f"{where}: narrower than {MIN_WIDTH} px: {n}" for n in found["narrow"][:5]]
    english = english_words(found["text"], KIND_WORDS)
    if english:
        problems.append(f"{where}: English on the page: {sorted(set(english))}")
    if found["pageWidth"] > found["viewport"]:
        problems.append(f"{where}: the page scrolls sideways ({found['pageWidth']} px)")
    assert found["controls"] > 0, where
    return problems


def text_size(page) -> float | None:
    return page.evaluate(LAYOUT_JS)["smallestText"]


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=lambda v: str(v))
def test_every_example_fits_and_reads(browser, base_url, width, height):
    context = browser.new_context(
        base_url=base_url, locale="vi-VN", viewport={"width": width, "height": height}
    )
    page = context.new_page()
    problems: list[str] = []
    try:
        for kind, fixture in examples():
            open_example(page, kind, fixture)
            where = f"{width}×{height} {fixture or kind + ' (trống)'}"
            problems += check_layout(page, where)
            if fixture is None:
                continue
            smallest = text_size(page)
            if smallest is None:
                assert page.locator(".field-error").count() > 0, where
                continue
            if smallest < MIN_TEXT_PX:  # at the default zoom ("Vừa khung"), no control used
                problems.append(f"{where}: preview text {smallest:.1f} px by default")
    finally:
        context.close()
    print("\n".join(problems))
    assert problems == []
