"""Where the signature images and the signing block's lines are on a rendered page.

The page is rendered by poppler's ``pdftoppm`` and the text boxes read by ``pdftotext -bbox``:
both independent of vanban's own idea of where things are. Coordinates are PDF points from the
top left of the page.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

from PIL import Image, ImageChops

DPI = 72
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def render_page(pdf: Path, page: int, dpi: int = DPI) -> Image.Image:
    """Return page ``page`` (from 1) as an RGB image."""
    out = pdf.with_name(f"{pdf.stem}-p{page}")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-png",
            "-singlefile",
            str(pdf),
            str(out),
        ],
        check=True,
    )
    with Image.open(out.with_suffix(".png")) as image:
        return image.convert("RGB")


def ink_box(
    image: Image.Image, colour: str, dpi: int = DPI
) -> tuple[float, float, float, float] | None:
    """Return the bounding box (points) of clearly blue or clearly red pixels."""
    red, green, blue = image.split()
    strong, weak = (blue, red) if colour == "blue" else (red, blue)
    mask = ImageChops.multiply(
        ImageChops.multiply(
            strong.point(lambda v: 255 if v > 150 else 0),
            weak.point(lambda v: 255 if v < 110 else 0),
        ),
        green.point(lambda v: 255 if v < 120 else 0),
    )
    box = mask.getbbox()
    if box is None:
        return None
    scale = 72 / dpi
    return tuple(v * scale for v in box)  # type: ignore[return-value]


def words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """Return the words of a page with their boxes (points from the top left)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (float(a), float(b), float(c), float(d), unicodedata.normalize("NFC", w))
        for a, b, c, d, w in WORD.findall(html)
    ]


def line_box(
    found: list[tuple[float, float, float, float, str]], text: str
) -> tuple[float, float, float, float]:
    """Return the box of the last run of consecutive words spelling ``text``."""
    wanted = unicodedata.normalize("NFC", text).split()
    for start in range(len(found) - len(wanted), -1, -1):
        run = found[start : start + len(wanted)]
        if [w[4] for w in run] == wanted:
            return (
                min(w[0] for w in run),
                min(w[1] for w in run),
                max(w[2] for w in run),
                max(w[3] for w in run),
            )
    raise AssertionError(f"line {text!r} not found on the page")
