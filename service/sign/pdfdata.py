"""The signing data vanban keeps inside its PDFs: the laid-out positions, and where each field is.

The positions go into the document catalog under ``/VanbanND30`` (a private key, ignored by
readers) in the same incremental update that adds the empty signature fields, so every later
signature covers them and a verifier can check placement against the layout, not a guess.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR

from service.render.positions import Positions, Rect

CATALOG_KEY = "/VanbanND30"
_PARTS = ("block", "title", "name", "top_right")


class MetadataKeepingWriter(IncrementalPdfFileWriter):
    """An incremental writer that leaves the Info dictionary and the XMP metadata as issued."""

    def _update_meta(self) -> None:
        """Keep the document's metadata (and so its bytes) independent of the clock."""


class ConsistentMetadataWriter(IncrementalPdfFileWriter):
    """An incremental writer whose Info dictionary and XMP packet agree, as PDF/A requires.

    pyHanko appends itself to the Info /Producer ("WeasyPrint 70.0; pyHanko …") but writes only
    itself into the XMP pdf:Producer; naming pyHanko alone in both keeps them equal, in this
    update and in the validation-data update pyHanko adds for B-LT.
    """

    def _update_meta(self) -> None:
        """Set the Info /Producer to pyHanko's name, then let pyHanko update both."""
        info = self._info.get_object() if self._info is not None else None
        if info is not None and "/Producer" in info and info["/Producer"] != VENDOR:
            info[generic.NameObject("/Producer")] = generic.TextStringObject(VENDOR)
            self.mark_update(self._info)
        super()._update_meta()


def positions_object(at: Positions, seal_mm: float) -> generic.DictionaryObject:
    """Return the catalog entry recording ``at`` and the seal size."""
    entry = {
        f"/{part}": generic.ArrayObject(_number(v) for v in getattr(at, part).as_list())
        for part in _PARTS
    }
    entry["/seal_mm"] = _number(seal_mm)
    return generic.DictionaryObject({generic.NameObject(k): v for k, v in entry.items()})


def read_positions(root: generic.DictionaryObject) -> tuple[Positions, float] | None:
    """Return the positions and seal size recorded in a catalog, or None (not a vanban PDF)."""
    entry = root.get(CATALOG_KEY)
    if entry is None:
        return None
    try:
        entry = entry.get_object()
        rects = {part: Rect.from_list([float(v) for v in entry[f"/{part}"]]) for part in _PARTS}
        return Positions(**rects), float(entry["/seal_mm"])
    except (KeyError, TypeError, ValueError):
        return None


def pages(root: generic.DictionaryObject) -> list[generic.DictionaryObject]:
    """Return the page dictionaries in order."""
    return list(_leaves(root["/Pages"].get_object()))


def _leaves(node: generic.DictionaryObject) -> Iterator[generic.DictionaryObject]:
    if node.get("/Type") == "/Page" or "/Kids" not in node:
        yield node
        return
    for kid in node["/Kids"]:
        yield from _leaves(kid.get_object())


def widget_rect(field: generic.DictionaryObject, root: generic.DictionaryObject) -> Rect | None:
    """Return where a signature field's widget is drawn, or None when it has no area."""
    widget = field if "/Rect" in field else _first_kid(field)
    if widget is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    if abs(x1 - x0) < 0.5 or abs(y1 - y0) < 0.5:
        return None
    page = _page_index(widget, root)
    return Rect(page, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _first_kid(field: generic.DictionaryObject) -> generic.DictionaryObject | None:
    kids = field.get("/Kids")
    return kids[0].get_object() if kids else None


def _page_index(widget: generic.DictionaryObject, root: generic.DictionaryObject) -> int:
    """Return the index of the page that lists ``widget`` among its annotations (0 if none)."""
    target = widget.container_ref if hasattr(widget, "container_ref") else None
    for index, page in enumerate(pages(root)):
        for annot in page.get("/Annots", ()) or ():
            ref = getattr(annot, "reference", None) or annot
            if annot.get_object() is widget or (target is not None and ref == target):
                return index
    return 0


def _number(value: float) -> generic.FloatObject:
    return generic.FloatObject(round(float(value), 2))
