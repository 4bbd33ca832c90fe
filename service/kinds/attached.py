"""A document issued with a decision (ND30 Mẫu 1.3): Quy chế, Kế hoạch… and its body.

The decision's Điều 1 is computed from the attached document's type and trích yếu, so the two
can never name different documents. The body is either articles (optionally grouped in Chương)
or plan-style sections (I., 1., a), -).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InvalidInput
from ..marks import IDENTIFIER, part
from ..model import Block, Run
from ..vn.numbering import point_letter, roman
from ..vn.text import upper
from .articles import article_blocks
from .inputs import ArticleInput, Paragraph
from .text import Citer, paragraph_blocks

# Phụ lục III types that a Quyết định issues or approves as an attached document.
ATTACHED_TYPES = (
    "Quy chế",
    "Quy định",
    "Hướng dẫn",
    "Chương trình",
    "Kế hoạch",
    "Phương án",
    "Đề án",
    "Dự án",
)
ISSUING_WORDS = "Ban hành kèm theo Quyết định này"


@dataclass(frozen=True)
class ChapterInput:
    """A Chương: its title and its articles (numbered on from the previous chapter)."""

    title: str
    articles: tuple[ArticleInput, ...]


@dataclass(frozen=True)
class SectionItem:
    """A numbered part of a section ("1. Mục đích"): paragraphs, then điểm, then dashes."""

    title: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    points: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionInput:
    """A Roman-numbered section of a plan ("I. MỤC ĐÍCH, YÊU CẦU")."""

    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    items: tuple[SectionItem, ...] = ()


@dataclass(frozen=True)
class AttachedInput:
    """The attached document: type, trích yếu as it follows the type in a sentence, and body.

    Exactly one of ``chapters``, ``articles``, ``sections`` holds the body.
    """

    type_name: str = part(skip=IDENTIFIER)  # one of ATTACHED_TYPES
    summary: str
    chapters: tuple[ChapterInput, ...] = part(key="body.chapters", default=())
    articles: tuple[ArticleInput, ...] = part(key="body.articles", default=())
    sections: tuple[SectionInput, ...] = part(key="body.sections", default=())


def issuing_article(attached: AttachedInput) -> ArticleInput:
    """Return the decision's Điều 1, which issues the attached document."""
    summary = attached.summary.rstrip(" .;")
    return ArticleInput(text=f"{ISSUING_WORDS} {attached.type_name} {summary}.")


def states_issuing(article: ArticleInput) -> bool:
    """Return True when a typed article already says what the computed Điều 1 says."""
    return article.text.casefold().startswith("ban hành kèm theo")


def attached_blocks(
    attached: AttachedInput, citer: Citer, path: str = "attached.body"
) -> tuple[Block, ...]:
    """Return the body blocks of the attached document, or raise naming the field."""
    if attached.chapters:
        return _chapter_blocks(attached.chapters, f"{path}.chapters")
    if attached.articles:
        _refuse_implementers(attached.articles, f"{path}.articles")
        return article_blocks(attached.articles, f"{path}.articles")
    if attached.sections:
        return tuple(
            block
            for index, section in enumerate(attached.sections, start=1)
            for block in _section_blocks(index, section, citer, f"{path}.sections.{index - 1}")
        )
    raise InvalidInput(
        "Văn bản kèm theo không có nội dung.",
        {
            path: [
                "Cần nội dung của văn bản kèm theo: 'chapters' (Chương, Điều), 'articles' (Điều) "
                "hoặc 'sections' (I., 1., a))."
            ]
        },
    )


def _refuse_implementers(articles: Sequence[ArticleInput], path: str) -> None:
    """Raise when an attached article is marked as naming the implementers."""
    marked = [i for i, article in enumerate(articles) if article.implementers]
    if marked:
        raise InvalidInput(
            "Điều giao trách nhiệm thi hành thuộc quyết định.",
            {
                f"{path}.{i}.implementers": [
                    "'Như Điều …' chỉ trỏ tới điều của quyết định, không "
                    "tới điều của văn bản kèm theo."
                ]
                for i in marked
            },
        )


def _chapter_blocks(chapters: Sequence[ChapterInput], path: str) -> tuple[Block, ...]:
    """Return Chương headings and their articles, numbered continuously across chapters."""
    starts: dict[int, tuple[int, ChapterInput]] = {}
    count = 0
    for number, chapter in enumerate(chapters, start=1):
        _refuse_implementers(chapter.articles, f"{path}.{number - 1}.articles")
        starts[count] = (number, chapter)
        count += len(chapter.articles)
    flat = [article for chapter in chapters for article in chapter.articles]
    blocks: list[Block] = []
    seen = 0
    for block in article_blocks(flat, path):
        if block.role == "article":
            if seen in starts:
                number, chapter = starts[seen]
                blocks += [
                    Block("centered", (Run(f"Chương {roman(number)}", bold=True),)),
                    Block("centered", (Run(upper(chapter.title), bold=True),)),
                ]
            seen += 1
        blocks.append(block)
    return tuple(blocks)


def _section_blocks(
    number: int, section: SectionInput, citer: Citer, path: str
) -> tuple[Block, ...]:
    """Return a section's heading, its paragraphs and its numbered items."""
    blocks = [Block("section", (Run(f"{roman(number)}. {upper(section.title)}", bold=True),))]
    blocks += paragraph_blocks("text", section.paragraphs, citer, f"{path}.paragraphs")
    for index, item in enumerate(section.items, start=1):
        blocks += _item_blocks(index, item, citer, f"{path}.items.{index - 1}")
    return tuple(blocks)


def _item_blocks(number: int, item: SectionItem, citer: Citer, path: str) -> list[Block]:
    """Return '1. Title' (bold) and its text, or '1. text' when the item has no title."""
    if not (item.title or item.paragraphs):
        raise InvalidInput(
            "Mục không có nội dung.",
            {path: ["Mỗi mục cần tên mục ('title') hoặc ít nhất một đoạn văn ('paragraphs')."]},
        )
    if item.title:
        blocks = [Block("heading", (Run(f"{number}. {item.title}", bold=True),))]
        blocks += paragraph_blocks("text", item.paragraphs, citer, f"{path}.paragraphs")
    else:
        first, *rest = paragraph_blocks(
            "clause", item.paragraphs, citer, f"{path}.paragraphs", prefix=f"{number}. "
        )
        blocks = [first, *(Block("text", block.runs) for block in rest)]
    blocks += [
        Block("point", (Run(f"{point_letter(i)}) {text}"),)) for i, text in enumerate(item.points)
    ]
    blocks += [Block("bullet", (Run(f"- {text}"),)) for text in item.bullets]
    return blocks
