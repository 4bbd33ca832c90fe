"""Điều, khoản, điểm: numbering computed, never typed."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import InvalidInput
from ..model import Block, Run
from ..vn.numbering import point_letter
from .inputs import ArticleInput


def article_blocks(articles: Sequence[ArticleInput], path: str = "articles") -> tuple[Block, ...]:
    """Return the blocks of numbered articles, their khoản (1., 2.) and điểm (a), b), … đ))."""
    blocks: list[Block] = []
    for number, article in enumerate(articles, start=1):
        head = f"Điều {number}."
        if article.title:
            blocks.append(Block("article", (Run(f"{head} {article.title}", bold=True),)))
            if article.text:
                blocks.append(Block("text", (Run(article.text),)))
        else:
            blocks.append(Block("article", (Run(f"{head} ", bold=True), Run(article.text))))
        for c_index, clause in enumerate(article.clauses, start=1):
            blocks.append(Block("clause", (Run(f"{c_index}. {clause.text}"),)))
            if len(clause.points) > 23:
                raise InvalidInput(
                    "Khoản có quá nhiều điểm.",
                    {
                        f"{path}.{number - 1}.clauses.{c_index - 1}.points": [
                            "Một khoản chỉ có tối đa 23 điểm (a đến y theo bảng chữ cái tiếng Việt)."
                        ]
                    },
                )
            blocks += [
                Block("point", (Run(f"{point_letter(p)}) {text}"),))
                for p, text in enumerate(clause.points)
            ]
    return tuple(blocks)


def implementers_article(articles: Sequence[ArticleInput], path: str = "articles") -> int | None:
    """Return the number of the article naming who carries the document out, if any."""
    marked = [n for n, article in enumerate(articles, start=1) if article.implementers]
    if len(marked) > 1:
        raise InvalidInput(
            "Chỉ một điều được giao trách nhiệm thi hành.",
            {
                f"{path}.{n - 1}.implementers": ["Đã có một điều khác được đánh dấu."]
                for n in marked[1:]
            },
        )
    return marked[0] if marked else None
