"""Schema of a Thông báo kết luận: intro paragraphs, numbered sections, closing paragraphs.

A section is ``{"heading": …, "paragraphs": [...]}`` (a bold numbered heading) or
``{"text": …, "paragraphs": [...]}`` (a numbered paragraph); numbers are computed.
"""

from __future__ import annotations

from typing import Any

from marshmallow import post_load

from ..kinds.notice import NoticeInput
from .base import List
from .content import MAX_ITEMS, ContentField
from .narrative import NarrativeSchema, paragraphs


class NoticeSchema(NarrativeSchema):
    intro = paragraphs(required=True)
    sections = List(
        ContentField(shapes=("heading", "text"), plain=False),
        load_default=list,
        max_items=MAX_ITEMS,
    )
    closing = paragraphs()

    @post_load
    def build(self, data: dict, **_: Any) -> NoticeInput:
        return NoticeInput(
            document=self.narrative_input(data),
            intro=tuple(data["intro"]),
            sections=tuple(data["sections"]),
            closing=tuple(data["closing"]),
        )
