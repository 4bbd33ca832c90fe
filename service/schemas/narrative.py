"""Schema of documents with a type name and no articles (Thông báo, Kế hoạch, Báo cáo).

They take a decision's parts (issuer, number, date, nơi nhận, signature, the date style of
citations in the text) except those only a decision has: the authority line, the căn cứ and the
proposal line, which are refused as unknown fields.
"""

from __future__ import annotations

from marshmallow import fields

from ..kinds.narrative import NarrativeInput
from .base import List, Text
from .common import ParagraphField
from .decision import DecisionPartsSchema

MAX_PARAGRAPHS = 100


class NarrativeSchema(DecisionPartsSchema):
    class Meta(DecisionPartsSchema.Meta):
        exclude = ("authority", "citations", "proposal")

    summary = Text(required=True, max_length=1000)

    def narrative_input(self, data: dict) -> NarrativeInput:
        """Return the typed shared part of ``data``."""
        return NarrativeInput(
            issuer=data["issuer"],
            number=data["number"],
            when=data["date"],
            summary=data["summary"],
            date_style=data["citation_date_style"],
            recipients=data["recipients"],
            signature=data["signature"],
        )


def paragraphs(*, required: bool = False) -> fields.List:
    """Return a list field of running paragraphs; a required one needs at least one."""
    if required:
        return List(ParagraphField(), required=True, min_items=1, max_items=MAX_PARAGRAPHS)
    return List(ParagraphField(), load_default=list, max_items=MAX_PARAGRAPHS)
