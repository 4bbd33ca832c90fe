"""Speed levers inside WeasyPrint and pydyf that leave what a PDF shows unchanged.

Each lever replaces one function of WeasyPrint 70 (or pydyf) by a copy that does the same work
with less Python per glyph or per box; they are installed only on the WeasyPrint they were
copied from (any other version runs as it comes). tests/test_pdf_speed_levers.py renders every
fixture, and text taking the unusual glyph paths, with and without them: the same bytes, except
for the deflate level, whose PDFs decode to the same objects and streams (so the same text,
pages and glyph positions). Measured with scripts/pdf_stages.py, CPU per PDF of the bench's
documents, interleaved rounds on and off (noisy to about 2 ms):

- ``deflate``: pydyf deflates every stream at zlib level 9; level 6 (zlib's default) costs
  about half the CPU for PDFs 0.3 % larger on the fixtures (~3 ms).
- ``write_once``: pydyf serialises every object twice when the PDF has an identifier (once to
  write it, once to hash the file), deflating every stream again; once is enough (~2 ms).
- ``draw_first_line``: WeasyPrint reads each glyph of each line through cffi struct accessors;
  the copy reads a run's glyphs in one ``struct.iter_unpack`` and remembers, per font and size,
  what a plain glyph adds to the line, writing a run whose glyphs are all known in one join.
  Glyphs it does not expect (empty, missing from the font, raised or lowered, colour fonts) take
  WeasyPrint's own code, copied unchanged (~4 ms).
- ``shrink_to_fit``: an inline block (the issuer, the trích yếu, an appendix heading: boxes
  sized to their text so the rule under them can be) needs its min-content width, a Pango layout
  per word, only when its text is wider than the line; 25 of the 42 such boxes of the fixtures
  are not (~1 %).
- ``line_memo``: each line break (a Pango layout made, shaped and broken) computed once per
  text, style and width, and remembered for the next box, document or preview that asks
  (service/render/line_memo.py).
- ``margin_boxes``: of a page's 16 margin boxes, only those with content (the page number) and
  their side's are made; the others were made, their percentages resolved against a style
  computed for that page, and dropped (service/render/weasyprint_margins.py, ~2 %).
- ``layout_setup``: a Pango context and font description made once per thread's font
  configuration instead of for each of the ~600 Pango layouts of a document (~4 ms).
- ``computed_missing``: a property no style sheet sets is the parent's or the initial value,
  taken without WeasyPrint's checks for cases that cannot apply (~4 ms).
- ``resolve_percentages``: the plain-length case of ``percentage()`` inline (~1 ms)."""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterable
from io import BytesIO
from math import inf
from typing import Any
from xml.etree import ElementTree

import pydyf
import weasyprint
from PIL import Image
from weasyprint import css, layout
from weasyprint.css.computed_values import COMPUTER_FUNCTIONS, PHYSICAL_FUNCTIONS
from weasyprint.css.functions import check_math
from weasyprint.css.properties import INHERITED, INITIAL_NOT_COMPUTED, INITIAL_VALUES, Dimension
from weasyprint.draw import text as draw_text
from weasyprint.draw.text import (
    FROM_UNITS,
    LOGGER,
    TO_UNITS,
    RasterImage,
    SVGImage,
    ffi,
    get_hb_object_data,
    get_last_word_end,
    pango,
)
from weasyprint.formatting_structure import boxes
from weasyprint.layout import page as page_layout
from weasyprint.layout import percent, preferred
from weasyprint.text import line_break
from weasyprint.text.constants import (
    LST_TO_ISO,
    PANGO_DIRECTION,
)
from weasyprint.text.ffi import gobject, unicode_to_char_p
from weasyprint.text.fonts import FontConfiguration, font_features, get_font_description

from . import line_memo, weasyprint_margins

LEVEL = 6  # zlib's default; pydyf asks for 9
COPIED_FROM = "70.0"  # the WeasyPrint version whose functions are copied here

# PangoGlyphInfo: glyph, geometry (width, x and y offsets), attributes (not read)
_GLYPH = struct.Struct("=Iiii4x")


class Deflate:
    """The zlib module as pydyf sees it, deflating streams at LEVEL."""

    def compressobj(self, level: int = LEVEL, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(LEVEL, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def install(levers: Iterable[str] | None = None) -> bool:
    """Put the levers in place (all, or those named); False on a WeasyPrint they do not fit."""
    if weasyprint.__version__ != COPIED_FROM:
        return False
    for name in LEVERS if levers is None else levers:
        for owner, attribute, lever in LEVERS[name]:
            setattr(owner, attribute, lever)
    return True


def uninstall(levers: Iterable[str] | None = None) -> None:
    """Put WeasyPrint's and pydyf's own code back (for tests comparing with and without)."""
    for name in LEVERS if levers is None else levers:
        for owner, attribute, _ in LEVERS[name]:
            setattr(owner, attribute, _ORIGINAL[name, owner, attribute])


def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
    """WeasyPrint 70's ``draw.text.draw_first_line``, reading glyphs in bulk.

    Everything up to the glyph loop, and every glyph but the plain ones, is WeasyPrint's code.
    """
    # Don’t draw lines with only invisible characters.
    if not textbox.text.strip():
        return []

    if textbox.style["font_size"] < 1e-6:  # default float precision used by pydyf
        return []

    pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)

    if text_overflow == "ellipsis" or block_ellipsis != "none":
        assert textbox.pango_layout.max_width is not None
        max_width = textbox.pango_layout.max_width
        pango.pango_layout_set_width(textbox.pango_layout.layout, int(max_width * TO_UNITS))
        if text_overflow == "ellipsis":
            pango.pango_layout_set_ellipsize(textbox.pango_layout.layout, pango.PANGO_ELLIPSIZE_END)
        else:
            if block_ellipsis == "auto":
                ellipsis = "…"
            else:
                assert block_ellipsis[0] == "string"
                ellipsis = block_ellipsis[1]

            # Remove last word if hyphenated.
            new_text = textbox.pango_layout.text
            if new_text.endswith(textbox.style["hyphenate_character"]):
                last_word_end = get_last_word_end(
                    new_text[: -len(textbox.style["hyphenate_character"])], textbox.style["lang"]
                )
                if last_word_end:
                    new_text = new_text[:last_word_end]

            textbox.pango_layout.set_text(new_text + ellipsis)

    first_line, index = textbox.pango_layout.get_first_line()

    if block_ellipsis != "none":
        while index:
            last_word_end = get_last_word_end(
                textbox.pango_layout.text[: -len(ellipsis)], textbox.style["lang"]
            )
            if last_word_end is None:
                break
            new_text = textbox.pango_layout.text[:last_word_end]
            textbox.pango_layout.set_text(new_text + ellipsis)
            first_line, index = textbox.pango_layout.get_first_line()

    stream.set_text_matrix(*matrix.values)
    previous_pango_font = None
    string = ""
    x_advance = 0
    emojis = []
    glyph_empty = pango.PANGO_GLYPH_EMPTY
    glyph_unknown = pango.PANGO_GLYPH_UNKNOWN_FLAG
    run = first_line.runs[0]
    while run != ffi.NULL:
        # Get Pango objects.
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        glyphs_info = glyph_string.glyphs
        num_glyphs = glyph_string.num_glyphs
        clusters = glyph_string.log_clusters
        utf8_text = None

        pango_font = glyph_item.item.analysis.font
        if pango_font != previous_pango_font:
            # Add font file content and get font size.
            previous_pango_font = pango_font
            font, font_size = stream.add_font(pango_font)

            # Workaround for https://gitlab.gnome.org/GNOME/pango/-/issues/530.
            # This is also needed by raster emoji fonts, see #2800.
            if pango.pango_version() < 14802 or font.png:
                font_size = textbox.style["font_size"]

            # Go through the run glyphs.
            if string:
                stream.show_text(string)
            string = ""
            stream.set_font_size(font.hash, 1 if font.bitmap else font_size)
            to_unicode, widths, bitmap = font.to_unicode, font.widths, font.bitmap
            plain_font = not (font.svg or font.png or font.colr)
            # What a plain glyph adds, by (glyph, width, x offset, y offset 0): its text and
            # advance; a run of glyphs all seen before is written in one join.
            memo = font.__dict__.setdefault("_vanban_glyphs", {}).setdefault(font_size, {})
        string += "<"
        glyphs = list(_GLYPH.iter_unpack(ffi.buffer(glyphs_info, num_glyphs * _GLYPH.size)))
        if plain_font:
            known = list(map(memo.get, glyphs))
            if None not in known:
                string += "".join([text for text, _ in known])
                for _, advance in known:
                    x_advance += advance
                glyphs = []  # all written
        for i, (glyph_id, width, x_offset, y_offset) in enumerate(glyphs):
            if (
                plain_font
                and not y_offset
                and glyph_id != glyph_empty
                and not glyph_id & glyph_unknown
            ):
                # A plain glyph: WeasyPrint's steps below, without the cases that do not apply.
                if glyph_id not in to_unicode:
                    utf8_text = utf8_text or textbox.pango_layout.text.encode()
                    to_unicode[glyph_id] = _cluster_text(glyph_item, clusters, i, utf8_text)
                known = memo.get((glyph_id, width, x_offset, 0))
                if known is None:
                    offset = x_offset / font_size
                    text = f">{-offset}<" if offset else ""
                    text += f"{glyph_id:02x}" if bitmap else f"{glyph_id:04x}"
                    if glyph_id in widths:
                        logical_width = widths[glyph_id]
                    else:
                        pango.pango_font_get_glyph_extents(
                            pango_font, glyph_id, stream.ink_rect, stream.logical_rect
                        )
                        logical_width = widths[glyph_id] = round(
                            stream.logical_rect.width * 1000 * FROM_UNITS / font_size
                        )
                    kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
                    if kerning:
                        text += f">{int(kerning)}<"
                    advance = (logical_width + offset - kerning) / 1000
                    known = memo[glyph_id, width, x_offset, 0] = (text, advance)
                string += known[0]
                x_advance += known[1]
                continue

            memo.clear()  # the steps below may set a glyph's width
            # WeasyPrint's own steps, unchanged.
            # Display zero-width empty glyph.
            if glyph_id == pango.PANGO_GLYPH_EMPTY:
                string += f">{-width / font_size}<"
                continue

            # Display .notdef and log warning for missing glyphs.
            if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                codepoint = glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG
                LOGGER.warning(
                    '.notdef glyph rendered for Unicode string unsupported by fonts: "%s" (U+%04X)',
                    chr(codepoint),
                    codepoint,
                )
                glyph_id = font.get_unused_glyph_id(codepoint)
                font.widths[glyph_id] = round(width * 1000 * FROM_UNITS / font_size)
                if 0 not in font.widths:
                    # "width" is actually Pango’s get_approximate_char_width. Force
                    # .notdef’s to use this width, even if it’s not the right, as we
                    # want to keep Pango’s layout for next glyphs.
                    font.widths[0] = font.widths[glyph_id]

            # Create mapping between glyphs and Unicode codepoints.
            if glyph_id not in font.to_unicode:
                utf8_text = utf8_text or textbox.pango_layout.text.encode()
                font.to_unicode[glyph_id] = _cluster_text(glyph_item, clusters, i, utf8_text)

            # Set horizontal and vertical offsets.
            offset = x_offset / font_size
            rise = y_offset / 1000
            if rise:
                if string[-1] == "<":
                    string = string[:-1]
                else:
                    string += ">"
                if string:
                    stream.show_text(string)
                stream.set_text_rise(-rise)
                string = ""
                if offset:
                    string = f"{-offset}"
                string += f"<{glyph_id:02x}>" if font.bitmap else f"<{glyph_id:04x}>"
                stream.show_text(string)
                stream.set_text_rise(0)
                string = "<"
            else:
                if offset:
                    string += f">{-offset}<"
                string += f"{glyph_id:02x}" if font.bitmap else f"{glyph_id:04x}"

            # Get glyph logical widths.
            if glyph_id in font.widths:
                logical_width = font.widths[glyph_id]
            else:
                pango.pango_font_get_glyph_extents(
                    pango_font, glyph_id, stream.ink_rect, stream.logical_rect
                )
                logical_width = font.widths[glyph_id] = round(
                    stream.logical_rect.width * 1000 * FROM_UNITS / font_size
                )

            # Set kerning, word spacing, letter spacing.
            kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
            if kerning:
                string += f">{int(kerning)}<"

            # Create list of emojis.
            if font.svg:
                svg_data = get_hb_object_data(font.hb_face, "svg", glyph_id)
                if svg_data:
                    # Do as explained in specification
                    # https://learn.microsoft.com/typography/opentype/spec/svg
                    tree = ElementTree.fromstring(svg_data)
                    if tree.get("id") != f"glyph{glyph_id}":
                        defs = ElementTree.Element("defs")
                        for child in list(tree):
                            defs.append(child)
                            tree.remove(child)
                        tree.append(defs)
                        ElementTree.SubElement(tree, "use", attrib={"href": f"#glyph{glyph_id}"})
                    if "viewBox" not in tree.attrib:
                        tree.attrib["viewBox"] = f"0 0 {font.upem} {font.upem}"
                    image = SVGImage(tree, None, None, None)
                    a = d = 1
                    emojis.append([image, font, a, d, x_advance, 0])
            elif font.png:
                png_data = get_hb_object_data(font.hb_font, "png", glyph_id)
                if png_data:
                    pillow_image = Image.open(BytesIO(png_data))
                    image_id = f"{font.hash}{glyph_id}"
                    image = RasterImage(pillow_image, image_id, png_data)
                    d = logical_width / 1000
                    a = pillow_image.width / pillow_image.height * d
                    pango.pango_font_get_glyph_extents(
                        pango_font, glyph_id, stream.ink_rect, stream.logical_rect
                    )
                    f = -stream.logical_rect.y
                    f = f * FROM_UNITS / font_size - font_size
                    emojis.append([image, font, a, d, x_advance, f])
            elif font.colr:
                svg_data = get_hb_object_data(font.hb_font, "colr", glyph_id)
                if svg_data:
                    tree = ElementTree.fromstring(svg_data)
                    image = SVGImage(tree, None, None, None)
                    a = d = 1
                    e = x_advance - kerning
                    emojis.append([image, font, a, d, e, -textbox.baseline])

            x_advance += (logical_width + offset - kerning) / 1000

        # Close the last glyphs list, remove if empty.
        if string[-1] == "<":
            string = string[:-1]
        else:
            string += ">"

    # Draw text.
    stream.show_text(string)

    return emojis


def _cluster_text(glyph_item, clusters, i: int, utf8_text: bytes) -> str:
    """WeasyPrint's text of glyph ``i`` of a run: the UTF-8 bytes of its cluster in the line."""
    item = glyph_item.item
    start = clusters[i]
    if item.analysis.level % 2:  # right to left: the cluster ends where the previous one starts
        end = item.length if i == 0 else clusters[i - 1]
    else:
        end = item.length if i == glyph_item.glyphs.num_glyphs - 1 else clusters[i + 1]
    return utf8_text[item.offset + start : item.offset + end].decode()


def layout_setup(self, style):
    """WeasyPrint 70's ``text.line_break.Layout.setup``, with its Pango context and font
    description made once for each thread's font configuration instead of for every layout.

    A Pango layout copies the description it is given, and the shared contexts are never
    changed once made, so every layout is made as before.
    """
    self.style = style
    self.first_line_direction = 0

    font_config = style.font_config
    contexts, descriptions = font_config.__dict__.setdefault("_vanban_pango", ({}, {}))
    if style["font_language_override"] != "normal":
        override = style["font_language_override"]
        lang = LST_TO_ISO.get(override.lower(), override)
    else:
        lang = style["lang"] or None
    direction = style["direction"]
    context_key = (direction, lang)
    if (cached := contexts.get(context_key)) is None:
        pango_context = ffi.gc(
            pango.pango_font_map_create_context(font_config.font_map), gobject.g_object_unref
        )
        pango.pango_context_set_round_glyph_positions(pango_context, False)
        pango.pango_context_set_base_dir(pango_context, PANGO_DIRECTION[direction])
        if lang:
            lang_p, _ = unicode_to_char_p(lang)
            language = pango.pango_language_from_string(lang_p)
            pango.pango_context_set_language(pango_context, language)
        else:
            language = pango.pango_language_get_default()
        cached = contexts[context_key] = (pango_context, language)
    pango_context, self.language = cached

    assert not isinstance(style["font_family"], str), "font_family should be a list"
    description_key = (
        tuple(style["font_family"]),
        style["font_style"],
        style["font_stretch"],
        style["font_weight"],
        style["font_size"],
        style["font_variant_caps"],
        style["font_variation_settings"],
    )
    if (font_description := descriptions.get(description_key)) is None:
        font_description = descriptions[description_key] = get_font_description(style)
    self.layout = ffi.gc(pango.pango_layout_new(pango_context), gobject.g_object_unref)
    pango.pango_layout_set_auto_dir(self.layout, False)
    pango.pango_layout_set_font_description(self.layout, font_description)

    text_decoration = style["text_decoration_line"]
    if text_decoration != "none":
        metrics = ffi.gc(
            pango.pango_context_get_metrics(pango_context, font_description, self.language),
            pango.pango_font_metrics_unref,
        )
        self.ascent = FROM_UNITS * (pango.pango_font_metrics_get_ascent(metrics))
        self.underline_position = FROM_UNITS * (
            pango.pango_font_metrics_get_underline_position(metrics)
        )
        self.strikethrough_position = FROM_UNITS * (
            pango.pango_font_metrics_get_strikethrough_position(metrics)
        )
        self.underline_thickness = FROM_UNITS * (
            pango.pango_font_metrics_get_underline_thickness(metrics)
        )
        self.strikethrough_thickness = FROM_UNITS * (
            pango.pango_font_metrics_get_strikethrough_thickness(metrics)
        )
    else:
        self.ascent = None
        self.underline_position = None
        self.strikethrough_position = None

    features = font_features(
        style["font_kerning"],
        style["font_variant_ligatures"],
        style["font_variant_position"],
        style["font_variant_caps"],
        style["font_variant_numeric"],
        style["font_variant_alternates"],
        style["font_variant_east_asian"],
        style["font_feature_settings"],
    )
    if features:
        features = ",".join(f"{key} {value}" for key, value in features.items()).encode()
        # In the meantime, keep a cache to avoid leaking too many of them.
        attr = style.font_config.font_features.setdefault(
            features, pango.pango_attr_font_features_new(features)
        )
        attr_list = pango.pango_attr_list_new()
        pango.pango_attr_list_insert(attr_list, attr)
        pango.pango_layout_set_attributes(self.layout, attr_list)


def _importers(name: str, source: Any = percent) -> list:
    """Return WeasyPrint's layout modules that imported ``name`` from ``source``."""
    modules = []
    for module_name in ("absolute", "block", "column", "float", "grid", "inline", "page", "table"):
        module = getattr(layout, module_name, None) or __import__(
            f"weasyprint.layout.{module_name}", fromlist=["_"]
        )
        if getattr(module, name, None) is getattr(source, name):
            modules.append(module)
    return modules


_original_missing = css.ComputedStyle.__missing__

# Properties whose computed value WeasyPrint derives from others or records on the way.
_OWN_WAY = frozenset(
    {"float", "display", "position", "page"}
    | {key for key in INITIAL_VALUES if key.startswith("text_decoration_")}
)


def computed_missing(self, key):
    """WeasyPrint 70's ``css.ComputedStyle.__missing__``, short for a property not cascaded.

    Most of the properties a box reads are neither set by a style sheet nor special: they are
    the parent's value (inherited) or the initial one. This copy takes WeasyPrint's steps for
    them without its checks of cases that cannot apply; anything else (a cascaded value, a
    logical property, a math function, the root element, the properties in _OWN_WAY) goes to
    WeasyPrint's own method.
    """
    parent_style = self.parent_style
    cascaded = self.cascaded
    if key in cascaded or key in _OWN_WAY or parent_style is None:
        return _original_missing(self, key)
    if (logical_function := PHYSICAL_FUNCTIONS.get(key)) and logical_function(
        block="ttb", inline=self["direction"]
    ) in cascaded:
        return _original_missing(self, key)
    if key in INHERITED or key[:2] == "__":
        value = parent_style[key]
        if check_math(value):
            return _original_missing(self, key)
        self[key] = value
        return value
    value = INITIAL_VALUES[key]
    if check_math(value):
        return _original_missing(self, key)
    if key in INITIAL_NOT_COMPUTED and key in COMPUTER_FUNCTIONS:
        value = COMPUTER_FUNCTIONS[key](self, key, value)
    self[key] = value
    return value


def _percentage(value, computed, refer_to):
    """``layout.percent.percentage``, a length given directly for a plain dimension."""
    if type(value) is Dimension:
        unit = value.unit
        if unit == "%":
            return refer_to * value.value / 100
        if unit is not None:  # px
            return value.value
    return percent.percentage(value, computed, refer_to)


def resolve_percentages(box, containing_block):
    """WeasyPrint 70's ``layout.percent.resolve_percentages``, its calls made inline."""
    if isinstance(containing_block, boxes.Box):
        # cb is short for containing block
        cb_width = containing_block.width
        cb_height = containing_block.height
    else:
        cb_width, cb_height = containing_block
    maybe_height = cb_height if isinstance(box, boxes.PageBox) else cb_width
    style = box.style
    box.margin_left = _percentage(style["margin_left"], style, cb_width)
    box.margin_right = _percentage(style["margin_right"], style, cb_width)
    box.margin_top = _percentage(style["margin_top"], style, maybe_height)
    box.margin_bottom = _percentage(style["margin_bottom"], style, maybe_height)
    box.padding_left = _percentage(style["padding_left"], style, cb_width)
    box.padding_right = _percentage(style["padding_right"], style, cb_width)
    box.padding_top = _percentage(style["padding_top"], style, maybe_height)
    box.padding_bottom = _percentage(style["padding_bottom"], style, maybe_height)
    box.width = _percentage(style["width"], style, cb_width)
    min_width = _percentage(style["min_width"], style, cb_width)
    box.min_width = 0 if min_width == "auto" else min_width
    box.max_width = _percentage(style["max_width"], style, cb_width)

    # XXX later: top, bottom, left and right on positioned elements

    if cb_height == "auto":
        # Special handling when the height of the containing block
        # depends on its content.
        height = style["height"]
        if height == "auto" or check_math(height) or height.unit == "%":
            box.height = "auto"
        else:
            assert height.unit.lower() == "px"
            box.height = height.value
        min_height = _percentage(style["min_height"], style, 0)
        box.min_height = 0 if min_height == "auto" else min_height
        box.max_height = _percentage(style["max_height"], style, inf)
    else:
        box.height = _percentage(style["height"], style, cb_height)
        min_height = _percentage(style["min_height"], style, cb_height)
        box.min_height = 0 if min_height == "auto" else min_height
        box.max_height = _percentage(style["max_height"], style, cb_height)

    collapse = style["border_collapse"] == "collapse"
    # Used value == computed value
    for side in ("top", "right", "bottom", "left"):
        prop = f"border_{side}_width"
        # border-{side}-width would have been resolved
        # during border conflict resolution for collapsed-borders
        if not (collapse and prop in box.__dict__):  # hasattr: boxes keep them there
            setattr(box, prop, style[prop])

    # Shrink *content* widths and heights according to box-sizing
    percent.adjust_box_sizing(box, "width")
    percent.adjust_box_sizing(box, "height")


_writing = threading.local()  # .memo: each object's bytes, while this thread writes a PDF


def _once_per_write(original: property) -> property:
    """Return pydyf's ``data`` property, computed once per object while a PDF is written.

    pydyf.PDF.write serialises every object twice when the PDF has an identifier (as ours
    have): once to write it, once more to hash the file for the identifier, deflating every
    stream again. The objects do not change in between, so the bytes are the same; the memo
    holds each object as well as its bytes, so no id is reused while the memo lives.
    """

    def data(self):
        memo = getattr(_writing, "memo", None)
        if memo is None:
            return original.fget(self)
        if (known := memo.get(id(self))) is not None:
            return known[1]
        value = original.fget(self)
        memo[id(self)] = (self, value)
        return value

    return property(data, doc=original.__doc__)


def pdf_write(self, *args, **kwargs):
    """pydyf's ``PDF.write``, each object's bytes made once (see _once_per_write)."""
    if getattr(_writing, "memo", None) is not None:
        return _original_write(self, *args, **kwargs)
    _writing.memo = {}
    try:
        return _original_write(self, *args, **kwargs)
    finally:
        _writing.memo = None


_original_write = pydyf.PDF.write


def shrink_to_fit(context, box, available_content_width):
    """WeasyPrint 70's ``layout.preferred.shrink_to_fit``, min(max(min-content, available),
    max-content), without the min-content width when the max-content width fits.

    When max-content <= available, the expression is max-content whatever min-content is
    (max(min-content, available) >= available >= max-content); min-content is the costly one,
    a Pango layout for every word of the box.
    """
    widest = preferred.max_content_width(context, box, outer=False)
    if widest <= available_content_width:
        return widest
    return min(
        max(preferred.min_content_width(context, box, outer=False), available_content_width),
        widest,
    )


# name: [(where the lever goes, attribute, the lever)]
LEVERS: dict[str, list[tuple[Any, str, Any]]] = {
    "deflate": [(pydyf, "zlib", Deflate())],
    "draw_first_line": [(draw_text, "draw_first_line", draw_first_line)],
    "layout_setup": [(line_break.Layout, "setup", layout_setup)],
    "line_memo": [
        *[
            (module, "split_first_line", line_memo.split_first_line)
            for module in (line_break, preferred, *_importers("split_first_line", line_break))
        ],
        (FontConfiguration, "add_font_face", line_memo.add_font_face),
    ],
    "margin_boxes": [
        (module, "make_margin_boxes", weasyprint_margins.make_margin_boxes)
        for module in (page_layout, layout)
    ],
    "shrink_to_fit": [
        (module, "shrink_to_fit", shrink_to_fit)
        for module in (preferred, *_importers("shrink_to_fit", preferred))
    ],
    "computed_missing": [(css.ComputedStyle, "__missing__", computed_missing)],
    "write_once": [
        (pydyf.PDF, "write", pdf_write),
        (pydyf.Stream, "data", _once_per_write(pydyf.Stream.data)),
        (pydyf.Dictionary, "data", _once_per_write(pydyf.Dictionary.data)),
    ],
    "resolve_percentages": [
        (module, "resolve_percentages", resolve_percentages)
        for module in (percent, *_importers("resolve_percentages"))
    ],
}
_ORIGINAL = {
    (name, owner, attribute): getattr(owner, attribute)
    for name, places in LEVERS.items()
    for owner, attribute, _ in places
}
