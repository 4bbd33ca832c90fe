"""`vanban lint` on signed PDFs: both signatures, their order, their Phụ lục I places."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from service.cli import main
from service.lint.signed import lint_signed_pdf
from service.pipeline import generate
from service.render.positions import Rect
from service.sign.errors import NotAPdf
from service.sign.signing import sign_pdf
from tests.conftest import load_fixture
from tests.signing import request_for


@pytest.fixture(scope="module")
def ready() -> bytes:
    return generate(load_fixture("edge/objectives-one.json"), "pdf-ky").content


@pytest.fixture(scope="module")
def signed(ready, pki, images) -> bytes:
    return sign_pdf(ready, request_for(pki, "signer", images))


def rules(pdf: bytes) -> list[str]:
    return [f.rule for f in lint_signed_pdf(pdf).findings]


def test_an_issued_document_lints_clean(signed, pki, images, tmp_path):
    issued = sign_pdf(signed, request_for(pki, "body", images))
    assert rules(issued) == []
    path = tmp_path / "issued.pdf"
    path.write_bytes(issued)
    result = CliRunner().invoke(main, ["lint", str(path), "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["errors"] == 0


def test_a_document_signed_by_the_signer_only_misses_the_body(signed):
    report = lint_signed_pdf(signed)
    assert [f.rule for f in report.findings] == ["signature.both"]
    assert "cơ quan" in report.findings[0].message


def test_a_moved_signature_breaks_the_placement_rule(ready, pki, images, tmp_path):
    moved = sign_pdf(ready, request_for(pki, "signer", images, box=Rect(0, 80, 80, 208, 144)))
    assert "signature.placement" in rules(moved)
    path = tmp_path / "moved.pdf"
    path.write_bytes(moved)
    assert CliRunner().invoke(main, ["lint", str(path)]).exit_code == 1


def test_a_pdf_not_made_by_vanban_gets_a_warning_not_an_error(pki, images):
    plain = generate(load_fixture("edge/objectives-one.json"), "pdf").content
    signed = sign_pdf(plain, request_for(pki, "signer", images, box=Rect(0, 340, 100, 468, 164)))
    issued = sign_pdf(signed, request_for(pki, "body", images, box=Rect(0, 280, 80, 382, 182)))
    report = lint_signed_pdf(issued)
    assert report.errors == 0
    assert [f.rule for f in report.findings] == ["signature.placement-unknown"] * 2


def test_a_broken_pdf_is_refused():
    with pytest.raises(NotAPdf):
        lint_signed_pdf(b"%PDF-1.7 and nothing else")
