"""Body text of documents without articles (Thông báo, Kế hoạch, Báo cáo): numbers computed.

ND30 (Phụ lục I, II.6.d-đ) structures such documents as mục "I. TITLE", khoản "1. Title" (bold
when titled) and điểm "a)". Clerks give the content as data: paragraphs, numbered items (a bold
heading or a plain numbered paragraph, each with its own content), "- " bullets, "* " topics with
their bullets, and "a)" points. The numbers and marks are never typed: a nested item under "5."
is "5.1.", and data such as a schedule (``Listed``) continues the count of the list it sits in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Protocol, TypeGuard

from ..errors import InvalidInput
from ..marks import part
from ..model import Block, Run
from ..vn.numbering import POINT_LETTERS, point_letter
from .collect import Collector
from .inputs import Paragraph, TextPart
from .text import Citer, paragraph_runs

MAX_DEPTH = 3  # "1.2.3." is as deep as the ND30 khoản numbering of a plan goes in practice
TYPED_NUMBER = re.compile(r"^\s*(\d+\.)+\s|^\s*[IVXLC]+\.\s")
_TYPED_MARK = re.compile(r"^\s*[-+*•]\s")


@dataclass(frozen=True)
class Bullets:
    """Paragraphs printed with a leading '- '."""

    items: tuple[Paragraph, ...] = part(key="bullets")


@dataclass(frozen=True)
class Points:
    """Điểm printed 'a) ', 'b) ', … in the Vietnamese alphabet."""

    items: tuple[Paragraph, ...] = part(key="points")


@dataclass(frozen=True)
class Topic:
    """A '* ' line grouping the '- ' bullets under it."""

    text: Paragraph = part(key="star")
    bullets: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class Numbered:
    """A numbered item: a bold heading ('1. Mục đích') or a numbered paragraph, with its content."""

    text: Paragraph = part(key=lambda item: "heading" if item.heading else "text")
    heading: bool = False
    content: tuple[object, ...] = part(key="paragraphs", default=())


class Listed(Protocol):
    """Data printed as numbered paragraphs (a schedule, a team) that continue the list's count."""

    def lines(self) -> tuple[str, ...]:
        """Return the text of each numbered paragraph, number excluded."""


def _listed(item: object) -> TypeGuard[Listed]:
    """Return whether ``item`` is Listed (isinstance on a Protocol costs ~7 µs, this 0.03)."""
    return callable(getattr(item, "lines", None))


def content_blocks(
    items: Sequence[object], citer: Citer | None, path: str, prefix: str = ""
) -> tuple[Block, ...]:
    """Return the blocks of a content list; numbered items count on from ``prefix`` ('5.')."""
    errors = Collector()
    blocks: list[Block] = []
    number = 0
    for index, item in enumerate(items):
        if _listed(item):
            for line in item.lines():
                number += 1
                blocks.append(Block("clause", (Run(f"{prefix}{number}. {line}"),)))
            continue
        label = None
        if isinstance(item, Numbered):
            number += 1
            label = f"{prefix}{number}."
        blocks += errors.run(partial(_item_blocks, item, label, citer, f"{path}.{index}"), ())
    errors.raise_if_any()
    return tuple(blocks)


def _item_blocks(
    item: object, label: str | None, citer: Citer | None, path: str
) -> tuple[Block, ...]:
    """Return the blocks of one item; ``label`` is its number when it is a numbered item."""
    return _numbered(item, label, citer, path) if label else _unnumbered(item, citer, path)


def _numbered(item: Numbered, label: str, citer: Citer | None, path: str) -> tuple[Block, ...]:
    """Return a numbered item and its content, nested numbers prefixed with its own."""
    if label.count(".") > MAX_DEPTH:
        raise InvalidInput(
            "Mục lồng nhau quá sâu.",
            {path: [f"Số thứ tự tối đa {MAX_DEPTH} cấp (ví dụ 1.2.3.); mục này sẽ là {label}"]},
        )
    key = "heading" if item.heading else "text"
    _refuse_typed(
        item.text,
        TYPED_NUMBER,
        f"{path}.{key}",
        "Số thứ tự được đánh tự động; bỏ số ở đầu nội dung.",
    )
    runs = paragraph_runs(item.text, citer, f"{path}.{key}")
    if item.heading:
        head = Block(
            "heading", (Run(f"{label} ", bold=True), *(replace(run, bold=True) for run in runs))
        )
    else:
        head = Block("clause", (Run(f"{label} "), *runs))
    return (head, *content_blocks(item.content, citer, f"{path}.paragraphs", label))


def _unnumbered(item: object, citer: Citer | None, path: str) -> tuple[Block, ...]:
    """Return the blocks of a paragraph, bullets, points or a topic."""
    if isinstance(item, Paragraph):
        return (Block("text", paragraph_runs(item, citer, path)),)
    if isinstance(item, Bullets):
        return _marked(item.items, "bullet", lambda _: "- ", citer, f"{path}.bullets")
    if isinstance(item, Points):
        if len(item.items) > len(POINT_LETTERS):
            raise InvalidInput(
                "Có quá nhiều điểm.",
                {
                    f"{path}.points": [
                        f"Chỉ có tối đa {len(POINT_LETTERS)} điểm (a đến y theo bảng chữ cái tiếng "
                        "Việt)."
                    ]
                },
            )
        return _marked(
            item.items, "point", lambda i: f"{point_letter(i)}) ", citer, f"{path}.points"
        )
    if isinstance(item, Topic):
        star = _marked((item.text,), "bullet", lambda _: "* ", citer, f"{path}.star", single=True)
        return star + _marked(item.bullets, "bullet", lambda _: "- ", citer, f"{path}.bullets")
    raise TypeError(f"not a content item: {item!r}")


def _marked(
    paragraphs: Sequence[Paragraph],
    role: str,
    mark: Callable[[int], str],
    citer: Citer | None,
    path: str,
    single: bool = False,
) -> tuple[Block, ...]:
    """Return one ``role`` block per paragraph, each opened by ``mark(index)``."""
    blocks = []
    for index, paragraph in enumerate(paragraphs):
        where = path if single else f"{path}.{index}"
        _refuse_typed(
            paragraph, _TYPED_MARK, where, "Dấu đầu dòng được thêm tự động; bỏ dấu ở đầu nội dung."
        )
        blocks.append(Block(role, (Run(mark(index)), *paragraph_runs(paragraph, citer, where))))
    return tuple(blocks)


def _refuse_typed(paragraph: Paragraph, pattern: re.Pattern[str], path: str, message: str) -> None:
    """Raise when the paragraph starts with a number or mark the composer prints itself."""
    first = paragraph.parts[0] if paragraph.parts else None
    if isinstance(first, TextPart) and pattern.match(first.text):
        raise InvalidInput("Nội dung tự gõ số thứ tự hoặc dấu đầu dòng.", {path: [message]})


def walk(items: Sequence[object], path: str) -> Iterator[tuple[object, str]]:
    """Yield every content item with its field path, nested items after their parent."""
    for index, item in enumerate(items):
        where = f"{path}.{index}"
        yield item, where
        if isinstance(item, Numbered):
            yield from walk(item.content, f"{where}.paragraphs")
