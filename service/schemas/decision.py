"""Schemas of a Quyết định (cá biệt): the parts every decision shares, then the kinds built on it.

``DecisionPartsSchema`` holds what every decision has (issuer, number, date, authority, căn cứ,
nơi nhận, signature). ``DecisionSchema`` adds a typed trích yếu and articles; specialised kinds
extend one of the two with their own data and build their input in their own ``build``.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, post_load, validate, validates_schema

from ..kinds.attached import (
    ATTACHED_TYPES,
    AttachedInput,
    ChapterInput,
    SectionInput,
    SectionItem,
)
from ..kinds.decision import DecisionInput
from .base import BaseSchema, Int, List, Nested, Text
from .common import (
    ArticleSchema,
    CitationEntry,
    IssueDateField,
    IssuerSchema,
    ParagraphField,
    RecipientsSchema,
    SignatureSchema,
)

DATE_STYLE = validate.OneOf(("long", "short"), error="Kiểu ngày trích dẫn là 'long' hoặc 'short'.")


class DecisionPartsSchema(BaseSchema):
    issuer = Nested(IssuerSchema, required=True)
    number = Int(
        load_default=None,
        validate=validate.Range(
            min=1, max=99999, error="Số văn bản là số nguyên dương (bỏ trống/null cho bản nháp)."
        ),
    )
    date = IssueDateField(required=True)
    authority = Text(required=True, max_length=300)
    citation_date_style = Text(load_default="long", validate=DATE_STYLE)
    citations = List(CitationEntry(), load_default=list, max_items=40)
    proposal = Text(load_default=None, max_length=1000)
    recipients = Nested(RecipientsSchema, required=True)
    signature = Nested(SignatureSchema, required=True)

    @validates_schema
    def number_needs_day(self, data: dict, **_: Any) -> None:
        """A numbered document has been signed, so it has its full date."""
        when = data.get("date")
        if data.get("number") is not None and when is not None and when.day is None:
            raise ValidationError(
                "Văn bản đã có số thì phải có ngày ban hành đầy đủ "
                "(năm-tháng-ngày); bản nháp để trống số.",
                "date",
            )

    def decision_input(self, data: dict) -> DecisionInput:
        """Return the typed decision part of ``data`` (no articles when the kind computes them)."""
        return DecisionInput(
            issuer=data["issuer"],
            number=data["number"],
            when=data["date"],
            authority=data["authority"],
            summary=data.get("summary", ""),
            date_style=data["citation_date_style"],
            citations=tuple(data["citations"]),
            proposal=data["proposal"],
            articles=tuple(data.get("articles", ())),
            recipients=data["recipients"],
            signature=data["signature"],
            attached=data.get("attached"),
        )


class DecisionSchema(DecisionPartsSchema):
    summary = Text(required=True, max_length=1000)
    articles = List(Nested(ArticleSchema), required=True, min_items=1, max_items=100)


class AttachedChapterSchema(BaseSchema):
    title = Text(required=True, max_length=500)
    articles = List(Nested(ArticleSchema), required=True, min_items=1, max_items=200)

    @post_load
    def build(self, data: dict, **_: Any) -> ChapterInput:
        return ChapterInput(title=data["title"], articles=tuple(data["articles"]))


class AttachedSectionItemSchema(BaseSchema):
    title = Text(load_default=None, max_length=500)
    paragraphs = List(ParagraphField(), load_default=list, max_items=100)
    points = List(Text(multiline=True, max_length=5000), load_default=list, max_items=23)
    bullets = List(Text(multiline=True, max_length=5000), load_default=list, max_items=100)

    @post_load
    def build(self, data: dict, **_: Any) -> SectionItem:
        if not (data["title"] or data["paragraphs"]):
            raise ValidationError(
                "Mỗi mục cần tên mục ('title') hoặc ít nhất một đoạn văn ('paragraphs').", "title"
            )
        return SectionItem(
            title=data["title"],
            paragraphs=tuple(data["paragraphs"]),
            points=tuple(data["points"]),
            bullets=tuple(data["bullets"]),
        )


class AttachedSectionSchema(BaseSchema):
    title = Text(required=True, max_length=500)
    paragraphs = List(ParagraphField(), load_default=list, max_items=100)
    items = List(Nested(AttachedSectionItemSchema), load_default=list, max_items=100)

    @post_load
    def build(self, data: dict, **_: Any) -> SectionInput:
        return SectionInput(
            title=data["title"], paragraphs=tuple(data["paragraphs"]), items=tuple(data["items"])
        )


class AttachedBodySchema(BaseSchema):
    """Exactly one of: chapters (Chương → Điều), articles (Điều), sections (I. → 1. → a))."""

    chapters = List(Nested(AttachedChapterSchema), min_items=1, max_items=30)
    articles = List(Nested(ArticleSchema), min_items=1, max_items=200)
    sections = List(Nested(AttachedSectionSchema), min_items=1, max_items=30)

    @validates_schema
    def exactly_one(self, data: dict, **_: Any) -> None:
        """The body is one structure; two would leave their order unclear."""
        given = [key for key in ("chapters", "articles", "sections") if key in data]
        if len(given) != 1:
            raise ValidationError(
                "Nội dung văn bản kèm theo là đúng một trong 'chapters', 'articles', 'sections'."
            )


class AttachedSchema(BaseSchema):
    type_name = Text(
        required=True,
        validate=validate.OneOf(
            ATTACHED_TYPES,
            error="Loại văn bản kèm theo là một trong: " + ", ".join(ATTACHED_TYPES) + ".",
        ),
    )
    summary = Text(required=True, max_length=1000)
    body = Nested(AttachedBodySchema, required=True)

    @post_load
    def build(self, data: dict, **_: Any) -> AttachedInput:
        body = data["body"]
        return AttachedInput(
            type_name=data["type_name"],
            summary=data["summary"],
            chapters=tuple(body.get("chapters", ())),
            articles=tuple(body.get("articles", ())),
            sections=tuple(body.get("sections", ())),
        )


class GeneralDecisionSchema(DecisionSchema):
    """The general decision: Mẫu 1.2, or Mẫu 1.3 when it issues an ``attached`` document."""

    attached = Nested(AttachedSchema, load_default=None)

    @post_load
    def build(self, data: dict, **_: Any) -> DecisionInput:
        return self.decision_input(data)
