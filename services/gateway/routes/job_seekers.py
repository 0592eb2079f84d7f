"""Job seekers (三(二), 四(一)) and the postings recommended to them.

An employment assistant registers the seekers of their district; a seeker may also register
themselves, without a key, and once they have proved their mobile by an SMS code
(`self_registration.py`) is given one bound to their seeker id, with which they read and
update their profile (keeping the number they proved) and read their recommendations.
Matching keeps the profile (personal data: only in its schema) and ranks the open postings for
each seeker; the gateway reads what a caller may see of it through matching's views (the
mobile masked, the seeker an id to officers).
"""

from __future__ import annotations

import hmac
import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, status
from pydantic import BaseModel, Field

from services.contracts.identifiers import DistrictCode
from services.contracts.job_seekers import (
    JOB_SEEKER_REGISTERED,
    JOB_SEEKER_UPDATED,
    JOB_SEEKER_WITHDRAWN,
    JobSeekerRegistered,
    JobSeekerWithdrawn,
    RegisteredBy,
    SeekerId,
    SeekerProfile,
)
from services.contracts.postings import PostingId
from services.contracts.topics import JOB_SEEKERS
from services.gateway.api_examples import EVENT_ID, examples
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.domain.verification import number_hash
from services.gateway.problems import FieldRefused
from services.gateway.publishing import publish
from services.gateway.routes.submissions import IdempotencyKey
from services.gateway.sms_codes import gateway_secret

router = APIRouter(tags=["job seekers"])

SEEKER_ID = "3b8f2c1d-6e4a-5b7c-8d9e-0f1a2b3c4d5e"
_NAMESPACE = uuid.UUID("5c0a7e3b-1f2d-4c6e-8a9b-7d3e2f1a0b9c")
PROFILE_EXAMPLE: dict[str, Any] = {
    "desired_occupations": ["4-02-06-03"],
    "district_code": "310112",
    "max_commute_km": 15,
    "skills": ["叉车", "仓储管理"],
    "certificates": ["叉车证", "健康证"],
    "salary_floor": 5000,
    "available_from": "2020-02-24",
    "working_time": "full_time",
    "priority_group": "外来务工人员",
    "origin_region": "河南省周口市",
    "consent_to_contact": True,
    "preferred_channel": "sms",
    "mobile": "13912345678",
}


class SeekerIn(SeekerProfile):
    """A job seeker's profile, every field as it should read now."""

    model_config = examples(PROFILE_EXAMPLE)


class WithdrawalIn(BaseModel):
    """The seeker found work or stops looking: their profile and recommendations are removed."""

    model_config = examples({"reason": "已就业"})

    reason: str = Field(min_length=2, max_length=200)


class SeekerAccepted(BaseModel):
    """The broker has acknowledged the change; matching records it and ranks postings shortly."""

    model_config = examples({"event_id": EVENT_ID, "seeker_id": SEEKER_ID, "status": "accepted"})

    event_id: str
    seeker_id: str
    status: str = "accepted"


class SeekerOut(BaseModel):
    """A seeker as matching keeps them (the mobile masked); withdrawn seekers keep no profile."""

    model_config = examples(
        {
            "seeker_id": SEEKER_ID,
            "active": True,
            "district_code": "310112",
            "profile": {k: v for k, v in PROFILE_EXAMPLE.items() if k != "mobile"},
            "mobile_masked": "+86139****5678",
            "registered_by": "assistant",
            "changed_at": "2020-02-17T09:00:00+08:00",
        }
    )

    seeker_id: str
    active: bool
    district_code: str | None
    profile: dict[str, Any] | None
    mobile_masked: str | None
    registered_by: str | None
    changed_at: datetime


class SeekersOut(BaseModel):
    """The active job seekers of your district, most recently changed first."""

    model_config = examples({"seekers": []})

    seekers: list[SeekerOut]


REASONS_EXAMPLE = [
    "职业完全对口（4-02-06-03）",
    "持有岗位要求的健康证、叉车证",
    "就在本区（闵行区）",
    "月薪5500-7000元，不低于期望的5000元",
    "重点企业岗位",
]


class RecommendationOut(BaseModel):
    """A posting recommended to the seeker, and why, in plain words."""

    model_config = examples(
        {
            "posting_id": "7d0c8b52-3f1e-5a6b-9c7d-2e4f6a8b0c1d",
            "rank": 1,
            "score": 1.025,
            "reasons": REASONS_EXAMPLE,
            "title": "叉车司机",
            "occupation_code": "4-02-06-03",
            "posting_district_code": "310112",
            "salary_min": 5500,
            "salary_max": 7000,
            "open_vacancies": 4,
            "recommended_at": "2020-02-17T09:00:00+08:00",
        }
    )

    posting_id: str
    rank: int
    score: float
    reasons: list[str]
    title: str
    occupation_code: str
    posting_district_code: str
    salary_min: int
    salary_max: int
    open_vacancies: int
    recommended_at: datetime


class RecommendationsOut(BaseModel):
    """The seeker's recommended postings still open, best first (20 at most)."""

    model_config = examples({"seeker_id": SEEKER_ID, "recommendations": []})

    seeker_id: str
    recommendations: list[RecommendationOut]


class RecommendedSeekerOut(BaseModel):
    """A seeker a posting is recommended to: an id, a district, a priority group; no name or
    number (the officer asks the seeker's assistant to make contact)."""

    model_config = examples(
        {
            "seeker_id": SEEKER_ID,
            "seeker_district_code": "310112",
            "priority_group": "外来务工人员",
            "rank": 1,
            "score": 1.025,
            "reasons": REASONS_EXAMPLE,
        }
    )

    seeker_id: str
    seeker_district_code: str
    priority_group: str | None
    rank: int = Field(description="where the posting stands in the seeker's list")
    score: float
    reasons: list[str]


class PostingRecommendationsOut(BaseModel):
    """The seekers a posting is recommended to, best score first."""

    model_config = examples({"posting_id": "7d0c8b52-3f1e-5a6b-9c7d-2e4f6a8b0c1d", "seekers": []})

    posting_id: str
    seekers: list[RecommendedSeekerOut]


@router.post("/v1/job-seekers", status_code=status.HTTP_202_ACCEPTED)
async def register_job_seeker(
    body: SeekerIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> SeekerAccepted:
    """Register a job seeker of your district (employment assistants)."""
    principal.ensure_may_register_seeker(body.district_code)
    # A retry with the same Idempotency-Key names the same seeker, so it is the same request.
    seeker_id = str(
        uuid.uuid5(_NAMESPACE, f"{principal.id}/{idempotency_key}")
        if idempotency_key
        else uuid.uuid4()
    )
    data = JobSeekerRegistered(
        **body.model_dump(), seeker_id=seeker_id, registered_by=RegisteredBy.ASSISTANT
    )
    event_id = await _publish(resources, principal, JOB_SEEKER_REGISTERED, data, idempotency_key)
    return SeekerAccepted(event_id=event_id, seeker_id=seeker_id)


@router.put("/v1/job-seekers/{seeker_id}", status_code=status.HTTP_202_ACCEPTED)
async def update_job_seeker(
    seeker_id: Annotated[SeekerId, Path()],
    body: SeekerIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> SeekerAccepted:
    """Update a seeker's profile: your own, or one of your district's (assistants)."""
    await _seeker_in_scope(resources, principal, seeker_id)
    principal.ensure_may_move_seeker_to(body.district_code)
    await _ensure_number_kept(resources, principal, seeker_id, body.mobile)
    by = RegisteredBy.SELF if principal.kind is PrincipalKind.JOB_SEEKER else RegisteredBy.ASSISTANT
    data = JobSeekerRegistered(**body.model_dump(), seeker_id=seeker_id, registered_by=by)
    event_id = await _publish(resources, principal, JOB_SEEKER_UPDATED, data, idempotency_key)
    return SeekerAccepted(event_id=event_id, seeker_id=seeker_id)


@router.post("/v1/job-seekers/{seeker_id}/withdrawal", status_code=status.HTTP_202_ACCEPTED)
async def withdraw_job_seeker(
    seeker_id: Annotated[SeekerId, Path()],
    body: WithdrawalIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> SeekerAccepted:
    """Withdraw a seeker (found work, or no longer looking): matching forgets the profile."""
    await _seeker_in_scope(resources, principal, seeker_id)
    data = JobSeekerWithdrawn(seeker_id=seeker_id, reason=body.reason)
    event_id = await _publish(resources, principal, JOB_SEEKER_WITHDRAWN, data, idempotency_key)
    return SeekerAccepted(event_id=event_id, seeker_id=seeker_id)


@router.get("/v1/job-seekers/{seeker_id}")
async def read_job_seeker(
    seeker_id: Annotated[SeekerId, Path()], principal: PrincipalDep, resources: ResourcesDep
) -> SeekerOut:
    """A seeker's profile as matching keeps it: your own, or one of your district's."""
    row = await _seeker_in_scope(resources, principal, seeker_id)
    if row is None:
        raise _unknown(seeker_id)
    return SeekerOut.model_validate(row)


@router.get("/v1/job-seekers")
async def list_job_seekers(
    district: Annotated[DistrictCode, Query()], principal: PrincipalDep, resources: ResourcesDep
) -> SeekersOut:
    """The active job seekers of your district (employment assistants)."""
    principal.ensure_may_list_seekers(district)
    rows = await resources.views.job_seekers(district)
    return SeekersOut(seekers=[SeekerOut.model_validate(row) for row in rows])


@router.get("/v1/job-seekers/{seeker_id}/recommendations")
async def seeker_recommendations(
    seeker_id: Annotated[SeekerId, Path()], principal: PrincipalDep, resources: ResourcesDep
) -> RecommendationsOut:
    """The postings recommended to a seeker, best first, each with its reasons."""
    await _seeker_in_scope(resources, principal, seeker_id)
    rows = await resources.views.seeker_recommendations(seeker_id)
    return RecommendationsOut(
        seeker_id=seeker_id, recommendations=[RecommendationOut.model_validate(r) for r in rows]
    )


@router.get("/v1/postings/{posting_id}/recommendations")
async def posting_recommendations(
    posting_id: Annotated[PostingId, Path()], principal: PrincipalDep, resources: ResourcesDep
) -> PostingRecommendationsOut:
    """The seekers a posting is recommended to (its key enterprise's service officer, and the
    employment assistants of the district of the work)."""
    row = await resources.views.posting(posting_id)
    officer = await resources.views.service_officer(row["credit_code"]) if row else None
    if row is None or not principal.may_read_posting_recommendations(
        row["credit_code"], row["district_code"], officer
    ):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no posting {posting_id} in your scope")
    rows = await resources.views.posting_recommendations(posting_id)
    return PostingRecommendationsOut(
        posting_id=posting_id, seekers=[RecommendedSeekerOut.model_validate(r) for r in rows]
    )


async def _seeker_in_scope(
    resources: ResourcesDep, principal: Principal, seeker_id: str
) -> dict[str, Any] | None:
    """The seeker's row if the caller may see it (None: not recorded yet, the seeker's own
    key); 404 when it is not theirs: nothing is told of other districts' seekers."""
    row = await resources.views.job_seeker(seeker_id)
    district = row["district_code"] if row else None
    if not principal.may_manage_seeker(seeker_id, district):
        raise _unknown(seeker_id)
    return row


async def _ensure_number_kept(
    resources: ResourcesDep, principal: Principal, seeker_id: str, mobile: str
) -> None:
    """A self-registered seeker updating themselves keeps the number they proved (an assistant,
    who knows the seeker, may change it)."""
    if principal.kind is not PrincipalKind.JOB_SEEKER:
        return
    proved = await resources.self_registrations.verified_number(seeker_id)
    if proved is not None and not hmac.compare_digest(
        proved, number_hash(gateway_secret(resources), mobile)
    ):
        raise FieldRefused(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "mobile",
            "not_verified",
            "you keep the mobile you proved; to use another, register again with it (or ask "
            "your district's employment assistant)",
        )


def _unknown(seeker_id: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, f"no job seeker {seeker_id} in your scope")


async def _publish(
    resources: ResourcesDep,
    principal: Principal,
    event_type: str,
    data: JobSeekerRegistered | JobSeekerWithdrawn,
    idempotency_key: IdempotencyKey,
) -> str:
    district = data.district_code if isinstance(data, JobSeekerRegistered) else None
    return await publish(
        resources, principal, JOB_SEEKERS, event_type=event_type, subject=data.seeker_id,
        data=data, idempotency_key=idempotency_key, district_code=district,
    )  # fmt: skip
