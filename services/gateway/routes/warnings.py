"""Early warnings for officials: read the open ones in their scope, and acknowledge them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, status
from pydantic import BaseModel, Field

from services.contracts.identifiers import DistrictCode, district
from services.contracts.topics import WARNING_ACKNOWLEDGEMENTS
from services.contracts.warnings import (
    RULE_DESCRIPTIONS,
    WARNING_ACKNOWLEDGED,
    WarningAcknowledgement,
    WarningId,
    WarningRule,
)
from services.gateway.api_examples import WARNING_ID, WEEK, examples
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.publishing import publish
from services.gateway.routes.submissions import Accepted, IdempotencyKey

router = APIRouter(prefix="/v1/warnings", tags=["early warnings"])


WARNING_EXAMPLE: dict[str, Any] = {
    "warning_id": WARNING_ID,
    "rule": "fill_rate_falling",
    "rule_description": RULE_DESCRIPTIONS[WarningRule.FILL_RATE_FALLING],
    "week": WEEK,
    "district_code": "310112",
    "district_name": "闵行区",
    "industry_section": "C",
    "figures": {"fill_rate": 0.21, "fill_rate_change": -0.13},
    "raised_at": "2020-02-17T12:05:00+08:00",
    "status": "acknowledged",
    "acknowledged_by": "official:310112",
    "acknowledged_at": "2020-02-17T15:40:00+08:00",
    "note": "已联系区内制造业重点企业，组织线上专场招聘会",
}


class EarlyWarningOut(BaseModel):
    """An early warning monitoring raised for a scope, and whether an official acknowledged it."""

    model_config = examples(WARNING_EXAMPLE)

    warning_id: str
    rule: str
    rule_description: str
    week: str
    district_code: str | None = Field(description="null: the whole city")
    district_name: str | None
    industry_section: str | None = Field(description="null: every industry")
    figures: dict[str, float | None] = Field(description="the figures that raised it")
    raised_at: datetime
    status: Literal["open", "acknowledged"]
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    note: str | None


class EarlyWarningsOut(BaseModel):
    """The early warnings in a scope, newest week first."""

    model_config = examples({"warnings": [WARNING_EXAMPLE]})

    warnings: list[EarlyWarningOut]


class AcknowledgementIn(BaseModel):
    """An official's acknowledgement of a warning in their scope."""

    model_config = examples({"note": "已联系区内制造业重点企业，组织线上专场招聘会"})

    note: str | None = Field(None, max_length=500, description="what was done about it")


@router.get("")
async def early_warnings(
    principal: PrincipalDep,
    resources: ResourcesDep,
    district_code: Annotated[DistrictCode | None, Query(alias="district")] = None,
    state: Annotated[Literal["open", "acknowledged", "all"], Query(alias="status")] = "open",
) -> EarlyWarningsOut:
    """Early warnings in the caller's district or the city, newest week first."""
    scope = district_code or principal.district_code
    principal.ensure_may_read_district(scope)
    rows = await resources.views.warnings(scope, None if state == "all" else state)
    return EarlyWarningsOut(warnings=[_warning(row) for row in rows])


@router.post("/{warning_id}/acknowledgement", status_code=status.HTTP_202_ACCEPTED)
async def acknowledge(
    warning_id: Annotated[WarningId, Path()],
    body: AcknowledgementIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> Accepted:
    """Acknowledge a warning in your scope (the first acknowledgement counts)."""
    principal.ensure_may_read_district(principal.district_code)  # officials only
    row = await resources.views.warning(warning_id)
    if row is None or principal.district_code not in (None, row["district_code"]):
        # Out of scope reads as unknown: nothing is told about other districts' warnings.
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no warning {warning_id} in your scope")
    event_id = await publish(
        resources,
        principal,
        WARNING_ACKNOWLEDGEMENTS,
        event_type=WARNING_ACKNOWLEDGED,
        subject=warning_id,
        data=WarningAcknowledgement(
            warning_id=warning_id, acknowledged_by=principal.id, note=body.note
        ),
        idempotency_key=idempotency_key,
        district_code=row["district_code"],
    )
    return Accepted(event_id=event_id)


def _warning(row: dict[str, Any]) -> EarlyWarningOut:
    code = row["district_code"]
    return EarlyWarningOut.model_validate(
        {
            **row,
            "rule_description": RULE_DESCRIPTIONS[WarningRule(row["rule"])],
            "district_name": district(code).name_zh if code else None,
        }
    )
