"""Progress on stderr: a redrawn bar on a terminal, one plain line per item otherwise."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 24
REDRAW_EVERY = 0.1  # seconds


def clock_text(seconds: float) -> str:
    """Return a duration as mm:ss, or h:mm:ss past an hour.

    >>> clock_text(75), clock_text(3725)
    ('01:15', '1:02:05')
    """
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class Progress:
    """Count finished items and show done, failed, rate and time left."""

    def __init__(
        self, total: int, stream: TextIO, tty: bool, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.total, self.stream, self.tty, self.clock = total, stream, tty, clock
        self.done = self.failed = self.worked = 0
        self.started = clock()
        self._drawn = 0.0

    def settle(self, count: int, failed: int = 0) -> None:
        """Count items finished without work (kept or refused before rendering)."""
        self.done += count
        self.failed += failed
        self._show(None, force=True)

    def advance(self, label: str, ok: bool, detail: str = "") -> None:
        """Count one rendered (or failed) item."""
        self.done += 1
        self.worked += 1
        self.failed += not ok
        self._show(f"{'ok' if ok else 'LỖI'} {label}" + (f": {detail}" if detail else ""))

    def line(self) -> str:
        """Return the status line: bar, counts, rate, time left."""
        elapsed = max(self.clock() - self.started, 1e-6)
        rate = self.worked / elapsed
        left = (self.total - self.done) / rate if rate else None
        filled = BAR_WIDTH * self.done // max(self.total, 1)
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        eta = clock_text(left) if left is not None else "--:--"
        return (
            f"[{bar}] {self.done}/{self.total} mục · lỗi {self.failed} · "
            f"{rate:.1f} mục/giây · còn {eta}"
        ).replace(".", ",")

    def close(self) -> None:
        """Leave the terminal on a fresh line."""
        if self.tty:
            self._show(None, force=True)
            self.stream.write("\n")
            self.stream.flush()

    def _show(self, event: str | None, force: bool = False) -> None:
        if not self.tty:
            if event is not None:
                self.stream.write(f"[{self.done}/{self.total}] {event}\n")
                self.stream.flush()
            return
        now = self.clock()
        if force or now - self._drawn >= REDRAW_EVERY or self.done == self.total:
            self._drawn = now
            self.stream.write("\r" + self.line() + "\x1b[K")
            self.stream.flush()
