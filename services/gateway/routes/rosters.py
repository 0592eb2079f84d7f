"""An enterprise's roster of employees to notify: upload it (JSON, CSV, .xlsx), read its figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.exceptions import RequestValidationError

from services.contracts.campaigns import ConsentRenewal
from services.contracts.rosters import Channel, NotANumber, UploadMode, normalise_phone
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain.spreadsheets import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, SheetUnreadable
from services.gateway.notices import (
    JSON,
    own_enterprise,
    publish_opt_in,
    publish_opt_out,
    publish_roster,
    read_upload,
)
from services.gateway.routes.campaign_models import (
    OptInAcceptedOut,
    OptInIn,
    OptOutAcceptedOut,
    OptOutIn,
    RosterGroupOut,
    RosterMergedOut,
    RosterRowProblemOut,
    RosterRowRefusedOut,
    RosterSummaryOut,
    RosterUploadOut,
)

router = APIRouter(prefix="/v1/rosters", tags=["notices"])

_CLOCK_SKEW = timedelta(minutes=5)

_BINARY = {"schema": {"type": "string", "format": "binary"}}
_MEMBERS_EXAMPLE = {
    "members": [
        {"name": "王芳", "mobile": "138 0013 8000", "department": "生产部", "site": "二号车间"},
        {"name": "李强", "mobile": "021-5888 1234", "preferred_channel": "voice"},
    ]
}


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": 'the employees: JSON `{"members": [...]}`, or a sheet with the '
            "headings 姓名, 手机号, 微信openid, 首选渠道, 同意通知, 部门, 厂区",
            "content": {
                JSON: {"schema": {"type": "object"}, "example": _MEMBERS_EXAMPLE},
                CSV_MEDIA_TYPE: _BINARY,
                XLSX_MEDIA_TYPE: _BINARY,
            },
        }
    },
)
async def upload_roster(
    request: Request,
    principal: PrincipalDep,
    resources: ResourcesDep,
    mode: Annotated[
        UploadMode,
        Query(description="replace: the upload is the whole roster; append: add to it"),
    ] = UploadMode.REPLACE,
) -> RosterUploadOut:
    """Upload the enterprise's roster. Numbers are normalised to E.164 (mainland China unless a
    country code is given); the same number twice is one member (rows merged are listed); a bad
    row is listed by number, field and reason and the good rows are kept. A landline gets voice
    notices, never SMS. Only the enterprise itself uploads, and sees, its roster."""
    credit_code = own_enterprise(principal)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    try:
        reading = read_upload(body, media_type)
    except SheetUnreadable as unreadable:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"the roster cannot be read: {unreadable}"
        ) from None
    if not reading.members and mode is UploadMode.REPLACE:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "no row is a member: a replacement would empty the roster, so nothing changed",
        )
    upload = await publish_roster(resources, principal, credit_code, body, reading, mode)
    return RosterUploadOut(
        upload_id=upload.upload_id,
        mode=upload.mode.value,
        members=len(reading.members),
        landlines=sum(not m.mobile for m in reading.members),
        merged=[RosterMergedOut(row=row, merged_into=into) for row, into in reading.merged],
        refused=[
            RosterRowRefusedOut(
                row=bad.row,
                errors=[RosterRowProblemOut(field=p.field, reason=p.reason) for p in bad.problems],
            )
            for bad in reading.bad_rows
        ],
    )


@router.post("/opt-outs", status_code=status.HTTP_202_ACCEPTED)
async def record_opt_out(
    body: OptOutIn, principal: PrincipalDep, resources: ResourcesDep
) -> OptOutAcceptedOut:
    """Record that an employee refuses channels (no voice calls; 退订 SMS): their campaign
    messages skip them from now on, and one refusing every channel that reaches them is
    unsendable. Only the enterprise itself records its employees' refusals."""
    credit_code = own_enterprise(principal)
    phone = _e164(body.mobile)
    channels = frozenset(Channel(c) for c in body.channels)
    event_id = await publish_opt_out(resources, principal, credit_code, phone, channels)
    return OptOutAcceptedOut(
        phone=phone, channels=sorted(c.value for c in channels), event_id=event_id
    )


@router.post("/opt-ins", status_code=status.HTTP_202_ACCEPTED)
async def record_opt_in(
    body: OptInIn, principal: PrincipalDep, resources: ResourcesDep
) -> OptInAcceptedOut:
    """Record that an employee who refused channels takes them back, with their renewed consent
    (how, when, the enterprise's reference): their refusals of those channels recorded by this
    enterprise are lifted, and for SMS an unsubscribe by reply (TD) sent before the consent was
    given. Only the enterprise itself records its employees' consent."""
    credit_code = own_enterprise(principal)
    phone = _e164(body.mobile)
    if body.consent.given_at > datetime.now(UTC) + _CLOCK_SKEW:
        raise RequestValidationError(
            [
                {
                    "type": "value_error",
                    "loc": ("body", "consent", "given_at"),
                    "msg": "consent cannot be given in the future",
                }
            ]
        )
    channels = frozenset(Channel(c) for c in body.channels)
    consent = ConsentRenewal(**body.consent.model_dump())
    event_id = await publish_opt_in(resources, principal, credit_code, phone, channels, consent)
    return OptInAcceptedOut(
        phone=phone, channels=sorted(c.value for c in channels), event_id=event_id
    )


def _e164(mobile: str) -> str:
    try:
        phone, _ = normalise_phone(mobile)
    except NotANumber as wrong:
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("body", "mobile"), "msg": str(wrong)}]
        ) from None
    return phone


@router.get("")
async def roster_summary(principal: PrincipalDep, resources: ResourcesDep) -> RosterSummaryOut:
    """The enterprise's roster as notify holds it, counted by department and site (no person)."""
    credit_code = own_enterprise(principal)
    rows = await resources.views.roster_summary(credit_code)
    groups = [
        RosterGroupOut(
            department=r["department"],
            site=r["site"],
            members=r["members"],
            sms_reachable=r["sms_reachable"],
        )
        for r in rows
    ]
    return RosterSummaryOut(
        credit_code=credit_code, members=sum(g.members for g in groups), groups=groups
    )
