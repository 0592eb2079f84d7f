"""Who has reported for a week, who was late and who is missing (一(一) "每周报送")."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.contracts.identifiers import DistrictCode, IsoWeek, district
from services.gateway.dependencies import PrincipalDep, ResourcesDep

router = APIRouter(prefix="/v1/compliance", tags=["compliance"])


class ComplianceCounts(BaseModel):
    expected: int = Field(0, description="designated enterprises registered by the deadline")
    on_time: int = 0
    late: int = 0
    missing: int = 0
    reminded: int = Field(0, description="reminders requested at the deadline")


class DistrictCompliance(ComplianceCounts):
    district_code: str
    district_name: str


class EnterpriseCompliance(BaseModel):
    credit_code: str
    name: str
    district_code: str
    district_name: str
    industry_section: str
    status: Literal["on_time", "late", "missing"]
    reported_at: datetime | None
    reminded: bool


class ComplianceOut(BaseModel):
    week: str
    scope: str = Field(description="the district code asked for, or 'city'")
    deadline: datetime | None = Field(description="null until the week's deadline has passed")
    total: ComplianceCounts
    by_district: list[DistrictCompliance] = Field(description="per district (city scope only)")
    late_or_missing: list[EnterpriseCompliance]


@router.get("")
async def compliance(
    week: Annotated[IsoWeek, Query(description="ISO week, e.g. 2020-W07")],
    principal: PrincipalDep,
    resources: ResourcesDep,
    district_code: Annotated[DistrictCode | None, Query(alias="district")] = None,
) -> ComplianceOut:
    """Reporting compliance of a week whose deadline has passed, for the city or a district."""
    scope = district_code or principal.district_code
    principal.ensure_may_read_district(scope)
    summary = await resources.views.compliance_summary(week)
    enterprises = await resources.views.compliance(week, scope)
    total = next((row for row in summary if row["district_code"] == scope), None)
    return ComplianceOut(
        week=week,
        scope=scope or "city",
        deadline=enterprises[0]["deadline"] if enterprises else None,
        total=ComplianceCounts.model_validate(total or {}),
        by_district=[
            DistrictCompliance.model_validate(
                {**row, "district_name": district(row["district_code"]).name_zh}
            )
            for row in summary
            if scope is None and row["district_code"]
        ],
        late_or_missing=[
            EnterpriseCompliance.model_validate(
                {**row, "district_name": district(row["district_code"]).name_zh}
            )
            for row in enterprises
            if row["status"] != "on_time"
        ],
    )
