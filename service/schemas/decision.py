"""Schema of a Quyết định (cá biệt); specialised decisions extend it with their own data."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, validate, validates_schema

from ..kinds.decision import DecisionInput
from .base import BaseSchema, Int, List, Nested, Text
from .common import (
    ArticleSchema,
    CitationEntry,
    IssueDateField,
    IssuerSchema,
    RecipientsSchema,
    SignatureSchema,
)

DATE_STYLE = validate.OneOf(("long", "short"), error="Kiểu ngày trích dẫn là 'long' hoặc 'short'.")


class DecisionSchema(BaseSchema):
    issuer = Nested(IssuerSchema, required=True)
    number = Int(load_default=None, validate=validate.Range(
        min=1, max=99999, error="Số văn bản là số nguyên dương (bỏ trống/null cho bản nháp)."))
    date = IssueDateField(required=True)
    authority = Text(required=True, max_length=300)
    summary = Text(required=True, max_length=1000)
    citation_date_style = Text(load_default="long", validate=DATE_STYLE)
    citations = List(CitationEntry(), load_default=list, max_items=40)
    proposal = Text(load_default=None, max_length=1000)
    articles = List(Nested(ArticleSchema), required=True, min_items=1, max_items=100)
    recipients = Nested(RecipientsSchema, required=True)
    signature = Nested(SignatureSchema, required=True)

    @validates_schema
    def number_needs_day(self, data: dict, **_: Any) -> None:
        """A numbered document has been signed, so it has its full date."""
        when = data.get("date")
        if data.get("number") is not None and when is not None and when.day is None:
            raise ValidationError("Văn bản đã có số thì phải có ngày ban hành đầy đủ "
                                  "(NNNN-TT-NN); bản nháp để trống số.", "date")

    def decision_input(self, data: dict) -> DecisionInput:
        """Return the typed decision part of ``data``."""
        return DecisionInput(
            issuer=data["issuer"], number=data["number"], when=data["date"],
            authority=data["authority"], summary=data["summary"],
            date_style=data["citation_date_style"], citations=tuple(data["citations"]),
            proposal=data["proposal"], articles=tuple(data["articles"]),
            recipients=data["recipients"], signature=data["signature"])
