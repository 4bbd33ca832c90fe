"""Schema base and fields with Vietnamese messages; errors flattened to field paths."""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from ..errors import InvalidInput
from ..model import MARK
from ..vn.text import clean_text, squash_spaces

# MARK stands for a missing text in the preview of an incomplete form (schemas/lenient.py). It
# is stripped from typed text, so only a Placeholder, which no JSON parser produces, puts it in.


class Placeholder(str):
    """A missing text, put into a payload by the lenient preview only."""

    def __new__(cls, *_: Any) -> Placeholder:  # copy.deepcopy passes the text back
        return super().__new__(cls, MARK)


COMMON_MESSAGES = {
    "required": "Thiếu trường bắt buộc.",
    "null": "Trường này không được để trống.",
    "validator_failed": "Giá trị không hợp lệ.",
}


class BaseSchema(Schema):
    """Reject unknown fields; say so in Vietnamese."""

    class Meta:
        unknown = RAISE

    error_messages = {
        "type": "Dữ liệu không hợp lệ: cần một đối tượng JSON.",
        "unknown": "Trường không có trong mẫu dữ liệu (gõ sai tên trường?).",
    }


class Text(fields.String):
    """A one-line text: NFC, XML-illegal characters removed, spaces squashed, not empty."""

    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": "Phải là một chuỗi văn bản.",
        "invalid_utf8": "Chuỗi văn bản không hợp lệ (không phải UTF-8).",
        "empty": "Không được để trống.",
    }

    def __init__(
        self,
        *args: Any,
        multiline: bool = False,
        max_length: int = 2000,
        strip: bool = True,
        **kwargs: Any,
    ) -> None:
        given = kwargs.pop("validate", None)
        validators = [given] if callable(given) else list(given or [])
        validators.append(validate.Length(max=max_length, error=f"Dài quá {max_length} ký tự."))
        super().__init__(*args, validate=validators, **kwargs)
        self.multiline = multiline
        self.strip = strip  # False keeps one space at either end: runs of a paragraph join

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if isinstance(value, Placeholder):
            return MARK
        raw = clean_text(super()._deserialize(value, attr, data, **kwargs)).replace(MARK, "")
        if self.multiline:
            text = "\n".join(squash_spaces(line) for line in raw.split("\n")).strip()
        else:
            text = squash_spaces(raw.replace("\n", " "))
        if not text:
            raise self.make_error("empty")
        if not self.strip:
            text = (" " if raw[:1].isspace() else "") + text + (" " if raw[-1:].isspace() else "")
        return text

    def _validate(self, value: Any) -> None:
        if value != MARK:  # a placeholder stands for any valid text (a code, a standard's name)
            super()._validate(value)


class Int(fields.Integer):
    """A whole number."""

    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": "Phải là một số nguyên.",
        "too_large": "Số quá lớn.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, strict=True, **kwargs)


class Bool(fields.Boolean):
    """true or false."""

    default_error_messages = {**COMMON_MESSAGES, "invalid": "Phải là true hoặc false."}


MAX_SCORE_DIGITS = 12
_DECIMAL_COMMA = re.compile(r"^\s*-?\d+(,\d+)?\s*$")


class Score(fields.Field):
    """A non-negative score: a JSON number, or text with a decimal point or comma ("101,5")."""

    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": "Điểm phải là một số (ví dụ 101,5).",
        "negative": "Điểm không được âm.",
        "too_precise": "Điểm có tối đa 2 chữ số thập phân.",
        "too_large": "Điểm quá lớn (tối đa 12 chữ số phần nguyên).",
    }

    def json_schema(self, resolve: Any) -> dict:
        """Return this field's JSON Schema (used for the API description)."""
        return {
            "oneOf": [
                {"type": "number", "minimum": 0, "exclusiveMaximum": 1e12, "multipleOf": 0.01},
                {"type": "string", "pattern": r"^\s*\d{1,12}([.,]\d{1,2})?\s*$"},
            ],
            "description": 'Điểm, ví dụ 101.5 hoặc "101,5".',
        }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.make_error("invalid")
        text = str(value)
        if isinstance(value, str) and _DECIMAL_COMMA.match(text):
            text = text.replace(",", ".")
        try:
            number = Decimal(text.strip())
        except InvalidOperation:
            raise self.make_error("invalid") from None
        if not number.is_finite():
            raise self.make_error("invalid")
        if number < 0:
            raise self.make_error("negative")
        if number.adjusted() >= MAX_SCORE_DIGITS:  # also keeps quantize within its precision
            raise self.make_error("too_large")
        if number != number.quantize(Decimal("0.01")):
            raise self.make_error("too_precise")
        return number


def List(
    inner: fields.Field, *, min_items: int = 0, max_items: int = 1000, **kwargs: Any
) -> fields.List:
    """Return a list field with Vietnamese messages and bounds."""
    field = fields.List(
        inner,
        validate=validate.Length(
            min=min_items,
            max=max_items,
            error=f"Cần từ {min_items} đến {max_items} mục."
            if min_items
            else f"Tối đa {max_items} mục.",
        ),
        **kwargs,
    )
    field.error_messages = {
        **field.error_messages,
        **COMMON_MESSAGES,
        "invalid": "Phải là một danh sách.",
    }
    return field


def Nested(schema: type[Schema], **kwargs: Any) -> fields.Nested:
    """Return a nested-object field with Vietnamese messages."""
    field = fields.Nested(schema, **kwargs)
    field.error_messages = {
        **field.error_messages,
        **COMMON_MESSAGES,
        "type": "Phải là một đối tượng JSON.",
    }
    return field


def flatten_messages(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Return marshmallow's nested messages keyed by dotted field path.

    >>> flatten_messages({"groups": {0: {"agencies": {3: {"score": ["x"]}}}}, "_schema": ["y"]})
    {'groups.0.agencies.3.score': ['x'], '': ['y']}
    """
    if isinstance(messages, list | tuple):
        if all(isinstance(m, str) for m in messages):
            return {prefix: list(messages)}
        out: dict[str, list[str]] = {}
        for item in messages:
            for key, value in flatten_messages(item, prefix).items():
                out.setdefault(key, []).extend(value)
        return out
    if isinstance(messages, str):
        return {prefix: [messages]}
    out = {}
    for key, value in messages.items():
        part = "" if key == "_schema" else str(key)
        path = ".".join(p for p in (prefix, part) if p)
        for sub, msgs in flatten_messages(value, path).items():
            out.setdefault(sub, []).extend(msgs)
    return out


@functools.cache
def instance(schema: type[Schema]) -> Schema:
    """Return the one shared instance of ``schema``.

    Building a schema deep-copies its fields, nested schemas included, which costs more than
    loading a document with it; loading keeps no state on the instance (marshmallow 4 has no
    ``context``), so one instance serves every load, in every thread.
    """
    return schema()


def load(schema: Schema, payload: Any) -> Any:
    """Return ``schema.load(payload)``, or raise InvalidInput with every field path and message."""
    try:
        return schema.load(payload)
    except ValidationError as error:
        raise InvalidInput(
            "Dữ liệu đầu vào không hợp lệ.", flatten_messages(error.messages)
        ) from None
