"""The lenient preview: an incomplete input is drawn with marked blanks; real outputs stay strict."""

from __future__ import annotations

from datetime import date

import pytest

from service.catalog import KINDS
from service.errors import InvalidInput
from service.model import MARK
from service.pipeline import compose, generate, render

from .conftest import load_fixture

SEED = "seeds/000-ranking-decision-2113-2023.json"
TODAY = date(2024, 3, 5)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_blank_form_of_every_kind_previews_with_marked_blanks(client, kind):
    response = client.post("/api/v1/previews", json={"kind": kind})
    assert response.status_code == 200, response.json
    body = response.json
    assert body["html"].count('class="missing"') >= 3
    assert MARK not in body["html"]
    assert body["errors"]  # what is missing is listed for the form
    assert all(messages for messages in body["errors"].values())


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_the_real_render_paths_refuse_what_the_preview_draws(client, fmt):
    response = client.post(f"/api/v1/documents?format={fmt}", json={"kind": "decision"})
    assert response.status_code == 422
    with pytest.raises(InvalidInput):
        generate({"kind": "decision"}, fmt)


def test_typed_text_shows_in_its_place_and_the_rest_is_marked(client):
    payload = {"kind": "ranking-decision", "issuer": {"name": ["Sở Khoa học và Công nghệ"]}}
    body = client.post("/api/v1/previews", json=payload).json
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in body["html"]
    assert "issuer.name" not in body["errors"] and "issuer.name.0" not in body["errors"]
    assert "issuer.code" in body["errors"] and "signature" in body["errors"]


def test_a_present_but_invalid_value_keeps_its_error_and_the_preview_shows_the_rest():
    payload = load_fixture(SEED)
    payload["issuer"]["code"] = "ubnd tỉnh"  # must be capitals joined by '-'
    document = compose(payload, preview=True, today=TODAY)
    assert list(document.meta.errors) == ["issuer.code"]
    html = render(document, "html").content.decode("utf-8")
    assert '2113/QĐ-<span class="missing"' in html
    assert "ÁP DỤNG HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG" in html.upper()


def test_a_missing_date_is_drawn_with_today_and_listed():
    payload = load_fixture("seeds/002-inspection-plan-52-2015.json")
    del payload["date"]
    document = compose(payload, preview=True, today=TODAY)
    assert "date" in document.meta.errors
    assert "ngày 05 tháng 3 năm 2024" in document.header.place_date


def test_a_complete_input_previews_exactly_as_it_renders():
    payload = load_fixture(SEED)
    strict = generate(payload, "html").content
    lenient = generate(payload, "html", preview=True)
    assert lenient.content == strict
    assert lenient.document.meta.errors == {}


def test_a_preview_with_placeholders_is_never_written_as_docx_or_pdf():
    document = compose({"kind": "decision"}, preview=True, today=TODAY)
    for fmt in ("docx", "pdf"):
        with pytest.raises(InvalidInput):
            render(document, fmt)


def test_the_placeholder_character_typed_by_hand_is_dropped():
    payload = load_fixture(SEED)
    payload["signature"]["name"] = f"Nguyễn{MARK} Văn A"
    html = generate(payload, "html").content.decode("utf-8")
    assert MARK not in html and "missing" not in html
    assert "Nguyễn Văn A" in html


def test_a_citation_the_registry_refuses_is_left_out_of_the_preview_with_its_error():
    payload = load_fixture(SEED)
    payload["citations"] += ["72/2025/QH15", ""]  # not yet in force on the date; blank
    document = compose(payload, preview=True, today=TODAY)
    assert "chưa được ban hành vào ngày 31/12/2023" in document.meta.errors["citations.5"][0]
    assert "citations.6" in document.meta.errors
    assert len(document.bases) == len(compose(load_fixture(SEED)).bases)
