"""The review queue (四(四)): postings screening held on weak evidence, for the officials of the
district of the work to publish or refuse, with their reason. Matching keeps every decision, who
made it and why, in its audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, status
from pydantic import BaseModel, Field

from services.contracts.identifiers import DistrictCode
from services.contracts.postings import POSTING_REVIEWED, PostingId, PostingReview, ReviewDecision
from services.contracts.topics import POSTINGS
from services.gateway.api_examples import examples
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.publishing import publish
from services.gateway.routes.postings import PostingOut
from services.gateway.routes.submissions import Accepted, IdempotencyKey

router = APIRouter(prefix="/v1/posting-reviews", tags=["job postings"])


class HeldPostingsOut(BaseModel):
    """Postings held for review in a scope, oldest first."""

    model_config = examples({"postings": []})

    postings: list[PostingOut]


class ReviewIn(BaseModel):
    """An official's decision on a held posting, as it stood at `version`."""

    model_config = examples(
        {
            "version": 1,
            "decision": "approve",
            "reason": "“近期去过武汉的暂缓”系防疫隔离期要求，合法",
        }
    )

    version: int = Field(ge=1, le=1_000_000, description="the version reviewed")
    decision: ReviewDecision
    reason: str = Field(min_length=2, max_length=500, description="why, for the audit trail")


@router.get("")
async def held_postings(
    principal: PrincipalDep,
    resources: ResourcesDep,
    district_code: Annotated[DistrictCode | None, Query(alias="district")] = None,
) -> HeldPostingsOut:
    """Postings held for review in your district (or a district, or all, for the city)."""
    scope = district_code or principal.district_code
    principal.ensure_may_review_postings(scope)
    rows = await resources.views.held_postings(scope)
    return HeldPostingsOut(postings=[PostingOut.model_validate(row) for row in rows])


@router.post("/{posting_id}", status_code=status.HTTP_202_ACCEPTED)
async def review_posting(
    posting_id: Annotated[PostingId, Path()],
    body: ReviewIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> Accepted:
    """Publish or refuse a held posting in your scope, saying why."""
    principal.ensure_may_review_postings(principal.district_code)  # officials only
    row = await resources.views.posting(posting_id)
    if row is None or principal.district_code not in (None, row["district_code"]):
        # Out of scope reads as unknown: nothing is told about other districts' postings.
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no posting {posting_id} in your scope")
    if row["status"] != "held" or row["version"] != body.version:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            f"posting {posting_id} is not held at version {body.version} "
            f"(it is {row['status']} at version {row['version']})",
        )
    event_id = await publish(
        resources,
        principal,
        POSTINGS,
        event_type=POSTING_REVIEWED,
        subject=posting_id,
        data=PostingReview(posting_id=posting_id, reviewed_by=principal.id, **body.model_dump()),
        idempotency_key=idempotency_key,
        district_code=row["district_code"],
    )
    return Accepted(event_id=event_id)
