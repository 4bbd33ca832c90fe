"""The "Ban hành" action and the register page in Chromium, on a register of their own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from service.app import create_app

from .conftest import served
from .test_web import field, open_editor


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> Iterator[str]:
    """Serve the app with its register in a temporary data folder (overrides conftest's)."""
    data = tmp_path_factory.mktemp("register-web")
    with served(create_app({"VANBAN_DATA_DIR": str(data)})) as url:
        yield url


def test_a_clerk_issues_a_draft_then_finds_and_voids_it_in_the_register(page):
    open_editor(page)
    # "Ban hành" asks for confirmation, "Hủy số" for a reason
    page.on(
        "dialog",
        lambda d: d.accept("Ký nhầm người") if d.type == "prompt" else d.accept(),
    )
    issue = page.get_by_role("button", name="Ban hành")
    issue.click()  # the seed still has its number: refused at the field, nothing numbered
    expect(field(page, "number").locator(".field-error")).to_contain_text("Để trống")

    page.get_by_label("Số", exact=True).fill("")
    with page.expect_download() as info:
        issue.click()
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF-")
    expect(page.locator("#form-status")).to_contain_text("Đã ban hành số 01/QĐ-UBND")

    page.goto("/register")
    page.get_by_label("Năm").fill("2023")
    page.get_by_role("button", name="Tìm").click()
    rows = page.locator("#register-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("01/QĐ-UBND")
    expect(page.locator("#export-xlsx")).to_have_attribute("href", re.compile(r"year=2023"))
    exported = page.request.get(page.locator("#export-xlsx").get_attribute("href"))
    assert exported.status == 200 and exported.body()[:2] == b"PK"

    rows.first.get_by_role("button", name="Hủy số").click()
    expect(rows.first).to_contain_text("Đã hủy: Ký nhầm người")
    expect(rows.first.get_by_role("button", name="Hủy số")).to_have_count(0)
