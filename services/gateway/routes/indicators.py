"""Live return-to-work figures for officials, by district x industry section x ISO week."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.contracts.identifiers import (
    DistrictCode,
    IndustrySectionCode,
    IsoWeek,
    district,
    industry_section,
)
from services.contracts.indicators import DEFINITIONS, ratio
from services.gateway.adapters.published_views import ReturnToWorkRow
from services.gateway.dependencies import PrincipalDep, ResourcesDep

router = APIRouter(prefix="/v1/indicators", tags=["indicators"])


class ReturnToWorkFigures(BaseModel):
    enterprises_expected: int
    enterprises_reporting: int
    enterprises_resumed: int
    employees_before_holiday: int
    on_duty: int
    working_remotely: int
    not_yet_returned: int
    return_rate: float | None = Field(description="返岗率, 0-1; null when nobody reported")
    resumption_rate: float | None = Field(description="复工率, 0-1")


class ReturnToWorkCell(ReturnToWorkFigures):
    district_code: str
    district_name: str
    industry_section: str
    industry_name: str


class ReturnToWorkOut(BaseModel):
    week: str
    scope: str = Field(description="the district code asked for, or 'city'")
    definitions: dict[str, str]
    total: ReturnToWorkFigures
    cells: list[ReturnToWorkCell]


@router.get("/return-to-work")
async def return_to_work(
    week: Annotated[IsoWeek, Query(description="ISO week, e.g. 2020-W07")],
    principal: PrincipalDep,
    resources: ResourcesDep,
    district_code: Annotated[DistrictCode | None, Query(alias="district")] = None,
    section: Annotated[IndustrySectionCode | None, Query()] = None,
) -> ReturnToWorkOut:
    """Return rate (返岗率) and resumption rate (复工率) per district and industry section."""
    scope = district_code or principal.district_code
    principal.ensure_may_read_district(scope)
    rows = await resources.views.return_to_work(week, scope, section)
    return ReturnToWorkOut(
        week=week,
        scope=scope or "city",
        definitions=DEFINITIONS,
        total=_figures(_sum(rows)),
        cells=[_cell(row) for row in rows],
    )


def _sum(rows: list[ReturnToWorkRow]) -> dict[str, int]:
    names = (
        "enterprises_expected",
        "enterprises_reporting",
        "enterprises_resumed",
        "employees_before_holiday",
        "on_duty",
        "working_remotely",
        "not_yet_returned",
    )
    return {name: sum(getattr(row, name) for row in rows) for name in names}


def _figures(counts: dict[str, int]) -> ReturnToWorkFigures:
    return ReturnToWorkFigures(
        **counts,
        return_rate=ratio(counts["on_duty"], counts["employees_before_holiday"]),
        resumption_rate=ratio(counts["enterprises_resumed"], counts["enterprises_expected"]),
    )


def _cell(row: ReturnToWorkRow) -> ReturnToWorkCell:
    figures = _figures(_sum([row]))
    return ReturnToWorkCell(
        **figures.model_dump(),
        district_code=row.district_code,
        district_name=district(row.district_code).name_zh,
        industry_section=row.industry_section,
        industry_name=industry_section(row.industry_section).name_zh,
    )
