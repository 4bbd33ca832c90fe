"""Signature and seal images drawn at test time: a blue signature and a red round seal (RGBA PNG)."""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw

BLUE = (20, 40, 200, 255)
RED = (220, 20, 30, 255)


def signature_png(width: int = 600, height: int = 300) -> bytes:
    """Return a blue handwritten-like stroke filling a 2:1 transparent canvas."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [
        (x, height / 2 + math.sin(x / width * 4 * math.pi) * (height / 2 - 14))
        for x in range(8, width - 8, 4)
    ]
    draw.line(points, fill=BLUE, width=14, joint="curve")
    draw.line([(8, 8), (width - 8, height - 8)], fill=BLUE, width=10)
    return _png(image)


def seal_png(size: int = 500) -> bytes:
    """Return a red seal: two rings and a star, transparent elsewhere."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), outline=RED, width=22)
    draw.ellipse((70, 70, size - 70, size - 70), outline=RED, width=10)
    c, r = size / 2, size / 5
    star = [
        (
            c + r * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
            c - r * math.sin(math.pi / 2 + k * 4 * math.pi / 5),
        )
        for k in range(5)
    ]
    draw.polygon(star, fill=RED)
    return _png(image)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
