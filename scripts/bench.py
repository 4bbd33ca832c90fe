"""Benchmark (`make bench`): vanban against the naive way and against LibreOffice, in one run.

- DOCX: vanban's compiled template vs naive docxtpl use (load the template file, render, save,
  for every document), same template, same context.
- PDF: vanban (WeasyPrint, one process) vs LibreOffice headless converting the same DOCX files in
  one batch process, when `soffice` is installed.
- Batch: `vanban batch` over 1,000 mixed documents (DOCX + PDF) with --jobs 2: wall time and the
  peak RSS of the largest worker.
Prints a table; it is not a test and asserts nothing about time.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from service import __version__
from service.errors import InvalidInput
from service.pipeline import compose
from service.render import TEMPLATES
from service.render.docx import docx_context, render_docx
from service.render.pdf import render_pdf

ROOT = Path(__file__).resolve().parent.parent
COUNT = int(os.environ.get("VANBAN_BENCH_DOCS", "200"))
BATCH_COUNT = int(os.environ.get("VANBAN_BENCH_BATCH", "1000"))


def fixture_payloads() -> list[dict]:
    """Return every valid fixture input (the seeds and the decision examples)."""
    payloads = []
    for path in sorted((ROOT / "fixtures").rglob("*.json")):
        payload = json.loads(path.read_text(encoding="utf-8"))
        try:
            compose(payload)
        except InvalidInput:
            continue  # edge fixtures that exist to be refused
        payloads.append(payload)
    return payloads


def timed(label: str, fn, count: int) -> float:
    """Return milliseconds per call of ``fn(i)`` over ``count`` calls."""
    fn(0)  # warm caches (template compilation, fonts) once, as a running service would
    start = time.perf_counter()
    for i in range(count):
        fn(i)
    per = (time.perf_counter() - start) * 1000 / count
    print(f"  {label}: {per:.1f} ms/doc", file=sys.stderr)
    return per


def naive_docx(document) -> bytes:
    """Render like most docxtpl users do: open the template, render, save."""
    template = DocxTemplate(TEMPLATES / "decisions" / f"{document.meta.kind}.docx")
    template.render(docx_context(document), jinja_env=SandboxedEnvironment(autoescape=True))
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def libreoffice_ms(documents, folder: Path) -> tuple[float, float] | None:
    """Return LibreOffice's (wall, CPU) ms per document converting all DOCX in one process."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    sources = []
    for i, document in enumerate(documents):
        path = folder / f"{i:04d}.docx"
        path.write_bytes(render_docx(document))
        sources.append(str(path))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "pdf"),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=3600,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000 / len(documents), cpu * 1000 / len(documents)


def batch_figures(payloads: list[dict], folder: Path) -> tuple[float, float] | None:
    """Return (wall seconds, peak worker RSS in MB) of `vanban batch` on BATCH_COUNT documents."""
    help_text = subprocess.run(
        [sys.executable, "-m", "service", "--help"], capture_output=True, text=True, check=True
    ).stdout
    if "batch" not in help_text:
        return None
    inputs = folder / "inputs.jsonl"
    cycle = itertools.islice(itertools.cycle(payloads), BATCH_COUNT // 2)
    inputs.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in cycle), encoding="utf-8"
    )
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "service",
            "batch",
            str(inputs),
            "-o",
            str(folder / "out"),
            "--format",
            "docx,pdf",
            "--jobs",
            "2",
        ],
        check=True,
        capture_output=True,
        timeout=3600,
    )
    wall = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak_kb / 1024


def main() -> None:
    """Run every measurement and print the table."""
    payloads = fixture_payloads()
    documents = [compose(p) for p in itertools.islice(itertools.cycle(payloads), COUNT)]
    print(f"{len(payloads)} fixtures replicated to {COUNT} documents", file=sys.stderr)
    ours_docx = timed("vanban DOCX", lambda i: render_docx(documents[i]), COUNT)
    naive = timed("naive docxtpl DOCX", lambda i: naive_docx(documents[i]), COUNT)
    ours_pdf = timed("vanban PDF", lambda i: render_pdf(documents[i]), COUNT)
    with tempfile.TemporaryDirectory() as tmp:
        office = libreoffice_ms(documents, Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        batch = batch_figures(payloads, Path(tmp))
    print_table(ours_docx, naive, ours_pdf, office, batch)
    from bench_distributed import print_distributed  # its own module: see its docstring

    print_distributed(payloads, BATCH_COUNT)


def print_table(ours_docx, naive, ours_pdf, office, batch) -> None:
    """Print the results as a Markdown table ready for the README."""
    info = Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []
    cpu = next(
        (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
        platform.processor(),
    )
    print(
        f"\nvanban {__version__}, Python {platform.python_version()}, {os.cpu_count()} cores "
        f"({cpu}), {COUNT} documents\n"
    )
    print("| measure | vanban | compared with | ratio |\n|---|---|---|---|")
    print(
        f"| DOCX, ms/doc (docs/s) | {ours_docx:.2f} ({1000 / ours_docx:.0f}/s) | naive docxtpl "
        f"{naive:.2f} ({1000 / naive:.0f}/s) | {naive / ours_docx:.1f}× faster |"
    )
    if office is None:
        print(f"| PDF, ms/doc | {ours_pdf:.1f} | LibreOffice not installed | – |")
    else:
        wall, cpu = office
        ratio = (
            f"{cpu / ours_pdf:.1f}× faster"
            if cpu > ours_pdf
            else f"{ours_pdf / cpu:.1f}× slower (target missed)"
        )
        print(
            f"| PDF, ms/doc on one core | {ours_pdf:.1f} | LibreOffice, one batch process: "
            f"{wall:.1f} wall, {cpu:.1f} CPU | {ratio} |"
        )
    if batch is None:
        print("| batch | `vanban batch` not available | – | – |")
    else:
        wall, rss = batch
        met = "targets met" if wall < 120 and rss < 400 else "target missed"
        print(
            f"| batch {BATCH_COUNT} docs (DOCX+PDF), --jobs 2 | {wall:.1f} s wall, peak "
            f"worker RSS {rss:.0f} MB | targets: < 120 s, < 400 MB | {met} |"
        )


if __name__ == "__main__":
    main()
