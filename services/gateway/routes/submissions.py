"""What enterprise systems, community monitoring points and officials (registrations) send in."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Header, status
from pydantic import BaseModel

from services.contracts.community_reports import (
    COMMUNITY_POINT_REGISTERED,
    COMMUNITY_REPORT_SUBMITTED,
    CommunityPointRegistration,
    CommunityReport,
)
from services.contracts.enterprises import (
    ENTERPRISE_REGISTERED,
    EnterpriseRegistration,
    Registrant,
)
from services.contracts.identifiers import district_of_town
from services.contracts.topics import (
    COMMUNITY_POINTS,
    COMMUNITY_REPORTS,
    ENTERPRISE_REGISTRATIONS,
    ENTERPRISE_REPORTS,
)
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain.access import PrincipalKind
from services.gateway.publishing import publish

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
    event_id: str
    status: Literal["accepted"] = "accepted"


@router.post("/enterprises", status_code=status.HTTP_202_ACCEPTED)
async def register_enterprise(
    body: EnterpriseRegistration,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> Accepted:
    """Register an enterprise or replace its registration (by itself or its district's official)."""
    registered_in = (
        await resources.views.registered_district(body.credit_code)
        if principal.district_code
        else None
    )
    principal.ensure_may_register(body.credit_code, body.district_code, registered_in)
    principal.ensure_may_assign_roles(
        frozenset(role.value for role in body.monitoring_roles),
        body.key_enterprise_category.value if body.key_enterprise_category else None,
    )
    registrant = (
        Registrant.ENTERPRISE if principal.kind is PrincipalKind.ENTERPRISE else Registrant.BUREAU
    )
    event_id = await publish(
        resources,
        principal,
        ENTERPRISE_REGISTRATIONS,
        event_type=ENTERPRISE_REGISTERED,
        subject=body.credit_code,
        data=body.model_copy(update={"registered_by": registrant}),
        idempotency_key=idempotency_key,
        district_code=body.district_code,
    )
    return Accepted(event_id=event_id)


@router.post("/weekly-reports", status_code=status.HTTP_202_ACCEPTED)
async def submit_weekly_report(
    body: WeeklyReport,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> Accepted:
    """Submit an enterprise's weekly return-to-work report; a later one for the week replaces it."""
    principal.ensure_may_report_for(body.credit_code)
    event_id = await publish(
        resources,
        principal,
        ENTERPRISE_REPORTS,
        event_type=WEEKLY_REPORT_SUBMITTED,
        subject=body.credit_code,
        data=body,
        idempotency_key=idempotency_key,
        district_code=await resources.views.registered_district(body.credit_code),
    )
    return Accepted(event_id=event_id)


@router.post("/community-points", status_code=status.HTTP_202_ACCEPTED)
async def register_community_point(
    body: CommunityPointRegistration,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> Accepted:
    """Register a street or town as a community monitoring point (its district's officials)."""
    principal.ensure_may_register_point(body.town_code)
    event_id = await publish(
        resources,
        principal,
        COMMUNITY_POINTS,
        event_type=COMMUNITY_POINT_REGISTERED,
        subject=body.town_code,
        data=body,
        idempotency_key=idempotency_key,
        district_code=district_of_town(body.town_code),
    )
    return Accepted(event_id=event_id)


@router.post("/community-reports", status_code=status.HTTP_202_ACCEPTED)
async def submit_community_report(
    body: CommunityReport,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> Accepted:
    """Submit a point's weekly report on migrant workers; a later one for the week replaces it."""
    principal.ensure_may_report_for_town(body.town_code)
    event_id = await publish(
        resources,
        principal,
        COMMUNITY_REPORTS,
        event_type=COMMUNITY_REPORT_SUBMITTED,
        subject=body.town_code,
        data=body,
        idempotency_key=idempotency_key,
        district_code=district_of_town(body.town_code),
    )
    return Accepted(event_id=event_id)
