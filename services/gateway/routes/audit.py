"""The audit log: each write the gateway accepted, for the officials of the district concerned."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.contracts.identifiers import DistrictCode
from services.contracts.topics import ENTERPRISE_REPORTS
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED
from services.gateway.api_examples import CREDIT_CODE, EVENT_ID, examples
from services.gateway.dependencies import PrincipalDep, ResourcesDep

router = APIRouter(prefix="/v1/audit", tags=["audit"])


ENTRY_EXAMPLE = {
    "event_id": EVENT_ID,
    "principal": f"enterprise:{CREDIT_CODE}",
    "district_code": "310115",
    "event_type": WEEKLY_REPORT_SUBMITTED,
    "topic": ENTERPRISE_REPORTS.name,
    "subject": CREDIT_CODE,
    "accepted_at": "2020-02-14T17:30:00+08:00",
}


class AuditEntryOut(BaseModel):
    """A write the gateway accepted: who sent what, about whom, when (never its content)."""

    model_config = examples(ENTRY_EXAMPLE)

    event_id: str
    principal: str = Field(description="who sent it, e.g. enterprise:9131… or official:310115")
    district_code: str | None = Field(description="the district the write concerns, if known")
    event_type: str
    topic: str
    subject: str = Field(description="the enterprise, town or warning it is about")
    accepted_at: datetime
    stated: dict[str, str | None] | None = Field(
        None,
        description="dates the sender stated that put the write in the past, by field (a "
        "register's monitored_from/monitored_until, a report's received_at; monitored_until "
        "null: the period made open-ended again); null: none",
    )


class AuditOut(BaseModel):
    """The newest accepted writes, newest first."""

    model_config = examples({"entries": [ENTRY_EXAMPLE]})

    entries: list[AuditEntryOut]


@router.get("")
async def audit(
    principal: PrincipalDep,
    resources: ResourcesDep,
    district_code: Annotated[DistrictCode | None, Query(alias="district")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AuditOut:
    """The newest accepted writes about the caller's district (the city: any district)."""
    scope = district_code or principal.district_code
    principal.ensure_may_read_district(scope)
    entries = await resources.audit.entries(scope, limit)
    return AuditOut(
        entries=[AuditEntryOut.model_validate(e, from_attributes=True) for e in entries]
    )
