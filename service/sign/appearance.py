"""The visible side of each signature (ND30 Phụ lục I): an image, or a small text block.

The signer's image (blue) and the body's seal (red) are PNG files with a transparent background;
they are cropped to their drawn part and scaled to fit their box without distortion. The
attachment/copy text is Times New Roman (its metric twin Liberation Serif, embedded, so the file
stays PDF/A), 10 pt, upright, black, aligned to the top right, laid out by WeasyPrint.
"""

from __future__ import annotations

import html
import io

from PIL import Image, UnidentifiedImageError
from pyhanko.pdf_utils import content, layout
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.stamp import StaticStampStyle
from weasyprint import HTML

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
    return _stamp_style(
        PdfImage(image), layout.AxisAlignment.ALIGN_MID, layout.InnerScaling.STRETCH_TO_FIT
    )


def text_style(lines: list[str], width: float, height: float) -> StaticStampStyle:
    """Return the appearance of an attachment/copy signature: ``lines`` at the box's top right."""
    return _stamp_style(
        _PdfPageFromMemory(text_block_pdf(lines, width, height)),
        layout.AxisAlignment.ALIGN_MAX,
        layout.InnerScaling.NO_SCALING,
    )


def _stamp_style(
    background: content.PdfContent,
    align: layout.AxisAlignment,
    scaling: layout.InnerScaling,
) -> StaticStampStyle:
    """Return a borderless, opaque appearance of ``background`` placed by ``align`` on both axes."""
    return StaticStampStyle(
        background=background,
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=align,
            y_align=align,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=scaling,
        ),
    )


def text_block_pdf(lines: list[str], width: float, height: float) -> bytes:
    """Return a one-page PDF of ``width`` × ``height`` points printing ``lines`` at its top right.

    WeasyPrint lays the text out as it does the documents (shaping, the embedded serif face);
    pyHanko's own text engine spaces the glyphs of Liberation Serif wrongly.
    """
    from service.render.pdf import fetcher, font_config

    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = (
        f"@page {{ size: {width:.2f}pt {height:.2f}pt; margin: 0 }}"
        f" body {{ margin: 0; font: {TEXT_SIZE}pt/{TEXT_SIZE + 2}pt '{FONT_FAMILY}';"
        " color: #000; text-align: right } p { margin: 0; white-space: nowrap }"
    )
    document = HTML(string=f"<style>{page}</style>{body}", url_fetcher=fetcher())
    return document.write_pdf(font_config=font_config())


class _PdfPageFromMemory(content.ImportedPdfPage):
    """pyHanko's imported page, read from bytes instead of a file."""

    def __init__(self, data: bytes) -> None:
        super().__init__(file_name="", page_ix=0)
        self.data = data

    def render(self) -> bytes:
        xobj = self._ensure_writer.import_page_as_xobject(
            PdfFileReader(io.BytesIO(self.data)), page_ix=0
        )
        name = "/ImportText"
        self.resources.xobject[name] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name.encode() + b" Do"
