"""Schema of a Kế hoạch: intro, mục with content, a schedule, a team, closing, appendices.

Beyond the shared content items (service/schemas/content.py) a mục may hold
``{"schedule": [{"period": "Quý II", "groups": [{"label": "các Sở", "agencies": [...]}]}]}``
and ``{"team": ["Thành viên Ban Chỉ đạo …", …]}``, printed as numbered paragraphs. An appendix
is labelled "Phụ lục" unless ``labelled`` is false (an attached outline, a form), carries the
"(Kèm theo Kế hoạch số …)" line unless ``attributed`` is false, and may end with a form whose
header is given as nested column groups.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, post_load, validate

from ..kinds.plan import AgencyGroup, Period, PlanAppendix, PlanInput, Schedule, Section, Team
from ..kinds.plan_forms import FormColumn, FormTable
from .base import BaseSchema, Bool, Int, List, Nested, Text
from .content import content_list
from .narrative import NarrativeSchema, paragraphs


class AgencyGroupSchema(BaseSchema):
    label = Text(required=True, max_length=200)
    agencies = List(Text(max_length=300), required=True, min_items=1, max_items=100)

    @post_load
    def build(self, data: dict, **_: Any) -> AgencyGroup:
        return AgencyGroup(label=data["label"], agencies=tuple(data["agencies"]))


class PeriodSchema(BaseSchema):
    period = Text(required=True, max_length=200)
    groups = List(Nested(AgencyGroupSchema), required=True, min_items=1, max_items=20)

    @post_load
    def build(self, data: dict, **_: Any) -> Period:
        return Period(period=data["period"], groups=tuple(data["groups"]))


class ScheduleSchema(BaseSchema):
    schedule = List(Nested(PeriodSchema), required=True, min_items=1, max_items=50)

    @post_load
    def build(self, data: dict, **_: Any) -> Schedule:
        return Schedule(periods=tuple(data["schedule"]))


class TeamSchema(BaseSchema):
    team = List(Text(max_length=500), required=True, min_items=1, max_items=50)

    @post_load
    def build(self, data: dict, **_: Any) -> Team:
        return Team(members=tuple(data["team"]))


PLAN_ITEMS = {"schedule": ScheduleSchema, "team": TeamSchema}


class SectionSchema(BaseSchema):
    title = Text(required=True, max_length=500)
    paragraphs = content_list(extras=PLAN_ITEMS)

    @post_load
    def build(self, data: dict, **_: Any) -> Section:
        return Section(title=data["title"], content=tuple(data["paragraphs"]))


class FormColumnSchema(BaseSchema):
    text = Text(required=True, max_length=300)
    width = Int(
        load_default=None,
        validate=validate.Range(min=5, max=250, error="Độ rộng cột tính bằng mm, từ 5 đến 250."),
    )
    columns = List(Nested(lambda: FormColumnSchema()), load_default=None, min_items=1, max_items=40)

    @post_load
    def build(self, data: dict, **_: Any) -> FormColumn:
        return FormColumn(
            text=data["text"], width_mm=data["width"], columns=tuple(data["columns"] or ())
        )


class FormTableSchema(BaseSchema):
    columns = List(Nested(FormColumnSchema), required=True, min_items=1, max_items=40)
    numbered = Bool(load_default=True)
    blank_rows = Int(
        load_default=0, validate=validate.Range(min=0, max=100, error="Số hàng trống từ 0 đến 100.")
    )
    total = Text(load_default=None, max_length=100)
    period = Bool(load_default=False)

    @post_load
    def build(self, data: dict, **_: Any) -> FormTable:
        return FormTable(
            columns=tuple(data["columns"]),
            numbered=data["numbered"],
            blank_rows=data["blank_rows"],
            total=data["total"],
            period=data["period"],
        )


class PlanAppendixSchema(BaseSchema):
    title = Text(required=True, max_length=500)
    labelled = Bool(load_default=True)
    attributed = Bool(load_default=True)
    landscape = Bool(load_default=False)
    paragraphs = content_list()
    table = Nested(FormTableSchema, load_default=None)

    @post_load
    def build(self, data: dict, **_: Any) -> PlanAppendix:
        if not (data["paragraphs"] or data["table"]):
            raise ValidationError(
                "Phụ lục cần nội dung ('paragraphs') hoặc một bảng ('table').", "paragraphs"
            )
        return PlanAppendix(
            title=data["title"],
            labelled=data["labelled"],
            attributed=data["attributed"],
            landscape=data["landscape"],
            content=tuple(data["paragraphs"]),
            table=data["table"],
        )


class PlanSchema(NarrativeSchema):
    intro = paragraphs(required=True)
    sections = List(Nested(SectionSchema), load_default=list, max_items=30)
    closing = paragraphs()
    appendices = List(Nested(PlanAppendixSchema), load_default=list, max_items=20)

    @post_load
    def build(self, data: dict, **_: Any) -> PlanInput:
        return PlanInput(
            document=self.narrative_input(data),
            intro=tuple(data["intro"]),
            sections=tuple(data["sections"]),
            closing=tuple(data["closing"]),
            appendices=tuple(data["appendices"]),
        )
