"""A ZIP of a batch's outputs with its manifest and report, the same bytes for the same files."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from .manifest import MANIFEST
from .report import REPORT

STAMP = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: no clock time in the archive


def archive_members(outdir: Path) -> list[str]:
    """Return the files to pack: every output the manifest lists, then manifest and report."""
    try:
        records = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))["items"]
    except (OSError, ValueError, KeyError):
        records = []
    outputs = sorted({o["path"] for record in records for o in record.get("outputs", [])})
    return [*outputs, *(name for name in (MANIFEST, REPORT) if (outdir / name).is_file())]


def write_archive(outdir: Path, target: Path) -> None:
    """Write the ZIP of ``outdir`` to ``target`` through a temporary file and a rename."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in archive_members(outdir):
                info = zipfile.ZipInfo(name, date_time=STAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, (outdir / name).read_bytes())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
