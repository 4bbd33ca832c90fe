"""Verification flags what Phụ lục I and the law refuse, and signing refuses bad input cleanly:
a moved signature, a tampered byte, an expired certificate, a wrong password, a missing image,
a PDF not made by vanban without a place, the body before the signer, a file that is no PDF."""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers

from service.pipeline import generate
from service.render.positions import Rect
from service.sign.errors import NotAPdf, SignError
from service.sign.keys import KeySpec
from service.sign.pdfdata import read_positions
from service.sign.signing import sign_pdf
from service.sign.sync import outside_event_loop
from service.sign.verify import verify_pdf
from tests.conftest import load_fixture
from tests.pdfa import pdfa_problems
from tests.pixels import ink_box, render_page, words
from tests.signing import request_for
from tests.stamps import seal_png

EXAMPLE = "decisions/direct-decision.json"


@pytest.fixture(scope="module")
def ready() -> bytes:
    return generate(load_fixture(EXAMPLE), "pdf-ky").content


@pytest.fixture(scope="module")
def plain() -> bytes:
    """A PDF/A of the example without fields or recorded positions: as if made elsewhere."""
    return generate(load_fixture(EXAMPLE), "pdf").content


@pytest.fixture(scope="module")
def signed(ready, pki, images) -> bytes:
    return sign_pdf(ready, request_for(pki, "signer", images))


def problems(pdf: bytes, pki) -> list[str]:
    report = verify_pdf(pdf, (pki.root.asn1,))
    return report.problems + [p for s in report.signatures for p in s.problems]


def test_a_signature_moved_off_its_place_is_flagged(ready, pki, images, signed):
    assert problems(signed, pki) == []
    moved = sign_pdf(ready, request_for(pki, "signer", images, box=Rect(0, 60, 60, 188, 124)))
    report = verify_pdf(moved, (pki.root.asn1,))
    (signature,) = report.signatures
    assert signature.role == "signer" and signature.placement_checked
    assert not report.ok
    assert any("lệch" in p or "trang" in p for p in signature.problems)


def test_a_seal_moved_off_the_signers_image_is_flagged(signed, pki, images):
    page = verify_pdf(signed, (pki.root.asn1,)).signatures[0]
    assert page.role == "signer"
    at, _ = read_positions(PdfFileReader(io.BytesIO(signed)).root)
    box = Rect(at.name.page, 300, 400, 402, 502)  # 36 mm, but far from the signer's image
    moved = sign_pdf(signed, request_for(pki, "body", images, box=box))
    flagged = verify_pdf(moved, (pki.root.asn1,)).signatures[-1]
    assert flagged.role == "body" and any("con dấu" in p for p in flagged.problems)


def test_a_tampered_byte_is_flagged(signed, pki):
    tampered = bytearray(signed)
    tampered[12] ^= 0x01  # inside the binary comment of the header: covered by the signature
    (signature,) = verify_pdf(bytes(tampered), (pki.root.asn1,)).signatures
    assert not signature.intact
    assert any("nguyên vẹn" in p for p in signature.problems)


def test_an_expired_certificate_is_flagged(ready, pki, images):
    signer = signers.SimpleSigner(
        signing_cert=pki.expired.asn1,
        signing_key=pki.expired.asn1_key,
        cert_registry=None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(ready))
    out = io.BytesIO()
    pdf_signer = signers.PdfSigner(signers.PdfSignatureMetadata(field_name="NguoiKy"), signer)
    outside_event_loop(pdf_signer.sign_pdf)(writer, output=out)
    (signature,) = verify_pdf(out.getvalue(), (pki.root.asn1,)).signatures
    assert any("hết hạn" in p for p in signature.problems)


def test_signing_with_an_expired_certificate_is_refused(ready, pki, images, tmp_path):
    request = request_for(pki, "signer", images)
    expired = KeySpec(p12=str(pki.p12("expired")), pin=request.key.pin)
    with pytest.raises(SignError, match="hết hạn"):
        sign_pdf(ready, type(request)(**{**request.__dict__, "key": expired}))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"key": KeySpec(p12="/nonexistent.p12", pin="x")}, "Không đọc được tệp khóa"),
        ({"image": None}, "Thiếu hình chữ ký"),
        ({"image": b"GIF89a not a png"}, "Không đọc được hình chữ ký"),
        ({"role": "chairman"}, "Vai trò ký không hợp lệ"),
        ({"level": "B-LT", "tsa_url": None}, "máy chủ cấp dấu thời gian"),
    ],
)
def test_bad_requests_are_refused_in_vietnamese(ready, pki, images, change, message):
    request = request_for(pki, "signer", images)
    with pytest.raises(SignError, match=message):
        sign_pdf(ready, type(request)(**{**request.__dict__, **change}))


def test_a_wrong_password_is_refused(ready, pki, images):
    request = request_for(pki, "signer", images)
    wrong = KeySpec(p12=request.key.p12, pin="sai-mat-khau")
    with pytest.raises(SignError, match="Sai mật khẩu"):
        sign_pdf(ready, type(request)(**{**request.__dict__, "key": wrong}))


def test_an_opaque_image_is_refused(ready, pki, images):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (200, 100), (20, 40, 200)).save(out, format="PNG")
    request = request_for(pki, "signer", {"signer": out.getvalue()})
    with pytest.raises(SignError, match="nền trong suốt"):
        sign_pdf(ready, request)


def test_the_body_cannot_sign_before_the_signer(ready, pki, images):
    with pytest.raises(SignError, match="đã có chữ ký của người có thẩm quyền"):
        sign_pdf(ready, request_for(pki, "body", images))


def test_a_pdf_not_made_by_vanban_needs_a_place_then_verifies_without_placement(plain, pki, images):
    with pytest.raises(SignError, match="cần chỉ rõ vị trí") as error:
        sign_pdf(plain, request_for(pki, "signer", images))
    assert "box" in error.value.errors
    placed = sign_pdf(plain, request_for(pki, "signer", images, box=Rect(0, 340, 100, 468, 164)))
    report = verify_pdf(placed, (pki.root.asn1,))
    assert report.ok and not report.signatures[0].placement_checked


@pytest.mark.parametrize("junk", [b"", b"%PDF-1.7\nnot really", b"PK\x03\x04zip"])
def test_a_file_that_is_no_pdf_is_refused(junk, pki, images):
    with pytest.raises(NotAPdf):
        verify_pdf(junk, (pki.root.asn1,))
    with pytest.raises((NotAPdf, SignError)):
        sign_pdf(junk, request_for(pki, "attachment", images, text="05/QĐ-UBND"))


@pytest.mark.parametrize(
    ("role", "text", "expected"),
    [
        ("attachment", "05/QĐ-UBND", ["05/QĐ-UBND"]),
        ("copy", "sao y\nỦy ban nhân dân tỉnh Bắc Giang", ["sao", "y", "Ủy", "Giang"]),
    ],
)
def test_an_attachment_or_copy_shows_the_top_right_block(
    plain, pki, images, tsa_url, tmp_path, role, text, expected
):
    signed = sign_pdf(plain, request_for(pki, role, images, tsa_url, text=text))
    path = tmp_path / f"{role}.pdf"
    path.write_bytes(signed)
    found = words(path, 1)
    top_right = [w for w in found if w[0] > 595.28 / 2 and w[3] < 20 * 72 / 25.4]
    printed = [w[4] for w in top_right]
    for word in expected:
        assert word in printed
    stamp = next(w for w in printed if w.endswith("+07:00"))
    assert stamp[:4].isdigit() and stamp[10] == "T"  # ISO 8601, Vietnam time
    heights = {round(w[3] - w[1]) for w in top_right}
    assert heights <= {11, 12}  # 10 pt text (pdftotext boxes include the line's ascent)
    image = render_page(path, 1)
    assert ink_box(image, "blue") is None and ink_box(image, "red") is None  # no image shown
    assert pdfa_problems(signed) == []
    report = verify_pdf(signed, (pki.root.asn1,))
    assert report.ok and report.signatures[0].role == role


def test_an_attachment_of_a_vanban_pdf_has_its_place_checked(ready, pki, images):
    signed = sign_pdf(ready, request_for(pki, "attachment", images, text="05/QĐ-UBND"))
    (signature,) = verify_pdf(signed, (pki.root.asn1,)).signatures
    assert signature.placement_checked and signature.ok


def test_a_seal_of_another_size_is_drawn_at_that_size(signed, pki, tmp_path):
    request = request_for(pki, "body", {"body": seal_png()}, seal_mm=40)
    issued = sign_pdf(signed, request)
    path = tmp_path / "issued.pdf"
    path.write_bytes(issued)
    red = None
    for page in (1, 2):
        try:
            red = red or ink_box(render_page(path, page), "red")
        except Exception:
            break
    assert red is not None and abs((red[2] - red[0]) - 40 * 72 / 25.4) <= 4
    assert verify_pdf(issued, (pki.root.asn1,)).ok


def test_signing_and_verifying_work_inside_a_running_event_loop(ready, pki, images):
    async def inside():
        signed = sign_pdf(ready, request_for(pki, "signer", images))
        return verify_pdf(signed, (pki.root.asn1,))

    # A thread of its own: the test process may already run a loop here (a browser test's).
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, inside()).result().ok
