"""What the indicator routes answer: their models and examples, apart from the handlers that
choose the rows a caller may see (routes/indicators.py)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from services.contracts.indicators import CHANGE, DEFINITIONS
from services.gateway.api_examples import WEEK, examples

CHANGES_EXAMPLE: dict[str, Any] = {
    "return_rate": 0.1287,
    "resumption_rate": 0.2115,
    "staffing_gap": -36800,
    "fill_rate": -0.0412,
    "separation_rate": 0.0011,
    "vacancies_per_seeker": None,
}
PUDONG_EXAMPLE: dict[str, Any] = {
    "district_code": "310115",
    "district_name": "浦东新区",
    "industry_section": None,
    "industry_name": None,
    "enterprises_expected": 1240,
    "enterprises_reporting": 1105,
    "enterprises_resumed": 862,
    "employees_before_holiday": 286400,
    "on_duty": 143900,
    "working_remotely": 21600,
    "not_yet_returned": 120900,
    "planned_staffing": 298000,
    "recruitment_demand": 18600,
    "hires": 6240,
    "separations": 1530,
    "open_vacancies": 15200,
    "surplus_staff_available": 2300,
    "active_job_seekers": None,
    "return_rate": 0.5024,
    "resumption_rate": 0.6952,
    "staffing_gap": 154100,
    "fill_rate": 0.3355,
    "separation_rate": 0.0053,
    "vacancies_per_seeker": None,
    "previous_week_reported": True,
    "change": CHANGES_EXAMPLE,
}
PUDONG_MANUFACTURING_EXAMPLE: dict[str, Any] = {
    **PUDONG_EXAMPLE,
    "industry_section": "C",
    "industry_name": "制造业",
    "enterprises_expected": 410,
    "enterprises_reporting": 388,
    "enterprises_resumed": 301,
    "employees_before_holiday": 121300,
    "on_duty": 70350,
    "working_remotely": 2100,
    "not_yet_returned": 48850,
    "planned_staffing": 126000,
    "recruitment_demand": 9400,
    "hires": 3520,
    "separations": 610,
    "open_vacancies": 7800,
    "surplus_staff_available": 400,
    "return_rate": 0.58,
    "resumption_rate": 0.7341,
    "staffing_gap": 55650,
    "fill_rate": 0.3745,
    "separation_rate": 0.005,
}
COMMUNITY_CHANGES_EXAMPLE: dict[str, Any] = {
    "migrant_return_rate": 0.0932,
    "migrant_employment_rate": 0.0417,
}
PUDONG_COMMUNITY_EXAMPLE: dict[str, Any] = {
    "district_code": "310115",
    "district_name": "浦东新区",
    "points_registered": 36,
    "points_reporting": 34,
    "migrants_registered": 412600,
    "returned_to_shanghai": 231800,
    "employed": 176400,
    "seeking_work": 38200,
    "in_quarantine": 24100,
    "migrant_return_rate": 0.5618,
    "migrant_employment_rate": 0.761,
    "previous_week_reported": True,
    "change": COMMUNITY_CHANGES_EXAMPLE,
}
RETURN_TO_WORK_KEYS = (
    "enterprises_expected",
    "enterprises_reporting",
    "enterprises_resumed",
    "employees_before_holiday",
    "on_duty",
    "working_remotely",
    "not_yet_returned",
    "return_rate",
    "resumption_rate",
)
RETURN_TO_WORK_EXAMPLE = {key: PUDONG_EXAMPLE[key] for key in RETURN_TO_WORK_KEYS}
RETURN_TO_WORK_CELL_EXAMPLE = {
    key: PUDONG_MANUFACTURING_EXAMPLE[key]
    for key in (*RETURN_TO_WORK_KEYS, "district_code", "district_name", "industry_section")
} | {"industry_name": "制造业"}


class Counts(BaseModel):
    enterprises_expected: int = 0
    enterprises_reporting: int = 0
    enterprises_resumed: int = 0
    employees_before_holiday: int = 0
    on_duty: int = 0
    working_remotely: int = 0
    not_yet_returned: int = 0


class Changes(BaseModel):
    """This week's value minus the previous ISO week's, in the figure's own units."""

    model_config = examples(CHANGES_EXAMPLE)

    return_rate: float | None = None
    resumption_rate: float | None = None
    staffing_gap: int | None = None
    fill_rate: float | None = None
    separation_rate: float | None = None
    vacancies_per_seeker: float | None = None


class Figures(Counts):
    planned_staffing: int = 0
    recruitment_demand: int = 0
    hires: int = 0
    separations: int = 0
    open_vacancies: int = 0
    surplus_staff_available: int = 0
    active_job_seekers: int | None = Field(None, description="null: not available yet")
    return_rate: float | None = Field(None, description="返岗率, 0-1")
    resumption_rate: float | None = Field(None, description="复工率, 0-1")
    staffing_gap: int = Field(0, description="用工缺口, people")
    fill_rate: float | None = Field(None, description="招聘满足率, 0-1")
    separation_rate: float | None = Field(None, description="离职率, 0-1")
    vacancies_per_seeker: float | None = Field(None, description="求人倍率; null: not available")
    previous_week_reported: bool = False
    change: Changes = Changes()


class ScopedFigures(Figures):
    """Every figure of a scope: a district or the city, an industry section or all of them."""

    model_config = examples(PUDONG_EXAMPLE, PUDONG_MANUFACTURING_EXAMPLE)

    district_code: str | None = Field(None, description="null: every district")
    district_name: str | None = None
    industry_section: str | None = Field(None, description="null: every industry")
    industry_name: str | None = None


class CommunityChanges(BaseModel):
    """This week's rates minus the previous ISO week's."""

    model_config = examples(COMMUNITY_CHANGES_EXAMPLE)

    migrant_return_rate: float | None = None
    migrant_employment_rate: float | None = None


class CommunityFigures(BaseModel):
    """What the community monitoring points of the scope reported on migrant workers."""

    model_config = examples(PUDONG_COMMUNITY_EXAMPLE)

    district_code: str | None = Field(None, description="null: every district")
    district_name: str | None = None
    points_registered: int = 0
    points_reporting: int = 0
    migrants_registered: int = 0
    returned_to_shanghai: int = 0
    employed: int = 0
    seeking_work: int = 0
    in_quarantine: int = 0
    migrant_return_rate: float | None = Field(None, description="外来人员返沪率, 0-1")
    migrant_employment_rate: float | None = Field(None, description="外来人员就业率, 0-1")
    previous_week_reported: bool = False
    change: CommunityChanges = CommunityChanges()


class Community(BaseModel):
    """The community monitoring points' figures for the scope, and per district in the city."""

    model_config = examples({"total": PUDONG_COMMUNITY_EXAMPLE, "by_district": []})

    total: CommunityFigures
    by_district: list[CommunityFigures] = Field(description="per district (city scope only)")


class IndicatorsOut(BaseModel):
    """Every indicator of a week for a scope, broken down by district and industry section."""

    model_config = examples(
        {
            "week": WEEK,
            "previous_week": "2020-W06",
            "definitions": DEFINITIONS,
            "change_definition": CHANGE,
            "total": PUDONG_EXAMPLE,
            "by_district": [],
            "by_section": [PUDONG_MANUFACTURING_EXAMPLE],
            "cells": [PUDONG_MANUFACTURING_EXAMPLE],
            "community": {"total": PUDONG_COMMUNITY_EXAMPLE, "by_district": []},
        }
    )

    week: str
    previous_week: str
    definitions: dict[str, str]
    change_definition: str
    total: ScopedFigures
    by_district: list[ScopedFigures] = Field(description="per district (city scope only)")
    by_section: list[ScopedFigures] = Field(description="per industry section in the scope")
    cells: list[ScopedFigures] = Field(description="per district x industry section")
    community: Community | None = Field(
        description="community monitoring points' figures (no industry: null when a section "
        "is asked for)"
    )


class ReturnToWorkFigures(Counts):
    """返岗率 and 复工率 of a scope, with the counts they are computed from."""

    model_config = examples(RETURN_TO_WORK_EXAMPLE)

    return_rate: float | None = Field(description="返岗率, 0-1; null when nobody reported")
    resumption_rate: float | None = Field(description="复工率, 0-1")


class ReturnToWorkCell(ReturnToWorkFigures):
    """返岗率 and 复工率 of one district and industry section."""

    model_config = examples(RETURN_TO_WORK_CELL_EXAMPLE)

    district_code: str
    district_name: str
    industry_section: str
    industry_name: str


class ReturnToWorkOut(BaseModel):
    """Return and resumption rates of a week for a scope, per district and industry section."""

    model_config = examples(
        {
            "week": WEEK,
            "scope": "310115",
            "definitions": DEFINITIONS,
            "total": RETURN_TO_WORK_EXAMPLE,
            "cells": [RETURN_TO_WORK_CELL_EXAMPLE],
        }
    )

    week: str
    scope: str = Field(description="the district code asked for, or 'city'")
    definitions: dict[str, str]
    total: ReturnToWorkFigures
    cells: list[ReturnToWorkCell]


PUDONG_RATIO_EXAMPLE: dict[str, Any] = {
    "district_code": "310115",
    "district_name": "浦东新区",
    "open_postings": 1830,
    "open_vacancies": 15200,
    "active_job_seekers": 10000,
    "vacancies_per_seeker": 1.52,
}


class JobSeekerRatioFigures(BaseModel):
    """求人倍率 of a district or the city, with the counts it is made of."""

    model_config = examples(
        PUDONG_RATIO_EXAMPLE,
        {**PUDONG_RATIO_EXAMPLE, "active_job_seekers": 0, "vacancies_per_seeker": None},
    )

    district_code: str | None = Field(None, description="null: the whole city")
    district_name: str | None = None
    open_postings: int = Field(0, description="published postings with places left")
    open_vacancies: int = Field(0, description="the places left on them")
    active_job_seekers: int = Field(0, description="registered job seekers, not withdrawn")
    vacancies_per_seeker: float | None = Field(
        None, description="求人倍率, two decimals; null when there are no job seekers"
    )


class JobSeekerRatioOut(BaseModel):
    """求人倍率 now, for a district or the city (and then per district)."""

    model_config = examples(
        {
            "scope": "310115",
            "definition": DEFINITIONS["vacancies_per_seeker"],
            "total": PUDONG_RATIO_EXAMPLE,
            "by_district": [],
        }
    )

    scope: str = Field(description="the district code asked for, or 'city'")
    definition: str
    total: JobSeekerRatioFigures
    by_district: list[JobSeekerRatioFigures] = Field(
        description="each district with vacancies or job seekers (city scope only)"
    )
