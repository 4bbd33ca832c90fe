"""The body's signing configuration and the trust list, from VANBAN_* settings.

``signing_from_env`` reads the environment today; the site folder (a deployment's own data) can
later build the same ``SigningConfig`` from its files and hand it to the app instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

from .errors import SignError
from .keys import KeySpec
from .placement import DEFAULT_SEAL_MM


@dataclass(frozen=True)
class BodyKey:
    """The issuing body's key, seal image and name (for copies)."""

    key: KeySpec
    seal_image: str
    seal_mm: float = DEFAULT_SEAL_MM
    name: str = ""


@dataclass(frozen=True)
class SigningConfig:
    """What signing and verifying need from the deployment."""

    body: BodyKey | None = None
    trust_roots: tuple[str, ...] = ()  # PEM or DER files of the trusted root certificates
    tsa_url: str | None = None
    level: str | None = None  # B-B, B-T, B-LT; default: B-T with a timestamp server
    other_certs: tuple[str, ...] = field(default=())  # intermediates to embed for B-LT


def signing_from_env(env: Mapping[str, str] | None = None) -> SigningConfig:
    """Return the signing configuration named by VANBAN_* variables in ``env``."""
    env = os.environ if env is None else env
    key = KeySpec(
        p12=env.get("VANBAN_SIGN_P12") or None,
        pkcs11_lib=env.get("VANBAN_SIGN_PKCS11_LIB") or None,
        token=env.get("VANBAN_SIGN_TOKEN") or None,
        key_label=env.get("VANBAN_SIGN_KEY_LABEL") or None,
        pin=env.get("VANBAN_SIGN_PIN") or None,
    )
    body = None
    if key.p12 or key.pkcs11_lib:
        body = BodyKey(
            key=key,
            seal_image=env.get("VANBAN_SEAL_IMAGE", ""),
            seal_mm=_millimetres(env.get("VANBAN_SEAL_MM")),
            name=env.get("VANBAN_BODY_NAME", ""),
        )
    return SigningConfig(
        body=body,
        trust_roots=_paths(env.get("VANBAN_TRUST_ROOTS", "")),
        tsa_url=env.get("VANBAN_TSA_URL") or None,
        level=env.get("VANBAN_SIGN_LEVEL") or None,
        other_certs=_paths(env.get("VANBAN_SIGN_CHAIN", "")),
    )


def load_certificates(paths: Iterable[str]) -> tuple[asn1_x509.Certificate, ...]:
    """Return the certificates in PEM or DER files (a PEM file may hold several)."""
    certs = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError:
            raise SignError(f"Không đọc được tệp chứng thư {path}.") from None
        try:
            if pem.detect(data):
                certs += [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, True)]
            else:
                cert = asn1_x509.Certificate.load(data)
                cert.native  # noqa: B018 - parses now, so a bad file fails here
                certs.append(cert)
        except (ValueError, TypeError):
            raise SignError(f"Tệp {path} không phải chứng thư số PEM hoặc DER.") from None
    return tuple(certs)


def _paths(raw: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in raw.replace(os.pathsep, ",").split(",") if p.strip())


def _millimetres(raw: str | None) -> float:
    if raw is None or not raw.strip():
        return DEFAULT_SEAL_MM
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise SystemExit(
            f"vanban: VANBAN_SEAL_MM phải là số milimét, không phải {raw!r}."
        ) from None
    if not 10 <= value <= 80:
        raise SystemExit("vanban: VANBAN_SEAL_MM phải trong khoảng 10–80 mm.")
    return value
