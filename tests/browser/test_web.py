"""The clerks' editor in Chromium: fixture to form, live preview, errors at their fields,
downloads, pasting from a spreadsheet, citations from the registry, and a lossless JSON round
trip for every fixture. Every test also fails on console errors and CSP violations (conftest).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from service.catalog import KINDS
from service.render.docx_text import docx_lines

from ..conftest import FIXTURES

SEED = "seeds/000-ranking-decision-2113-2023.json"
RANKING = "Quyết định phê duyệt và công bố xếp hạng kết quả áp dụng ISO 9001"


def fixture_files() -> list[str]:
    """Return every fixture of a kind the service knows, as a path under fixtures/."""
    found = []
    for path in sorted(FIXTURES.rglob("*.json")):
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(payload, dict) and payload.get("kind") in KINDS:
            found.append(path.relative_to(FIXTURES).as_posix())
    return found


def open_editor(page, fixture: str | None = SEED, kind: str = "ranking-decision") -> None:
    """Open a kind's editor, started from ``fixture``, and wait until it is ready."""
    page.goto(f"/kinds/{kind}" + (f"?fixture={fixture}" if fixture else ""))
    expect(page.locator("#editor")).to_have_attribute("data-ready", "true")


def preview(page):
    """Return the body of the preview frame."""
    return page.frame_locator("#preview-frame").locator("body")


def field(page, path: str):
    """Return the form element for a dotted field path (as the service names errors)."""
    return page.locator(f'[data-path="{path}"]')


def saved_json(page) -> dict:
    """Click "Lưu JSON" and return the downloaded file's content."""
    with page.expect_download() as info:
        page.get_by_role("button", name="Lưu JSON").click()
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def seed() -> dict:
    return json.loads((FIXTURES / SEED).read_text(encoding="utf-8"))


def test_from_fixture_to_preview_errors_and_docx(page):
    page.goto("/")
    page.get_by_role("link", name=RANKING).click()
    expect(page).to_have_url(re.compile(r"/kinds/ranking-decision$"))
    expect(page.locator("#editor")).to_have_attribute("data-ready", "true")
    page.get_by_label("Bắt đầu từ dữ liệu mẫu").select_option(SEED)
    page.get_by_role("button", name="Nạp mẫu").click()
    expect(preview(page)).to_contain_text("Mai Sơn")
    expect(preview(page)).to_contain_text("Sở Khoa học và Công nghệ")

    page.get_by_label("Họ và tên người ký").fill("Nguyễn Văn An")
    expect(preview(page)).to_contain_text("Nguyễn Văn An")
    expect(preview(page)).not_to_contain_text("Mai Sơn")

    score = field(page, "groups.0.agencies.3.score").locator("input")
    score.fill("-5")
    error = field(page, "groups.0.agencies.3.score").locator(".field-error")
    expect(error).to_have_text("Điểm không được âm.")
    expect(score).to_have_attribute("aria-invalid", "true")
    expect(score).to_have_attribute(
        "aria-describedby", re.compile(rf"\b{error.get_attribute('id')}\b")
    )
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Nhóm 1 › Cơ quan 4 › Tổng điểm: Điểm không được âm.")
    summary.get_by_role("link").click()
    expect(score).to_be_focused()

    score.fill("98,5")
    expect(error).to_have_count(0)
    expect(summary).to_be_hidden()
    expect(score).not_to_have_attribute("aria-invalid", "true")
    expect(preview(page)).to_contain_text("98,5")

    with page.expect_download() as info:
        page.get_by_role("button", name="Tải DOCX").click()
    download = info.value
    assert download.suggested_filename == "Quyết định 2113-QĐ-UBND 2023-12-31.docx"
    lines = docx_lines(Path(download.path()).read_bytes())
    assert "Số: 2113/QĐ-UBND" in lines and "Nguyễn Văn An" in lines and "Mai Sơn" not in lines

    with page.expect_download() as info:
        page.get_by_role("button", name="Tải PDF").click()
    assert info.value.suggested_filename.endswith(".pdf")
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("fixture", fixture_files())
def test_form_and_json_round_trip_is_lossless(page, fixture):
    kind = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))["kind"]
    open_editor(page, fixture, kind)
    expect(page.locator("#form-status")).to_contain_text(Path(fixture).name)
    assert saved_json(page) == json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))


def test_edits_give_the_json_a_clerk_means(page):
    open_editor(page)
    field(page, "groups.0.agencies.0.score").locator("input").fill("101,25")
    kind_of_recipient = field(page, "recipients.items").get_by_label("Dạng của Nơi nhận 2")
    kind_of_recipient.select_option(label="Nơi nhận có ghi chú")
    field(page, "recipients.items.1.note").locator("input").fill("để b/c")
    field(page, "recipients.archive.drafter").locator("input").fill("")
    field(page, "signature.extra_titles").get_by_role("button", name="Thêm chức danh").click()
    field(page, "signature.extra_titles.0").locator("input").fill("Chủ tịch Hội đồng")
    page.get_by_role("button", name="Xóa Điều 2").click()
    expect(field(page, "articles").locator("> ol > li")).to_have_count(2)

    expected = seed()
    expected["groups"][0]["agencies"][0]["score"] = 101.25
    expected["recipients"]["items"][1] = {"text": "Chủ tịch, các PCT UBND tỉnh", "note": "để b/c"}
    del expected["recipients"]["archive"]["drafter"]
    expected["signature"]["extra_titles"] = ["Chủ tịch Hội đồng"]
    del expected["articles"][1]
    assert saved_json(page) == expected
    expect(preview(page)).to_contain_text("CHỦ TỊCH HỘI ĐỒNG")


def test_typing_updates_the_preview_once_typing_pauses(page):
    open_editor(page)
    expect(preview(page)).to_contain_text("Mai Sơn")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    name = page.get_by_label("Họ và tên người ký")
    name.fill("")
    typed = "Lê Thị Hoa"
    name.press_sequentially(typed, delay=20)
    expect(preview(page).locator(".signer")).to_have_text(typed)
    # One request per pause, not one per key (a request still running when the next pause
    # ends is cancelled, and only the newest answer is shown).
    assert 1 <= len(posts) <= len(typed) // 2 and all("/api/v1/previews" in url for url in posts)


def test_rows_pasted_from_a_spreadsheet_join_the_group(page):
    open_editor(page)
    table = field(page, "groups.1.agencies")
    table.locator(":scope > .paste-panel > summary").click()
    table.get_by_label(re.compile("^Dán các dòng")).fill(
        "Tên cơ quan\tTổng điểm\nHuyện Mới\t97,5\nHuyện Khác\t88\n"
    )
    table.get_by_role("button", name="Thêm các dòng đã dán").click()
    expect(field(page, "groups.1.agencies.10.name").locator("input")).to_have_value("Huyện Mới")
    expect(preview(page)).to_contain_text("Huyện Mới")

    # Pasting several lines into a cell of an empty row fills it and adds the rest.
    table.get_by_role("button", name="Thêm cơ quan").click()
    cell = field(page, "groups.1.agencies.12.name").locator("input")
    expect(cell).to_be_focused()
    cell.evaluate("""(input) => {
        const data = new DataTransfer();
        data.setData("text/plain", "Huyện X\\t90\\r\\nHuyện Y\\t91,25");
        input.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                         cancelable: true}));
    }""")
    expect(field(page, "groups.1.agencies.13.name").locator("input")).to_have_value("Huyện Y")
    expect(preview(page)).to_contain_text("Huyện Y")
    agencies = saved_json(page)["groups"][1]["agencies"]
    assert agencies[10:] == [
        {"name": "Huyện Mới", "score": 97.5},
        {"name": "Huyện Khác", "score": 88},
        {"name": "Huyện X", "score": 90},
        {"name": "Huyện Y", "score": 91.25},
    ]


def test_citations_come_from_the_registry_with_their_validity(page):
    open_editor(page)
    search = page.get_by_label("Tìm văn bản trong danh mục để thêm căn cứ")
    search.fill("chính quyền địa phương")
    results = page.locator(".citation-result")
    newer = results.filter(has_text="72/2025/QH15")
    expect(newer).to_contain_text("chưa được ban hành vào ngày 31/12/2023")
    expect(newer).to_have_class(re.compile(r"\bnot-in-force\b"))
    expect(results.filter(has_text="77/2015/QH13").get_by_role("button")).to_be_disabled()

    search.fill("công tác văn thư")
    page.get_by_role(
        "button", name=re.compile(r"^Thêm căn cứ: Nghị định số 30\/2020\/NĐ-CP")
    ).click()
    expect(field(page, "citations.5").locator("input")).to_have_value("30/2020/NĐ-CP")
    expect(preview(page)).to_contain_text(
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;"
    )

    # A law not yet in force on the decision's date: the service refuses it at its row.
    search.fill("chính quyền địa phương")
    page.get_by_role("button", name=re.compile(r"^Thêm căn cứ: Luật số 72\/2025\/QH15")).click()
    expect(field(page, "citations.6").locator(".field-error")).to_contain_text(
        "chưa được ban hành vào ngày 31/12/2023"
    )
    page.get_by_role("button", name="Xóa Căn cứ 7").click()
    expect(page.locator(".field-error")).to_have_count(0)
    expect(page.locator("#error-summary")).to_be_hidden()


def test_a_draft_gives_only_the_month_and_no_number(page):
    open_editor(page)
    date = field(page, "date").locator("input").first
    number = page.get_by_label("Số", exact=True)
    page.get_by_label("Bản nháp (để trống ngày)").check()
    expect(date).to_have_attribute("type", "month")
    expect(date).to_have_value("2023-12")
    expect(number).to_have_value("")
    expect(preview(page).locator(".place-date")).to_have_text(
        re.compile(r"^Bắc Giang, ngày\s+tháng 12 năm 2023$")
    )
    expect(preview(page).locator(".number")).to_have_text(re.compile(r"^Số:\s+/QĐ-UBND$"))
    draft = saved_json(page)
    assert draft["date"] == "2023-12" and "number" not in draft

    page.get_by_label("Bản nháp (để trống ngày)").uncheck()
    expect(date).to_have_value("2023-12-31")
    expect(number).to_have_value("2113")
    expect(preview(page).locator(".place-date")).to_have_text(
        "Bắc Giang, ngày 31 tháng 12 năm 2023"
    )
    assert saved_json(page) == seed()


def test_keyboard_reorders_rows_and_every_control_has_a_label(page):
    open_editor(page)
    page.get_by_role("button", name="Chuyển Dòng 2 lên").focus()
    page.keyboard.press("Enter")
    expect(preview(page).locator(".issuer-line").first).to_have_text("TỈNH BẮC GIANG")
    down = page.get_by_role("button", name="Chuyển Dòng 1 xuống")
    expect(down).to_be_focused()
    page.keyboard.press("Enter")
    expect(preview(page).locator(".issuer-line").first).to_have_text("ỦY BAN NHÂN DÂN")

    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
            "#editor input, #editor select, #editor textarea, #editor button")]
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label")
                        && !(el.tagName === "BUTTON" && el.textContent.trim()))
        .map((el) => el.outerHTML)""")
    assert unlabelled == []


def test_opening_json_files(page):
    open_editor(page, fixture=None)
    opener = page.get_by_label("Mở tệp JSON")
    opener.set_input_files(str(FIXTURES / SEED))
    expect(preview(page)).to_contain_text("Mai Sơn")
    expect(page.locator("#form-status")).to_contain_text("000-ranking-decision-2113-2023.json")

    opener.set_input_files(
        {
            "name": "hong.json",
            "mimeType": "application/json",
            "buffer": b'{"kind": "ranking-decision",',
        }
    )
    expect(page.locator("#messages")).to_contain_text("không phải JSON hợp lệ")
    opener.set_input_files(
        {"name": "la.json", "mimeType": "application/json", "buffer": b'{"kind": "chieu-chi"}'}
    )
    expect(page.locator("#messages")).to_contain_text("không ghi loại văn bản")
    expect(preview(page)).to_contain_text("Mai Sơn")  # the form is left as it was


def test_an_inline_citation_unknown_to_the_registry_is_noted_as_unverified(page):
    open_editor(page, "edge/decision-issuing-rules.json", kind="decision")
    expect(preview(page)).to_contain_text("Quy chế")
    note = page.locator("#messages .message.note")
    expect(note).to_contain_text("Chưa kiểm chứng: căn cứ thứ 3 nhập tay")
    expect(note).to_contain_text("chưa kiểm tra được hiệu lực")
    # a document whose citations the registry all knows carries no such note
    page.get_by_label("Bắt đầu từ dữ liệu mẫu").select_option("decisions/direct-decision.json")
    page.get_by_role("button", name="Nạp mẫu").click()
    expect(preview(page)).to_contain_text("Phó Giám đốc Sở Tư pháp")
    expect(note).to_have_count(0)
