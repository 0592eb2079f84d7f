"""What enterprise systems, community monitoring points and officials (registrations) send in."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Header, status
from pydantic import BaseModel, ConfigDict, Field

from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.publishing import submit
from services.gateway.submission_kinds import (
    COMMUNITY_POINT,
    COMMUNITY_REPORT,
    ENTERPRISE_REGISTRATION,
    WEEKLY_REPORT,
)
from services.gateway.submission_models import (
    CommunityPointIn,
    CommunityReportIn,
    EnterpriseIn,
    WeeklyReportIn,
)

router = APIRouter(prefix="/v1", tags=["submissions"])

IdempotencyKey = Annotated[
    UUID | None,
    Header(
        alias="Idempotency-Key",
        description="A UUID the client chooses per submission and repeats on retry: a retry "
        "gets the same event id and is counted once; the same key with a different request "
        "is refused (422).",
    ),
]


class Accepted(BaseModel):
    """The broker has acknowledged the event: it will be counted once, however often it is sent
    again with the same Idempotency-Key."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"event_id": "0b7e5c1e-6a43-4f0e-9a53-3c1b1f6b2a10", "status": "accepted"}]
        }
    )

    event_id: str = Field(description="the event's id: the same for a retry with the same key")
    status: Literal["accepted"] = "accepted"


@router.post("/enterprises", status_code=status.HTTP_202_ACCEPTED)
async def register_enterprise(
    body: EnterpriseIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> Accepted:
    """Register an enterprise or replace its registration (by itself or its district's official)."""
    return Accepted(
        event_id=await submit(resources, principal, ENTERPRISE_REGISTRATION, body, idempotency_key)
    )


@router.post("/weekly-reports", status_code=status.HTTP_202_ACCEPTED)
async def submit_weekly_report(
    body: WeeklyReportIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> Accepted:
    """Submit an enterprise's weekly return-to-work report; a later one for the week replaces it."""
    return Accepted(
        event_id=await submit(resources, principal, WEEKLY_REPORT, body, idempotency_key)
    )


@router.post("/community-points", status_code=status.HTTP_202_ACCEPTED)
async def register_community_point(
    body: CommunityPointIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> Accepted:
    """Register a street or town as a community monitoring point (its district's officials)."""
    return Accepted(
        event_id=await submit(resources, principal, COMMUNITY_POINT, body, idempotency_key)
    )


@router.post("/community-reports", status_code=status.HTTP_202_ACCEPTED)
async def submit_community_report(
    body: CommunityReportIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> Accepted:
    """Submit a point's weekly report on migrant workers; a later one for the week replaces it."""
    return Accepted(
        event_id=await submit(resources, principal, COMMUNITY_REPORT, body, idempotency_key)
    )
