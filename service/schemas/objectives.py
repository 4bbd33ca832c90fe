"""Schema of the quality-objectives decision: the shared decision parts plus the objectives."""

from __future__ import annotations

from typing import Any

from marshmallow import post_load, validate

from ..kinds.objectives import PERCENT, QUALIFIERS, Objective, ObjectivesInput, Target
from .base import COMMON_MESSAGES, BaseSchema, Int, List, Nested, Score, Text
from .common import PlainDate
from .decision import DATE_STYLE, DecisionPartsSchema


class TargetValue(Score):
    """A target number: a JSON number, or text with a decimal comma ("99,5")."""

    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": 'Chỉ tiêu phải là một số (ví dụ 90 hoặc "99,5").',
        "negative": "Chỉ tiêu không được âm.",
        "too_precise": "Chỉ tiêu có tối đa 2 chữ số thập phân.",
    }

    def json_schema(self, resolve: Any) -> dict:
        """Return this field's JSON Schema (used for the API description)."""
        return {
            "oneOf": [
                {"type": "number", "minimum": 0, "multipleOf": 0.01},
                {"type": "string", "pattern": r"^\s*\d+([.,]\d{1,2})?\s*$"},
            ],
            "description": 'Giá trị chỉ tiêu, ví dụ 90 hoặc "99,5".',
        }


class EffectiveDate(PlainDate):
    """The day the decision takes effect, or null: from signing."""

    def json_schema(self, resolve: Any) -> dict:
        """Return this field's JSON Schema; null is allowed, unlike PlainDate's."""
        return {
            "type": ["string", "null"],
            "format": "date",
            "description": "Ngày có hiệu lực; để trống: kể từ ngày ký.",
        }


class ObjectiveTargetSchema(BaseSchema):
    value = TargetValue(required=True)
    unit = Text(
        required=True,
        max_length=50,
        metadata={"description": "'%' cho tỷ lệ, hoặc danh từ đếm được ('sáng kiến', 'hồ sơ')."},
    )
    qualifier = Text(
        load_default=None,
        validate=validate.OneOf(
            QUALIFIERS, error="Từ chỉ mức là một trong: " + ", ".join(QUALIFIERS) + "."
        ),
    )

    @post_load
    def build(self, data: dict, **_: Any) -> Target:
        unit = PERCENT if data["unit"].strip() == PERCENT else data["unit"]
        return Target(value=data["value"], unit=unit, qualifier=data["qualifier"])


class QualityObjectiveSchema(BaseSchema):
    text = Text(
        required=True,
        max_length=2000,
        metadata={
            "description": "Nội dung mục tiêu; {1}, {2}… là chỗ in các chỉ tiêu theo thứ tự."
        },
    )
    targets = List(Nested(ObjectiveTargetSchema), load_default=list, max_items=20)

    @post_load
    def build(self, data: dict, **_: Any) -> Objective:
        return Objective(text=data["text"], targets=tuple(data["targets"]))


class ObjectivesDecisionSchema(DecisionPartsSchema):
    year = Int(
        required=True,
        validate=validate.Range(
            min=2000, max=2100, error="Năm của mục tiêu phải từ 2000 đến 2100."
        ),
    )
    scope = Text(required=True, max_length=300)
    standard = Text(
        load_default="TCVN ISO 9001:2015",
        validate=validate.Regexp(
            r"^TCVN ISO 9001:\d{4}$", error="Tiêu chuẩn có dạng 'TCVN ISO 9001:2015'."
        ),
    )
    objectives = List(Nested(QualityObjectiveSchema), required=True, min_items=1, max_items=30)
    representative = Text(required=True, max_length=300)
    implementers = Text(required=True, max_length=2000)
    effective_from = EffectiveDate(load_default=None)
    effective_date_style = Text(load_default=None, validate=DATE_STYLE)

    @post_load
    def build(self, data: dict, **_: Any) -> ObjectivesInput:
        return ObjectivesInput(
            decision=self.decision_input(data),
            year=data["year"],
            scope=data["scope"],
            objectives=tuple(data["objectives"]),
            representative=data["representative"],
            implementers=data["implementers"],
            standard=data["standard"],
            effective_from=data["effective_from"],
            effective_date_style=data["effective_date_style"],
        )
