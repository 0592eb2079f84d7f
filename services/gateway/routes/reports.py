"""What an enterprise's reports look like once monitoring has recorded them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.contracts.identifiers import CreditCode, IsoWeek
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain.access import PrincipalKind

router = APIRouter(prefix="/v1/enterprises", tags=["reports"])


class RecordedReport(BaseModel):
    week: str
    event_id: str = Field(description="the submission that stands for the week")
    reported_at: datetime
    employees_before_holiday: int
    on_duty: int
    working_remotely: int
    not_yet_returned: int
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
        await resources.views.registered_district(credit_code) if principal.district_code else None
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
