"""Effective run and paragraph formatting after style inheritance, as Word computes it.

Run properties stack, weakest first: document defaults (``w:docDefaults``), the table style of
the enclosing table, the paragraph style, the character style, then the run's own ``w:rPr``.
A style's values are read along its ``w:basedOn`` chain, the derived style winning. Font names
given as theme fonts (``w:asciiTheme="minorHAnsi"``) are looked up in the theme part. Bold,
italic and caps are toggle properties (ECMA-376 §17.7.3): in a style, "on" flips what the
weaker style layers gave and "off" changes nothing, while a run's own setting is absolute. Where
nothing sets a value, Word's built-in defaults apply: Times New Roman, 10 pt, not bold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DEFAULT_FONT = "Times New Roman"
DEFAULT_SIZE = 10.0
TOGGLES = ("b", "i", "caps")
_OFF = {"0", "false", "off", "none"}
_THEME_SLOTS = {
    "majorAscii": ("major", "latin"),
    "majorHAnsi": ("major", "latin"),
    "minorAscii": ("minor", "latin"),
    "minorHAnsi": ("minor", "latin"),
}
_MAX_CHAIN = 32  # basedOn links followed; real style sheets use a handful

Layer = dict[str, object]  # what one level sets: ascii, hansi, size, b, i, caps; jc, tabs


@dataclass(frozen=True)
class RunProps:
    """The formatting a run is displayed with."""

    ascii: str
    hansi: str
    size: float  # points
    bold: bool
    italic: bool
    caps: bool


@dataclass(frozen=True)
class ParaProps:
    """The paragraph formatting the checks use: alignment and whether a centre tab stop exists."""

    align: str
    centre_tab: bool


def on_off(element: etree._Element | None) -> bool | None:
    """Return the value of an on/off property element, None when it is absent."""
    if element is None:
        return None
    return element.get(f"{W}val", "true").lower() not in _OFF


class StyleSheet:
    """The styles part and theme of one document, resolved on demand and cached."""

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None) -> None:
        self.theme = _theme_fonts(theme)
        self.styles: dict[str, etree._Element] = {}
        self.defaults: dict[str, str] = {}
        root = styles if styles is not None else etree.Element(f"{W}styles")
        for style in root.iter(f"{W}style"):
            style_id, kind = style.get(f"{W}styleId"), style.get(f"{W}type", "paragraph")
            if style_id is None:
                continue
            self.styles.setdefault(style_id, style)
            if style.get(f"{W}default", "").lower() in ("1", "true", "on"):
                self.defaults.setdefault(kind, style_id)
        self.base_rpr = self._layer(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
        self.base_ppr = _ppr_layer(root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr"))
        self._chain_layers = lru_cache(maxsize=None)(self._chain)
        self._styled = lru_cache(maxsize=None)(self._style_props)

    def paragraph_style(self, style_id: str | None) -> str | None:
        """Return the id of the style a paragraph uses: its own if defined, else the default."""
        if style_id in self.styles:
            return style_id
        return self.defaults.get("paragraph")

    def run_props(
        self,
        p_style: str | None,
        t_style: str | None,
        r_style: str | None,
        rpr: etree._Element | None,
    ) -> RunProps:
        """Return the effective formatting of a run."""
        props = dict(self._styled(p_style, t_style, r_style))
        props.update(self._layer(rpr))
        return RunProps(
            ascii=str(props["ascii"]),
            hansi=str(props.get("hansi", props["ascii"])),
            size=float(props["size"]),
            bold=bool(props["b"]),
            italic=bool(props["i"]),
            caps=bool(props["caps"]),
        )

    def _style_props(self, p_style: str | None, t_style: str | None, r_style: str | None) -> Layer:
        """Return the run properties the styles give, before the run's own (cached)."""
        props: Layer = {
            "ascii": DEFAULT_FONT,
            "size": DEFAULT_SIZE,
            "b": False,
            "i": False,
            "caps": False,
            **self.base_rpr,
        }
        for style_id in (
            t_style or self.defaults.get("table"),
            self.paragraph_style(p_style),
            r_style,
        ):
            for key, value in self._chain_layers(style_id)[0].items():
                if key not in TOGGLES:
                    props[key] = value
                elif value:  # a style's "on" flips the toggle, its "off" leaves it
                    props[key] = not props[key]
        return props

    def paragraph_props(
        self, p_style: str | None, t_style: str | None, ppr: etree._Element | None
    ) -> ParaProps:
        """Return the effective alignment and tab stops of a paragraph."""
        layers = [
            self.base_ppr,
            *(
                self._chain_layers(style_id)[1]
                for style_id in (
                    t_style or self.defaults.get("table"),
                    self.paragraph_style(p_style),
                )
            ),
            _ppr_layer(ppr),
        ]
        align, tabs = "left", {}
        for layer in layers:
            align = str(layer.get("jc", align))
            for pos, val in layer.get("tabs", ()):
                if val == "clear":
                    tabs.pop(pos, None)
                else:
                    tabs[pos] = val
        return ParaProps(align=align, centre_tab="center" in tabs.values())

    def _chain(self, style_id: str | None) -> tuple[Layer, Layer]:
        """Return the (run, paragraph) properties a style sets along its basedOn chain."""
        chain, seen = [], set()
        while style_id in self.styles and style_id not in seen and len(chain) < _MAX_CHAIN:
            seen.add(style_id)
            chain.append(self.styles[style_id])
            based = self.styles[style_id].find(f"{W}basedOn")
            style_id = None if based is None else based.get(f"{W}val")
        rpr: Layer = {}
        ppr: Layer = {}
        for style in reversed(chain):  # root first, so the derived style wins
            rpr.update(self._layer(style.find(f"{W}rPr")))
            layer = _ppr_layer(style.find(f"{W}pPr"))
            ppr["tabs"] = [*ppr.get("tabs", ()), *layer.pop("tabs", ())]
            ppr.update(layer)
        return rpr, ppr

    def _layer(self, rpr: etree._Element | None) -> Layer:
        """Return the run properties one ``w:rPr`` sets."""
        if rpr is None:
            return {}
        layer: Layer = {}
        fonts = rpr.find(f"{W}rFonts")
        if fonts is not None:
            for key, attr in (("ascii", "ascii"), ("hansi", "hAnsi")):
                name = self.theme.get(fonts.get(f"{W}{attr}Theme", "")) or fonts.get(f"{W}{attr}")
                if name:
                    layer[key] = name
        size = rpr.find(f"{W}sz")
        if size is not None and (size.get(f"{W}val") or "").isdigit():
            layer["size"] = int(size.get(f"{W}val")) / 2
        for key in TOGGLES:
            value = on_off(rpr.find(f"{W}{key}"))
            if value is not None:
                layer[key] = value
        return layer


def _ppr_layer(ppr: etree._Element | None) -> Layer:
    """Return the alignment and tab stops one ``w:pPr`` sets."""
    if ppr is None:
        return {}
    layer: Layer = {}
    jc = ppr.find(f"{W}jc")
    if jc is not None and jc.get(f"{W}val"):
        layer["jc"] = {"start": "left", "end": "right"}.get(jc.get(f"{W}val"), jc.get(f"{W}val"))
    tabs = [(t.get(f"{W}pos", ""), t.get(f"{W}val", "")) for t in ppr.iterfind(f"{W}tabs/{W}tab")]
    if tabs:
        layer["tabs"] = tabs  # in order: each sets or clears the stop at its position
    return layer


def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """Return the font name of each theme font slot ("minorHAnsi" -> "Times New Roman")."""
    if theme is None:
        return {}
    fonts = {}
    for slot, (group, script) in _THEME_SLOTS.items():
        face = theme.find(f".//{_A}fontScheme/{_A}{group}Font/{_A}{script}")
        if face is not None and face.get("typeface"):
            fonts[slot] = face.get("typeface")
    return fonts
