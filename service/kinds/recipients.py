"""Nơi nhận (ô 9b): lines with their marks and punctuation, "Như Điều N" resolved, "Lưu" last."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import InvalidInput
from ..model import RecipientLine
from .inputs import Archive, LikeArticle, RecipientGroup, RecipientItem, RecipientsInput


def _item_text(item: RecipientItem) -> str:
    """Return a recipient with its annotation and without punctuation the clerk typed."""
    text = item.text.rstrip(" ;.,:")
    return f"{text} ({item.note.strip('() ')})" if item.note else text


def archive_text(archive: Archive) -> str:
    """Return the 'Lưu:' line: VT first, then the units, then the drafter code, ending with '.'.

    >>> archive_text(Archive(units=("VT", "KGVX"), drafter="Dũng"))
    'Lưu: VT, KGVX.Dũng.'
    >>> archive_text(Archive(units=("TĐC",)))
    'Lưu: VT, TĐC.'
    """
    units = ["VT"] + [unit for unit in archive.units if unit != "VT"]
    text = "Lưu: " + ", ".join(units)
    return f"{text}.{archive.drafter}." if archive.drafter else f"{text}."


def resolve_like_article(
    item: LikeArticle, article_count: int, implementers: int | None, path: str
) -> int:
    """Return the article number 'Như Điều …' points to, or raise naming the field."""
    if item.article is None:
        if implementers is None:
            raise InvalidInput(
                "Nơi nhận tham chiếu một điều không tồn tại.",
                {
                    path: [
                        "'Như Điều …' cần một điều được đánh dấu là điều giao trách nhiệm thi hành "
                        "(implementers), nhưng văn bản không có điều nào như vậy."
                    ]
                },
            )
        return implementers
    if not 1 <= item.article <= article_count:
        have = f"chỉ có Điều 1 đến Điều {article_count}" if article_count else "không có điều nào"
        raise InvalidInput(
            "Nơi nhận tham chiếu một điều không tồn tại.",
            {path: [f"'Như Điều {item.article}' trỏ tới một điều không có: văn bản {have}."]},
        )
    return item.article


def _lines(
    items: Sequence[object], article_count: int, implementers: int | None, path: str
) -> list[RecipientLine]:
    """Return the printed lines of a list of recipients."""
    lines: list[RecipientLine] = []
    for index, item in enumerate(items):
        where = f"{path}.{index}"
        if isinstance(item, LikeArticle):
            number = resolve_like_article(item, article_count, implementers, where)
            lines.append(RecipientLine(f"Như Điều {number};"))
        elif isinstance(item, RecipientGroup):
            lines.append(RecipientLine(f"{item.head.rstrip(' :;')}:"))
            lines += [RecipientLine(f"{_item_text(sub)};", level=1) for sub in item.items]
        else:
            lines.append(RecipientLine(f"{_item_text(item)};"))
    return lines


def compose_recipients(
    data: RecipientsInput, article_count: int, implementers: int | None, path: str = "recipients"
) -> tuple[RecipientLine, ...]:
    """Return the printed nơi nhận lines; every item ends with ';', the Lưu line with '.'.

    Recipients of the electronic copy only follow under "Bản điện tử:"; the Lưu line stays last.
    """
    lines = _lines(data.items, article_count, implementers, f"{path}.items")
    if data.electronic:
        lines.append(RecipientLine("Bản điện tử:", label=True))
        lines += _lines(data.electronic, article_count, implementers, f"{path}.electronic")
    last = data.electronic[-1] if data.electronic else data.items[-1] if data.items else None
    in_group = data.archive.in_last_group
    if in_group and not isinstance(last, RecipientGroup):
        where = f"{path}.archive.in_last_group"
        raise InvalidInput(
            "Dòng 'Lưu' không thể nằm trong nhóm.",
            {where: ["Chỉ đặt dòng 'Lưu' trong nhóm khi mục cuối của nơi nhận là một nhóm."]},
        )
    lines.append(RecipientLine(archive_text(data.archive), level=1 if in_group else 0))
    return tuple(lines)


def uses_like_article(items: Sequence[object]) -> bool:
    """Return True when the list refers to an article ('Như Điều …')."""
    return any(isinstance(item, LikeArticle) for item in items)
