"""OUTDIR/manifest.json: what each output was made from, to reproduce it and to skip it.

Per item: the SHA-256 of its input (canonical JSON of the payload actually rendered, so a
``--year`` draft differs from its source), of the templates its formats use, the versions of
vanban, docxtpl and WeasyPrint plus a digest of the code and data that shape a document, and
per output file its path, size and SHA-256. No times, sorted keys: the same batch gives the
same manifest, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..render import PACKAGED_TEMPLATES, TemplateSet

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
PACKAGE = Path(__file__).resolve().parents[1]
# Parts of the package that never change a document's bytes: edges and this batch machinery.
NOT_RENDERING = ("api/", "batch/", "web/", "app.py", "cli.py", "config.py", "__main__.py")


@dataclass(frozen=True)
class Output:
    """One written file."""

    format: str
    path: str  # relative to OUTDIR
    size: int
    sha256: str


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def canonical(payload: Any) -> bytes:
    """Return ``payload`` as canonical JSON bytes: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def input_hash(payload: Any) -> str:
    """Return the SHA-256 of a payload's canonical JSON (formatting does not matter)."""
    return sha256(canonical(payload))


@cache
def versions() -> dict[str, str]:
    """Return the versions and the code digest that decide the bytes of an output."""
    return {
        "vanban": __version__,
        "docxtpl": metadata.version("docxtpl"),
        "weasyprint": metadata.version("weasyprint"),
        "code_sha256": _code_digest(),
    }


def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".json")):
        name = path.relative_to(PACKAGE).as_posix()
        if "__pycache__" in name or name.startswith(NOT_RENDERING):
            continue
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def template_hash(
    kind: str, formats: tuple[str, ...], templates: TemplateSet = PACKAGED_TEMPLATES
) -> str:
    """Return the SHA-256 over the template files that ``formats`` of ``kind`` read.

    DOCX reads its Word template (a site's own, or the shared one); HTML and PDF read the HTML
    templates, partials and styles of every template folder, all counted (a partial may be
    shared by every kind).
    """
    # Keyed by the file's role, never its absolute path: the same templates installed
    # elsewhere give the same hash.
    files: dict[str, Path] = {}
    if "docx" in formats:
        files["docx"] = templates.docx(kind)
    if {"html", "pdf"} & set(formats):
        for rank, folder in enumerate(templates.html_folders()):
            for p in folder.rglob("*"):
                if p.is_file() and p.suffix != ".docx" and not p.name.startswith("."):
                    files[f"{rank}/{p.relative_to(folder).as_posix()}"] = p
    digest = hashlib.sha256()
    for key, path in sorted(files.items()):
        content = path.read_bytes() if path.is_file() else b"<missing>"
        digest.update(key.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()


def entry(
    item: str,
    kind: str,
    payload_sha: str,
    formats: tuple[str, ...],
    stem: str,
    outputs: Iterable[Output],
    options: Mapping[str, Any],
    templates: TemplateSet = PACKAGED_TEMPLATES,
) -> dict[str, Any]:
    """Return the manifest record of one produced item."""
    return {
        "item": item,
        "kind": kind,
        "input_sha256": payload_sha,
        "template_sha256": template_hash(kind, formats, templates),
        "versions": versions(),
        "options": dict(options),
        "stem": stem,
        "outputs": [vars(o) for o in sorted(outputs, key=lambda o: o.format)],
    }


def read_manifest(outdir: Path) -> dict[str, dict]:
    """Return the previous run's records by item id; nothing when absent or unreadable."""
    try:
        data = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
        return {record["item"]: record for record in data["items"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def render_manifest(records: Iterable[dict]) -> bytes:
    """Return the manifest file's bytes: records sorted by item, keys sorted, no times."""
    body = {
        "format_version": FORMAT_VERSION,
        "items": sorted(records, key=lambda record: record["item"]),
    }
    return (json.dumps(body, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def unchanged(record: dict | None, expected: dict, outdir: Path, names: dict[str, str]) -> bool:
    """Return whether ``record`` already describes the expected outputs, files intact.

    ``expected`` holds what the record must repeat (input and template hashes, versions,
    options); ``names`` the file each format must have; each file's SHA-256 is checked.
    """
    if record is None or any(record.get(key) != value for key, value in expected.items()):
        return False
    outputs = {o.get("format"): o for o in record.get("outputs", [])}
    if {fmt: o.get("path") for fmt, o in outputs.items()} != names:
        return False
    return all(_intact(outdir / o["path"], o) for o in outputs.values())


def _intact(path: Path, output: Mapping[str, Any]) -> bool:
    try:
        if path.stat().st_size != output.get("size"):
            return False
        return sha256(path.read_bytes()) == output.get("sha256")
    except OSError:
        return False
