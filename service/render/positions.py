"""Where the signing block of a laid-out document is, in PDF points, read from WeasyPrint's boxes.

Signatures are placed from these positions (ND30 Phụ lục I): the signer's image between the
chức vụ line and the họ tên line, the body's seal over its left third, the attachment text at the
top right of the first page. PDF coordinates: points, origin at the bottom left of the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels (96 per inch); PDF user space is 72 per inch


@dataclass(frozen=True)
class Rect:
    """A rectangle on one page (0-based index), in PDF points from the bottom left."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2

    def as_list(self) -> list[float]:
        """Return ``[page, x0, y0, x1, y1]`` rounded to 0.01 pt."""
        return [self.page, *(round(v, 2) for v in (self.x0, self.y0, self.x1, self.y1))]

    @classmethod
    def from_list(cls, values: list) -> Rect:
        """Return the rectangle written by ``as_list``."""
        page, x0, y0, x1, y1 = values
        return cls(int(page), float(x0), float(y0), float(x1), float(y1))


@dataclass(frozen=True)
class Positions:
    """The laid-out places signatures depend on.

    ``block``: the signing column; ``title``: the last chức vụ line; ``name``: the họ tên line;
    ``top_right``: the first page's top margin above the right half of the text.
    """

    block: Rect
    title: Rect
    name: Rect
    top_right: Rect


def positions(rendered) -> Positions | None:
    """Return the positions in a WeasyPrint ``Document``, or None if it has no signing block."""
    block = title = name = None
    for index, page in enumerate(rendered.pages):
        height = page.height
        for box in _boxes(page._page_box):
            classes = (box.element.get("class") or "").split() if box.element is not None else ()
            kind = type(box).__name__
            if block is None and "signature" in classes and kind == "TableCellBox":
                block = _rect(index, height, box)
            elif block is not None and name is None and kind == "LineBox":
                if "signature-line" in classes:
                    title = _rect(index, height, box)
                elif "signer" in classes:
                    name = _rect(index, height, box)
    if block is None or title is None or name is None:
        return None
    return Positions(block, title, name, _top_right(rendered.pages[0]))


def _boxes(box) -> Iterator:
    """Yield ``box`` and every box inside it, in document order."""
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def _rect(page: int, page_height: float, box) -> Rect:
    """Return a box's border rectangle in PDF points."""
    x, y = box.border_box_x(), box.border_box_y()
    width, height = box.border_width(), box.border_height()
    return Rect(
        page,
        x * PX_TO_PT,
        (page_height - y - height) * PX_TO_PT,
        (x + width) * PX_TO_PT,
        (page_height - y) * PX_TO_PT,
    )


def _top_right(page) -> Rect:
    """Return the first page's top margin over the right half of the text area."""
    box = page._page_box
    right = page.width - box.margin_right
    middle = (box.margin_left + right) / 2
    top_margin = box.margin_top
    return Rect(
        0,
        middle * PX_TO_PT,
        (page.height - top_margin) * PX_TO_PT,
        right * PX_TO_PT,
        page.height * PX_TO_PT,
    )
