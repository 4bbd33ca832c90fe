"""Benchmark (`make bench`): each figure against its comparison, in the same run.

The machine is shared, so a comparison is CPU time against CPU time (the process's own for an
in-process render; for a command, that of every process it started, workers included), each the
best of REPEAT rounds, with wall time beside it. Memory is each process's own peak RSS.

- DOCX in process: vanban against naive docxtpl (load the template, render, save, every time) and
  against the floor: writing the same parts as a zip with zipfile, no templating at all.
- PDF in process: vanban (WeasyPrint, warm) against LibreOffice converting the same DOCX files:
  one warm process, its start-up (one document) taken out; on the bench's documents (the
  fixtures, four times each: lines vanban has broken once are remembered, as in a batch of
  like decisions or a draft's PDF made again) and on each fixture once with vanban's line-break
  memo empty.
- `vanban batch` of COUNT DOCX, process start included, --jobs 1 and 2, against naive docxtpl.
- `vanban batch` of BATCH_COUNT documents (DOCX + PDF), --jobs 2: time and each role's peak RSS.
- Growth: ranking decisions of 10 to 3,000 agencies, ms per agency and peak RSS, each in its own
  process; a step whose cost per agency grows by more than a quarter is flagged.
Prints Markdown tables; it is not a test and asserts nothing about time.
"""

from __future__ import annotations

import copy
import ctypes
import datetime
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
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from service import __version__
from service.batch.cli import default_jobs
from service.batch.pool import worthwhile_jobs
from service.errors import VanbanError
from service.pipeline import compose, warm
from service.render import PACKAGED_TEMPLATES, line_memo
from service.render.docx import docx_context, render_docx
from service.render.pdf import font_config, render_pdf
from service.render.zipout import LEVEL as ZIP_LEVEL

ROOT = Path(__file__).resolve().parent.parent
COUNT = int(os.environ.get("VANBAN_BENCH_DOCS", "200"))
BATCH_COUNT = int(os.environ.get("VANBAN_BENCH_BATCH", "1000"))
PDF_COUNT = int(os.environ.get("VANBAN_BENCH_PDFS", "48"))  # the fixtures, four times each
REPEAT = int(os.environ.get("VANBAN_BENCH_REPEAT", "3"))
SIZES = tuple(int(n) for n in os.environ.get("VANBAN_BENCH_SIZES", "10,100,1000,3000").split(","))
LINEAR = 1.25  # a step may cost at most this much more per agency than the one before
PR_SET_CHILD_SUBREAPER = 36


@dataclass
class Timing:
    """Milliseconds per item: CPU (best round) and the wall time of that round."""

    cpu: float
    wall: float


@dataclass
class Usage:
    """What a command cost: wall and CPU seconds (all its processes), peak RSS in MB by role."""

    wall: float
    cpu: float
    peaks: dict[str, float] = field(default_factory=dict)


def fixture_payloads() -> list[dict]:
    """Return every fixture input that composes (the edge cases meant to be refused are left)."""
    payloads = []
    for path in sorted((ROOT / "fixtures").rglob("*.json")):
        payload = json.loads(path.read_text(encoding="utf-8"))
        try:
            compose(payload)
        except VanbanError:
            continue
        payloads.append(payload)
    return payloads


def per_item(
    fn: Callable, items: Sequence, before_round: Callable[[], None] | None = None
) -> Timing:
    """Return the best of REPEAT rounds of ``fn`` over ``items``, per item, after one warm call
    (``before_round``, untimed, before each round)."""
    fn(items[0])  # compiled templates, parsed CSS, loaded fonts: as in a running service
    rounds = []
    for _ in range(REPEAT):
        if before_round is not None:
            before_round()
        cpu, wall = time.process_time(), time.perf_counter()
        for item in items:
            fn(item)
        rounds.append(
            Timing(
                (time.process_time() - cpu) * 1000 / len(items),
                (time.perf_counter() - wall) * 1000 / len(items),
            )
        )
    return min(rounds, key=lambda t: t.cpu)


def naive_docx(document) -> bytes:
    """Render like most docxtpl users do: open the template, render, save."""
    template = DocxTemplate(PACKAGED_TEMPLATES.docx(document.meta.kind))
    template.render(docx_context(document), jinja_env=SandboxedEnvironment(autoescape=True))
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def zip_floor(parts: list[tuple[str, bytes]]) -> bytes:
    """Write finished parts as a zip with zipfile: a DOCX with no templating at all.

    At the compression level vanban's writer uses (service/render/zipout.py), so that the floor is
    the same zip, not a slower one.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as zf:
        for name, data in parts:
            zf.writestr(name, data)
    return out.getvalue()


def docx_parts(package: bytes) -> list[tuple[str, bytes]]:
    """Return the parts of a zip, in order."""
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        return [(name, zf.read(name)) for name in zf.namelist()]


def docx_figures(documents: list) -> dict[str, Timing]:
    """Return vanban's DOCX, naive docxtpl's and the zip floor's time per document."""
    parts = [docx_parts(render_docx(d)) for d in documents]
    return {
        "vanban": per_item(render_docx, documents),
        "naive": per_item(naive_docx, documents),
        "floor": per_item(zip_floor, parts),
    }


def subreaper() -> None:
    """Adopt the processes our commands leave behind (a fork server and its workers).

    Their CPU time and peak RSS then reach this process when it reaps them, instead of being
    lost with a parent that exits first.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def installed_env() -> dict[str, str]:
    """Return this environment with Python's bytecode cache on, as in an installed service.

    Without it (PYTHONDONTWRITEBYTECODE) every process compiles every module it imports, a third
    of a second a start; the cache goes to a folder of its own, not into the source tree.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "vanban-bench-pyc")}


def measured(command: list[str]) -> Usage:
    """Run ``command``; return its wall time, the CPU of all its processes, and their peaks.

    Peaks: "main" is the command's own process, "workers" the largest process it left behind.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, env=installed_env()
        )
        _, status, own = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        workers = 0
        while True:  # the orphans: they exit once their parent has gone
            try:
                workers = max(workers, os.wait4(-1, 0)[2].ru_maxrss)
            except ChildProcessError:
                break
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{command[:4]}… failed:\n{errors.read().decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    peaks = {"main": own.ru_maxrss / 1024}
    if workers:
        peaks["workers"] = workers / 1024
    return Usage(wall, cpu, peaks)


def libreoffice(documents: list, folder: Path) -> tuple[Timing, Usage] | None:
    """Return LibreOffice's time per document once started, and its whole run over them."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    sources = []
    for i, document in enumerate(documents):
        path = folder / f"{i:04d}.docx"
        path.write_bytes(render_docx(document))
        sources.append(str(path))
    base = [soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless"]
    convert = [*base, "--convert-to", "pdf", "--outdir", str(folder / "pdf")]
    measured(convert + sources[:1])  # the first run creates the profile
    runs = [(measured(convert + sources[:1]), measured(convert + sources)) for _ in range(REPEAT)]
    one, all_ = min(runs, key=lambda r: r[1].cpu - r[0].cpu)
    extra = len(sources) - 1
    marginal = Timing(
        (all_.cpu - one.cpu) * 1000 / extra, max(0.0, all_.wall - one.wall) * 1000 / extra
    )
    return marginal, all_


def first_renders(documents: list) -> Timing:
    """Return vanban's PDF time per document when each is rendered once, nothing remembered.

    Each round empties the line-break memo first (service/render/line_memo.py), so no document
    reuses a line broken for an earlier round: what a batch of unlike documents costs.
    """
    return per_item(render_pdf, documents, before_round=lambda: line_memo.forget(font_config()))


def pdf_figures(documents: list, distinct: list, folder: Path) -> dict:
    """Return vanban's PDF time per document and LibreOffice's, on the same documents: the
    bench's documents (the fixtures, four times each), and each fixture once."""
    (folder / "once").mkdir()
    return {
        "vanban": per_item(render_pdf, documents),
        "office": libreoffice(documents, folder),
        "vanban_once": first_renders(distinct),
        "office_once": libreoffice(distinct, folder / "once"),
    }


def write_inputs(payloads: list[dict], count: int, path: Path) -> Path:
    """Write ``count`` inputs, the payloads repeated in turn, as JSON Lines."""
    cycle = itertools.islice(itertools.cycle(payloads), count)
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in cycle), "utf-8")
    return path


def vanban_batch(inputs: Path, outdir: Path, formats: str, jobs: int | None) -> Usage:
    """Return what one `vanban batch` run cost, from process start to its workers' exit.

    ``jobs`` None runs it as a user does without --jobs (pool.worthwhile_jobs decides).
    """
    vanban = [sys.executable, "-m", "service", "batch", str(inputs), "-o", str(outdir)]
    return measured([*vanban, "--format", formats, *(["--jobs", str(jobs)] if jobs else [])])


def batch_docx_figures(payloads: list[dict], folder: Path) -> dict[int | None, Usage]:
    """Return the best of REPEAT `vanban batch` runs of COUNT DOCX, by --jobs (none, 1, 2)."""
    inputs = write_inputs(payloads, COUNT, folder / "docx.jsonl")
    vanban_batch(inputs, folder / "docx-warm", "docx", 1)  # fills the bytecode cache
    figures = {}
    for jobs in (None, 1, 2):
        runs = []
        for round_ in range(REPEAT):
            runs.append(vanban_batch(inputs, folder / f"docx-{jobs}-{round_}", "docx", jobs))
        figures[jobs] = min(runs, key=lambda u: u.cpu)
    return figures


def batch_mixed_figures(payloads: list[dict], folder: Path) -> Usage:
    """Return what `vanban batch` costs for BATCH_COUNT documents (DOCX + PDF), --jobs 2."""
    inputs = write_inputs(payloads, BATCH_COUNT // 2, folder / "mixed.jsonl")
    return vanban_batch(inputs, folder / "mixed", "docx,pdf", 2)


def ranking_payload(agencies: int) -> dict:
    """Return the seed-000 ranking decision with ``agencies`` agencies, in groups of 500."""
    payload = json.loads(
        (ROOT / "fixtures/seeds/000-ranking-decision-2113-2023.json").read_text("utf-8")
    )
    payload = copy.deepcopy(payload)
    payload["groups"] = [
        {
            "name": f"nhóm {start // 500 + 1}",
            "agencies": [
                {"name": f"Cơ quan số {n + 1}", "score": 60 + (n * 7) % 45}
                for n in range(start, min(agencies, start + 500))
            ],
        }
        for start in range(0, agencies, 500)
    ]
    return payload


def growth_one(agencies: int) -> dict:
    """Return one size's ms per agency (compose, DOCX, PDF; CPU) and this process's peak RSS."""
    warm()
    render_pdf(compose(ranking_payload(10)))  # fonts loaded, as in a running worker
    figures = {"agencies": agencies}
    payload = ranking_payload(agencies)
    start = time.process_time()
    document = compose(payload)
    figures["compose"] = (time.process_time() - start) * 1000 / agencies
    for name, render in (("docx", render_docx), ("pdf", render_pdf)):
        start = time.process_time()
        render(document)
        figures[name] = (time.process_time() - start) * 1000 / agencies
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def growth_figures() -> list[dict]:
    """Return each size's figures, each measured in a process of its own (peak RSS is per process)."""
    rows = []
    for agencies in SIZES:
        out = subprocess.run(
            [sys.executable, __file__, "--growth", str(agencies)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rows.append(json.loads(out))
    return rows


def machine() -> str:
    """Return the date, the machine and the versions the figures were measured on."""
    info = Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []
    cpu = next(
        (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
        platform.processor(),
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[0]
    return (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, vanban {__version__}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, "
        f"load average {load:.1f} at the end"
    )


def ratio(ours: float, theirs: float) -> str:
    """Return how many times faster (or slower) ``ours`` is than ``theirs``."""
    return f"{theirs / ours:.1f}× faster" if ours <= theirs else f"{ours / theirs:.1f}× slower"


def print_report(docx, pdf, batch_docx, mixed, growth) -> None:
    """Print the figures as Markdown tables ready for the README."""
    v, n, f = docx["vanban"], docx["naive"], docx["floor"]
    print(
        f"\n{machine()}; the valid fixtures replicated to {COUNT} documents ({PDF_COUNT} for "
        f"PDF), best of {REPEAT}.\n"
    )
    print(
        "| measure | vanban, ms/doc CPU (wall) | compared with, ms/doc CPU (wall) | ratio (CPU) |"
    )
    print("|---|---|---|---|")
    print(
        f"| DOCX in process | {v.cpu:.2f} ({v.wall:.2f}) | naive docxtpl {n.cpu:.2f} "
        f"({n.wall:.2f}) | {ratio(v.cpu, n.cpu)} (target ≥ 20×) |"
    )
    print(
        f"| DOCX in process | {v.cpu:.2f} ({v.wall:.2f}) | floor, the same zip with no "
        f"templating: {f.cpu:.2f} ({f.wall:.2f}) | {v.cpu / f.cpu:.1f}× the floor (target ≤ 3×) |"
    )
    for jobs, usage in batch_docx.items():
        per, wall = usage.cpu * 1000 / COUNT, usage.wall * 1000 / COUNT
        if jobs is None:
            inputs = itertools.islice(itertools.cycle(fixture_payloads()), COUNT)
            chosen = worthwhile_jobs(list(inputs), ["docx"], default_jobs())
            how = f"no --jobs ({chosen} process{'es' if chosen > 1 else ''} chosen)"
        else:
            how = f"--jobs {jobs}"
        print(
            f"| `vanban batch` {COUNT} DOCX, {how}, process start included | "
            f"{per:.2f} ({wall:.2f}) | naive docxtpl {n.cpu:.2f} ({n.wall:.2f}) | "
            f"{ratio(per, n.cpu)} (target ≥ 5×) |"
        )
    print_pdf(f"PDF in process, {PDF_COUNT} documents", pdf["vanban"], pdf["office"], PDF_COUNT)
    distinct = len(fixture_payloads())
    print_pdf(
        f"PDF in process, each of the {distinct} fixtures once, line-break memo empty",
        pdf["vanban_once"],
        pdf["office_once"],
        distinct,
    )
    peaks = ", ".join(f"{role} {mb:.0f} MB" for role, mb in mixed.peaks.items())
    print(
        f"\n`vanban batch` of {BATCH_COUNT} documents (DOCX + PDF), --jobs 2: {mixed.wall:.1f} s "
        f"wall, {mixed.cpu:.1f} s CPU ({mixed.cpu * 1000 / BATCH_COUNT:.1f} ms/doc); "
        f"peak RSS: {peaks}.\n"
    )
    print_growth(growth)


def print_pdf(what: str, ours: Timing, office: tuple | None, count: int) -> None:
    """Print one PDF row: vanban against LibreOffice converting the same documents."""
    if office is None:
        print(f"| {what} | {ours.cpu:.1f} ({ours.wall:.1f}) | LibreOffice not installed | – |")
        return
    marginal, whole = office
    print(
        f"| {what} | {ours.cpu:.1f} ({ours.wall:.1f}) | LibreOffice, one warm process: "
        f"{marginal.cpu:.1f} ({marginal.wall:.1f}); with its start-up "
        f"{whole.cpu * 1000 / count:.1f} | {ours.cpu / marginal.cpu:.2f}× its CPU "
        f"(target ≤ 1.8×) |"
    )


def print_growth(rows: list[dict]) -> None:
    """Print cost per agency by size, flagging a step that grows faster than linearly."""
    print("| agencies | compose ms/agency | DOCX ms/agency | PDF ms/agency | peak RSS MB |")
    print("|---|---|---|---|---|")
    for before, row in zip([None, *rows], rows, strict=False):
        flags = ""
        if before is not None and before["agencies"] >= 100:  # below, fixed costs dominate
            grown = [k for k in ("docx", "pdf") if row[k] > LINEAR * before[k]]
            flags = f" (faster than linear: {', '.join(grown)})" if grown else ""
        print(
            f"| {row['agencies']:,} | {row['compose']:.3f} | {row['docx']:.3f} | {row['pdf']:.2f} "
            f"| {row['peak_mb']:.0f}{flags} |"
        )


def main() -> None:
    """Run every measurement and print the tables."""
    if sys.argv[1:2] == ["--growth"]:
        print(json.dumps(growth_one(int(sys.argv[2]))))
        return
    subreaper()
    warm()
    payloads = fixture_payloads()
    documents = [compose(p) for p in itertools.islice(itertools.cycle(payloads), COUNT)]
    print(f"{len(payloads)} fixtures replicated to {COUNT} documents", file=sys.stderr)
    docx = docx_figures(documents)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = pdf_figures(documents[:PDF_COUNT], documents[: len(payloads)], Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        batch_docx = batch_docx_figures(payloads, Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        mixed = batch_mixed_figures(payloads, Path(tmp))
    print_report(docx, pdf, batch_docx, mixed, growth_figures())
    from bench_distributed import print_distributed  # its own module: see its docstring

    print_distributed(payloads, BATCH_COUNT)


if __name__ == "__main__":
    main()
