"""Off-peak appointments at service windows (seed 五(三)): officials open time slots; enterprises,
community points and employment assistants book, cancel and reschedule places for workers; a
full slot is refused with the least busy alternatives, and a matter that can be handled online
says where. Confirmations go out through notify, naming only the booking id."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from services.contracts.identifiers import SHANGHAI
from services.contracts.notifications import (
    NOTIFICATION_REQUESTED,
    NotificationRequest,
    RecipientKind,
    Template,
)
from services.contracts.topics import NOTIFY_REQUESTS
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain.access import Principal
from services.gateway.domain.appointments import (
    Booking,
    InvalidSlot,
    NewBooking,
    Person,
    Slot,
    SlotFull,
    check_new_slot,
    ensure_may_book,
    ensure_may_manage_hall,
    ensure_may_read_public_information,
    ensure_may_see_bookings,
    ensure_same_hall,
    ensure_window_open,
    may_see,
    suggest,
)
from services.gateway.domain.service_halls import (
    SERVICE_NAMES,
    PublicService,
    district_of_hall,
    online_alternative,
)
from services.gateway.publishing import publish
from services.gateway.routes.appointment_models import (
    BookingIn,
    BookingOut,
    BookingsOut,
    RescheduleIn,
    SlotIn,
    SlotOut,
    SlotsOut,
    booking_out,
    online_out,
    slot_out,
)
from services.gateway.routes.service_status import HallCode, known_hall
from services.gateway.routes.submissions import IdempotencyKey

router = APIRouter(prefix="/v1", tags=["appointments"])

BOOKING_REQUEST = "gateway.booking"
"""The kind of request an Idempotency-Key of a booking is claimed for."""
_NOTICES = uuid.UUID("0b5c3e0e-2f7d-4b0a-8d3e-20200305f3a1")
"""Namespace of the keys that make each booking's notices one notice however often asked."""


@router.post("/service-halls/{code}/slots", status_code=status.HTTP_201_CREATED)
async def open_slot(
    code: HallCode, body: SlotIn, principal: PrincipalDep, resources: ResourcesDep
) -> SlotOut:
    """Open a time slot at a hall with a capacity (its district's officials)."""
    ensure_may_manage_hall(principal, code)
    hall = await known_hall(resources, code)
    slot = Slot(uuid.uuid4(), code, body.starts_at, body.ends_at, body.capacity)
    try:
        check_new_slot(hall, slot, datetime.now(SHANGHAI))
    except InvalidSlot as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
    if not await resources.appointments.add_slot(slot, principal.id):
        raise HTTPException(status.HTTP_409_CONFLICT, "the hall has a slot starting then")
    return slot_out(slot)


@router.get("/service-halls/{code}/slots")
async def slots(
    code: HallCode,
    principal: PrincipalDep,
    resources: ResourcesDep,
    day: Annotated[date, Query(alias="date", description="Shanghai calendar day")],
    service: PublicService | None = None,
) -> SlotsOut:
    """A hall's slots on a day with the places left, and the least busy ones suggested."""
    ensure_may_read_public_information(principal)
    await known_hall(resources, code)
    found = await resources.appointments.slots(code, day)
    return SlotsOut(
        hall_code=code,
        date=day,
        slots=[slot_out(s) for s in found],
        suggested=[slot_out(s) for s in suggest(found, datetime.now(SHANGHAI))],
        online_alternative=online_out(service) if service else None,
    )


@router.post("/bookings", status_code=status.HTTP_201_CREATED)
async def book(
    body: BookingIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> BookingOut:
    """Book a place for a worker; a full slot is refused (409) with the least busy alternatives."""
    ensure_may_see_bookings(principal)
    slot = await resources.appointments.slot(body.slot_id)
    if slot is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no slot {body.slot_id}")
    ensure_may_book(principal, slot.hall_code)
    status_now = await resources.service_register.status(slot.hall_code, body.service)
    ensure_window_open(status_now, body.service, slot.day)
    if idempotency_key is not None:  # a key reused for another booking is refused, not merged
        await resources.idempotency_keys.claim(principal.id, BOOKING_REQUEST, idempotency_key, body)
    new = NewBooking(
        uuid.uuid4(),
        slot.slot_id,
        body.service,
        principal.id,
        Person(body.person.name, body.person.mobile),
        idempotency_key,
    )
    booking = await _with_alternatives(resources, slot, resources.appointments.book(new, _now()))
    await _notify(resources, principal, booking, Template.APPOINTMENT_BOOKED)
    return booking_out(booking, principal)


@router.get("/bookings/{booking_id}")
async def booking(
    booking_id: uuid.UUID, principal: PrincipalDep, resources: ResourcesDep
) -> BookingOut:
    """A booking, to whoever booked it (in full) and its hall's officials (masked)."""
    return booking_out(await _visible(resources, principal, booking_id), principal)


@router.delete("/bookings/{booking_id}")
async def cancel(
    booking_id: uuid.UUID, principal: PrincipalDep, resources: ResourcesDep
) -> BookingOut:
    """Cancel a booking and free its place (whoever booked it, or its hall's officials); the
    booking is kept, cancelled, and answered."""
    await _visible(resources, principal, booking_id)
    cancelled = await resources.appointments.cancel(booking_id, principal.id)
    if cancelled is None:  # pragma: no cover - seen a moment ago; bookings are never deleted
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no booking {booking_id} in your scope")
    await _notify(resources, principal, cancelled, Template.APPOINTMENT_CANCELLED)
    return booking_out(cancelled, principal)


@router.post("/bookings/{booking_id}/reschedule")
async def reschedule(
    booking_id: uuid.UUID, body: RescheduleIn, principal: PrincipalDep, resources: ResourcesDep
) -> BookingOut:
    """Move a booking to another slot of its hall: the new place taken and the old freed, or
    nothing (409 with the least busy alternatives when the new one is full)."""
    current = await _visible(resources, principal, booking_id)
    target = await resources.appointments.slot(body.slot_id)
    if target is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no slot {body.slot_id}")
    ensure_same_hall(current, target)
    status_now = await resources.service_register.status(target.hall_code, current.service)
    ensure_window_open(status_now, current.service, target.day)
    moved = await _with_alternatives(
        resources, target, resources.appointments.reschedule(booking_id, target.slot_id, _now())
    )
    if moved.slot.slot_id != current.slot.slot_id:
        await _notify(resources, principal, moved, Template.APPOINTMENT_RESCHEDULED)
    return booking_out(moved, principal)


@router.get("/service-halls/{code}/bookings")
async def hall_bookings(
    code: HallCode,
    principal: PrincipalDep,
    resources: ResourcesDep,
    day: Annotated[date, Query(alias="date", description="Shanghai calendar day")],
) -> BookingsOut:
    """A hall's bookings on a day, people masked (its district's officials)."""
    ensure_may_manage_hall(principal, code)
    await known_hall(resources, code)
    found = await resources.appointments.bookings(code, day)
    return BookingsOut(bookings=[booking_out(b, principal) for b in found])


async def _visible(resources: ResourcesDep, principal: Principal, booking_id: uuid.UUID) -> Booking:
    """The booking if the caller may see it; otherwise 404 exactly as for an unknown one."""
    ensure_may_see_bookings(principal)
    found = await resources.appointments.booking(booking_id)
    if found is None or not may_see(principal, found):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no booking {booking_id} in your scope")
    return found


async def _with_alternatives(
    resources: ResourcesDep, slot: Slot, attempt: Awaitable[Booking]
) -> Booking:
    """A full slot is refused with the least busy slots of its hall that day instead."""
    try:
        return await attempt
    except SlotFull:
        others = await resources.appointments.slots(slot.hall_code, slot.day)
        raise SlotFull(suggest(others, _now())) from None


def _now() -> datetime:
    return datetime.now(SHANGHAI)


async def _notify(
    resources: ResourcesDep, principal: Principal, booking: Booking, template: Template
) -> str:
    """Ask notify to tell the person; it reads the contact from gateway.appointment_contacts_v.

    The idempotency key is derived from the booking, template and slot, so asking again (a retry,
    a second cancellation) is the same event, which notify sends once.
    """
    start = booking.slot.starts_at.astimezone(SHANGHAI)
    channel = online_alternative(booking.service)
    eve = datetime.combine(start.date() - timedelta(days=1), time(18), SHANGHAI)
    request = NotificationRequest(
        recipient_kind=RecipientKind.BOOKING,
        recipient=str(booking.booking_id),
        template=template,
        parameters={
            "hall": booking.hall_code,
            "service_name": SERVICE_NAMES[booking.service],
            "starts_at": start.isoformat(),
            "ends_at": booking.slot.ends_at.astimezone(SHANGHAI).isoformat(),
            "remind_at": eve.isoformat(),
            "online_url": channel.url if channel else "",
        },
        requested_by="gateway",
    )
    key = uuid.uuid5(_NOTICES, f"{booking.booking_id}|{template.value}|{booking.slot.slot_id}")
    return await publish(
        resources,
        principal,
        NOTIFY_REQUESTS,
        event_type=NOTIFICATION_REQUESTED,
        subject=str(booking.booking_id),
        data=request,
        idempotency_key=key,
        district_code=district_of_hall(booking.hall_code),
    )
