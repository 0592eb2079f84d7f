"""Campaigns: an enterprise's notice to its roster, previewed, sent, cancelled and followed."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status

from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain.access import Forbidden, Principal
from services.gateway.domain.appointments import mask_mobile
from services.gateway.enterprise_scope import registered_district
from services.gateway.notices import (
    campaign_request,
    own_enterprise,
    preview,
    publish_campaign,
    publish_cancel,
)
from services.gateway.ports import Row
from services.gateway.routes.campaign_models import (
    CampaignAcceptedOut,
    CampaignIn,
    CampaignPreviewOut,
    CampaignProgressOut,
    CancelAcceptedOut,
    ChannelProgressOut,
    FailureOut,
)
from services.gateway.routes.submissions import IdempotencyKey

router = APIRouter(prefix="/v1/campaigns", tags=["notices"])


@router.post("/preview")
async def preview_campaign(
    body: CampaignIn, principal: PrincipalDep, resources: ResourcesDep
) -> CampaignPreviewOut:
    """The text the campaign would send, its SMS parts, recipients and estimated cost; nothing
    is sent. A placeholder without a value is refused (422 naming it)."""
    credit_code = own_enterprise(principal)
    _, text = campaign_request(resources, principal, credit_code, body)
    return await preview(resources, credit_code, text, body.audience.audience())


@router.post("", status_code=status.HTTP_202_ACCEPTED)
async def create_campaign(
    body: CampaignIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> CampaignAcceptedOut:
    """Send a notice to the roster (or the departments and sites named) at `send_at`, outside
    quiet hours (21:00–08:00 Shanghai). A missing value refuses it before anything is sent (422
    naming it). Retried with the same Idempotency-Key, it is the same campaign, sent once."""
    credit_code = own_enterprise(principal)
    request, text = campaign_request(resources, principal, credit_code, body)
    shown = await preview(resources, credit_code, text, body.audience.audience())
    campaign_id = await publish_campaign(resources, principal, request, idempotency_key)
    return CampaignAcceptedOut(campaign_id=campaign_id, preview=shown)


async def _campaign_for(resources: ResourcesDep, principal: Principal, campaign_id: str) -> Row:
    """The campaign if the caller may read it; 404 exactly as for an unknown one otherwise."""
    campaign = await resources.views.campaign(campaign_id)
    if campaign is not None:
        district = await registered_district(resources, campaign["credit_code"])
        try:
            principal.sees_campaign_numbers(campaign["credit_code"], district)
        except Forbidden:
            campaign = None
    if campaign is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no campaign {campaign_id} in your scope")
    return campaign


@router.delete("/{campaign_id}", status_code=status.HTTP_202_ACCEPTED)
async def cancel_campaign(
    campaign_id: UUID, principal: PrincipalDep, resources: ResourcesDep
) -> CancelAcceptedOut:
    """Stop the campaign: what was not handed to a provider yet is not sent (its enterprise)."""
    campaign = await _campaign_for(resources, principal, str(campaign_id))
    principal.ensure_may_manage_notices(campaign["credit_code"])
    event_id = await publish_cancel(resources, principal, campaign["credit_code"], str(campaign_id))
    return CancelAcceptedOut(campaign_id=str(campaign_id), event_id=event_id)


@router.get("/{campaign_id}")
async def campaign_progress(
    campaign_id: UUID,
    principal: PrincipalDep,
    resources: ResourcesDep,
    failures: int = Query(100, ge=0, le=1000, description="most failures listed"),
) -> CampaignProgressOut:
    """Messages by channel and status, and the failures with their reasons; numbers in full for
    the enterprise, masked for officials (of its district, or the city)."""
    campaign = await _campaign_for(resources, principal, str(campaign_id))
    district = await registered_district(resources, campaign["credit_code"])
    in_full = principal.sees_campaign_numbers(campaign["credit_code"], district)
    by_channel: dict[str, dict[str, int]] = defaultdict(dict)
    for row in await resources.views.campaign_progress(str(campaign_id)):
        by_channel[row["channel"]][row["status"]] = int(row["messages"])
    failed = await resources.views.campaign_failures(str(campaign_id), failures)
    return CampaignProgressOut(
        campaign_id=str(campaign_id),
        credit_code=campaign["credit_code"],
        template=campaign["template"],
        recipients=campaign["recipients"],
        parts=campaign["segments"],
        send_at=campaign["send_at"],
        cancelled_at=campaign["cancelled_at"],
        channels=[ChannelProgressOut(channel=c, statuses=s) for c, s in sorted(by_channel.items())],
        failures=[
            FailureOut(
                channel=f["channel"],
                status=f["status"],
                reason=f["reason"],
                phone=f["phone"] if in_full or f["phone"] is None else mask_mobile(f["phone"]),
            )
            for f in failed
        ],
    )
