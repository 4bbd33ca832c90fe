"""The clerks' editor in a current Firefox (Debian's Firefox ESR, over Marionette): a smoke test
of the Chromium scenario's core, from a fixture to the preview and a field error and back, with
no console errors. The browser's handling is in ``firefox.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from .firefox import FIREFOX, Firefox, until
from .test_editor_layout import LAYOUT_JS, MIN_TEXT_PX, MIN_WIDTH, UPDATED, VIEWPORTS, examples

# `make test` installs firefox-esr and marionette-driver: a missing one fails, never skips.
assert FIREFOX.exists(), f"Firefox is not installed at {FIREFOX}: run `make test`"

SEED = "seeds/000-ranking-decision-2113-2023.json"
SCORE = '[data-path="groups.0.agencies.3.score"]'  # Nhóm 1 › Cơ quan 4 › Tổng điểm
CSS = "css selector"


@pytest.fixture
def firefox() -> Iterator[Firefox]:
    with Firefox() as browser:
        browser.marionette.set_window_rect(width=1400, height=900)
        yield browser


def preview_text(marionette) -> str:
    return marionette.execute_script(
        "const doc = document.getElementById('preview-frame').contentDocument;"
        "return doc && doc.body ? doc.body.textContent : '';"
    )


def texts(marionette, selector: str) -> list[str]:
    return [el.text for el in marionette.find_elements(CSS, selector)]


def test_fixture_preview_and_field_error_in_firefox(firefox, base_url):
    marionette = firefox.marionette
    marionette.navigate(f"{base_url}/kinds/ranking-decision")
    until(
        lambda: marionette.find_element(CSS, "#editor").get_attribute("data-ready") == "true",
        "the editor to be ready",
    )
    assert marionette.find_elements(CSS, "#form-root fieldset"), "the form was not built"

    # The clerk picks the seed in the list and presses "Nạp mẫu".
    marionette.find_element(CSS, f'#fixture-select option[value="{SEED}"]').click()
    marionette.find_element(CSS, "#fixture-load").click()
    until(
        lambda: all(t in preview_text(marionette) for t in ("Mai Sơn", "Sở Khoa học và Công nghệ")),
        "the seed in the preview",
    )
    assert parse_qs(urlsplit(marionette.get_url()).query) == {"fixture": [SEED]}

    # Typing fires the input events the page listens to; the service answers 422.
    score = marionette.find_element(CSS, f"{SCORE} input")
    score.clear()
    score.send_keys("-5")
    until(
        lambda: texts(marionette, f"{SCORE} .field-error") == ["Điểm không được âm."],
        "the error next to the score",
    )
    assert score.get_attribute("aria-invalid") == "true"
    summary = marionette.find_element(CSS, "#error-summary")
    assert summary.is_displayed()
    assert "Nhóm 1 › Cơ quan 4 › Tổng điểm: Điểm không được âm." in summary.text

    score.clear()
    score.send_keys("98,5")
    until(lambda: not marionette.find_elements(CSS, ".field-error"), "the error to go")
    until(lambda: "98,5" in preview_text(marionette), "98,5 in the preview")
    assert not summary.is_displayed()
    assert score.get_attribute("aria-invalid") is None
    assert [t for t in texts(marionette, "[role=alert]") if t.strip()] == []
    assert firefox.console_problems() == []


def set_viewport(marionette, width: int, height: int) -> None:
    """Make the page's viewport ``width``×``height`` (the window adds its frame, if any)."""
    marionette.set_window_rect(width=width, height=height)
    inner = marionette.execute_script("return [window.innerWidth, window.innerHeight];")
    marionette.set_window_rect(width=2 * width - inner[0], height=2 * height - inner[1])


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=lambda v: str(v))
def test_every_example_fits_and_reads_in_firefox(firefox, base_url, width, height):
    marionette = firefox.marionette
    marionette.navigate(f"{base_url}/")
    set_viewport(marionette, width, height)
    problems = []
    for kind, fixture in examples():
        marionette.navigate(f"{base_url}/kinds/{kind}" + (f"?fixture={fixture}" if fixture else ""))
        until(
            lambda: marionette.find_element(CSS, "#editor").get_attribute("data-ready") == "true",
            "the editor to be ready",
        )
        if fixture:
            until(
                lambda: UPDATED.search(marionette.find_element(CSS, "#preview-status").text),
                "the preview",
            )
        # Measuring lays out the page, the preview frame too: not before the frame has its
        # stylesheets (Firefox warns about a layout forced while they load).
        until(
            lambda: (
                marionette.execute_script(
                    "return document.getElementById('preview-frame').contentDocument.readyState;"
                )
                == "complete"
            ),
            "the preview frame to load",
        )
        where = f"{width}×{height} {fixture or kind + ' (trống)'}"
        found = marionette.execute_script(f"return (\n{LAYOUT_JS}\n);")
        assert found["viewport"] == width and found["controls"] > 0, where
        problems += [f"{where}: over the preview: {p}" for p in found["overlapping"][:5]]
        problems += [f"{where}: narrower than {MIN_WIDTH} px: {n}" for n in found["narrow"][:5]]
        if found["pageWidth"] > found["viewport"]:
            problems.append(f"{where}: the page scrolls sideways ({found['pageWidth']} px)")
        smallest = found["smallestText"]
        if fixture and smallest is not None and smallest < MIN_TEXT_PX:  # at the default zoom
            problems.append(f"{where}: preview text {smallest:.1f} px by default")
    assert problems == []
    assert firefox.console_problems() == []
