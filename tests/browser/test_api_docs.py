"""The browsable API page in Chromium: Swagger UI 5 reads the OpenAPI 3.1 description."""

from __future__ import annotations

from playwright.sync_api import expect

from service.api.spec import build_spec
from service.app import create_app

METHODS = {"get", "post", "put", "patch", "delete"}


def described_operations() -> set[tuple[str, str]]:
    """Return (method, path) of every operation in the served OpenAPI document."""
    spec = build_spec(create_app())
    return {(m, path) for path, ops in spec["paths"].items() for m in ops if m in METHODS}


def test_api_docs_show_every_operation(page):
    page.goto("/api/docs")
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible()
    expect(page.locator("#swagger-ui")).not_to_contain_text("Unable to render")
    shown = {
        (
            op.locator(".opblock-summary-method").inner_text().lower(),
            op.locator(".opblock-summary-path").get_attribute("data-path"),
        )
        for op in operations.all()
    }
    assert shown == described_operations()
    assert len(shown) >= 10
