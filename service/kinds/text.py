"""Running text: paragraphs of parts into runs, with citations worded from the registry.

ND30 (Phụ lục I, II.6.b): the first time a document is named in the text it gets its full
wording (type, number, date, issuer, title); later it is named by type and number only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..errors import InvalidInput
from ..legal.citations import cite
from ..legal.registry import LAW_TYPES, LegalDocument, Registry, why_not_in_force
from ..model import Block, Run
from .inputs import BlankPart, CitePart, FootnotePart, Paragraph, TextPart

BLANK = "…"


@dataclass
class Citer:
    """Word the documents a text names, remembering which were already named."""

    registry: Registry
    days: tuple[date, ...]  # every day the citing document may bear
    date_style: str = "long"
    jurisdiction: str | None = None
    seen: set[str] = field(default_factory=set)

    def name(self, part: CitePart, path: str) -> str:
        """Return the wording of a cited document, or raise naming the field."""
        try:
            doc = self.registry.get(part.id)
        except KeyError:
            raise InvalidInput(
                "Văn bản được dẫn chiếu không có trong danh mục.",
                {path: [f"Không có văn bản '{part.id}' trong danh mục văn bản pháp lý."]},
            ) from None
        problems = [why_not_in_force(self.registry, doc, day) for day in self.days]
        problem = next((p for p in problems if p), None)
        if problem:
            raise InvalidInput(
                "Văn bản được dẫn chiếu không còn hoặc chưa có hiệu lực.", {path: [problem]}
            )
        full = part.form == "full" or (part.form is None and doc.id not in self.seen)
        self.seen.add(doc.id)
        if full:
            return cite(doc, date_style=self.date_style, jurisdiction=self.jurisdiction)
        return short_name(doc)


def short_name(doc: LegalDocument) -> str:
    """Return how a document is named after its first mention: type and number (Luật: name)."""
    if doc.type in LAW_TYPES:
        return f"{doc.type} {doc.title}"
    return f"{doc.type} số {doc.number}"


def paragraph_runs(paragraph: Paragraph, citer: Citer | None, path: str) -> tuple[Run, ...]:
    """Return the runs of a paragraph; a footnote attaches to the run before it."""
    runs: list[Run] = []
    for index, part in enumerate(paragraph.parts):
        where = f"{path}.{index}"
        if isinstance(part, TextPart):
            runs.append(Run(part.text, bold=part.bold, italic=part.italic))
        elif isinstance(part, BlankPart):
            runs.append(Run(BLANK * part.width))
        elif isinstance(part, CitePart):
            if citer is None:
                raise InvalidInput(
                    "Không dẫn chiếu văn bản ở đây.",
                    {where: ["Phần này không hỗ trợ dẫn chiếu văn bản; hãy gõ nội dung."]},
                )
            runs.append(Run(citer.name(part, where)))
        elif isinstance(part, FootnotePart):
            if not runs or runs[-1].footnote:
                raise InvalidInput(
                    "Chú thích phải đứng sau một đoạn chữ.",
                    {
                        where: [
                            "Chú thích cuối trang gắn vào phần chữ ngay trước nó; ở đây không có."
                        ]
                    },
                )
            runs[-1] = Run(runs[-1].text, runs[-1].bold, runs[-1].italic, footnote=part.text)
    return merge_runs(runs)


def merge_runs(runs: Sequence[Run]) -> tuple[Run, ...]:
    """Return ``runs`` with neighbours of the same emphasis joined (a blank and its "%").

    >>> merge_runs([Run("đạt "), Run("……"), Run("%", bold=True)])
    (Run(text='đạt ……', bold=False, italic=False, footnote=None), Run(text='%', bold=True, italic=False, footnote=None))
    """
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if last and not last.footnote and (last.bold, last.italic) == (run.bold, run.italic):
            merged[-1] = Run(last.text + run.text, run.bold, run.italic, run.footnote)
        else:
            merged.append(run)
    return tuple(merged)


def paragraph_blocks(
    role: str, paragraphs: Sequence[Paragraph], citer: Citer | None, path: str, prefix: str = ""
) -> tuple[Block, ...]:
    """Return one block of ``role`` per paragraph; ``prefix`` opens the first one ("1. ")."""
    blocks = []
    for index, paragraph in enumerate(paragraphs):
        runs = paragraph_runs(paragraph, citer, f"{path}.{index}")
        if prefix and index == 0:
            runs = (Run(prefix), *runs)
        blocks.append(Block(role, runs))
    return tuple(blocks)
