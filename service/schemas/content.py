"""Schema of body content for documents without articles (see service/kinds/content.py).

An item of a content list is one of:

- a paragraph: a string, or a list of parts (see ``ParagraphField``);
- ``{"heading": paragraph, "paragraphs": [items]}``: a numbered bold heading ("1. Mục đích");
- ``{"text": paragraph, "paragraphs": [items]}``: a numbered paragraph that is not a heading;
- ``{"bullets": [paragraphs]}``: "- " lines; ``{"points": [paragraphs]}``: "a) ", "b) " lines;
- ``{"star": paragraph, "bullets": [paragraphs]}``: a "* " line over its "- " lines;
- a kind's own items (a plan's ``{"schedule": …}``, ``{"team": …}``), given as ``extras``.

Numbers and marks are computed, never typed. ``paragraphs`` of a numbered item is itself a
content list, so "5.1." sits under "5.".
"""

from __future__ import annotations

from functools import cache
from typing import Any

from marshmallow import Schema, fields

from ..kinds.content import Bullets, Numbered, Points, Topic
from .base import COMMON_MESSAGES, BaseSchema, List, instance
from .common import ParagraphField

MAX_ITEMS = 200
NUMBERED = ("heading", "text")
SHAPES = (*NUMBERED, "star", "bullets", "points")


@cache
def _schema(key: str, extras: tuple[tuple[str, type[Schema]], ...] = ()) -> type[Schema]:
    """Return the schema of the item shape named by ``key``; ``extras`` reach nested lists."""
    # Named per shape (and per kind's extras) so that JSON Schema components do not collide.
    name = f"{key.capitalize()}Item" + "".join(extra.capitalize() for extra, _ in extras)
    if key in NUMBERED:
        return BaseSchema.from_dict(
            {
                key: ParagraphField(required=True),
                "paragraphs": List(
                    ContentField(extras=dict(extras)), load_default=list, max_items=MAX_ITEMS
                ),
            },
            name=name,
        )
    if key == "star":
        return BaseSchema.from_dict(
            {
                "star": ParagraphField(required=True),
                "bullets": List(ParagraphField(), load_default=list, max_items=MAX_ITEMS),
            },
            name=name,
        )
    return BaseSchema.from_dict(
        {key: List(ParagraphField(), required=True, min_items=1, max_items=MAX_ITEMS)}, name=name
    )


def _build(key: str, data: dict) -> Any:
    """Return the typed item of a loaded shape."""
    if key in NUMBERED:
        return Numbered(data[key], heading=key == "heading", content=tuple(data["paragraphs"]))
    if key == "star":
        return Topic(data["star"], tuple(data["bullets"]))
    return (Bullets if key == "bullets" else Points)(tuple(data[key]))


class ContentField(fields.Field):
    """One content item; ``shapes`` limits which shapes a list accepts (a notice's sections)."""

    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": (
            "Mỗi mục nội dung là một đoạn văn (chuỗi hoặc danh sách phần), hoặc một đối tượng có "
            "một trong các khóa: {keys}."
        ),
        "numbered": "Mỗi mục là một đối tượng có một trong các khóa: {keys}.",
    }

    def __init__(
        self,
        *,
        extras: dict[str, type[Schema]] | None = None,
        shapes: tuple[str, ...] = SHAPES,
        plain: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.extras = tuple(sorted((extras or {}).items()))
        self.shapes = shapes
        self.plain = plain  # whether a bare paragraph is an item of this list

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        keys = (*self.shapes, *(name for name, _ in self.extras))
        if isinstance(value, str | list) and self.plain:
            return ParagraphField().deserialize(value)
        key = next((k for k in keys if isinstance(value, dict) and k in value), None)
        if key is None:
            raise self.make_error("invalid" if self.plain else "numbered", keys=", ".join(keys))
        extra = dict(self.extras).get(key)
        if extra is not None:
            return instance(extra).load(value)
        return _build(key, instance(self._shape(key)).load(value))

    def _shape(self, key: str) -> type[Schema]:
        """Return the schema of a shape; only numbered items hold content, hence the extras."""
        return _schema(key, self.extras if key in NUMBERED else ())

    def json_schema(self, resolve: Any) -> dict:
        """Return this field's JSON Schema: one of the shapes it accepts."""
        options = [ParagraphField().json_schema(resolve)] if self.plain else []
        options += [resolve(self._shape(key)) for key in self.shapes]
        options += [resolve(schema) for _, schema in self.extras]
        return {"oneOf": options}


def content_list(*, extras: dict[str, type[Schema]] | None = None, **kwargs: Any) -> fields.List:
    """Return a list field of content items, empty by default."""
    return List(ContentField(extras=extras), load_default=list, max_items=MAX_ITEMS, **kwargs)
