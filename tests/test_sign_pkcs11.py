"""Signing with a real PKCS#11 module: a SoftHSM2 token made in a temporary folder, holding the
body's key, its certificate and the issuing CA, as the USB tokens of Vietnamese CAs do."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from service.sign.errors import SignError
from service.sign.keys import KeySpec
from service.sign.signing import sign_pdf
from service.sign.verify import verify_pdf
from tests.conftest import load_fixture
from tests.signing import pdfsig, request_for

MODULES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
PIN, SO_PIN, TOKEN = "123456", "12345678", "vanban-test"


def module() -> str:
    """Return the SoftHSM2 PKCS#11 module (Debian package softhsm2)."""
    found = next((m for m in MODULES if Path(m).exists()), None)
    assert found, "softhsm2 is not installed (make test installs it)"
    return found


@pytest.fixture(scope="module")
def token(pki, tmp_path_factory) -> str:
    """Return the module path of a token holding the body's key and certificates."""
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)  # read by the module when it is loaded, in-process too
    run = lambda *args: subprocess.run(args, check=True, capture_output=True)  # noqa: E731
    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        TOKEN,
        "--pin",
        PIN,
        "--so-pin",
        SO_PIN,
    )
    key = folder / "body.key"
    key.write_bytes(pki.body.pem_key())
    run(
        "softhsm2-util",
        "--import",
        str(key),
        "--token",
        TOKEN,
        "--label",
        "body",
        "--id",
        "01",
        "--pin",
        PIN,
    )
    key.unlink()
    for label, identity, ident in (("body", pki.body, "01"), ("ca", pki.intermediate, "02")):
        der = folder / f"{label}.der"
        der.write_bytes(identity.cert.public_bytes(serialization.Encoding.DER))
        run(
            "pkcs11-tool",
            "--module",
            module(),
            "--token-label",
            TOKEN,
            "--login",
            "--pin",
            PIN,
            "--write-object",
            str(der),
            "--type",
            "cert",
            "--label",
            label,
            "--id",
            ident,
        )
    return module()


@pytest.fixture(scope="module")
def signed_by_signer(pki, images) -> bytes:
    from service.pipeline import generate

    ready = generate(load_fixture("seeds/004-quality-objectives-2022.json"), "pdf-ky").content
    return sign_pdf(ready, request_for(pki, "signer", images))


def test_the_body_signs_with_its_token(
    token, signed_by_signer, pki, images, tsa_url, nss_db, tmp_path
):
    request = request_for(pki, "body", images, tsa_url)
    on_token = KeySpec(pkcs11_lib=token, token=TOKEN, key_label="body", pin=PIN)
    issued = sign_pdf(signed_by_signer, type(request)(**{**request.__dict__, "key": on_token}))
    report = verify_pdf(issued, (pki.root.asn1,))
    assert report.ok, report.to_dict()
    assert report.signatures[-1].role == "body" and "UBND" in report.signatures[-1].signer
    path = tmp_path / "issued.pdf"
    path.write_bytes(issued)
    assert [s["Certificate Validation"] for s in pdfsig(path, nss_db)] == [
        "Certificate is Trusted."
    ] * 2


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"pin": "000000"}, "Sai mã PIN"),
        ({"token": "no-such-token"}, "Không mở được thiết bị ký"),
        ({"key_label": "nobody"}, "Không tìm thấy khóa"),
    ],
)
def test_token_mistakes_are_refused_in_vietnamese(
    token, signed_by_signer, pki, images, spec, message
):
    request = request_for(pki, "body", images)
    key = KeySpec(**{"pkcs11_lib": token, "token": TOKEN, "key_label": "body", "pin": PIN, **spec})
    with pytest.raises(SignError, match=message):
        sign_pdf(signed_by_signer, type(request)(**{**request.__dict__, "key": key}))
