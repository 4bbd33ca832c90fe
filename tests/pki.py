"""A test PKI made at test time: root, intermediate, signer, body, expired signer, timestamp authority.

Keys are RSA 2048 (what Vietnamese CAs issue); PKCS#12 files carry the key with its chain, the
way a CA hands them out. ``TimestampServer`` is an RFC 3161 server on a loopback port, answering
with pyHanko's DummyTimeStamper signed by the test TSA certificate.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = "mat-khau-p12"
DER = serialization.Encoding.DER


@dataclass
class Identity:
    """A certificate and its key."""

    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def asn1(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.cert.public_bytes(DER))

    @property
    def asn1_key(self) -> asn1_keys.PrivateKeyInfo:
        return asn1_keys.PrivateKeyInfo.load(
            self.key.private_bytes(
                DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )

    def pem_key(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "vanban test"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def issue(
    common: str,
    issuer: Identity | None,
    *,
    ca: bool = False,
    days: tuple[int, int] = (-30, 365),
    usage: x509.ObjectIdentifier | None = None,
) -> Identity:
    """Return a new identity signed by ``issuer`` (self-signed when None)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    subject = _name(common)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + timedelta(days=days[0]))
        .not_valid_after(now + timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    if usage is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=True)
    cert = builder.sign((issuer or Identity(None, key)).key, hashes.SHA256())  # type: ignore[arg-type]
    return Identity(cert, key)


@dataclass
class Pki:
    """The test PKI and its files."""

    root: Identity
    intermediate: Identity
    signer: Identity
    body: Identity
    expired: Identity
    tsa: Identity
    folder: Path

    def p12(self, who: str, password: str = PASSWORD) -> Path:
        """Write ``who``'s key and chain as PKCS#12 and return the path."""
        identity: Identity = getattr(self, who)
        path = self.folder / f"{who}.p12"
        path.write_bytes(
            pkcs12.serialize_key_and_certificates(
                who.encode(),
                identity.key,
                identity.cert,
                [self.intermediate.cert, self.root.cert],
                serialization.BestAvailableEncryption(password.encode()),
            )
        )
        return path

    def root_pem(self) -> Path:
        """Write the root certificate (the trust list) as PEM and return the path."""
        path = self.folder / "root.pem"
        path.write_bytes(self.root.cert.public_bytes(serialization.Encoding.PEM))
        return path


def make_pki(folder: Path) -> Pki:
    """Return a fresh PKI whose files go to ``folder``."""
    root = issue("vanban test root CA", None, ca=True, days=(-60, 3650))
    intermediate = issue("vanban test issuing CA", root, ca=True, days=(-60, 1825))
    return Pki(
        root=root,
        intermediate=intermediate,
        signer=issue("Nguyễn Văn A", intermediate),
        body=issue("UBND tỉnh Bắc Giang", intermediate),
        expired=issue("Người ký hết hạn", intermediate, days=(-400, -1)),
        tsa=issue("vanban test TSA", intermediate, usage=ExtendedKeyUsageOID.TIME_STAMPING),
        folder=folder,
    )


class TimestampServer:
    """An RFC 3161 timestamp server on a free loopback port (a context manager)."""

    def __init__(self, pki: Pki) -> None:
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        stamper = DummyTimeStamper(
            tsa_cert=pki.tsa.asn1,
            tsa_key=pki.tsa.asn1_key,
            certs_to_embed=[pki.intermediate.asn1],
        )

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/tsa"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> TimestampServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
