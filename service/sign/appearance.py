"""The visible side of each signature (ND30 Phụ lục I): an image, or a small text block.

The signer's image (blue) and the body's seal (red) are PNG files with a transparent background;
they are cropped to their drawn part and scaled to fit their box without distortion. The
attachment/copy text is Times New Roman (its metric twin Liberation Serif, embedded, so the file
stays PDF/A), 10 pt, upright, black, aligned to the top right.
"""

from __future__ import annotations

import io
import subprocess
from functools import cache

from PIL import Image, UnidentifiedImageError
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import StaticStampStyle, TextStampStyle

from .errors import SignError

MAX_IMAGE_PIXELS = 4000 * 4000
FONT_FAMILY = "Liberation Serif"  # metric-compatible with Times New Roman (fonts-liberation2)
TEXT_SIZE = 10


def load_image(data: bytes | None, what: str) -> Image.Image:
    """Return a transparent PNG cropped to its drawn part, or raise a SignError naming ``what``."""
    if not data:
        raise SignError(f"Thiếu {what}.", {"image": [f"Cần tệp PNG nền trong suốt cho {what}."]})
    try:
        image = Image.open(io.BytesIO(data))
        if image.format != "PNG":
            raise SignError(
                f"{what.capitalize()} phải là tệp PNG.", {"image": [image.format or ""]}
            )
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise SignError(
                f"{what.capitalize()} quá lớn.", {"image": ["Tối đa 16 triệu điểm ảnh."]}
            )
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise SignError(f"Không đọc được {what}: không phải tệp PNG hợp lệ.") from None
    rgba = image.convert("RGBA")
    alpha = rgba.getchannel("A")
    if alpha.getextrema()[0] == 255:
        raise SignError(
            f"{what.capitalize()} phải có nền trong suốt (PNG có kênh alpha).",
            {"image": ["Ảnh không có điểm ảnh trong suốt nào."]},
        )
    box = alpha.getbbox()
    if box is None:
        raise SignError(f"{what.capitalize()} trống: không có nét nào.")
    return rgba.crop(box)


def image_style(image: Image.Image) -> StaticStampStyle:
    """Return an appearance that draws ``image`` centred in its box, aspect kept, no border."""
    return StaticStampStyle(
        background=PdfImage(image),
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
        ),
    )


def text_style() -> TextStampStyle:
    """Return the appearance of an attachment/copy signature: its text at the top right."""
    return TextStampStyle(
        stamp_text="%(text)s",
        border_width=0,
        background=None,
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(font_path(), font_size=TEXT_SIZE),
            font_size=TEXT_SIZE,
            leading=TEXT_SIZE + 2,
            text_color=(0, 0, 0),
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX,
            y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins.uniform(0),
        ),
    )


@cache
def font_path() -> str:
    """Return the file of the serif face the documents use, as fontconfig resolves it."""
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", FONT_FAMILY],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    if not found.endswith((".ttf", ".otf")):
        raise SignError(f"Không tìm thấy phông {FONT_FAMILY} (gói fonts-liberation2).")
    return found
