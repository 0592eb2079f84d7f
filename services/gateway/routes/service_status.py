"""The service-status register (seed 二(二), 五(四)): officials keep their halls and say which
services are suspended, online-only or resumed; anyone with a key reads it (public information),
and every change is announced to the district's public through notify."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Self

from fastapi import APIRouter, HTTPException, Path, Query, status
from pydantic import AfterValidator, BaseModel, Field, model_validator

from services.contracts.identifiers import SHANGHAI, DistrictCode, district
from services.contracts.notifications import (
    NOTIFICATION_REQUESTED,
    NotificationRequest,
    RecipientKind,
    Template,
)
from services.contracts.topics import NOTIFY_REQUESTS
from services.gateway.api_examples import EVENT_ID, HALL_CODE, examples
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain.access import Principal
from services.gateway.domain.appointments import (
    ensure_may_manage_hall,
    ensure_may_read_public_information,
)
from services.gateway.domain.service_halls import (
    SERVICE_NAMES,
    STATE_NAMES,
    Hall,
    PublicService,
    ServiceState,
    ServiceStatus,
    status_problems,
    validate_hall_code,
)
from services.gateway.publishing import publish
from services.gateway.routes.submissions import IdempotencyKey

router = APIRouter(prefix="/v1", tags=["service halls"])

HallCode = Annotated[
    str,
    AfterValidator(validate_hall_code),
    Path(description="the hall's district code, '-' and a number", examples=["310115-001"]),
]
REQUESTED_BY = "gateway"


LocalTime = Annotated[
    str,
    Field(
        pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
        description="HH:MM on the Shanghai clock",
        examples=["09:00"],
    ),
]


HALL_EXAMPLE: dict[str, Any] = {
    "name": "浦东新区就业促进中心",
    "address": "上海市浦东新区合欢路2号",
    "opens_at": "09:00",
    "closes_at": "17:00",
}
HALL_OUT_EXAMPLE: dict[str, Any] = {
    **HALL_EXAMPLE,
    "code": HALL_CODE,
    "district_code": "310115",
    "district_name": "浦东新区",
}
STATUS_OUT_EXAMPLE: dict[str, Any] = {
    "hall_code": HALL_CODE,
    "district_code": "310115",
    "service": "skills_assessment",
    "service_name": "职业技能评价",
    "status": "resumed",
    "status_name": "已恢复",
    "resumes_on": "2020-03-02",
    "online_url": "https://zwdt.sh.gov.cn",
    "note": "请提前预约，错峰办理",
    "changed_by": "official:310115",
    "changed_at": "2020-02-26T10:15:00+08:00",
}


class HallIn(BaseModel):
    """A service hall's name, address and opening hours."""

    model_config = examples(HALL_EXAMPLE)

    name: str = Field(min_length=2, max_length=100)
    address: str = Field(min_length=2, max_length=200)
    opens_at: LocalTime = "09:00"
    closes_at: LocalTime = "17:00"

    @model_validator(mode="after")
    def _opens_before_it_closes(self) -> Self:
        if self.opens_at >= self.closes_at:
            raise ValueError("a hall opens (opens_at) before it closes (closes_at)")
        return self


class HallOut(BaseModel):
    """A service hall of the register."""

    model_config = examples(HALL_OUT_EXAMPLE)

    code: str
    district_code: str
    district_name: str
    name: str
    address: str
    opens_at: LocalTime
    closes_at: LocalTime


class HallsOut(BaseModel):
    """The service halls of a district or the city."""

    model_config = examples({"halls": [HALL_OUT_EXAMPLE]})

    halls: list[HallOut]


class StatusIn(BaseModel):
    """Whether a service is suspended, online-only or resumed at a hall, and what to know."""

    model_config = examples(
        {"status": "suspended", "note": "根据疫情防控要求暂停线下培训，恢复时间另行发布"},
        {"status": "online_only", "online_url": "https://zwdt.sh.gov.cn"},
        {"status": "resumed", "resumes_on": "2020-03-02", "note": "请提前预约，错峰办理"},
    )

    status: ServiceState
    resumes_on: date | None = Field(None, description="required when resumed: windows reopen")
    online_url: str | None = Field(
        None, max_length=200, description="required when online-only: where it is handled"
    )
    note: str | None = Field(None, max_length=200, description="what the public should know")

    @model_validator(mode="after")
    def _follows_the_register_s_rules(self) -> Self:
        problems = status_problems(self.status, self.resumes_on, self.online_url)
        if problems:
            raise ValueError("; ".join(problems))
        return self


class StatusOut(BaseModel):
    """A service's status at a hall, as last changed."""

    model_config = examples(STATUS_OUT_EXAMPLE)

    hall_code: str
    district_code: str
    service: PublicService
    service_name: str = Field(examples=["职业技能评价"])
    status: ServiceState
    status_name: str = Field(examples=["已恢复"])
    resumes_on: date | None
    online_url: str | None
    note: str | None
    changed_by: str = Field(description="the principal, e.g. official:310115 (never a person)")
    changed_at: datetime


class StatusesOut(BaseModel):
    """Service statuses by hall, or a hall's changes newest first."""

    model_config = examples({"statuses": [STATUS_OUT_EXAMPLE]})

    statuses: list[StatusOut]


class StatusChangeOut(StatusOut):
    """The status as changed, and the announcement of the change to the district."""

    model_config = examples({**STATUS_OUT_EXAMPLE, "announcement_event_id": EVENT_ID})

    announcement_event_id: str = Field(description="the announcement's event on notify.requests")


@router.put("/service-halls/{code}")
async def save_hall(
    code: HallCode, body: HallIn, principal: PrincipalDep, resources: ResourcesDep
) -> HallOut:
    """Create a service hall or change its name, address and hours (its district's officials)."""
    ensure_may_manage_hall(principal, code)
    hall = Hall(
        code,
        body.name,
        body.address,
        time.fromisoformat(body.opens_at),
        time.fromisoformat(body.closes_at),
    )
    await resources.service_register.save_hall(hall, principal.id)
    return hall_out(hall)


@router.get("/service-halls")
async def halls(
    principal: PrincipalDep,
    resources: ResourcesDep,
    district_code: Annotated[DistrictCode | None, Query(alias="district")] = None,
) -> HallsOut:
    """The service halls of a district, or of the city (public information)."""
    ensure_may_read_public_information(principal)
    found = await resources.service_register.halls(district_code)
    return HallsOut(halls=[hall_out(h) for h in found])


@router.put("/service-halls/{code}/services/{service}/status")
async def set_status(
    code: HallCode,
    service: PublicService,
    body: StatusIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> StatusChangeOut:
    """Say a service is suspended, online-only or resumed at a hall; announced to its district."""
    ensure_may_manage_hall(principal, code)
    hall = await known_hall(resources, code)
    change = ServiceStatus(
        code,
        service,
        body.status,
        principal.id,
        datetime.now(SHANGHAI),
        resumes_on=body.resumes_on,
        online_url=body.online_url,
        note=body.note,
    )
    await resources.service_register.set_status(change)
    event_id = await _announce(resources, principal, hall, change, idempotency_key)
    return StatusChangeOut(**_status_out(change).model_dump(), announcement_event_id=event_id)


@router.get("/service-status")
async def service_status(
    principal: PrincipalDep,
    resources: ResourcesDep,
    district_code: Annotated[DistrictCode | None, Query(alias="district")] = None,
) -> StatusesOut:
    """Which services are suspended, online-only or resumed, by hall (public information)."""
    ensure_may_read_public_information(principal)
    found = await resources.service_register.statuses(district_code)
    return StatusesOut(statuses=[_status_out(s) for s in found])


@router.get("/service-halls/{code}/status-history")
async def status_history(
    code: HallCode, principal: PrincipalDep, resources: ResourcesDep
) -> StatusesOut:
    """Every status change at a hall, newest first: who changed what, when (its officials)."""
    ensure_may_manage_hall(principal, code)
    await known_hall(resources, code)
    found = await resources.service_register.history(code)
    return StatusesOut(statuses=[_status_out(s) for s in found])


async def known_hall(resources: ResourcesDep, code: str) -> Hall:
    hall = await resources.service_register.hall(code)
    if hall is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no service hall {code}")
    return hall


def hall_out(hall: Hall) -> HallOut:
    return HallOut(
        code=hall.code,
        district_code=hall.district_code,
        district_name=district(hall.district_code).name_zh,
        name=hall.name,
        address=hall.address,
        opens_at=f"{hall.opens_at:%H:%M}",
        closes_at=f"{hall.closes_at:%H:%M}",
    )


def _status_out(change: ServiceStatus) -> StatusOut:
    return StatusOut(
        hall_code=change.hall_code,
        district_code=change.hall_code[:6],
        service=change.service,
        service_name=SERVICE_NAMES[change.service],
        status=change.state,
        status_name=STATE_NAMES[change.state],
        resumes_on=change.resumes_on,
        online_url=change.online_url,
        note=change.note,
        changed_by=change.changed_by,
        changed_at=change.changed_at,
    )


async def _announce(
    resources: ResourcesDep,
    principal: Principal,
    hall: Hall,
    change: ServiceStatus,
    idempotency_key: IdempotencyKey,
) -> str:
    """One announcement per change, to the district's public channels (notify fans it out)."""
    request = NotificationRequest(
        recipient_kind=RecipientKind.DISTRICT_PUBLIC,
        recipient=hall.district_code,
        template=Template.SERVICE_STATUS_CHANGED,
        parameters={
            "hall": hall.code,
            "hall_name": hall.name,
            "service": change.service.value,
            "service_name": SERVICE_NAMES[change.service],
            "status": change.state.value,
            "status_name": STATE_NAMES[change.state],
            "date": change.resumes_on.isoformat() if change.resumes_on else "",
            "online_url": change.online_url or "",
        },
        requested_by=REQUESTED_BY,
    )
    return await publish(
        resources,
        principal,
        NOTIFY_REQUESTS,
        event_type=NOTIFICATION_REQUESTED,
        subject=hall.district_code,
        data=request,
        idempotency_key=idempotency_key,
        district_code=hall.district_code,
    )
