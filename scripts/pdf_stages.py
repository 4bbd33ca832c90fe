"""CPU time of the PDF path by stage, over the documents `make bench` renders as PDF.

Usage: ``.venv/bin/python scripts/pdf_stages.py [--rounds N] [--docs N] [--computed] [--stock]
[--forget]``

The documents are the bench's (the valid fixtures cycled to VANBAN_BENCH_PDFS, 48), rendered
with ``render_pdf`` after ``warm()`` and one warm-up pass; each round times every document.
Stages are measured by wrapping the functions that do them with CPU timers (time.process_time);
a stage's time is exclusive: what a stage calls that is itself a stage (Pango line breaking
inside layout, font subsetting inside PDF generation) is counted there and not twice. "other" is
the whole render minus the stages: WeasyPrint's glue, Document and Page objects, and what the
timers themselves cost (a few hundred calls per document, except with --computed).

``--computed`` also times computed values (WeasyPrint computes each style property of each box
on first use, ComputedStyle.__missing__); that is thousands of calls per document, so the timers'
own cost moves into that stage and the total grows by a few per cent.

Prints a Markdown table of ms CPU per document by stage (the best round by total) and the total
without the timers (the bench's figure, best of the rounds).
"""

from __future__ import annotations

import argparse
import functools
import inspect
import itertools
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import PDF_COUNT, fixture_payloads

from service.pipeline import compose, warm
from service.render import line_memo, weasyprint_speed
from service.render import pdf as vanban_pdf


class Clock:
    """Exclusive CPU time per stage: a nested stage's time is taken out of its caller's."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self._stack: list[list] = []  # [stage, start, time spent in nested stages]

    def reset(self) -> None:
        self.totals = {}

    def enter(self, stage: str) -> None:
        self._stack.append([stage, time.process_time(), 0.0])

    def leave(self) -> None:
        now = time.process_time()
        stage, start, nested = self._stack.pop()
        spent = now - start
        self.totals[stage] = self.totals.get(stage, 0.0) + spent - nested
        if self._stack:
            self._stack[-1][2] += spent

    def wrap(self, stage: str, fn: Callable) -> Callable:
        """Return ``fn`` timed as ``stage`` (each step, for a generator function)."""
        if inspect.isgeneratorfunction(fn):

            @functools.wraps(fn)
            def generator(*args, **kwargs):
                steps = fn(*args, **kwargs)
                while True:
                    self.enter(stage)
                    try:
                        item = next(steps)
                    except StopIteration:
                        return
                    finally:
                        self.leave()
                    yield item

            return generator

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            self.enter(stage)
            try:
                return fn(*args, **kwargs)
            finally:
                self.leave()

        return timed


class TimedCompressor:
    """A zlib compression object whose work is timed as the "compress" stage."""

    def __init__(self, clock: Clock, compressor) -> None:
        self._clock, self._compressor = clock, compressor

    def compress(self, data):
        return self._clock.wrap("compress", self._compressor.compress)(data)

    def flush(self, *args):
        return self._clock.wrap("compress", self._compressor.flush)(*args)


# (stage, module, attribute): where the function is looked up when it is called.
STAGES = [
    ("html", "service.render.pdf", "render_html"),
    ("parse", "service.render.pdf", "DocumentHTML.__init__"),
    ("cascade", "weasyprint.css", "StyleFor.__init__"),
    ("boxes", "weasyprint.document", "build_formatting_structure"),
    ("layout", "weasyprint.document", "layout_document"),
    ("line breaking (Pango)", "weasyprint.layout.inline", "split_first_line"),
    ("line breaking (Pango)", "weasyprint.layout.preferred", "split_first_line"),
    ("draw", "weasyprint.document", "Page.paint"),
    ("pdf objects", "weasyprint.document", "generate_pdf"),
    ("fonts (subset, embed)", "weasyprint.pdf", "build_fonts_dictionary"),
    ("serialise", "pydyf", "PDF.write"),
    ("positions", "service.render.pdf", "positions"),
]
COMPUTED = ("computed values", "weasyprint.css", "ComputedStyle.__missing__")


def install(clock: Clock, computed: bool) -> None:
    """Wrap every stage's function, and pydyf's zlib, with the clock's timers."""
    for stage, module, attribute in STAGES + ([COMPUTED] if computed else []):
        owner = sys.modules[module]
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, name, clock.wrap(stage, getattr(owner, name)))
    pydyf = sys.modules["pydyf"]
    deflate = pydyf.zlib  # zlib, or the level lever of service/render/weasyprint_speed.py
    pydyf.zlib = types.SimpleNamespace(
        compress=clock.wrap("compress", deflate.compress),
        compressobj=lambda *a, **k: TimedCompressor(clock, deflate.compressobj(*a, **k)),
    )


def documents(count: int) -> list:
    """Return the bench's PDF documents: the valid fixtures cycled to ``count``."""
    return [compose(p) for p in itertools.islice(itertools.cycle(fixture_payloads()), count)]


def rounds_of(docs: list, rounds: int, forget: bool) -> list[float]:
    """Return each round's CPU ms per document of rendering ``docs`` (``forget``: each round
    with the line-break memo emptied first)."""
    spent = []
    for _ in range(rounds):
        if forget:
            line_memo.forget(vanban_pdf.font_config())
        start = time.process_time()
        for document in docs:
            vanban_pdf.render_pdf(document)
        spent.append((time.process_time() - start) * 1000 / len(docs))
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--docs", type=int, default=PDF_COUNT)
    parser.add_argument("--computed", action="store_true", help="time computed values too")
    parser.add_argument(
        "--stock",
        action="store_true",
        help="without the levers of service/render/weasyprint_speed.py (the figures before them)",
    )
    parser.add_argument(
        "--forget",
        action="store_true",
        help="empty the line-break memo before each round: no line is taken from an earlier "
        "round (with --docs 12, the bench's row of each fixture once)",
    )
    args = parser.parse_args()
    if args.stock:
        weasyprint_speed.uninstall()
    warm()
    docs = documents(args.docs)
    for document in docs:  # fonts, cffi types, every kind's template: as in a running service
        vanban_pdf.render_pdf(document)
    plain = min(rounds_of(docs, args.rounds, args.forget))

    import weasyprint.document  # noqa: F401  (imported by service.render.pdf; named for install)

    clock = Clock()
    install(clock, args.computed)
    best: tuple[float, dict[str, float]] | None = None
    for _ in range(args.rounds):
        clock.reset()
        (total,) = rounds_of(docs, 1, args.forget)
        stages = {k: v * 1000 / len(docs) for k, v in clock.totals.items()}
        if best is None or total < best[0]:
            best = (total, stages)
    total, stages = best
    order = [*list(dict.fromkeys(s for s, *_ in [*STAGES, COMPUTED])), "compress"]
    print(f"{len(docs)} documents, best of {args.rounds} rounds, ms CPU per document\n")
    print("| stage | ms/doc | share |")
    print("|---|---|---|")
    for stage in order:
        if stage in stages:
            print(f"| {stage} | {stages[stage]:.1f} | {stages[stage] / total:.0%} |")
    other = total - sum(stages.values())
    print(f"| other (glue, timers) | {other:.1f} | {other / total:.0%} |")
    print(f"| **total, timed** | {total:.1f} | |")
    print(f"| **total, no timers (bench)** | {plain:.1f} | |")


if __name__ == "__main__":
    main()
