"""A clerk's day in Chromium: a blank form that does not flood with errors, drafts kept as one
types and listed on the start page, a warning before leaving unsaved work, and a DOCX or PDF
that vanban made opened back into the form."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from service.pipeline import generate

from ..conftest import FIXTURES
from .test_web import SEED, field, open_editor, preview


def test_typing_into_a_blank_form_shows_errors_only_where_typed(page):
    open_editor(page, fixture=None)
    first_line = field(page, "issuer.name.0").locator("input")
    first_line.fill("Ủy ban nhân dân tỉnh Bắc Giang")
    expect(page.locator("#preview-status")).to_contain_text("còn mục bắt buộc chưa điền")
    # The preview takes shape as the clerk types: the agency's name in its place (upper case,
    # as ND30 prints it), what is still missing drawn as marked blanks.
    expect(preview(page).locator(".vanban")).to_contain_text("BẮC GIANG")
    assert preview(page).locator(".missing").count() >= 5
    # Whatever the service found, nothing is shown for a field the clerk has not touched.
    shown = page.locator(".field-error")
    paths = shown.evaluate_all("els => els.map(e => e.closest('[data-path]')?.dataset.path ?? '')")
    assert all(p.startswith("issuer") for p in paths), paths
    expect(page.locator("#error-summary")).to_be_hidden()

    page.get_by_role("button", name="Kiểm tra dữ liệu").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert summary.locator("li").count() >= 5
    assert shown.count() >= 5
    # The summary sits in the form's column, not above it: the preview does not move.
    assert page.locator(".preview").bounding_box()["y"] < summary.bounding_box()["y"] + 200


def test_drafts_are_kept_listed_and_reopened(page):
    open_editor(page)
    page.get_by_label("Họ và tên người ký").fill("Nguyễn Thị Dự Thảo")
    expect(page.locator("#draft-status")).to_contain_text("Bản nháp tự lưu")
    expect(page).to_have_url(re.compile(r"[?&]draft="))

    page.goto("/")
    drafts = page.locator("#recent-list li")
    expect(drafts).to_have_count(1)
    expect(drafts.first).to_contain_text("Quyết định phê duyệt và công bố xếp hạng")
    drafts.first.get_by_role("link").click()
    expect(page.locator("#editor")).to_have_attribute("data-ready", "true")
    expect(page.get_by_label("Họ và tên người ký")).to_have_value("Nguyễn Thị Dự Thảo")
    expect(preview(page)).to_contain_text("Nguyễn Thị Dự Thảo")

    page.goto("/")
    page.get_by_role("button", name="Xóa bản nháp").first.click()
    expect(page.locator("#recent-list li")).to_have_count(0)
    expect(page.locator("#recent-empty")).to_be_visible()


def test_leaving_with_unsaved_changes_asks_first(page):
    open_editor(page)
    page.get_by_label("Họ và tên người ký").fill("Trần Văn Rời")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"]


def test_saved_work_leaves_without_a_question(page):
    open_editor(page)
    page.get_by_label("Họ và tên người ký").fill("Trần Văn Lưu")
    with page.expect_download():
        page.get_by_role("button", name="Lưu JSON").click()
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.goto("/")
    assert asked == []


def test_a_docx_or_pdf_made_by_vanban_opens_into_the_form(page, tmp_path):
    payload = json.loads((FIXTURES / SEED).read_text(encoding="utf-8"))
    payload["signature"]["name"] = "Lê Văn Mở Lại"
    open_editor(page, fixture=None)
    opener = page.get_by_label("Mở tệp JSON, DOCX, PDF")
    for fmt in ("docx", "pdf"):
        path = tmp_path / f"qd.{fmt}"
        path.write_bytes(generate(payload, fmt).content)
        opener.set_input_files(str(path))
        expect(page.locator("#form-status")).to_contain_text(f"qd.{fmt}".replace(fmt, "json"))
        expect(page.get_by_label("Họ và tên người ký")).to_have_value("Lê Văn Mở Lại")
        expect(preview(page)).to_contain_text("Lê Văn Mở Lại")
        page.get_by_label("Họ và tên người ký").fill("")
    opener.set_input_files({"name": "la.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7"})
    expect(page.locator("#messages")).to_contain_text("bị hỏng hoặc không phải tệp PDF")


def test_the_lint_page_counts_from_one_and_groups_repeats(page, tmp_path):
    import docx

    hand_made = docx.Document()  # Calibri, US Letter: the same font error on every paragraph
    for n in range(6):
        hand_made.add_paragraph(f"Đoạn văn số {n + 1} soạn tay.")
    path = tmp_path / "tay.docx"
    hand_made.save(path)
    page.goto("/lint")
    expect(page.get_by_text("Dung lượng tối đa 2 MiB")).to_be_visible()
    page.get_by_label("Tệp văn bản (.docx)").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra").click()
    summary = page.locator("#lint-summary")
    expect(summary).to_contain_text("gộp một dòng")
    cells = page.locator("#lint-findings td.paragraph").all_inner_texts()
    numbers = [int(n) for cell in cells for n in re.findall(r"\d+", cell.split("…")[0])]
    assert numbers and min(numbers) >= 1
    assert any("," in cell for cell in cells)  # one row names several paragraphs
    page.get_by_role("link", name="← Về trang soạn văn bản").click()
    expect(page).to_have_url(re.compile(r"/$"))
