"""Remembered line breaks: WeasyPrint's ``split_first_line`` computed once per line of text.

Laying out a paragraph, WeasyPrint asks Pango for its first line, then for the first line of
the rest, and so on; each answer is a Pango layout made, shaped and broken (~70 µs). The same
questions come back: within a document, a table cell is measured for its narrowest and widest
widths and then laid out; across documents, the national motto, the căn cứ lines, the nơi nhận
and the signature block are the same text in the same style at the same width, and a clerk downloads
the PDF of a draft again after changing one field.

The answer depends only on the text, the style properties WeasyPrint's line breaking reads
(PROPERTIES), the width, the justification spacing, whether the line starts a line box and
whether the narrowest width is asked, and the fonts (one memo per font configuration). What is
remembered is the answer as WeasyPrint keeps it: the numbers and the layout *deactivated*
(its text and measures, no Pango object), which drawing reactivates from the box's own style
as it does for every layout. Each answer handed out is a copy, so no two boxes share a layout.
"""

from __future__ import annotations

from weasyprint.text import line_break
from weasyprint.text.fonts import FontConfiguration

# Answers remembered per font configuration (one per rendering thread); the memo starts afresh
# when full. An answer takes about 0.9 kB, so at most ~7 MB; the 12 fixtures need ~2,200.
SIZE = 8192

# Every property line_break.split_first_line reads, and Layout.setup and set_text under it.
PROPERTIES = (
    "direction",
    "font_family",
    "font_feature_settings",
    "font_kerning",
    "font_language_override",
    "font_size",
    "font_stretch",
    "font_style",
    "font_variant_alternates",
    "font_variant_caps",
    "font_variant_east_asian",
    "font_variant_ligatures",
    "font_variant_numeric",
    "font_variant_position",
    "font_variation_settings",
    "font_weight",
    "hyphenate_character",
    "hyphenate_limit_chars",
    "hyphenate_limit_zone",
    "hyphens",
    "lang",
    "letter_spacing",
    "line_height",
    "overflow_wrap",
    "tab_size",
    "text_decoration_line",
    "white_space",
    "word_break",
    "word_spacing",
)

_split_first_line = line_break.split_first_line
_add_font_face = FontConfiguration.add_font_face
_Layout = line_break.Layout


def split_first_line(
    text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False
):
    """WeasyPrint 70's ``text.line_break.split_first_line``, each answer computed once."""
    try:
        key = (
            text,
            max_width,
            justification_spacing,
            is_line_start,
            minimum,
            *[style[name] for name in PROPERTIES],
        )
        memo = style.font_config.__dict__.setdefault("_vanban_lines", {})
        known = memo.get(key)
    except TypeError:  # a property value that cannot be a key: ask WeasyPrint
        return _split_first_line(
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
    if known is None:
        answer = _split_first_line(
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
        if len(memo) >= SIZE:
            memo.clear()
        memo[key] = known = (answer[0].__dict__.copy(), answer[1:])
        return answer
    layout = _Layout.__new__(_Layout)
    layout.__dict__.update(known[0])
    return (layout, *known[1])


def add_font_face(self, rule_descriptors, url_fetcher):
    """WeasyPrint's ``FontConfiguration.add_font_face``, then forget what the memo remembers.

    A document's @font-face can give a family name another font than the one earlier answers
    were measured in.
    """
    try:
        return _add_font_face(self, rule_descriptors, url_fetcher)
    finally:
        forget(self)


def forget(font_config) -> None:
    """Drop what ``font_config``'s memo remembers (tests, and fonts changed in place)."""
    font_config.__dict__.pop("_vanban_lines", None)
