"""Fixtures and helpers shared by the signing tests: the PKI, the timestamp server, images, pdfsig.

Imported by the signing test modules (``from tests.signing import *`` style fixtures); all of
them are session-scoped, made once per run in a temporary folder.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from service.sign.keys import KeySpec
from service.sign.request import SignRequest
from tests.pki import PASSWORD, Pki, TimestampServer, make_pki
from tests.stamps import seal_png, signature_png


@pytest.fixture(scope="session")
def pki(tmp_path_factory) -> Pki:
    """Return the test PKI (root, intermediate, signer, body, expired, TSA)."""
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def tsa_url(pki):
    """Yield the URL of a running RFC 3161 timestamp server on loopback."""
    with TimestampServer(pki) as server:
        yield server.url


@pytest.fixture(scope="session")
def images() -> dict[str, bytes]:
    """Return the blue signature and the red seal."""
    return {"signer": signature_png(), "body": seal_png()}


@pytest.fixture(scope="session")
def nss_db(pki, tmp_path_factory) -> Path:
    """Return an NSS database trusting the test root, for poppler's pdfsig."""
    folder = tmp_path_factory.mktemp("nss")
    subprocess.run(["certutil", "-N", "-d", f"sql:{folder}", "--empty-password"], check=True)
    subprocess.run(
        [
            "certutil",
            "-A",
            "-d",
            f"sql:{folder}",
            "-n",
            "vanban-test-root",
            "-t",
            "CT,C,C",
            "-i",
            str(pki.root_pem()),
        ],
        check=True,
    )
    return folder


def request_for(
    pki: Pki, role: str, images: dict, tsa_url: str | None = None, **extra
) -> SignRequest:
    """Return a signing request with the PKCS#12 key of the role's identity."""
    who = {"signer": "signer"}.get(role, "body")
    return SignRequest(
        role=role,
        key=KeySpec(p12=str(pki.p12(who)), pin=PASSWORD),
        image=images.get(role),
        tsa_url=tsa_url,
        trust_roots=(pki.root.asn1,),
        other_certs=(pki.intermediate.asn1,),
        **extra,
    )


def pdfsig(path: Path, nss: Path) -> list[dict[str, str]]:
    """Return what poppler's pdfsig reports for each signature (field, validation, trust)."""
    result = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{nss}", str(path)], capture_output=True, text=True
    )
    blocks = re.split(r"^Signature #\d+:$", result.stdout, flags=re.M)[1:]
    found = []
    for block in blocks:
        fields = dict(re.findall(r"^\s+- ([^:\n]+): (.*)$", block, flags=re.M))
        found.append(fields)
    return found
