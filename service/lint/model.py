"""The document as the checks see it: paragraphs with their effective formatting, sections.

Paragraphs are numbered as ``service.render.docx_text.docx_lines`` numbers its lines (body and
table cells in reading order, text boxes after their anchor), so a finding's paragraph number
points at the same line in every tool of the project.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from .styles import RunProps
from .text import segments


@dataclass(frozen=True)
class Run:
    """A stretch ``start:end`` of a paragraph's text and the formatting it is displayed with."""

    start: int
    end: int
    props: RunProps
    mark: bool = False  # a footnote or endnote reference number


@dataclass(frozen=True)
class Cell:
    """Where a paragraph sits in a table: the table's number in its part, row and column."""

    table: int
    row: int
    column: int


@dataclass
class Paragraph:
    """One paragraph: its printed text, runs, layout context and fields."""

    index: int
    text: str
    runs: tuple[Run, ...] = ()
    breaks: frozenset[int] = frozenset()  # offsets where a tab or line break prints a space
    line_breaks: frozenset[int] = frozenset()  # the line breaks among them
    align: str = "left"
    centre_tab: bool = False  # the paragraph has a centre tab stop
    centre_ptabs: frozenset[int] = frozenset()  # offsets of centre-aligned positional tabs
    cell: Cell | None = None
    section: int = 0
    boxed: bool = False  # inside a text box
    fields: tuple[tuple[int, str], ...] = ()  # (offset, field instruction)

    def runs_over(self, start: int = 0, end: int | None = None) -> list[Run]:
        """Return the runs that print visible text inside ``start:end``."""
        end = len(self.text) if end is None else end
        return [
            run
            for run in self.runs
            if run.start < end
            and run.end > start
            and not run.mark
            and self.text[max(run.start, start) : min(run.end, end)].strip()
        ]

    def shown(self, start: int = 0, end: int | None = None) -> str:
        """Return the text of ``start:end`` as displayed: runs set in caps print upper case."""
        end = len(self.text) if end is None else end
        chars = list(self.text[start:end])
        for run in self.runs:
            if run.props.caps:
                for i in range(max(run.start, start), min(run.end, end)):
                    chars[i - start] = chars[i - start].upper()
        return "".join(chars)

    def plain(self) -> str:
        """Return the text without footnote marks and surrounding spaces (for punctuation)."""
        marks = [run for run in self.runs if run.mark]
        if not marks:
            return self.text.strip()
        chars = list(self.text)
        for run in marks:
            chars[run.start : run.end] = [""] * (run.end - run.start)
        return "".join(chars).strip()

    def lines(self, start: int = 0) -> list[tuple[int, int]]:
        """Return the stripped non-empty lines from ``start``, split at line breaks only."""
        cuts = sorted({start, len(self.text), *(b for b in self.line_breaks if b >= start)})
        out = []
        for a, b in itertools.pairwise(cuts):
            piece = self.text[a:b]
            if piece.strip():
                left = a + len(piece) - len(piece.lstrip())
                out.append((left, a + len(piece.rstrip())))
        return out

    def segments(self, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Return the pieces of text between tabs, line breaks and long runs of spaces."""
        return segments(self.text, self.breaks, start, end)


@dataclass(frozen=True)
class Table:
    """A table: its width in twips (None when not given) and the section it is in."""

    index: int
    width: int | None
    section: int


@dataclass
class Section:
    """Page setup of a section (twips) and the header and footer parts it names."""

    index: int
    width: int | None = None
    height: int | None = None
    landscape: bool = False
    margins: dict[str, int] = field(default_factory=dict)
    title_page: bool = False
    headers: dict[str, str] = field(default_factory=dict)  # type (default, first, even) -> part
    footers: dict[str, str] = field(default_factory=dict)


@dataclass
class Part:
    """A header or footer part and its paragraphs."""

    name: str
    kind: str  # "header" or "footer"
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Document:
    """Everything the rules look at."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    parts: dict[str, Part] = field(default_factory=dict)
