"""The fair events matching reads (`matching.fairs`) and the record each becomes."""

from __future__ import annotations

from typing import Any

from services.contracts.envelope import CloudEvent
from services.contracts.fairs import (
    FAIR_ENTERPRISE_JOINED,
    FAIR_INTEREST_EXPRESSED,
    FAIR_SCHEDULED,
    FAIR_SEEKER_REGISTERED,
    FairEnterpriseJoined,
    FairInterestExpressed,
    FairScheduled,
    FairSeekerRegistered,
)
from services.matching.domain.fairs import (
    Fair,
    FairInterest,
    FairJoining,
    FairRecord,
    FairRegistration,
    FairScheduling,
)
from services.platform.stream.events import Route


def scheduling_record(event: CloudEvent[FairScheduled]) -> FairScheduling:
    data = event.data
    fair = Fair(
        fair_id=data.fair_id,
        title=data.title,
        organiser_district=data.organiser_district,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        theme=data.theme.value,
        partner_regions=data.partner_regions,
        organised_by=data.organised_by,
    )
    return FairScheduling(event.id, fair, event.time)


def joining_record(event: CloudEvent[FairEnterpriseJoined]) -> FairJoining:
    data = event.data
    return FairJoining(
        event.id, data.fair_id, data.credit_code, data.posting_ids, data.joined_by, event.time
    )


def registration_record(event: CloudEvent[FairSeekerRegistered]) -> FairRegistration:
    data = event.data
    return FairRegistration(
        event_id=event.id,
        fair_id=data.fair_id,
        registration_id=data.registration_id,
        name=data.name,
        mobile=data.mobile,
        origin_region=data.origin_region,
        desired_occupation=data.desired_occupation,
        consent=data.consent,
        seeker_id=data.seeker_id,
        at=event.time,
    )


def interest_record(event: CloudEvent[FairInterestExpressed]) -> FairInterest:
    data = event.data
    return FairInterest(event.id, data.fair_id, data.registration_id, data.posting_id, event.time)


FAIR_ROUTES: tuple[Route[Any, FairRecord], ...] = (
    Route(FAIR_SCHEDULED, FairScheduled, scheduling_record, "fair_id"),
    Route(FAIR_ENTERPRISE_JOINED, FairEnterpriseJoined, joining_record, "fair_id"),
    Route(FAIR_SEEKER_REGISTERED, FairSeekerRegistered, registration_record, "fair_id"),
    Route(FAIR_INTEREST_EXPRESSED, FairInterestExpressed, interest_record, "fair_id"),
)
