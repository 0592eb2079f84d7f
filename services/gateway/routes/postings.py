"""Job postings (三(二)): an enterprise opens, revises, fills and closes its own; matching
screens each before publication (四(四)) and the enterprise reads what became of it.

Every change names the posting's next version (1 when it opens, then the version it read plus
one), so matching applies each once and in order however the broker delivers them.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, status
from pydantic import BaseModel, ConfigDict, Field

from services.contracts.identifiers import CreditCode
from services.contracts.postings import (
    MAX_HEADCOUNT,
    POSTING_CLOSED,
    POSTING_FILLED,
    POSTING_OPENED,
    POSTING_REVISED,
    ClosingReason,
    PostingClosed,
    PostingDetails,
    PostingFilled,
    PostingId,
    PostingOpened,
    PostingRevised,
)
from services.contracts.topics import POSTINGS
from services.gateway.api_examples import CREDIT_CODE, EVENT_ID, examples
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain.access import Principal
from services.gateway.publishing import publish
from services.gateway.routes.submissions import IdempotencyKey

router = APIRouter(prefix="/v1/postings", tags=["job postings"])

POSTING_ID = "7d0c8b52-3f1e-5a6b-9c7d-2e4f6a8b0c1d"
_NAMESPACE = uuid.UUID("0f3b9a8e-52c4-4d8e-9b1a-6c2d7e8f9a0b")
DETAILS_EXAMPLE: dict[str, Any] = {
    "title": "冷链仓储分拣员",
    "occupation_code": "4-02-06-03",
    "headcount": 10,
    "district_code": "310115",
    "address": "上海市浦东新区川沙路5558号",
    "salary_min": 5500,
    "salary_max": 7000,
    "working_hours": "8:30-17:30，做六休一",
    "shifts": ["day", "rotating"],
    "required_certificates": ["健康证"],
    "channels": ["online_platform", "wechat"],
    "valid_until": "2020-03-31",
    "description": "负责冷库货物分拣、装卸，提供食宿，不限户籍。",
}


class PostingIn(PostingDetails):
    """A new posting of the caller's enterprise."""

    model_config = examples({"credit_code": CREDIT_CODE, **DETAILS_EXAMPLE})

    credit_code: CreditCode


class RevisionIn(PostingDetails):
    """Every field of the posting as it should read now; screened again before publication."""

    model_config = examples({"version": 2, **DETAILS_EXAMPLE, "headcount": 12})

    version: int = Field(ge=2, le=1_000_000, description="the version read, plus one")


class FillIn(BaseModel):
    """How many are hired so far (a total: sending it twice counts once)."""

    model_config = examples({"version": 3, "filled": 4})

    version: int = Field(ge=2, le=1_000_000, description="the version read, plus one")
    filled: int = Field(ge=0, le=MAX_HEADCOUNT)


class ClosingIn(BaseModel):
    """Take the posting off every list for good."""

    model_config = examples({"version": 4, "reason": "filled"})

    version: int = Field(ge=2, le=1_000_000, description="the version read, plus one")
    reason: ClosingReason


class PostingAccepted(BaseModel):
    """The broker has acknowledged the change; matching screens and applies it shortly."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"event_id": EVENT_ID, "posting_id": POSTING_ID, "status": "accepted"}]
        }
    )

    event_id: str
    posting_id: str
    status: str = "accepted"


FINDING_EXAMPLE: dict[str, Any] = {
    "rule": "region.origin",
    "field": "description",
    "matched": "湖北籍勿扰",
    "reason": "以来源地区拒绝或排斥劳动者",
}
DECISION_EXAMPLE: dict[str, Any] = {
    "outcome": "refused",
    "decided_by": "screening",
    "reason": "screening found discrimination by origin",
    "version": 1,
    "decided_at": "2020-02-17T09:00:00+08:00",
}


class FindingOut(BaseModel):
    """What screening found: the rule, where, the text as written, and why it is not allowed."""

    model_config = examples(FINDING_EXAMPLE)

    rule: str
    field: str
    matched: str = Field(description="the text as written in the posting")
    reason: str


class DecisionOut(BaseModel):
    """A decision on the posting, automatic or an official's (the audit trail)."""

    model_config = examples(DECISION_EXAMPLE)

    outcome: str = Field(description="held, published, refused, filled, closed or ignored")
    decided_by: str = Field(description="`screening`, or the official who reviewed it")
    reason: str
    version: int
    decided_at: datetime


class PostingOut(BaseModel):
    """A posting as matching keeps it: its standing, what screening found, every decision."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "posting_id": POSTING_ID,
                    "credit_code": CREDIT_CODE,
                    "version": 1,
                    "status": "published",
                    "open_vacancies": 10,
                    "filled": 0,
                    "details": DETAILS_EXAMPLE,
                    "findings": [],
                    "decisions": [{**DECISION_EXAMPLE, "outcome": "published"}],
                    "changed_at": "2020-02-17T09:00:00+08:00",
                }
            ]
        }
    )

    posting_id: str
    credit_code: str
    version: int
    status: str
    open_vacancies: int
    filled: int
    details: dict[str, Any]
    findings: list[FindingOut]
    decisions: list[DecisionOut] = []
    changed_at: datetime


class PostingsOut(BaseModel):
    """Your enterprise's postings, newest change first."""

    model_config = examples({"postings": []})

    postings: list[PostingOut]


@router.post("", status_code=status.HTTP_202_ACCEPTED)
async def open_posting(
    body: PostingIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> PostingAccepted:
    """Open a job posting of your enterprise (screened before it is published)."""
    principal.ensure_may_post_jobs_for(body.credit_code)
    # A retry with the same Idempotency-Key names the same posting, so it is the same request.
    posting_id = str(
        uuid.uuid5(_NAMESPACE, f"{principal.id}/{idempotency_key}")
        if idempotency_key
        else uuid.uuid4()
    )
    data = PostingOpened(**body.model_dump(), posting_id=posting_id, version=1)
    event_id = await publish(
        resources, principal, POSTINGS, event_type=POSTING_OPENED, subject=posting_id,
        data=data, idempotency_key=idempotency_key, district_code=body.district_code,
    )  # fmt: skip
    return PostingAccepted(event_id=event_id, posting_id=posting_id)


@router.put("/{posting_id}", status_code=status.HTTP_202_ACCEPTED)
async def revise_posting(
    posting_id: Annotated[PostingId, Path()],
    body: RevisionIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> PostingAccepted:
    """Revise one of your postings: every field, screened again."""
    row = await _own_posting(resources, principal, posting_id)
    data = PostingRevised(
        **body.model_dump(), posting_id=posting_id, credit_code=row["credit_code"]
    )
    return await _change(resources, principal, row, POSTING_REVISED, data, idempotency_key)


@router.post("/{posting_id}/fill", status_code=status.HTTP_202_ACCEPTED)
async def fill_posting(
    posting_id: Annotated[PostingId, Path()],
    body: FillIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> PostingAccepted:
    """Say how many of one of your postings' places are filled so far."""
    row = await _own_posting(resources, principal, posting_id)
    data = PostingFilled(posting_id=posting_id, credit_code=row["credit_code"], **body.model_dump())
    return await _change(resources, principal, row, POSTING_FILLED, data, idempotency_key)


@router.post("/{posting_id}/close", status_code=status.HTTP_202_ACCEPTED)
async def close_posting(
    posting_id: Annotated[PostingId, Path()],
    body: ClosingIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> PostingAccepted:
    """Close one of your postings for good."""
    row = await _own_posting(resources, principal, posting_id)
    data = PostingClosed(posting_id=posting_id, credit_code=row["credit_code"], **body.model_dump())
    return await _change(resources, principal, row, POSTING_CLOSED, data, idempotency_key)


@router.get("/{posting_id}")
async def read_posting(
    posting_id: Annotated[PostingId, Path()], principal: PrincipalDep, resources: ResourcesDep
) -> PostingOut:
    """A posting in your scope: its status, what screening found (rule and matched text), and
    every decision on it."""
    row = await resources.views.posting(posting_id)
    officer = await resources.views.service_officer(row["credit_code"]) if row else None
    if row is None or not principal.may_read_posting(
        row["credit_code"], row["district_code"], officer
    ):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no posting {posting_id} in your scope")
    return PostingOut.model_validate(row)


@router.get("")
async def my_postings(principal: PrincipalDep, resources: ResourcesDep) -> PostingsOut:
    """Your enterprise's postings, newest change first."""
    rows = await resources.views.postings_of(principal.own_enterprise())
    return PostingsOut(postings=[PostingOut.model_validate(row) for row in rows])


async def _own_posting(
    resources: ResourcesDep, principal: Principal, posting_id: str
) -> dict[str, Any]:
    mine = principal.own_enterprise()
    row = await resources.views.posting(posting_id)
    if row is None or row["credit_code"] != mine:
        # Another enterprise's posting reads as unknown: nothing is told about it.
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no posting {posting_id} of yours")
    return row


async def _change(
    resources: ResourcesDep,
    principal: Principal,
    row: dict[str, Any],
    event_type: str,
    data: BaseModel,
    idempotency_key: IdempotencyKey,
) -> PostingAccepted:
    event_id = await publish(
        resources, principal, POSTINGS, event_type=event_type, subject=row["posting_id"],
        data=data, idempotency_key=idempotency_key, district_code=row["district_code"],
    )  # fmt: skip
    return PostingAccepted(event_id=event_id, posting_id=row["posting_id"])
