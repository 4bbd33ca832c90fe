"""Start-up of the command line: a command imports only the stacks it uses."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import FIXTURES

# Stacks a DOCX render never uses: PDF, signing, register, distributed batch, web; the DOCX
# checker (lint), and urllib's HTTP client.
HEAVY = (
    "weasyprint",
    "pyhanko",
    "sqlalchemy",
    "alembic",
    "celery",
    "flask",
    "service.lint",
    "urllib.request",
)

PROBE = """
import json, sys
from service.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    heavy = sorted(set(sys.modules) & set(json.loads(LIBRARIES)))
    print("IMPORTED=" + json.dumps(heavy), file=sys.stderr)
"""


def imported(*args: str) -> list[str]:
    """Return which heavy libraries ``vanban ARGS`` imported, running it in a new process."""
    code = PROBE.replace("LIBRARIES", repr(json.dumps(HEAVY)))
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    line = [x for x in done.stderr.splitlines() if x.startswith("IMPORTED=")][-1]
    return json.loads(line.removeprefix("IMPORTED="))


def test_a_docx_batch_imports_no_pdf_signing_register_or_web_stack(tmp_path):
    source = FIXTURES / "decisions" / "direct-decision.json"
    assert imported("batch", str(source), "-o", str(tmp_path / "out"), "--format", "docx") == []
    assert (tmp_path / "out" / "report.json").is_file()


def test_a_docx_render_imports_none_of_them_either(tmp_path):
    source = FIXTURES / "decisions" / "direct-decision.json"
    assert imported("render", str(source), "-o", str(tmp_path / "a.docx")) == []
    assert (tmp_path / "a.docx").stat().st_size > 0


def test_help_still_lists_every_command_and_a_pdf_render_loads_weasyprint(tmp_path):
    source = FIXTURES / "decisions" / "direct-decision.json"
    assert "weasyprint" in imported(
        "render", str(source), "-f", "pdf", "-o", str(tmp_path / "a.pdf")
    )
