"""Who has reported for a week, who was late and who is missing (一(一) "每周报送")."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.contracts.identifiers import DistrictCode, IsoWeek, district
from services.gateway.api_examples import CREDIT_CODE, ENTERPRISE_NAME, WEEK, examples
from services.gateway.dependencies import PrincipalDep, ResourcesDep

router = APIRouter(prefix="/v1/compliance", tags=["compliance"])


COUNTS_EXAMPLE: dict[str, Any] = {
    "expected": 1240,
    "on_time": 1032,
    "late": 73,
    "missing": 135,
    "reminded": 208,
}
DISTRICT_EXAMPLE: dict[str, Any] = {
    **COUNTS_EXAMPLE,
    "district_code": "310115",
    "district_name": "浦东新区",
}
LATE_EXAMPLE: dict[str, Any] = {
    "credit_code": CREDIT_CODE,
    "name": ENTERPRISE_NAME,
    "district_code": "310115",
    "district_name": "浦东新区",
    "industry_section": "C",
    "status": "late",
    "reported_at": "2020-02-18T09:12:00+08:00",
    "reminded": True,
}


class ComplianceCounts(BaseModel):
    """How many designated enterprises reported on time, late, or not at all."""

    model_config = examples(COUNTS_EXAMPLE)

    expected: int = Field(0, description="designated enterprises registered by the deadline")
    on_time: int = 0
    late: int = 0
    missing: int = 0
    reminded: int = Field(0, description="reminders requested at the deadline")


class DistrictCompliance(ComplianceCounts):
    """A district's compliance counts."""

    model_config = examples(DISTRICT_EXAMPLE)

    district_code: str
    district_name: str


class EnterpriseCompliance(BaseModel):
    """A designated enterprise that reported late, or has not reported."""

    model_config = examples(LATE_EXAMPLE)

    credit_code: str
    name: str
    district_code: str
    district_name: str
    industry_section: str
    status: Literal["on_time", "late", "missing"]
    reported_at: datetime | None = Field(description="null: no report yet")
    reminded: bool


class ComplianceOut(BaseModel):
    """A week's reporting compliance for the city or a district, and who was late or missing."""

    model_config = examples(
        {
            "week": WEEK,
            "scope": "310115",
            "deadline": "2020-02-17T12:00:00+08:00",
            "total": COUNTS_EXAMPLE,
            "by_district": [],
            "late_or_missing": [LATE_EXAMPLE],
        }
    )

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
