"""What a worker process does with one item: print every format of it.

It goes through service.pipeline, the one path from input to bytes. An item is composed once:
the batch's preparation composes it (its Document names its files) and sends it pickled, and
``render`` prints every format from it; given a payload instead, ``render`` composes it once.
Results are plain data (errors as their ``to_dict()``), so they cross process boundaries whole;
an unexpected exception fails its item, never the batch.
"""

from __future__ import annotations

import gc
import logging
import pickle
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import pipeline
from ..errors import VanbanError
from ..files import write_atomically
from ..model import Document
from ..pipeline import FORMATS, compose
from .manifest import Output, sha256

log = logging.getLogger(__name__)
INTERNAL = {
    "code": "internal_error",
    "errors": {},
    "message": "Lỗi hệ thống khi xử lý mục này; hãy báo cho quản trị viên.",
}


def init_worker() -> None:
    """Leave Ctrl-C to the parent, which stops the pool and cleans up; freeze what is loaded.

    The worker is forked with the pipeline imported: ``gc.freeze`` keeps the collector from
    walking those objects again at every collection (several per PDF).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.freeze()


@dataclass(frozen=True)
class Composed:
    """A Document composed by the batch's preparation, waiting to be printed.

    For a pool's worker it is pickled: what crosses to the worker process, and less than half
    its size in memory meanwhile. A batch printed in this process (--jobs 1) keeps the Document
    itself: pickling it there would cost a tenth of the item's time for nothing.
    """

    pickled: bytes = b""
    document: Document | None = None

    @classmethod
    def of(cls, document: Document, packed: bool = True) -> Composed:
        """Return ``document`` pickled, or as it is when not ``packed``."""
        return cls(pickle.dumps(document, protocol=5)) if packed else cls(document=document)

    def unpacked(self) -> Document:
        """Return the Document."""
        return self.document if self.document is not None else pickle.loads(self.pickled)

    @property
    def size(self) -> int:
        """Return how big the document is, to start the biggest first (0 when not pickled)."""
        return len(self.pickled)


def render(
    job: tuple[int, Any, tuple[str, ...], str, str, bool], sync_parent: bool = True
) -> tuple[int, list[Output] | None, dict | None]:
    """Write the item's files as ``OUTDIR/<name>.<ext>``, each atomically; return them.

    The item is a ``Composed`` document, or a payload, then composed here once for every format.
    ``sync_parent=False``: OUTDIR is not synced after each file; the caller syncs it once
    before its manifest records them (``runner.save_manifest``).
    """
    index, source, formats, outdir, name, allow_stale = job
    outputs = []
    try:
        if isinstance(source, Composed):
            document = source.unpacked()
        else:
            document = compose(source, allow_stale=allow_stale)
        for fmt in formats:
            result = pipeline.render(document, fmt)
            target = Path(outdir) / f"{name}.{FORMATS[fmt].extension}"
            write(target, result.content, sync_parent)
            outputs.append(Output(fmt, target.name, len(result.content), sha256(result.content)))
    except VanbanError as error:
        return index, None, error.to_dict()
    except Exception:
        log.exception("batch: render failed")
        return index, None, INTERNAL
    return index, outputs, None


def write(target: Path, content: bytes, sync_parent: bool = True) -> None:
    """Write through a temporary file and a rename (the CLI's helper)."""
    write_atomically(target, content, sync_parent=sync_parent)
