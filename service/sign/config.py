"""The body's signing configuration and the trust list: the site folder's ``signing.json``,
with VANBAN_* variables taking precedence.

``signing.json`` (paths relative to the site folder)::

    {"p12": "keys/ubnd.p12", "seal_image": "dau.png", "seal_mm": 36, "name": "UBND tỉnh …",
     "trust_roots": ["trust/root.pem"], "chain": ["trust/ca.pem"], "tsa_url": "http://…",
     "level": "B-T"}

or ``"pkcs11_lib"``, ``"token"``, ``"key_label"`` instead of ``"p12"``. The PIN is never in a
file: VANBAN_SIGN_PIN.
"""

from __future__ import annotations

import json
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


VARIABLES = {  # signing.json key → VANBAN_ variable
    "p12": "VANBAN_SIGN_P12",
    "pkcs11_lib": "VANBAN_SIGN_PKCS11_LIB",
    "token": "VANBAN_SIGN_TOKEN",
    "key_label": "VANBAN_SIGN_KEY_LABEL",
    "seal_image": "VANBAN_SEAL_IMAGE",
    "seal_mm": "VANBAN_SEAL_MM",
    "name": "VANBAN_BODY_NAME",
    "trust_roots": "VANBAN_TRUST_ROOTS",
    "chain": "VANBAN_SIGN_CHAIN",
    "tsa_url": "VANBAN_TSA_URL",
    "level": "VANBAN_SIGN_LEVEL",
}
PATHS = {"p12", "seal_image", "trust_roots", "chain"}  # relative to the site folder
SITE_FILE = "signing.json"


def signing_from_env(
    env: Mapping[str, str] | None = None, site: str | None = None
) -> SigningConfig:
    """Return the signing configuration: VANBAN_* variables over the site's ``signing.json``.

    ``site`` defaults to VANBAN_SITE_DIR (which ``--site`` sets for the command line).
    """
    env = os.environ if env is None else env
    values = _site_values(site or env.get("VANBAN_SITE_DIR") or None)
    for key, variable in VARIABLES.items():
        if env.get(variable, "").strip():
            values[key] = env[variable].strip()
    key = KeySpec(
        p12=values.get("p12") or None,
        pkcs11_lib=values.get("pkcs11_lib") or None,
        token=values.get("token") or None,
        key_label=values.get("key_label") or None,
        pin=env.get("VANBAN_SIGN_PIN") or None,
    )
    body = None
    if key.p12 or key.pkcs11_lib:
        body = BodyKey(
            key=key,
            seal_image=values.get("seal_image", ""),
            seal_mm=_millimetres(values.get("seal_mm")),
            name=values.get("name", ""),
        )
    return SigningConfig(
        body=body,
        trust_roots=_paths(values.get("trust_roots", "")),
        tsa_url=values.get("tsa_url") or None,
        level=values.get("level") or None,
        other_certs=_paths(values.get("chain", "")),
    )


def _site_values(site: str | None) -> dict[str, str]:
    """Return the site's signing.json as strings, paths made absolute; {} when it has none."""
    path = Path(site) / SITE_FILE if site else None
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SignError(f"Không đọc được {path}: {error}.") from None
    if not isinstance(data, dict) or set(data) - set(VARIABLES):
        unknown = sorted(set(data) - set(VARIABLES)) if isinstance(data, dict) else []
        raise SignError(
            f"{path}: cần một đối tượng JSON với các khóa {', '.join(VARIABLES)}.",
            {SITE_FILE: [f"Khóa không biết: {', '.join(unknown)}."] if unknown else []},
        )
    values = {}
    for key, value in data.items():
        items = value if isinstance(value, list) else [value]
        if key in PATHS:
            items = [str(Path(site) / str(item)) for item in items]  # type: ignore[arg-type]
        values[key] = ",".join(str(item) for item in items)
    return values


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
