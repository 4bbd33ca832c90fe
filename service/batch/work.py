"""What a worker process does with one item: compose it to learn its name, or render it.

Both go through service.pipeline, the one path from input to bytes. Results are plain data
(errors as their ``to_dict()``), so they cross process boundaries whole; an unexpected
exception fails its item, never the batch.
"""

from __future__ import annotations

import logging
import signal
from pathlib import Path
from typing import Any

from ..errors import VanbanError
from ..files import write_atomically
from ..pipeline import FORMATS, compose, generate
from .manifest import Output, sha256

log = logging.getLogger(__name__)
INTERNAL = {
    "code": "internal_error",
    "errors": {},
    "message": "Lỗi hệ thống khi xử lý mục này; hãy báo cho quản trị viên.",
}


def init_worker() -> None:
    """Leave Ctrl-C to the parent, which stops the pool and cleans up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def plan(job: tuple[int, Any, bool]) -> tuple[int, str | None, dict | None]:
    """Return (index, file stem, None), or (index, None, error) when the item is invalid."""
    index, payload, allow_stale = job
    try:
        return index, compose(payload, allow_stale=allow_stale).meta.file_stem, None
    except VanbanError as error:
        return index, None, error.to_dict()
    except Exception:
        log.exception("batch: compose failed")
        return index, None, INTERNAL


def render(
    job: tuple[int, Any, tuple[str, ...], str, str, bool],
) -> tuple[int, list[Output] | None, dict | None]:
    """Write the item's files as ``OUTDIR/<name>.<ext>``, each atomically; return them."""
    index, payload, formats, outdir, name, allow_stale = job
    outputs = []
    try:
        for fmt in formats:
            result = generate(payload, fmt, allow_stale=allow_stale)
            target = Path(outdir) / f"{name}.{FORMATS[fmt].extension}"
            write(target, result.content)
            outputs.append(Output(fmt, target.name, len(result.content), sha256(result.content)))
    except VanbanError as error:
        return index, None, error.to_dict()
    except Exception:
        log.exception("batch: render failed")
        return index, None, INTERNAL
    return index, outputs, None


def write(target: Path, content: bytes) -> None:
    """Write through a temporary file and a rename (the CLI's helper)."""
    write_atomically(target, content)
