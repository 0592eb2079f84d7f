"""Online job fairs (线上招聘会, 二(一)): officials organise them, enterprises join with their
own published postings, and organisers read who is interested and the fair's figures.

Recruitment moved online in 2020: nothing here happens on site. Job seekers register and mark
interest through `fair_registrations.py`, with a key of the fair's own.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, status
from fastapi.exceptions import RequestValidationError

from services.contracts.fairs import (
    FAIR_ENTERPRISE_JOINED,
    FAIR_SCHEDULED,
    FairEnterpriseJoined,
    FairScheduled,
    Uuid,
)
from services.contracts.identifiers import CreditCode
from services.contracts.topics import FAIRS
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain import fair_access
from services.gateway.domain.appointments import mask_mobile, mask_name
from services.gateway.publishing import publish
from services.gateway.routes.fair_models import (
    CountOut,
    FairAccepted,
    FairCountsOut,
    FairIn,
    FairOut,
    FairPostingOut,
    FairPostingsOut,
    FairsOut,
    InterestOut,
    InterestsOut,
    JoiningIn,
)
from services.gateway.routes.submissions import IdempotencyKey

router = APIRouter(prefix="/v1/fairs", tags=["online job fairs"])

_NAMESPACE = uuid.UUID("3d6f1a2b-8c4e-4f7a-9b0d-1e2f3a4b5c6d")
FairIdPath = Annotated[Uuid, Path(description="the fair's id")]


@router.post("", status_code=status.HTTP_202_ACCEPTED)
async def schedule_fair(
    body: FairIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> FairAccepted:
    """Organise an online job fair for your district (the city bureau: for the city)."""
    district = fair_access.ensure_may_organise_fairs(principal)
    if body.ends_at <= datetime.now(UTC):
        raise RequestValidationError(
            [{"type": "fair_window", "loc": ("body", "ends_at"), "msg": "the fair has ended"}]
        )
    fair_id = str(
        uuid.uuid5(_NAMESPACE, f"{principal.id}/{idempotency_key}")
        if idempotency_key
        else uuid.uuid4()
    )
    data = FairScheduled(
        **body.model_dump(), fair_id=fair_id, organiser_district=district,
        organised_by=principal.id,
    )  # fmt: skip
    event_id = await publish(
        resources, principal, FAIRS, event_type=FAIR_SCHEDULED, subject=fair_id, data=data,
        idempotency_key=idempotency_key, district_code=district,
    )  # fmt: skip
    return FairAccepted(event_id=event_id, fair_id=fair_id)


@router.get("")
async def list_fairs(principal: PrincipalDep, resources: ResourcesDep) -> FairsOut:
    """Every online job fair, soonest first."""
    fair_access.ensure_may_read_fairs(principal)
    return FairsOut(fairs=[fair_out(row) for row in await resources.views.fairs()])


@router.get("/{fair_id}")
async def read_fair(
    fair_id: FairIdPath, principal: PrincipalDep, resources: ResourcesDep
) -> FairPostingsOut:
    """A fair and the postings it shows now (its enterprises' own, published)."""
    fair_access.ensure_may_read_fairs(principal)
    fair = await known_fair(resources, fair_id)
    postings = [
        FairPostingOut.model_validate(r) for r in await resources.views.fair_postings(fair_id)
    ]
    return FairPostingsOut(**fair_out(fair).model_dump(), postings_shown=postings)


@router.put("/{fair_id}/enterprises/{credit_code}", status_code=status.HTTP_202_ACCEPTED)
async def join_fair(
    fair_id: FairIdPath,
    credit_code: Annotated[CreditCode, Path()],
    body: JoiningIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> FairAccepted:
    """Join a fair with your enterprise's published postings, or (organisers) invite an
    enterprise; sent again, it adds postings."""
    fair = await known_fair(resources, fair_id)
    organiser = fair["organiser_district"]
    fair_access.ensure_may_join(principal, credit_code, organiser, bool(body.posting_ids))
    if datetime.now(UTC) >= fair["ends_at"]:
        raise HTTPException(status.HTTP_409_CONFLICT, f"fair {fair_id} has closed")
    for posting_id in body.posting_ids:
        row = await resources.views.posting(posting_id)
        if row is None or row["credit_code"] != credit_code:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no posting {posting_id} of yours")
        if row["status"] != "published":
            raise HTTPException(
                status.HTTP_409_CONFLICT,
                f"posting {posting_id} is {row['status']}: only published postings join a fair",
            )
    data = FairEnterpriseJoined(
        fair_id=fair_id,
        credit_code=credit_code,
        posting_ids=tuple(dict.fromkeys(body.posting_ids)),
        joined_by=principal.id,
    )
    event_id = await publish(
        resources, principal, FAIRS, event_type=FAIR_ENTERPRISE_JOINED, subject=fair_id,
        data=data, idempotency_key=idempotency_key, district_code=organiser,
    )  # fmt: skip
    return FairAccepted(event_id=event_id, fair_id=fair_id)


@router.get("/{fair_id}/interests")
async def fair_interests(
    fair_id: FairIdPath, principal: PrincipalDep, resources: ResourcesDep
) -> InterestsOut:
    """Who marked interest: in your enterprise's postings (name and mobile when they consented),
    or (organisers) in every posting, masked."""
    fair = await known_fair(resources, fair_id)
    own = fair_access.sees_contacts_of(principal, fair["organiser_district"])
    rows = await resources.views.fair_interests(fair_id, own)
    return InterestsOut(interests=[_interest(row, in_full=own is not None) for row in rows])


@router.get("/{fair_id}/counts")
async def fair_counts(
    fair_id: FairIdPath, principal: PrincipalDep, resources: ResourcesDep
) -> FairCountsOut:
    """Registrations and interests by posting, enterprise and origin region (no one named)."""
    fair = await known_fair(resources, fair_id)
    fair_access.ensure_may_read_figures(principal, fair["organiser_district"])
    rows = await resources.views.fair_counts(fair_id)

    def by(dimension: str) -> list[CountOut]:
        return [CountOut.model_validate(r) for r in rows if r["dimension"] == dimension]

    return FairCountsOut(
        fair_id=fair_id,
        by_posting=by("posting"),
        by_enterprise=by("enterprise"),
        by_origin_region=by("origin_region"),
    )


async def known_fair(resources: ResourcesDep, fair_id: str) -> dict[str, Any]:
    fair = await resources.views.fair(fair_id)
    if fair is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no fair {fair_id}")
    return fair


def is_open(fair: dict[str, Any]) -> bool:
    return bool(fair["starts_at"] <= datetime.now(UTC) < fair["ends_at"])


def fair_out(row: dict[str, Any]) -> FairOut:
    return FairOut.model_validate({**row, "open": is_open(row)})


def _interest(row: dict[str, Any], *, in_full: bool) -> InterestOut:
    shown = in_full and row["consent"]
    return InterestOut.model_validate(
        {
            **row,
            "name": row["name"] if shown else mask_name(row["name"]),
            "mobile": row["mobile"] if shown else mask_mobile(row["mobile"]),
        }
    )
