"""Schemas shared by every kind: issuer, date, signature, nơi nhận, articles, citations."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, post_load, validate

from ..kinds.inputs import (
    Archive,
    ArticleInput,
    BlankPart,
    ChainLink,
    CitePart,
    ClauseInput,
    FootnotePart,
    IssueDate,
    IssuerInput,
    LikeArticle,
    Paragraph,
    RecipientGroup,
    RecipientItem,
    RecipientsInput,
    SignatureInput,
    TextPart,
)
from ..legal.citations import Group, Inline, Ref
from .base import COMMON_MESSAGES, BaseSchema, Bool, Int, List, Nested, Text, instance

_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
# ND30 (Phụ lục I, II.3): the ký hiệu is written in capitals, as vanban lint checks it.
_CODE = re.compile(r"^[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)*$")


class IssueDateField(fields.Field):
    """'2023-12-31' for an issued document; '2023-12' for a draft whose day is left blank."""

    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": "Ngày phải có dạng năm-tháng-ngày (ví dụ 2023-12-31), hoặc năm-tháng (2023-12) cho bản nháp.",
        "impossible": "Ngày không có thật trong lịch.",
    }

    def json_schema(self, resolve: Any) -> dict:
        """Return this field's JSON Schema."""
        return {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}(-\d{2})?$",
            "description": "Ngày ban hành; bản nháp chỉ ghi tháng và năm.",
        }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> IssueDate:
        match = _DATE.match(value) if isinstance(value, str) else None
        if not match:
            raise self.make_error("invalid")
        year, month, day = int(match[1]), int(match[2]), match[3] and int(match[3])
        try:
            date(year, month, day or 1)
        except ValueError:
            raise self.make_error("impossible") from None
        return IssueDate(year, month, day or None)


class PlainDate(fields.Field):
    """A full date 'YYYY-MM-DD'."""

    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": "Ngày phải có dạng năm-tháng-ngày (ví dụ 2014-03-05).",
    }

    def json_schema(self, resolve: Any) -> dict:
        """Return this field's JSON Schema."""
        return {"type": "string", "format": "date"}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        try:
            return (
                date.fromisoformat(value)
                if isinstance(value, str) and len(value) == 10
                else self._fail()
            )
        except ValueError:
            raise self.make_error("invalid") from None

    def _fail(self) -> date:
        raise self.make_error("invalid")


class IssuerSchema(BaseSchema):
    name = List(Text(max_length=200), required=True, min_items=1, max_items=4)
    code = Text(
        required=True,
        max_length=30,
        validate=validate.Regexp(
            _CODE,
            error="Mã ký hiệu viết hoa, các nhóm nối bằng '-' không có dấu cách (ví dụ UBND).",
        ),
    )
    place = Text(required=True, max_length=100)
    parent = Text(load_default=None, max_length=200)
    jurisdiction = Text(load_default=None, max_length=100)
    reference = Text(load_default=None, max_length=200)

    @post_load
    def build(self, data: dict, **_: Any) -> IssuerInput:
        return IssuerInput(**{**data, "name": tuple(data["name"])})


AUTHORITY = validate.OneOf(
    ("TM", "KT", "TL", "TUQ", "Q"), error="Quyền hạn ký phải là một trong TM, KT, TL, TUQ, Q."
)


class ChainLinkSchema(BaseSchema):
    authority = Text(required=True, validate=AUTHORITY)
    of = Text(required=True, max_length=200)

    @post_load
    def build(self, data: dict, **_: Any) -> ChainLink:
        return ChainLink(**data)


class SignatureSchema(BaseSchema):
    chain = List(Nested(ChainLinkSchema), load_default=list, max_items=4)
    title = Text(load_default=None, max_length=200)
    extra_titles = List(Text(max_length=200), load_default=list, max_items=3)
    name = Text(required=True, max_length=100)

    @post_load
    def build(self, data: dict, **_: Any) -> SignatureInput:
        return SignatureInput(
            chain=tuple(data["chain"]),
            title=data["title"],
            name=data["name"],
            extra_titles=tuple(data["extra_titles"]),
        )


class RecipientItemSchema(BaseSchema):
    text = Text(required=True, max_length=300)
    note = Text(load_default=None, max_length=50)

    @post_load
    def build(self, data: dict, **_: Any) -> RecipientItem:
        return RecipientItem(**data)


class RecipientEntry(fields.Field):
    """A recipient as text, {text, note}, {group, items} or {like_article: N | "implementers"}."""

    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": (
            # marshmallow formats these messages: braces are doubled
            'Mỗi nơi nhận là một chuỗi, hoặc {{"text", "note"}}, hoặc {{"group", "items"}}, '
            'hoặc {{"like_article": số điều | "implementers"}}.'
        ),
    }

    def json_schema(self, resolve: Any) -> dict:
        """Return this field's JSON Schema."""
        like = {
            "type": "object",
            "additionalProperties": False,
            "required": ["like_article"],
            "properties": {
                "like_article": {
                    "oneOf": [{"type": "integer", "minimum": 1}, {"const": "implementers"}]
                }
            },
        }
        return {
            "oneOf": [
                {"type": "string", "minLength": 1},
                resolve(RecipientItemSchema),
                resolve(GroupSchema),
                like,
            ]
        }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            value = {"text": value}
        if not isinstance(value, dict):
            raise self.make_error("invalid")
        if "like_article" in value:
            return _like_article(value)
        schema = GroupSchema() if "group" in value else RecipientItemSchema()
        return schema.load(value)


def _like_article(value: dict) -> LikeArticle:
    target = value.get("like_article")
    if set(value) != {"like_article"}:
        raise ValidationError({"like_article": ["Chỉ ghi một khóa like_article."]})
    if target == "implementers":
        return LikeArticle(None)
    if isinstance(target, int) and not isinstance(target, bool) and target > 0:
        return LikeArticle(target)
    raise ValidationError({"like_article": ['Phải là số điều (1, 2, …) hoặc "implementers".']})


class SubItem(fields.Field):
    """A recipient inside a group: text, or {text, note}."""

    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": ('Mỗi mục trong nhóm là một chuỗi hoặc {{"text", "note"}}.'),
    }

    def json_schema(self, resolve: Any) -> dict:
        """Return this field's JSON Schema."""
        return {"oneOf": [{"type": "string", "minLength": 1}, resolve(RecipientItemSchema)]}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            value = {"text": value}
        if not isinstance(value, dict):
            raise self.make_error("invalid")
        return instance(RecipientItemSchema).load(value)


class GroupSchema(BaseSchema):
    group = Text(required=True, max_length=300)
    items = List(SubItem(), required=True, min_items=1, max_items=50)

    @post_load
    def build(self, data: dict, **_: Any) -> RecipientGroup:
        return RecipientGroup(head=data["group"], items=tuple(data["items"]))


class ArchiveSchema(BaseSchema):
    units = List(Text(max_length=30), required=True, min_items=1, max_items=10)
    drafter = Text(load_default=None, max_length=50)
    in_last_group = Bool(load_default=False)

    @post_load
    def build(self, data: dict, **_: Any) -> Archive:
        return Archive(
            units=tuple(data["units"]), drafter=data["drafter"], in_last_group=data["in_last_group"]
        )


class RecipientsSchema(BaseSchema):
    items = List(RecipientEntry(), required=True, max_items=60)
    electronic = List(RecipientEntry(), load_default=list, max_items=60)
    archive = Nested(ArchiveSchema, required=True)

    @post_load
    def build(self, data: dict, **_: Any) -> RecipientsInput:
        return RecipientsInput(
            items=tuple(data["items"]),
            archive=data["archive"],
            electronic=tuple(data["electronic"]),
        )


class ClauseSchema(BaseSchema):
    text = Text(required=True, multiline=True, max_length=5000)
    points = List(Text(multiline=True, max_length=5000), load_default=list, max_items=23)

    @post_load
    def build(self, data: dict, **_: Any) -> ClauseInput:
        return ClauseInput(text=data["text"], points=tuple(data["points"]))


class ArticleSchema(BaseSchema):
    title = Text(load_default=None, max_length=500)
    text = Text(load_default="", multiline=True, max_length=20000)
    clauses = List(Nested(ClauseSchema), load_default=list, max_items=100)
    implementers = Bool(load_default=False)

    @post_load
    def build(self, data: dict, **_: Any) -> ArticleInput:
        if not (data["text"] or data["clauses"] or data["title"]):
            raise ValidationError({"text": ["Điều không có nội dung."]})
        return ArticleInput(
            text=data["text"],
            title=data["title"],
            clauses=tuple(data["clauses"]),
            implementers=data["implementers"],
        )


class InlineCitationSchema(BaseSchema):
    type = Text(required=True, max_length=50)
    number = Text(required=True, max_length=50)
    issuer = Text(required=True, max_length=200)
    issued = PlainDate(required=True)
    title = Text(required=True, max_length=1000)

    @post_load
    def build(self, data: dict, **_: Any) -> Inline:
        return Inline(**data)


class CitationEntry(fields.Field):
    """A citation: a registry id, {"group": [ids]}, or {"inline": {type, number, …}}."""

    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": (
            'Mỗi căn cứ là mã văn bản trong danh mục (ví dụ "77/2015/QH13"), hoặc '
            '{{"group": [mã, …]}}, hoặc {{"inline": {{type, number, issuer, issued, title}}}}.'
        ),
    }

    def json_schema(self, resolve: Any) -> dict:
        """Return this field's JSON Schema."""
        group = {
            "type": "object",
            "additionalProperties": False,
            "required": ["group"],
            "properties": {
                "group": {
                    "type": "array",
                    "minItems": 2,
                    "items": {"type": "string", "minLength": 1},
                }
            },
        }
        inline = {
            "type": "object",
            "additionalProperties": False,
            "required": ["inline"],
            "properties": {"inline": resolve(InlineCitationSchema)},
        }
        return {
            "oneOf": [
                {
                    "type": "string",
                    "minLength": 1,
                    "description": "Mã văn bản trong danh mục, ví dụ 77/2015/QH13.",
                },
                group,
                inline,
            ]
        }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str) and value.strip():
            return Ref(value.strip())
        if isinstance(value, dict) and set(value) == {"group"}:
            ids = value["group"]
            if not (
                isinstance(ids, list)
                and len(ids) >= 2
                and all(isinstance(i, str) and i.strip() for i in ids)
            ):
                raise ValidationError({"group": ["Nhóm căn cứ cần ít nhất hai mã văn bản."]})
            return Group(tuple(i.strip() for i in ids))
        if isinstance(value, dict) and set(value) == {"inline"}:
            try:
                return instance(InlineCitationSchema).load(value["inline"])
            except ValidationError as error:
                raise ValidationError({"inline": error.messages}) from None
        raise self.make_error("invalid")


class TextPartSchema(BaseSchema):
    text = Text(required=True, multiline=True, max_length=20000, strip=False)
    bold = Bool(load_default=False)
    italic = Bool(load_default=False)

    @post_load
    def build(self, data: dict, **_: Any) -> TextPart:
        return TextPart(**data)


class CitePartSchema(BaseSchema):
    cite = Text(required=True, max_length=100)
    form = Text(
        load_default=None,
        validate=validate.OneOf(("full", "short"), error="Dạng dẫn chiếu là 'full' hoặc 'short'."),
    )

    @post_load
    def build(self, data: dict, **_: Any) -> CitePart:
        return CitePart(id=data["cite"], form=data["form"])


class BlankPartSchema(BaseSchema):
    blank = Int(
        required=True,
        validate=validate.Range(min=1, max=60, error="Độ dài chỗ trống từ 1 đến 60 dấu chấm."),
    )

    @post_load
    def build(self, data: dict, **_: Any) -> BlankPart:
        return BlankPart(width=data["blank"])


class FootnotePartSchema(BaseSchema):
    footnote = Text(required=True, multiline=True, max_length=2000)

    @post_load
    def build(self, data: dict, **_: Any) -> FootnotePart:
        return FootnotePart(text=data["footnote"])


def _plain_text() -> fields.Field:
    """Return the text field of TextPartSchema: a part given as a bare string is its text."""
    return instance(TextPartSchema).fields["text"]


PART_SCHEMAS = {
    "text": TextPartSchema,
    "cite": CitePartSchema,
    "blank": BlankPartSchema,
    "footnote": FootnotePartSchema,
}


class ParagraphField(fields.Field):
    """A paragraph: a string, or a list of parts: strings, {text, bold, italic}, {cite: id},
    {blank: width} and {footnote: text} (attached to the text before it)."""

    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": (
            "Đoạn văn là một chuỗi, hoặc danh sách các phần: chuỗi, "
            '{{"text", "italic", "bold"}}, {{"cite": mã văn bản}}, {{"blank": độ dài}}, '
            '{{"footnote": chú thích}}.'
        ),
        "empty": "Đoạn văn không có nội dung.",
        "part": "Mỗi phần có đúng một trong các khóa text, cite, blank, footnote.",
    }

    def json_schema(self, resolve: Any) -> dict:
        """Return this field's JSON Schema."""
        part = {"oneOf": [{"type": "string"}, *(resolve(s) for s in PART_SCHEMAS.values())]}
        return {
            "oneOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "minItems": 1, "maxItems": 500, "items": part},
            ]
        }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Paragraph:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or len(value) > 500:
            raise self.make_error("invalid")
        parts, errors = [], {}
        for index, raw in enumerate(value):
            if isinstance(raw, str):  # plain text, the most common part: its field alone
                try:
                    parts.append(TextPart(_plain_text().deserialize(raw)))
                except ValidationError as error:
                    errors[index] = {"text": error.messages}
                continue
            key = next((k for k in PART_SCHEMAS if isinstance(raw, dict) and k in raw), None)
            if key is None:
                errors[index] = [self.error_messages["part"]]
                continue
            try:
                parts.append(instance(PART_SCHEMAS[key]).load(raw))
            except ValidationError as error:
                errors[index] = error.messages
        if errors:
            raise ValidationError(errors)
        if not any(
            isinstance(p, TextPart | CitePart) and getattr(p, "text", "x").strip() for p in parts
        ):
            raise self.make_error("empty")
        return Paragraph(tuple(parts))
