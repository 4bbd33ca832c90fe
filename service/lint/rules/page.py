"""Page setup (nd30-format.md §1): A4, portrait unless a wide table needs room, ND30 margins."""

from __future__ import annotations

from collections.abc import Iterator

from ..anatomy import Anatomy
from ..model import Document, Section
from ..report import ERROR, Finding, Rule
from .base import Context

SIZE = Rule("page.size", ERROR, "Khổ giấy A4 (210 × 297 mm)")
ORIENTATION = Rule("page.orientation", ERROR, "Trang đứng; trang ngang chỉ khi có bảng rộng")
MARGINS = Rule("page.margins", ERROR, "Lề trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm")
RULES = (SIZE, ORIENTATION, MARGINS)
RULES_BY_ID = {rule.id: rule for rule in RULES}

A4 = (11906, 16838)  # twips
SIZE_SLACK = 28  # twips (0.5 mm): Word and LibreOffice round A4 differently
MARGIN_SLACK = 0.25  # mm: 15 mm is stored as 850 or 851 twips
RANGES = {
    "top": (20, 25, "trên"),
    "bottom": (20, 25, "dưới"),
    "left": (30, 35, "trái"),
    "right": (15, 20, "phải"),
}


def mm(twips: float) -> float:
    """Return twips in millimetres.

    >>> round(mm(1701), 1), round(mm(851), 1)
    (30.0, 15.0)
    """
    return twips * 25.4 / 1440


def check(doc: Document, anatomy: Anatomy, ctx: Context) -> Iterator[Finding]:
    """Yield the page setup findings, one per problem with the sections that have it."""
    where: dict[tuple[str, str], list[int]] = {}
    for section in doc.sections:
        for finding in (*_size(section), *_orientation(doc, section), *_margins(section)):
            where.setdefault((finding.rule, finding.message), []).append(section.index + 1)
    for (rule, message), numbers in where.items():
        sections = ", ".join(map(str, numbers))
        yield RULES_BY_ID[rule].at(None, f"mục trang (section) {sections}", message)


def _size(section: Section) -> Iterator[Finding]:
    """Yield a finding when the paper is not A4 (either way round)."""
    if section.width is None or section.height is None:
        yield SIZE.at(None, "", "Không khai báo khổ giấy; phải là A4 (210 × 297 mm).")
        return
    short, long = sorted((section.width, section.height))
    if abs(short - A4[0]) > SIZE_SLACK or abs(long - A4[1]) > SIZE_SLACK:
        yield SIZE.at(
            None,
            "",
            f"Khổ giấy {mm(section.width):.0f} × "
            f"{mm(section.height):.0f} mm; phải là A4 (210 × 297 mm).",
        )


def _orientation(doc: Document, section: Section) -> Iterator[Finding]:
    """Yield a finding for a landscape section holding no table too wide for portrait."""
    width, height = section.width or 0, section.height or 0
    if not (section.landscape or width > height):
        return
    portrait_room = A4[0] - section.margins.get("left", 0) - section.margins.get("right", 0)
    wide = any(t.section == section.index and (t.width or 0) > portrait_room for t in doc.tables)
    if not wide:
        yield ORIENTATION.at(
            None,
            "",
            "Trang nằm ngang nhưng không có bảng rộng hơn khổ "
            "dọc; văn bản trình bày theo chiều dài khổ A4.",
        )


def _margins(section: Section) -> Iterator[Finding]:
    """Yield margins outside the ranges; a landscape page may have them turned with the page."""
    layouts = [{}]
    if section.landscape or (section.width or 0) > (section.height or 0):
        layouts += [
            {"top": "left", "right": "top", "bottom": "right", "left": "bottom"},
            {"top": "right", "right": "bottom", "bottom": "left", "left": "top"},
        ]
    problems = min((list(_margin_problems(section, turn)) for turn in layouts), key=len)
    yield from problems


def _margin_problems(section: Section, turn: dict[str, str]) -> Iterator[Finding]:
    """Yield the margins outside their range, each side judged by the rule of ``turn[side]``."""
    for side in RANGES:
        low, high, _ = RANGES[turn.get(side, side)]
        word = RANGES[side][2]
        value = section.margins.get(side)
        if value is None:
            yield MARGINS.at(None, "", f"Không khai báo lề {word}; phải {low}–{high} mm.")
            continue
        size = mm(value + (section.margins.get("gutter", 0) if side == "left" else 0))
        if not low - MARGIN_SLACK <= size <= high + MARGIN_SLACK:
            yield MARGINS.at(
                None, "", f"Lề {word} {size:.1f} mm; phải {low}–{high} mm.".replace(".", ",", 1)
            )
