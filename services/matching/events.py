"""Which events matching reads, and what each becomes in its store: a route per event type."""

from __future__ import annotations

from typing import Any

from services.contracts.enterprises import (
    ENTERPRISE_REGISTERED,
    EnterpriseRegistration,
    MonitoringRole,
)
from services.contracts.envelope import CloudEvent
from services.contracts.job_seekers import (
    JOB_SEEKER_REGISTERED,
    JOB_SEEKER_UPDATED,
    JOB_SEEKER_WITHDRAWN,
    JobSeekerRegistered,
    JobSeekerWithdrawn,
    SeekerProfile,
)
from services.contracts.key_enterprises import SERVICE_OFFICER_ASSIGNED, ServiceOfficerAssignment
from services.contracts.postings import (
    POSTING_CLOSED,
    POSTING_FILLED,
    POSTING_OPENED,
    POSTING_REVIEWED,
    POSTING_REVISED,
    PostingClosed,
    PostingDetails,
    PostingFilled,
    PostingOpened,
    PostingReview,
    PostingRevised,
)
from services.contracts.topics import (
    ENTERPRISE_REGISTRATIONS,
    FAIRS,
    JOB_SEEKERS,
    LABOUR_OFFERS,
    POSTINGS,
    SERVICE_OFFICERS,
    TopicSpec,
)
from services.matching.domain.postings import ChangeKind, PostingChange, Review
from services.matching.domain.records import Record, RecordEnterprise, RecordOfficer
from services.matching.domain.seekers import SeekerChange
from services.matching.fair_events import FAIR_ROUTES
from services.matching.sharing_events import SHARING_ROUTES
from services.platform.stream.events import Route

_DETAIL_FIELDS = set(PostingDetails.model_fields)


def enterprise_record(event: CloudEvent[EnterpriseRegistration]) -> RecordEnterprise:
    data = event.data
    key = MonitoringRole.KEY_ENTERPRISE in data.monitoring_roles
    return RecordEnterprise(
        event_id=event.id,
        credit_code=data.credit_code,
        name=data.name,
        district_code=data.district_code,
        industry_section=data.industry_section,
        industry_division=data.industry_division,
        key_category=data.key_enterprise_category.value
        if key and data.key_enterprise_category
        else None,
        registered_at=event.time,
    )


def officer_record(event: CloudEvent[ServiceOfficerAssignment]) -> RecordOfficer:
    data = event.data
    return RecordOfficer(
        event_id=event.id,
        credit_code=data.credit_code,
        district_code=data.district_code,
        staff_id=data.staff_id,
        assigned_by=data.assigned_by,
        assigned_at=event.time,
    )


def _details(data: PostingOpened | PostingRevised) -> PostingDetails:
    return PostingDetails.model_validate(data.model_dump(include=_DETAIL_FIELDS))


def opened_record(event: CloudEvent[PostingOpened]) -> PostingChange:
    return _change(event, ChangeKind.OPENED, details=_details(event.data))


def revised_record(event: CloudEvent[PostingRevised]) -> PostingChange:
    return _change(event, ChangeKind.REVISED, details=_details(event.data))


def filled_record(event: CloudEvent[PostingFilled]) -> PostingChange:
    return _change(event, ChangeKind.FILLED, filled=event.data.filled)


def closed_record(event: CloudEvent[PostingClosed]) -> PostingChange:
    return _change(event, ChangeKind.CLOSED, reason=event.data.reason.value)


def _change(
    event: CloudEvent[Any],
    kind: ChangeKind,
    *,
    details: PostingDetails | None = None,
    filled: int | None = None,
    reason: str | None = None,
) -> PostingChange:
    return PostingChange(
        event_id=event.id,
        posting_id=event.data.posting_id,
        credit_code=event.data.credit_code,
        version=event.data.version,
        kind=kind,
        at=event.time,
        details=details,
        filled=filled,
        reason=reason,
    )


def review_record(event: CloudEvent[PostingReview]) -> Review:
    data = event.data
    return Review(
        event_id=event.id,
        posting_id=data.posting_id,
        version=data.version,
        decision=data.decision,
        reason=data.reason,
        reviewed_by=data.reviewed_by,
        at=event.time,
    )


def seeker_record(event: CloudEvent[JobSeekerRegistered]) -> SeekerChange:
    data = event.data
    profile = SeekerProfile.model_validate(data.model_dump(include=_PROFILE_FIELDS))
    return SeekerChange(event.id, data.seeker_id, event.time, profile, data.registered_by.value)


def withdrawal_record(event: CloudEvent[JobSeekerWithdrawn]) -> SeekerChange:
    return SeekerChange(event.id, event.data.seeker_id, event.time, None)


_PROFILE_FIELDS = set(SeekerProfile.model_fields)

ROUTES: dict[TopicSpec, tuple[Route[Any, Record], ...]] = {
    ENTERPRISE_REGISTRATIONS: (
        Route(ENTERPRISE_REGISTERED, EnterpriseRegistration, enterprise_record, "credit_code"),
    ),
    SERVICE_OFFICERS: (
        Route(SERVICE_OFFICER_ASSIGNED, ServiceOfficerAssignment, officer_record, "credit_code"),
    ),
    POSTINGS: (
        Route(POSTING_OPENED, PostingOpened, opened_record, "posting_id"),
        Route(POSTING_REVISED, PostingRevised, revised_record, "posting_id"),
        Route(POSTING_FILLED, PostingFilled, filled_record, "posting_id"),
        Route(POSTING_CLOSED, PostingClosed, closed_record, "posting_id"),
        Route(POSTING_REVIEWED, PostingReview, review_record, "posting_id"),
    ),
    FAIRS: FAIR_ROUTES,
    LABOUR_OFFERS: SHARING_ROUTES,
    JOB_SEEKERS: (
        Route(JOB_SEEKER_REGISTERED, JobSeekerRegistered, seeker_record, "seeker_id"),
        Route(JOB_SEEKER_UPDATED, JobSeekerRegistered, seeker_record, "seeker_id"),
        Route(JOB_SEEKER_WITHDRAWN, JobSeekerWithdrawn, withdrawal_record, "seeker_id"),
    ),
}
