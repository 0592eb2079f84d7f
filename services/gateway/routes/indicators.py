"""Live indicators for officials, by city, district, industry section and ISO week.

Every figure is read from monitoring's published views (`monitoring.indicators_v`, and
`job_seeker_ratio_v` for 求人倍率), where each formula is defined once; this module only chooses
the rows a caller may see and shapes them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.contracts.identifiers import (
    DistrictCode,
    IndustrySectionCode,
    IsoWeek,
    district,
    industry_section,
    week_bounds,
    week_of,
)
from services.contracts.indicators import CHANGE, DEFINITIONS, VACANCIES_PER_SEEKER
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.ports import Row
from services.gateway.routes.indicator_models import (
    Community,
    CommunityFigures,
    IndicatorsOut,
    JobSeekerRatioFigures,
    JobSeekerRatioOut,
    ReturnToWorkCell,
    ReturnToWorkFigures,
    ReturnToWorkOut,
    ScopedFigures,
)

router = APIRouter(prefix="/v1/indicators", tags=["indicators"])

WeekQuery = Annotated[IsoWeek, Query(description="ISO week, e.g. 2020-W07")]
DistrictQuery = Annotated[
    DistrictCode | None,
    Query(alias="district", description="GB/T 2260 district code; a district official's own"),
]
SectionQuery = Annotated[
    IndustrySectionCode | None, Query(description="GB/T 4754 industry section letter, A-T")
]


@router.get("")
async def indicators(
    week: WeekQuery,
    principal: PrincipalDep,
    resources: ResourcesDep,
    district_code: DistrictQuery = None,
    section: SectionQuery = None,
) -> IndicatorsOut:
    """Every indicator for the city or a district (and optionally one industry section)."""
    scope = district_code or principal.district_code
    principal.ensure_may_read_district(scope)
    rows = await resources.views.indicators(week)
    inside = [r for r in rows if _within(r, scope, section)]
    community = None
    if section is None:
        points = [r for r in await resources.views.community_indicators(week) if _within(r, scope)]
        community = Community(
            total=next(
                (_community(r) for r in points if r["district_code"] == scope),
                CommunityFigures(district_code=scope),
            ),
            by_district=[_community(r) for r in points if scope is None and r["district_code"]],
        )
    return IndicatorsOut(
        week=week,
        previous_week=week_of(week_bounds(week)[0] - timedelta(days=7)),
        definitions=DEFINITIONS,
        change_definition=CHANGE,
        total=_total(inside, scope, section),
        by_district=[
            _scoped(r)
            for r in inside
            if scope is None and r["district_code"] and r["industry_section"] == section
        ],
        by_section=[
            _scoped(r)
            for r in inside
            if section is None and r["industry_section"] and r["district_code"] == scope
        ],
        cells=[_scoped(r) for r in inside if r["scope"] == "cell"],
        community=community,
    )


@router.get("/return-to-work")
async def return_to_work(
    week: WeekQuery,
    principal: PrincipalDep,
    resources: ResourcesDep,
    district_code: DistrictQuery = None,
    section: SectionQuery = None,
) -> ReturnToWorkOut:
    """Return rate (返岗率) and resumption rate (复工率) per district and industry section."""
    scope = district_code or principal.district_code
    principal.ensure_may_read_district(scope)
    inside = [r for r in await resources.views.indicators(week) if _within(r, scope, section)]
    total = _total(inside, scope, section)
    return ReturnToWorkOut(
        week=week,
        scope=scope or "city",
        definitions=DEFINITIONS,
        total=ReturnToWorkFigures.model_validate(total.model_dump()),
        cells=[
            ReturnToWorkCell.model_validate(_scoped(r).model_dump())
            for r in inside
            if r["scope"] == "cell"
        ],
    )


@router.get("/job-seeker-ratio")
async def job_seeker_ratio(
    principal: PrincipalDep, resources: ResourcesDep, district_code: DistrictQuery = None
) -> JobSeekerRatioOut:
    """求人倍率 (open vacancies per active job seeker) now, for a district or the city."""
    scope = district_code or principal.district_code
    principal.ensure_may_read_district(scope)
    rows = [r for r in await resources.views.job_seeker_ratio() if _within(r, scope)]
    total = next((r for r in rows if r["district_code"] == scope), {"district_code": scope})
    return JobSeekerRatioOut(
        scope=scope or "city",
        definition=DEFINITIONS[VACANCIES_PER_SEEKER],
        total=_ratio(total),
        by_district=[_ratio(r) for r in rows if scope is None and r["district_code"]],
    )


def _ratio(row: Row) -> JobSeekerRatioFigures:
    code = row["district_code"]
    return JobSeekerRatioFigures.model_validate(
        {**row, "district_name": district(code).name_zh if code else None}
    )


def _within(row: Row, district_code: str | None, section: str | None = None) -> bool:
    """Rows that describe the scope or a part of it."""
    return (district_code is None or row["district_code"] == district_code) and (
        section is None or row["industry_section"] == section
    )


def _community(row: Row) -> CommunityFigures:
    values = {k: v for k, v in row.items() if v is not None}
    code = row["district_code"]
    return CommunityFigures.model_validate(
        {
            **values,
            "change": _changes(values),
            "district_name": district(code).name_zh if code else None,
        }
    )


def _changes(values: dict[str, Any]) -> dict[str, Any]:
    return {
        name.removesuffix("_change"): value
        for name, value in values.items()
        if name.endswith("_change")
    }


def _total(rows: list[Row], district_code: str | None, section: str | None) -> ScopedFigures:
    for row in rows:
        if (row["district_code"], row["industry_section"]) == (district_code, section):
            return _scoped(row)
    return _scoped({"district_code": district_code, "industry_section": section})  # no reports


def _scoped(row: Row) -> ScopedFigures:
    values: dict[str, Any] = {k: v for k, v in row.items() if v is not None}
    code, letter = row.get("district_code"), row.get("industry_section")
    return ScopedFigures.model_validate(
        {
            **values,
            "change": _changes(values),
            "district_name": district(code).name_zh if code else None,
            "industry_name": industry_section(letter).name_zh if letter else None,
        }
    )
