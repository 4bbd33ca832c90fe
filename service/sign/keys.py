"""The signing key: a PKCS#12 file, or a PKCS#11 token (the USB tokens of Vietnamese CAs).

``open_signer`` yields a pyHanko signer and closes the token session afterwards. A wrong PIN or
password, a missing token or key, and a certificate not valid now all end in a SignError with a
Vietnamese message, before any byte is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.sign import signers

from .errors import SignError


@dataclass(frozen=True)
class KeySpec:
    """Where the key is: ``p12`` (a file) or ``pkcs11_lib`` + ``token`` (+ ``key_label``)."""

    p12: str | None = None
    pkcs11_lib: str | None = None
    token: str | None = None
    key_label: str | None = None
    pin: str | None = field(default=None, repr=False)  # PIN of the token, or the file's password


@contextmanager
def open_signer(spec: KeySpec, now: datetime | None = None) -> Iterator[signers.Signer]:
    """Yield a signer for ``spec`` whose certificate is valid at ``now``."""
    now = now or datetime.now(UTC)
    if spec.p12:
        signer = _pkcs12_signer(spec)
        _check_validity(signer.signing_cert, now)
        yield signer
    elif spec.pkcs11_lib:
        with _pkcs11_signer(spec) as signer:
            _check_validity(signer.signing_cert, now)
            yield signer
    else:
        raise SignError(
            "Chưa chỉ định khóa ký.",
            {"key": ["Dùng tệp PKCS#12 (--p12) hoặc thiết bị PKCS#11 (--pkcs11-lib, --token)."]},
        )


def _pkcs12_signer(spec: KeySpec) -> signers.SimpleSigner:
    """Return a signer from a PKCS#12 file."""
    path = Path(spec.p12 or "")
    try:
        data = path.read_bytes()
    except OSError:
        raise SignError(
            f"Không đọc được tệp khóa {path}.", {"p12": ["Tệp không tồn tại."]}
        ) from None
    password = spec.pin.encode() if spec.pin else None
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, password)
    except ValueError:
        raise SignError(
            "Sai mật khẩu tệp khóa, hoặc tệp không phải PKCS#12.", {"pin": ["Mật khẩu không đúng."]}
        ) from None
    if key is None or cert is None:
        raise SignError("Tệp PKCS#12 không có khóa bí mật và chứng thư số.")
    der = serialization.Encoding.DER
    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
        signing_key=key_info,
        cert_registry=_registry(asn1_x509.Certificate.load(c.public_bytes(der)) for c in chain),
    )


def _registry(certs):
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    return SimpleCertificateStore.from_certs(list(certs))


@contextmanager
def _pkcs11_signer(spec: KeySpec) -> Iterator[signers.Signer]:
    """Yield a signer on a PKCS#11 token, logged in with the PIN."""
    from pkcs11 import exceptions as p11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    try:
        session = open_pkcs11_session(
            spec.pkcs11_lib or "",
            token_criteria=TokenCriteria(label=spec.token) if spec.token else None,
            user_pin=spec.pin,
        )
    except (p11.PinIncorrect, p11.PinLenRange):
        raise SignError("Sai mã PIN của thiết bị ký.", {"pin": ["Mã PIN không đúng."]}) from None
    except p11.PinLocked:
        raise SignError("Thiết bị ký đã bị khóa do nhập sai mã PIN nhiều lần.") from None
    except (p11.PKCS11Error, OSError, RuntimeError) as error:
        raise SignError(
            "Không mở được thiết bị ký PKCS#11.", {"token": [str(error) or type(error).__name__]}
        ) from None
    try:
        # The chain is read from the token too (other_certs_to_pull=None: every certificate on it).
        signer = PKCS11Signer(session, key_label=spec.key_label, other_certs_to_pull=None)
        try:
            signer.signing_cert  # noqa: B018 - loads the certificate and the key handle now
        except Exception as error:  # pyHanko wraps token lookups in its own errors
            raise SignError(
                "Không tìm thấy khóa hoặc chứng thư số trên thiết bị ký.",
                {"key_label": [f"{spec.key_label or '(mặc định)'}: {error}"]},
            ) from None
        yield signer
    finally:
        session.close()


def _check_validity(cert: asn1_x509.Certificate, now: datetime) -> None:
    """Raise a SignError when ``cert`` is not valid at ``now``."""
    validity = cert["tbs_certificate"]["validity"]
    start, end = validity["not_before"].native, validity["not_after"].native
    who = cert.subject.human_friendly
    if now > end:
        raise SignError(
            f"Chứng thư số đã hết hạn ngày {end:%d/%m/%Y}: không thể ký.", {"certificate": [who]}
        )
    if now < start:
        raise SignError(
            f"Chứng thư số chưa có hiệu lực (từ ngày {start:%d/%m/%Y}).", {"certificate": [who]}
        )
