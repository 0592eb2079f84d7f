"""An enterprise's rosters and campaigns on their way to notify: read, checked, previewed and
published on `notify.campaigns` (keyed by credit code, so notify records them in order).

The gateway holds the roster's people in transit only: it reads the file, publishes the members
in chunks and keeps nothing of them.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi.exceptions import RequestValidationError

from services.contracts.campaigns import (
    CAMPAIGN_CANCELLED,
    CAMPAIGN_REQUESTED,
    LINKS,
    MEMBER_OPTED_IN,
    MEMBER_OPTED_OUT,
    ROSTER_CHUNK_UPLOADED,
    Audience,
    CampaignCancel,
    CampaignRequest,
    ConsentRenewal,
    MemberOptIn,
    MemberOptOut,
    MissingValues,
    RosterChunk,
    render,
)
from services.contracts.rosters import Channel, RosterReading, UploadMode, chunks, read_roster
from services.contracts.sms_parts import segments
from services.contracts.topics import NOTIFY_CAMPAIGNS
from services.gateway.dependencies import GatewayResources
from services.gateway.domain.access import Forbidden, Principal
from services.gateway.domain.roster_files import read_json, read_sheet
from services.gateway.enterprise_scope import registered_district
from services.gateway.publishing import publish
from services.gateway.routes.campaign_models import CampaignIn, CampaignPreviewOut, ChannelCostOut

JSON = "application/json"
_UPLOADS = uuid.UUID("5f7d0a3c-93a4-4c1e-9d0e-6a1b2c3d4e5f")


def own_enterprise(principal: Principal) -> str:
    """The caller's credit code: rosters and campaigns are an enterprise's own business."""
    if principal.credit_code is None:
        raise Forbidden("rosters and campaigns are managed by the enterprise itself")
    principal.ensure_may_manage_notices(principal.credit_code)
    return principal.credit_code


@dataclass(frozen=True)
class RosterUpload:
    upload_id: str
    mode: UploadMode
    reading: RosterReading


def read_upload(body: bytes, media_type: str) -> RosterReading:
    """The members of a JSON body or a sheet; SheetUnreadable for a file that is neither."""
    rows = read_json(body) if media_type == JSON else read_sheet(body, media_type)
    return read_roster(rows)


async def publish_roster(
    resources: GatewayResources,
    principal: Principal,
    credit_code: str,
    body: bytes,
    reading: RosterReading,
    mode: UploadMode,
) -> RosterUpload:
    """Publish the members in chunks; the same file sent again is the same upload (its id comes
    from the caller, the file's SHA-256 and the mode), so a retry after a 503 is harmless."""
    digest = hashlib.sha256(body).hexdigest()
    upload_id = uuid.uuid5(_UPLOADS, f"{principal.id}/{digest}/{mode.value}")
    district = await registered_district(resources, credit_code)
    parts = chunks(reading.members)
    uploaded_at = datetime.now(UTC)
    for index, members in enumerate(parts):
        await publish(
            resources,
            principal,
            NOTIFY_CAMPAIGNS,
            event_type=ROSTER_CHUNK_UPLOADED,
            subject=credit_code,
            data=RosterChunk(
                credit_code=credit_code,
                upload_id=upload_id,
                mode=mode,
                uploaded_at=uploaded_at,
                chunk=index,
                chunks=len(parts),
                members=members,
            ),
            idempotency_key=None,
            district_code=district,
        )
    return RosterUpload(str(upload_id), mode, reading)


def campaign_request(
    resources: GatewayResources, principal: Principal, credit_code: str, body: CampaignIn
) -> tuple[CampaignRequest, str]:
    """The event's payload and its text; a placeholder without a value is a 422 naming it."""
    settings = resources.settings
    links = {
        "handbook_url": settings.prevention_handbook_url,
        "guidance_url": settings.return_guidance_url,
    }
    values = {**{k: v for k, v in body.values.items() if k not in LINKS}, **links}
    try:
        text = render(body.template, values)
    except MissingValues as missing:
        raise RequestValidationError(
            [
                {"type": "missing", "loc": ("body", "values", name), "msg": "a value is required"}
                for name in missing.names
            ]
        ) from None
    request = CampaignRequest(
        credit_code=credit_code,
        template=body.template,
        values=values,
        audience=body.audience.audience(),
        send_at=body.send_at,
        requested_by=principal.id,
    )
    return request, text


async def preview(
    resources: GatewayResources, credit_code: str, text: str, audience: Audience
) -> CampaignPreviewOut:
    """The text, its parts and what the audience would cost, from notify's roster figures:
    each member on the channel notify tries first (an SMS by the part, a WeChat message, a
    call), as priced in the settings."""
    settings = resources.settings
    groups = [g for g in await resources.views.roster_summary(credit_code) if _in(g, audience)]
    parts = segments(text)
    units_and_prices = {
        "sms": (parts, settings.sms_price_per_part),
        "wechat": (1, settings.wechat_price_per_message),
        "voice": (1, settings.voice_price_per_call),
    }
    by_channel: dict[str, ChannelCostOut] = {}
    for channel, (units, price) in units_and_prices.items():
        reached = sum(int(g[f"first_by_{channel}"]) for g in groups)
        by_channel[channel] = ChannelCostOut(
            recipients=reached, units=reached * units, cost_yuan=round(reached * units * price, 2)
        )
    return CampaignPreviewOut(
        text=text,
        parts=parts,
        recipients=sum(c.recipients for c in by_channel.values()),
        landlines=sum(int(g["landlines"]) for g in groups),
        without_consent=sum(int(g["without_consent"]) for g in groups),
        opted_out_of_all=sum(int(g["opted_out_of_all"]) for g in groups),
        by_channel=by_channel,
        estimated_parts=by_channel["sms"].units,
        estimated_cost_yuan=round(sum(c.cost_yuan for c in by_channel.values()), 2),
    )


def _in(group: dict[str, Any], audience: Audience) -> bool:
    return (not audience.departments or group["department"] in audience.departments) and (
        not audience.sites or group["site"] in audience.sites
    )


async def publish_campaign(
    resources: GatewayResources,
    principal: Principal,
    request: CampaignRequest,
    idempotency_key: uuid.UUID | None,
) -> str:
    """The campaign's id: the event's, the same for a retry with the same Idempotency-Key."""
    return await publish(
        resources,
        principal,
        NOTIFY_CAMPAIGNS,
        event_type=CAMPAIGN_REQUESTED,
        subject=request.credit_code,
        data=request,
        idempotency_key=idempotency_key,
        district_code=await registered_district(resources, request.credit_code),
    )


async def publish_opt_out(
    resources: GatewayResources,
    principal: Principal,
    credit_code: str,
    phone: str,
    channels: frozenset[Channel],
) -> str:
    return await publish(
        resources,
        principal,
        NOTIFY_CAMPAIGNS,
        event_type=MEMBER_OPTED_OUT,
        subject=credit_code,
        data=MemberOptOut(
            credit_code=credit_code,
            phone=phone,
            channels=channels,
            opted_out_at=datetime.now(UTC),
        ),
        idempotency_key=None,
        district_code=await registered_district(resources, credit_code),
    )


async def publish_opt_in(
    resources: GatewayResources,
    principal: Principal,
    credit_code: str,
    phone: str,
    channels: frozenset[Channel],
    consent: ConsentRenewal,
) -> str:
    return await publish(
        resources,
        principal,
        NOTIFY_CAMPAIGNS,
        event_type=MEMBER_OPTED_IN,
        subject=credit_code,
        data=MemberOptIn(
            credit_code=credit_code,
            phone=phone,
            channels=channels,
            consent=consent,
            recorded_by=principal.id,
            opted_in_at=datetime.now(UTC),
        ),
        idempotency_key=None,
        district_code=await registered_district(resources, credit_code),
    )


async def publish_cancel(
    resources: GatewayResources, principal: Principal, credit_code: str, campaign_id: str
) -> str:
    return await publish(
        resources,
        principal,
        NOTIFY_CAMPAIGNS,
        event_type=CAMPAIGN_CANCELLED,
        subject=credit_code,
        data=CampaignCancel(
            credit_code=credit_code, campaign_id=uuid.UUID(campaign_id), cancelled_by=principal.id
        ),
        idempotency_key=None,
        district_code=await registered_district(resources, credit_code),
    )
