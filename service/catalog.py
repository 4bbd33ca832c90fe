"""The document kinds the service knows: title, input schema, compose step, template name."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marshmallow import Schema

from .directory import Directory, parse_directory
from .kinds import decision, notice, objectives, plan, ranking_decision
from .legal.registry import Registry, parse_registry
from .model import Document
from .render import TemplateSet
from .schemas.decision import GeneralDecisionSchema
from .schemas.notice import NoticeSchema
from .schemas.objectives import ObjectivesDecisionSchema
from .schemas.plan import PlanSchema
from .schemas.ranking_decision import RankingDecisionSchema
from .scoring import LevelScheme, parse_schemes
from .site import SiteData, load_site


@dataclass(frozen=True)
class Resources:
    """Reference data and templates every step may consult, passed explicitly."""

    registry: Registry
    schemes: dict[str, LevelScheme]
    directory: Directory
    templates: TemplateSet
    site: SiteData  # where it came from: the packaged data and the site folder laid over it


@dataclass(frozen=True)
class KindSpec:
    """How one kind of document goes from JSON to a Document."""

    name: str
    title: str  # in Vietnamese, for people choosing a kind
    schema: type[Schema]
    compose: Callable[[Any, Resources], Document]


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(
            name=ranking_decision.KIND,
            title="Quyết định phê duyệt và công bố xếp hạng kết quả áp dụng ISO 9001",
            schema=RankingDecisionSchema,
            compose=lambda data, res: ranking_decision.compose(
                data, registry=res.registry, schemes=res.schemes
            ),
        ),
        KindSpec(
            name=decision.KIND,
            title="Quyết định (cá biệt): quy định trực tiếp, hoặc ban hành văn bản kèm theo",
            schema=GeneralDecisionSchema,
            compose=lambda data, res: decision.compose(data, registry=res.registry),
        ),
        KindSpec(
            name=objectives.KIND,
            title="Quyết định phê duyệt Mục tiêu chất lượng năm (ISO 9001)",
            schema=ObjectivesDecisionSchema,
            compose=lambda data, res: objectives.compose(data, registry=res.registry),
        ),
        KindSpec(
            name=notice.KIND,
            title="Thông báo kết luận (cuộc họp, hội nghị)",
            schema=NoticeSchema,
            compose=lambda data, res: notice.compose(data, registry=res.registry),
        ),
        KindSpec(
            name=plan.KIND,
            title="Kế hoạch kiểm tra, đánh giá (lịch, thành phần, đề cương, biểu mẫu)",
            schema=PlanSchema,
            compose=lambda data, res: plan.compose(data, registry=res.registry),
        ),
    )
}


def resources_from(data: SiteData) -> Resources:
    """Return the resources built from merged reference data."""
    return Resources(
        registry=parse_registry({"documents": data.documents}),
        schemes=parse_schemes({"schemes": data.schemes}),
        directory=parse_directory(data.directory),
        templates=TemplateSet(data.templates),
        site=data,
    )


@lru_cache(maxsize=8)
def site_resources(folder: str | None) -> Resources:
    """Return the packaged resources with the site ``folder`` laid over them, loaded once.

    Raise service.site.InvalidSite, listing every fault, when the folder cannot be used.
    """
    return resources_from(load_site(folder))


def packaged_resources() -> Resources:
    """Return the packaged resources alone."""
    return site_resources(None)


def default_resources() -> Resources:
    """Return the resources of this process: the site folder ``VANBAN_SITE_DIR`` names, if any."""
    return site_resources(os.environ.get("VANBAN_SITE_DIR") or None)
