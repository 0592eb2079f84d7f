"""The matching pages: the two demand lists (三(一)) and the screening review queue (四(四)),
where an official publishes or refuses a held posting through the same function as
`POST /v1/posting-reviews/{id}`, so matching's audit trail names the official.

Labour-sharing proposals and job fairs are pages of their own beside these (`sharing_pages.py`,
`fair_pages.py`, registered in `mount.py`)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request, status
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from services.contracts.postings import PostingId, ReviewDecision
from services.gateway.adapters.idempotency_keys import IdempotencyKeyReused
from services.gateway.console import matching_figures
from services.gateway.console.downloads import register_tables
from services.gateway.console.rendering import NavEntry, render
from services.gateway.console.security import PREFIX, SessionDep, check_csrf, check_form_size
from services.gateway.console.sessions import ConsoleSession, form_request_id
from services.gateway.console.tables import Table
from services.gateway.dependencies import GatewayResources, ResourcesDep
from services.gateway.domain.access import Principal
from services.gateway.routes import posting_reviews as review_routes
from services.platform.kafka import PublishFailed

router = APIRouter(prefix=PREFIX, include_in_schema=False)
NAV = (NavEntry("demand-lists", "需求清单"), NavEntry("reviews", "审核队列"))
"""This module's pages in the console's navigation (in the order `mount.py` gives)."""

DECISION_NAMES = {ReviewDecision.APPROVE: "通过并发布", ReviewDecision.REJECT: "不予发布"}


async def _demand_tables(
    resources: GatewayResources, principal: Principal, week: str | None
) -> tuple[Table, ...]:
    return tuple(shown.table for shown in await matching_figures.demand_lists(resources, principal))


async def _review_tables(
    resources: GatewayResources, principal: Principal, week: str | None
) -> tuple[Table, ...]:
    return (await matching_figures.held_postings(resources, principal),)


register_tables("demand-lists", _demand_tables)
register_tables("reviews", _review_tables)


@router.get("/demand-lists")
async def demand_lists_page(
    request: Request, session: SessionDep, resources: ResourcesDep
) -> Response:
    lists = await matching_figures.demand_lists(resources, session.principal)
    return render(
        request,
        "demand_lists.html",
        session,
        current="demand-lists",
        lists=lists,
        tables=tuple(shown.table for shown in lists),
    )


async def _reviews_page(
    request: Request,
    session: ConsoleSession,
    resources: GatewayResources,
    *,
    reviewed: str | None = None,
    decision: ReviewDecision | None = None,
    error: str | None = None,
    status_code: int = status.HTTP_200_OK,
) -> Response:
    held = await matching_figures.held_postings(resources, session.principal)
    return render(
        request,
        "reviews.html",
        session,
        current="reviews",
        held=held,
        tables=(held,),
        request_ids={
            row["posting_id"]: form_request_id(
                session, "review", row["posting_id"], str(row["version"])
            )
            for row in held.rows
        },
        decisions=DECISION_NAMES,
        reviewed=reviewed,
        decision_name=DECISION_NAMES.get(decision) if decision else None,
        error=error,
        status_code=status_code,
    )


@router.get("/reviews")
async def reviews_page(
    request: Request,
    session: SessionDep,
    resources: ResourcesDep,
    reviewed: Annotated[PostingId | None, Query()] = None,
    decision: Annotated[ReviewDecision | None, Query()] = None,
) -> Response:
    return await _reviews_page(request, session, resources, reviewed=reviewed, decision=decision)


REFUSALS = {
    status.HTTP_404_NOT_FOUND: "该岗位不存在或不在您的辖区内。",
    status.HTTP_409_CONFLICT: (
        "该岗位已不在待审核状态（可能已有人处理，或企业已修改），请查看最新队列。"
    ),
}


@router.post("/reviews/{posting_id}", dependencies=[Depends(check_form_size)])
async def review_posting(
    request: Request,
    session: SessionDep,
    resources: ResourcesDep,
    posting_id: Annotated[PostingId, Path()],
    version: Annotated[int, Form()],
    decision: Annotated[ReviewDecision, Form()],
    request_id: Annotated[UUID, Form()],
    csrf_token: Annotated[str, Form(max_length=100)],
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    check_csrf(session.csrf_token, csrf_token)
    try:
        body = review_routes.ReviewIn(version=version, decision=decision, reason=reason.strip())
    except ValidationError:
        return await _reviews_page(
            request,
            session,
            resources,
            error="请填写审核理由（2 至 500 字），理由将记入审核记录。",
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )
    try:
        await review_routes.review_posting(
            posting_id=posting_id,
            body=body,
            principal=session.principal,
            resources=resources,
            idempotency_key=request_id,
        )
    except HTTPException as refused:
        if refused.status_code not in REFUSALS:
            raise
        return await _reviews_page(
            request,
            session,
            resources,
            error=REFUSALS[refused.status_code],
            status_code=refused.status_code,
        )
    except IdempotencyKeyReused:  # another decision on this version was just sent from here
        return await _reviews_page(
            request,
            session,
            resources,
            error=REFUSALS[status.HTTP_409_CONFLICT],
            status_code=status.HTTP_409_CONFLICT,
        )
    except PublishFailed:
        return await _reviews_page(
            request,
            session,
            resources,
            error="审核决定暂未能提交（消息服务不可用），请稍后重试。",
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
    return RedirectResponse(
        f"{PREFIX}/reviews?reviewed={posting_id}&decision={decision.value}",
        status.HTTP_303_SEE_OTHER,
    )
