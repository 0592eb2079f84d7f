"""Job seekers at an online fair: they register from anywhere, with no API key (a partner
region's migrant worker on a phone), and act with the registrant key their registration answers.

These routes are admitted without an API key (`admission.OPEN_PATHS`, rate-limited per client
address). The registration is judged open or not by the wall clock here, to answer at once, and
again by the event's own time in matching, which decides.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, HTTPException, status

from services.contracts.fairs import (
    FAIR_INTEREST_EXPRESSED,
    FAIR_SEEKER_REGISTERED,
    FairInterestExpressed,
)
from services.contracts.topics import FAIRS
from services.gateway.dependencies import ResourcesDep
from services.gateway.fair_registrants import RegistrantDep, registrant_key
from services.gateway.publishing import publish_for
from services.gateway.routes.fair_models import (
    FairAccepted,
    InterestIn,
    RegistrantIn,
    RegistrationAccepted,
    RegistrationOut,
    registration_data,
)
from services.gateway.routes.fairs import FairIdPath, is_open, known_fair
from services.gateway.routes.submissions import IdempotencyKey

router = APIRouter(prefix="/v1/fairs/{fair_id}/registrants", tags=["online job fairs"])

_NAMESPACE = uuid.UUID("8a1c5e2d-4b7f-4c3a-9e6d-0f1a2b3c4d5e")


@router.post("", status_code=status.HTTP_202_ACCEPTED)
async def register_for_fair(
    fair_id: FairIdPath,
    body: RegistrantIn,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> RegistrationAccepted:
    """Register for an open fair, from Shanghai or remotely (no API key); the answer's
    registrant key is shown once: keep it to mark interest in the fair's postings."""
    fair = await _open_fair(resources, fair_id)
    registration_id = str(
        uuid.uuid5(_NAMESPACE, f"{fair_id}/{idempotency_key}") if idempotency_key else uuid.uuid4()
    )
    event_id = await publish_for(
        resources, f"fair-registrant:{fair_id}", FAIRS, event_type=FAIR_SEEKER_REGISTERED,
        subject=fair_id, data=registration_data(fair_id, registration_id, body),
        idempotency_key=idempotency_key, district_code=fair["organiser_district"],
    )  # fmt: skip
    secret = resources.settings.api_key_pepper.get_secret_value().encode()
    return RegistrationAccepted(
        event_id=event_id,
        fair_id=fair_id,
        registration_id=registration_id,
        registrant_key=registrant_key(secret, fair_id, registration_id),
    )


@router.get("/me")
async def my_registration(
    fair_id: FairIdPath, registration_id: RegistrantDep, resources: ResourcesDep
) -> RegistrationOut:
    """Your registration as recorded, and the postings you marked (registrant key)."""
    row = await _recorded(resources, fair_id, registration_id)
    interests = await resources.views.fair_interests(fair_id, None, registration_id)
    marked = [i["posting_id"] for i in interests]
    return RegistrationOut.model_validate({**row, "interests": marked})


@router.post("/me/interests", status_code=status.HTTP_202_ACCEPTED)
async def mark_interest(
    fair_id: FairIdPath,
    body: InterestIn,
    registration_id: RegistrantDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> FairAccepted:
    """Mark your interest in one of the fair's postings while it is open (registrant key); its
    enterprise sees your name and mobile if you consented."""
    fair = await _open_fair(resources, fair_id)
    await _recorded(resources, fair_id, registration_id)
    shown = {p["posting_id"] for p in await resources.views.fair_postings(fair_id)}
    if body.posting_id not in shown:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"no posting {body.posting_id} at fair {fair_id}"
        )
    data = FairInterestExpressed(
        fair_id=fair_id, registration_id=registration_id, posting_id=body.posting_id
    )
    event_id = await publish_for(
        resources, f"fair-registrant:{registration_id}", FAIRS,
        event_type=FAIR_INTEREST_EXPRESSED, subject=fair_id, data=data,
        idempotency_key=idempotency_key, district_code=fair["organiser_district"],
    )  # fmt: skip
    return FairAccepted(event_id=event_id, fair_id=fair_id)


async def _open_fair(resources: ResourcesDep, fair_id: str) -> dict[str, Any]:
    fair = await known_fair(resources, fair_id)
    if not is_open(fair):
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            f"fair {fair_id} is not open: it takes registrations and interest from "
            f"{fair['starts_at'].isoformat()} until {fair['ends_at'].isoformat()}",
        )
    return fair


async def _recorded(resources: ResourcesDep, fair_id: str, registration_id: str) -> dict[str, Any]:
    row = await resources.views.fair_registration(fair_id, registration_id)
    if row is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            "your registration is not recorded (yet): retry in a few seconds",
        )
    return row
