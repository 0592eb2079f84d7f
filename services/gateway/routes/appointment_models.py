"""The appointment routes' models: slots, bookings and the person booked for, as clients send and
read them (with realistic examples), and how the domain's slots and bookings become answers (the
person masked for all but who booked)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, Field

from services.contracts.identifiers.phones import MobilePhone
from services.gateway.api_examples import HALL_CODE, SLOT_ID, examples
from services.gateway.domain.access import Principal
from services.gateway.domain.appointments import (
    Booking,
    Slot,
    sees_in_full,
)
from services.gateway.domain.service_halls import (
    SERVICE_NAMES,
    PublicService,
    online_alternative,
)

SLOT_EXAMPLE: dict[str, Any] = {
    "starts_at": "2020-03-02T09:00:00+08:00",
    "ends_at": "2020-03-02T09:30:00+08:00",
    "capacity": 10,
}
SLOT_OUT_EXAMPLE: dict[str, Any] = {
    **SLOT_EXAMPLE,
    "slot_id": SLOT_ID,
    "hall_code": HALL_CODE,
    "booked": 3,
    "remaining": 7,
}
ONLINE_EXAMPLE: dict[str, Any] = {
    "channel": "一网通办",
    "url": "https://zwdt.sh.gov.cn",
    "message": "失业登记可在一网通办在线办理，无需到窗口: https://zwdt.sh.gov.cn",
}
PERSON_EXAMPLE: dict[str, Any] = {"name": "王芳", "mobile": "13812345678"}
PERSON_OUT_EXAMPLE: dict[str, Any] = {"name": "王*", "mobile": "+86138****5678", "masked": True}
BOOKING_OUT_EXAMPLE: dict[str, Any] = {
    "booking_id": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
    "status": "booked",
    "hall_code": HALL_CODE,
    "service": "unemployment_registration",
    "service_name": "失业登记",
    "slot": SLOT_OUT_EXAMPLE,
    "person": PERSON_OUT_EXAMPLE,
    "booked_by": "assistant:310115:A0123",
    "booked_at": "2020-02-28T14:20:00+08:00",
    "online_alternative": ONLINE_EXAMPLE,
}


class SlotIn(BaseModel):
    """A time slot to open at a hall, and how many people it receives."""

    model_config = examples(SLOT_EXAMPLE)

    starts_at: AwareDatetime
    ends_at: AwareDatetime
    capacity: int = Field(ge=1, le=500, description="people received in the slot")


class SlotOut(BaseModel):
    """A slot and the places left in it."""

    model_config = examples(SLOT_OUT_EXAMPLE)

    slot_id: uuid.UUID
    hall_code: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    booked: int
    remaining: int


class OnlineAlternativeOut(BaseModel):
    """Where the matter can be handled online instead of at a window."""

    model_config = examples(ONLINE_EXAMPLE)

    channel: str = Field(examples=["一网通办"])
    url: str = Field(examples=["https://zwdt.sh.gov.cn"])
    message: str = Field(examples=["失业登记可在一网通办在线办理，无需到窗口"])


class SlotsOut(BaseModel):
    """A hall's slots on a day, the least busy suggested."""

    model_config = examples(
        {
            "hall_code": HALL_CODE,
            "date": "2020-03-02",
            "slots": [SLOT_OUT_EXAMPLE],
            "suggested": [SLOT_OUT_EXAMPLE],
            "online_alternative": ONLINE_EXAMPLE,
        }
    )

    hall_code: str
    date: date
    slots: list[SlotOut]
    suggested: list[SlotOut] = Field(description="open slots, least busy first (share left)")
    online_alternative: OnlineAlternativeOut | None = Field(
        None, description="when the service asked about can be handled online instead"
    )


class PersonIn(BaseModel):
    """The worker a place is booked for (personal data: shown in full only to whoever booked)."""

    model_config = examples(PERSON_EXAMPLE)

    name: str = Field(min_length=1, max_length=50, examples=["王芳"])
    mobile: MobilePhone = Field(examples=["13812345678"])


class BookingIn(BaseModel):
    """A place in a slot, for a worker and a service."""

    model_config = examples(
        {"slot_id": SLOT_ID, "service": "unemployment_registration", "person": PERSON_EXAMPLE}
    )

    slot_id: uuid.UUID
    service: PublicService
    person: PersonIn


class RescheduleIn(BaseModel):
    """The slot to move a booking to."""

    model_config = examples({"slot_id": "7e1a2b3c-4d5e-4f60-8a1b-2c3d4e5f6a7b"})

    slot_id: uuid.UUID = Field(description="another slot at the same hall")


class PersonOut(BaseModel):
    """The booked worker, masked for everyone but whoever booked."""

    model_config = examples(PERSON_OUT_EXAMPLE)

    name: str
    mobile: str
    masked: bool = Field(description="masked for everyone but whoever booked")


class BookingOut(BaseModel):
    """A booking: its slot, service and person, and where else the matter can be handled."""

    model_config = examples(BOOKING_OUT_EXAMPLE)

    booking_id: uuid.UUID
    status: str = Field(examples=["booked", "cancelled"])
    hall_code: str
    service: PublicService
    service_name: str
    slot: SlotOut
    person: PersonOut
    booked_by: str
    booked_at: datetime
    online_alternative: OnlineAlternativeOut | None = None


class BookingsOut(BaseModel):
    """A hall's bookings on a day."""

    model_config = examples({"bookings": [BOOKING_OUT_EXAMPLE]})

    bookings: list[BookingOut]


def slot_out(slot: Slot) -> SlotOut:
    return SlotOut(
        slot_id=slot.slot_id,
        hall_code=slot.hall_code,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        capacity=slot.capacity,
        booked=slot.booked,
        remaining=slot.remaining,
    )


def online_out(service: PublicService) -> OnlineAlternativeOut | None:
    channel = online_alternative(service)
    if channel is None:
        return None
    return OnlineAlternativeOut(
        channel=channel.name,
        url=channel.url,
        message=f"{SERVICE_NAMES[service]}可在{channel.name}在线办理，无需到窗口: {channel.url}",
    )


def booking_out(booking: Booking, principal: Principal) -> BookingOut:
    in_full = sees_in_full(principal, booking)
    person = booking.person if in_full else booking.person.masked()
    return BookingOut(
        booking_id=booking.booking_id,
        status=booking.status.value,
        hall_code=booking.hall_code,
        service=booking.service,
        service_name=SERVICE_NAMES[booking.service],
        slot=slot_out(booking.slot),
        person=PersonOut(name=person.name, mobile=person.mobile, masked=not in_full),
        booked_by=booking.booked_by,
        booked_at=booking.booked_at,
        online_alternative=online_out(booking.service),
    )
