"""What an enterprise's reports look like once monitoring has recorded them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.contracts.identifiers import CreditCode, IsoWeek
from services.gateway.api_examples import CREDIT_CODE, EVENT_ID, examples
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain.access import PrincipalKind
from services.gateway.enterprise_scope import registered_district
from services.gateway.submission_models import WEEKLY_REPORT_EXAMPLE

router = APIRouter(prefix="/v1/enterprises", tags=["reports"])


AS_SUBMITTED = (
    "week",
    "employees_before_holiday",
    "on_duty",
    "working_remotely",
    "resumed",
    "planned_staffing",
    "recruitment_demand",
    "hires",
    "separations",
    "open_vacancies",
    "surplus_staff_available",
)
RECORDED_REPORT_EXAMPLE: dict[str, Any] = {
    "event_id": EVENT_ID,
    "reported_at": "2020-02-14T17:30:00+08:00",
    **{field: WEEKLY_REPORT_EXAMPLE[field] for field in AS_SUBMITTED},
    "not_yet_returned": 60,
    "return_rate": 0.6,
    "staffing_gap": 90,
    "fill_rate": 0.3333,
}
"""The example weekly report as monitoring recorded it."""


class RecordedReport(BaseModel):
    """A weekly report as monitoring recorded it, with the enterprise's own indicators."""

    model_config = examples(RECORDED_REPORT_EXAMPLE)

    week: str
    event_id: str = Field(description="the submission that stands for the week")
    reported_at: datetime
    employees_before_holiday: int
    on_duty: int
    working_remotely: int
    not_yet_returned: int = Field(description="all reasons together")
    resumed: bool
    planned_staffing: int
    recruitment_demand: int
    hires: int
    separations: int
    open_vacancies: int
    surplus_staff_available: int
    return_rate: float | None = Field(description="返岗率 of this enterprise, 0-1")
    staffing_gap: int = Field(description="用工缺口 of this enterprise, people")
    fill_rate: float | None = Field(description="招聘满足率 of this enterprise, 0-1")


class RecordedReports(BaseModel):
    """The reports standing for an enterprise, newest week first."""

    model_config = examples({"credit_code": CREDIT_CODE, "reports": [RECORDED_REPORT_EXAMPLE]})

    credit_code: str
    reports: list[RecordedReport]


@router.get("/{credit_code}/weekly-reports")
async def recorded_reports(
    credit_code: CreditCode,
    principal: PrincipalDep,
    resources: ResourcesDep,
    week: Annotated[IsoWeek | None, Query(description="only this ISO week")] = None,
) -> RecordedReports:
    """The weekly reports monitoring has recorded for an enterprise (its own, or its district's)."""
    registered_in = (
        await registered_district(resources, credit_code) if principal.district_code else None
    )
    officer = (
        await resources.views.service_officer(credit_code)
        if principal.kind is PrincipalKind.OFFICER
        else None
    )
    principal.ensure_may_read_enterprise(credit_code, registered_in, officer)
    rows = await resources.views.recorded_reports(credit_code, week)
    return RecordedReports(
        credit_code=credit_code,
        reports=[RecordedReport.model_validate(row) for row in rows],
    )
