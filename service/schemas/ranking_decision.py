"""Schema of the ISO 9001 ranking decision: a decision plus groups of scored agencies."""

from __future__ import annotations

from typing import Any

from marshmallow import post_load, validate

from ..kinds.ranking_decision import AgencyScore, Criterion, RankingDecisionInput, ScoreGroup
from .base import BaseSchema, Int, List, Nested, Score, Text
from .decision import DecisionSchema


class CriterionSchema(BaseSchema):
    name = Text(required=True, max_length=300)
    score = Score(required=True)

    @post_load
    def build(self, data: dict, **_: Any) -> Criterion:
        return Criterion(**data)


class AgencySchema(BaseSchema):
    name = Text(required=True, max_length=300)
    score = Score(required=True)
    criteria = List(Nested(CriterionSchema), load_default=list, max_items=100)

    @post_load
    def build(self, data: dict, **_: Any) -> AgencyScore:
        return AgencyScore(name=data["name"], score=data["score"], criteria=tuple(data["criteria"]))


class ScoreGroupSchema(BaseSchema):
    name = Text(required=True, max_length=300)
    agencies = List(Nested(AgencySchema), required=True, min_items=1, max_items=2000)

    @post_load
    def build(self, data: dict, **_: Any) -> ScoreGroup:
        return ScoreGroup(name=data["name"], agencies=tuple(data["agencies"]))


class RankingDecisionSchema(DecisionSchema):
    level_scheme = Text(required=True, max_length=100)
    year = Int(
        required=True,
        validate=validate.Range(min=2000, max=2100, error="Năm chấm điểm phải từ 2000 đến 2100."),
    )
    groups = List(Nested(ScoreGroupSchema), required=True, min_items=1, max_items=20)

    @post_load
    def build(self, data: dict, **_: Any) -> RankingDecisionInput:
        return RankingDecisionInput(
            decision=self.decision_input(data),
            level_scheme=data["level_scheme"],
            year=data["year"],
            groups=tuple(data["groups"]),
        )
