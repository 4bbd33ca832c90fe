"""LibreOffice as the tests use it: headless, with a profile of its own, failing loudly."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def office_convert(
    work: Path, target: str, outdir: Path, *sources: Path, timeout: float = 300
) -> None:
    """Convert ``sources`` to ``target`` ("pdf", "docx:MS Word 2007 XML" …) into ``outdir``.

    The LibreOffice profile goes under ``work``, so parallel tests never share one.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by `make test` (libreoffice-*-nogui)"
    done = subprocess.run(
        [
            *(soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless"),
            *("--convert-to", target, "--outdir", str(outdir), *map(str, sources)),
        ],
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
