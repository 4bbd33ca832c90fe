"""Every example, issued: ready to sign, signed by the signer then the body, in the Phụ lục I
places (checked on pixels), valid for pyHanko and for poppler's pdfsig, and still PDF/A."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from service.pipeline import compose, generate
from service.sign.signing import sign_pdf
from service.sign.verify import verify_pdf
from service.source import read_source
from tests.conftest import FIXTURES
from tests.pdfa import pdfa_problems
from tests.pixels import ink_box, line_box, render_page, words
from tests.signing import pdfsig, request_for
from tests.test_formats_agree import valid_fixtures

MM = 72 / 25.4
NEAR = 4.0  # points (1.4 mm): pixel measures at 72 dpi against computed places


@pytest.fixture(scope="module", params=valid_fixtures())
def issued(request, pki, tsa_url, images, tmp_path_factory):
    """Return the example's document and its PDF at each step: ready, signer-signed, issued."""
    payload = json.loads((FIXTURES / request.param).read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("issued")
    ready = generate(payload, "pdf-ky").content
    level = "B-LT" if request.param.startswith("seeds/000") else "B-T"
    signed = sign_pdf(ready, request_for(pki, "signer", images, tsa_url))
    issued = sign_pdf(signed, request_for(pki, "body", images, tsa_url, level=level))
    paths = {}
    for name, content in (("ready", ready), ("signer", signed), ("issued", issued)):
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(content)
    return compose(payload), paths


def test_every_step_stays_pdf_a(issued):
    _, paths = issued
    for name, path in paths.items():
        assert pdfa_problems(path.read_bytes()) == [], name


def test_the_issued_file_passes_verification_with_both_signatures_in_place(issued, pki):
    _, paths = issued
    report = verify_pdf(paths["issued"].read_bytes(), (pki.root.asn1,))
    assert report.ok, report.to_dict()
    assert [(s.role, s.placement_checked, s.trusted) for s in report.signatures] == [
        ("signer", True, True),
        ("body", True, True),
    ]
    assert all(s.timestamp for s in report.signatures)


def test_the_issued_file_still_carries_its_input(issued):
    document, paths = issued
    assert read_source(paths["issued"].read_bytes())["kind"] == document.meta.kind


def test_poppler_validates_both_signatures(issued, nss_db):
    _, paths = issued
    found = pdfsig(paths["issued"], nss_db)
    assert [f["Signature Field Name"] for f in found] == ["NguoiKy", "CoQuanBanHanh"]
    for signature in found:
        assert signature["Signature Validation"] == "Signature is Valid."
        assert signature["Certificate Validation"] == "Certificate is Trusted."


def test_the_images_sit_where_phu_luc_i_puts_them(issued):
    document, paths = issued
    page, title, name = _signing_block(paths["ready"], document)
    blue = ink_box(render_page(paths["signer"], page), "blue")
    red = ink_box(render_page(paths["issued"], page), "red")
    assert blue is not None and red is not None
    # The signer's image: between the chức vụ and the họ tên lines, centred under the title.
    assert blue[1] >= title[3] - 1 and blue[3] <= name[1] + 1
    assert abs((blue[1] + blue[3]) / 2 - (title[3] + name[1]) / 2) <= NEAR
    assert abs((blue[0] + blue[2]) / 2 - (title[0] + title[2]) / 2) <= NEAR
    # The seal: real size (36 mm), over about a third of the signer's image, on its left.
    assert abs((red[2] - red[0]) - 36 * MM) <= NEAR and abs((red[3] - red[1]) - 36 * MM) <= NEAR
    covered = (red[2] - blue[0]) / (blue[2] - blue[0])
    assert 0.25 <= covered <= 0.42
    assert red[0] < blue[0]
    assert abs((red[1] + red[3]) / 2 - (blue[1] + blue[3]) / 2) <= NEAR


def test_the_ready_file_shows_nothing_in_the_empty_fields(issued):
    document, paths = issued
    page, _, _ = _signing_block(paths["ready"], document)
    image = render_page(paths["ready"], page)
    assert ink_box(image, "blue") is None and ink_box(image, "red") is None
    assert image.convert("L").getextrema()[0] < 100  # the text is there


def _signing_block(pdf, document):
    """Return the page (from 1) with the title line above the name line, and both lines' boxes."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    for page in range(pages, 0, -1):
        found = words(pdf, page)
        try:
            name = line_box(found, document.signature.name)
            title = line_box(found, document.signature.lines[-1])
        except AssertionError:
            continue
        if title[3] <= name[1]:
            return page, title, name
    raise AssertionError("no page prints the signing block")
