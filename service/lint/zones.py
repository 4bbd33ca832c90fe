"""Find the closing block: Nơi nhận and its items, the signer's titles and name.

The block is a two-cell table in our templates, but hand-made documents also set it with tabs
("Nơi nhận:<tab>KT. CHỦ TỊCH") or as plain lines above or below the list, so the signature lines
are gathered from the label's table row, or from the short lines around and beside the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .locate import Span, is_rule
from .model import Document, Paragraph
from .text import fold, is_upper

_LABEL = re.compile(r"noi\s*nhan\b\s*:?")
BULLETS = ("-", "+", "–", "—", "•", "*")
PREFIX = re.compile(
    r"^(?P<token>T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|TU\s*/\s*Q|T\.M|K\.T|T\.L|TUQ|TM|"
    r"KT|TL|Q)(?P<punct>[.:/]?)(?P<space>\s*)(?=\S)(?<=[.:/\s])"
)
_NEAR = 15  # lines looked at around the label for the signature
_SHORT = 60  # a signature line (title or name) is shorter than this


@dataclass
class Closing:
    """The Nơi nhận list and the signature, with the paragraphs they occupy."""

    label: Span | None = None
    items: list[Span] = field(default_factory=list)
    titles: list[Span] = field(default_factory=list)
    name: Span | None = None
    paragraphs: set[int] = field(default_factory=set)
    start: int | None = None  # first paragraph of the block


def find_closing(doc: Document, after: int) -> Closing:
    """Return the closing block found after paragraph ``after``."""
    closing = Closing()
    label = _find_label(doc, after)
    if label is not None:
        closing.label = label
        side = _items(doc, closing)
        candidates = (
            _row_lines(doc, label)
            if doc.paragraphs[label.paragraph].cell
            else _around(doc, closing, side, after)
        )
    else:
        first = next(
            (
                p
                for p in doc.paragraphs[after:]
                if _short(p)
                and any(
                    PREFIX.match(p.text[a:b]) and is_upper(p.text[a:b]) for a, b in p.segments()
                )
            ),
            None,
        )
        candidates = [] if first is None else _lines(doc, first.index, _NEAR, stop_at_long=True)
    _signature(doc, closing, candidates)
    spans = [s for s in (closing.label, *closing.items, *closing.titles, closing.name) if s]
    closing.paragraphs |= {s.paragraph for s in spans}
    closing.start = min(closing.paragraphs, default=None)
    return closing


def _find_label(doc: Document, after: int) -> Span | None:
    """Return the "Nơi nhận:" label."""
    for p in doc.paragraphs[after:]:
        for a, b in p.segments():
            match = _LABEL.match(fold(p.text[a : min(b, a + 16)]))  # the label starts a piece
            if match:
                return Span(p.index, a, a + match.end())
    return None


def _items(doc: Document, closing: Closing) -> list[Span]:
    """Record the recipient lines; return what stands beside them (tab layouts).

    In a table cell every line after the label is a recipient; elsewhere a line is one while
    it starts with a dash, and what follows a tab on it belongs to the signature.
    """
    label = closing.label
    p = doc.paragraphs[label.paragraph]
    first = p.lines(label.end)
    same_line = first[:1] if first and first[0][0] < _line_end(p, label.end) else []
    side = [Span(p.index, a, b) for line in same_line for a, b in p.segments(*line)]
    lines = [(p, line) for line in first[len(same_line) :]]
    for q in doc.paragraphs[label.paragraph + 1 :]:
        if p.cell is not None and (
            q.cell is None
            or (q.cell.table, q.cell.row, q.cell.column)
            != (p.cell.table, p.cell.row, p.cell.column)
        ):
            break
        if p.cell is None and not q.text.lstrip().startswith(BULLETS):
            break
        lines += [(q, line) for line in q.lines()]
    for q, (a, b) in lines:
        pieces = q.segments(a, b)
        if p.cell is not None:
            closing.items.append(Span(q.index, a, b))
            continue
        if not q.text[pieces[0][0] :].startswith(BULLETS):
            break
        closing.items.append(Span(q.index, *pieces[0]))
        side += [Span(q.index, c, d) for c, d in pieces[1:]]
    closing.paragraphs |= {s.paragraph for s in closing.items}
    return side


def _line_end(p: Paragraph, offset: int) -> int:
    """Return where the line holding ``offset`` ends."""
    return min([b for b in p.line_breaks if b >= offset] or [len(p.text)])


def _row_lines(doc: Document, label: Span) -> list[Span]:
    """Return the lines of the other cells of the label's table row."""
    cell = doc.paragraphs[label.paragraph].cell
    return [
        Span(p.index, a, b)
        for p in doc.paragraphs
        if p.cell
        and cell
        and (p.cell.table, p.cell.row) == (cell.table, cell.row)
        and p.cell.column != cell.column
        for a, b in p.segments()
    ]


def _around(doc: Document, closing: Closing, side: list[Span], after: int) -> list[Span]:
    """Return signature lines above the label, beside the items and below the list."""
    top = closing.label.paragraph
    while (
        top - 1 > after
        and top > closing.label.paragraph - _NEAR
        and _short(doc.paragraphs[top - 1])
    ):
        top -= 1
    below = max([closing.label.paragraph, *(s.paragraph for s in closing.items)]) + 1
    return [
        *_lines(doc, top, closing.label.paragraph - top),
        *side,
        *_lines(doc, below, _NEAR, stop_at_long=True),
    ]


def _lines(doc: Document, start: int, count: int, stop_at_long: bool = False) -> list[Span]:
    """Return the segments of up to ``count`` short paragraphs from ``start``."""
    out: list[Span] = []
    origin = doc.paragraphs[start].cell if start < len(doc.paragraphs) else None
    for p in doc.paragraphs[start : start + count]:
        if stop_at_long and (not _short(p) or p.cell != origin):  # the block ends with its cell
            break
        out += [Span(p.index, a, b) for a, b in p.segments()]
    return out


def _short(p: Paragraph) -> bool:
    """Return whether ``p`` could be a signature line: short, not ending a sentence."""
    text = p.text.strip()
    return not text or (
        len(text) <= _SHORT
        and not text.endswith((".", ";", ":"))
        and not p.boxed
        and not fold(text).startswith(("dieu ", "phu luc"))
    )


def _signature(doc: Document, closing: Closing, candidates: list[Span]) -> None:
    """Split the signature lines into titles and the signer's name.

    The titles are consecutive lines from the first upper-case one; the room left to sign (blank
    paragraphs, or the signature image) separates them from the name, the first line after it.
    Without such a gap the name is the first line that is not upper case.
    """
    lines = [s for s in candidates if _signature_text(doc.paragraphs[s.paragraph], s)]
    first = next(
        (i for i, s in enumerate(lines) if is_upper(_text(doc, s)) or PREFIX.match(_text(doc, s))),
        None,
    )
    if first is None:
        return
    lines = lines[first:]
    gap = next(
        (i for i in range(1, len(lines)) if lines[i].paragraph - lines[i - 1].paragraph > 1), None
    )
    if gap is None:
        gap = next(
            (i for i in range(1, len(lines)) if not is_upper(_text(doc, lines[i]))), len(lines)
        )
    closing.titles = lines[:gap]
    closing.name = lines[gap] if gap < len(lines) else None


def _signature_text(p: Paragraph, span: Span) -> bool:
    """Return whether a segment can be part of the signature (not a placeholder or rule)."""
    text = p.text[span.start : span.end]
    return not (is_rule(text) or text.startswith(("(", "[")) or text == "./.")


def _text(doc: Document, span: Span) -> str:
    """Return the displayed text of ``span``."""
    return doc.paragraphs[span.paragraph].shown(span.start, span.end)
