"""Off-peak appointments at service windows (seed 五(三) 预约"错峰"服务): halls open time slots with
a capacity each; people are booked into them, never beyond it; the least busy slots are suggested.

Pure: the adapters enforce the capacity under concurrency, these rules say what may be asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from services.contracts.identifiers import SHANGHAI
from services.gateway.domain.access import Forbidden, Principal, PrincipalKind
from services.gateway.domain.service_halls import (
    SERVICE_NAMES,
    STATE_NAMES,
    Hall,
    PublicService,
    ServiceStatus,
    district_of_hall,
)

MAX_CAPACITY = 500
SHORTEST_SLOT = timedelta(minutes=10)


class InvalidSlot(ValueError):
    """A slot that breaks a rule (hours, capacity, past); the message names the rule."""


class AppointmentRefused(Exception):
    """A booking, cancellation or reschedule that cannot be done now (answered 409)."""

    def __init__(self, detail: str, suggested: Sequence[Slot] = ()) -> None:
        super().__init__(detail)
        self.detail = detail
        self.suggested = tuple(suggested)


class SlotFull(AppointmentRefused):
    def __init__(self, suggested: Sequence[Slot] = ()) -> None:
        super().__init__(
            "该时段已约满 (the slot is full); choose one of the suggested slots", suggested
        )


class AlreadyBooked(AppointmentRefused):
    def __init__(self) -> None:
        super().__init__(
            "此人当天在该大厅已有预约 (one active booking per person, hall and day); "
            "cancel or reschedule that one"
        )


class SlotPassed(AppointmentRefused):
    def __init__(self) -> None:
        super().__init__("该时段已开始或已过 (the slot has begun or passed); choose a later one")


class BookingCancelled(AppointmentRefused):
    def __init__(self) -> None:
        super().__init__("该预约已取消 (the booking was cancelled); book a new one")


class UnknownSlot(LookupError):
    pass


class UnknownBooking(LookupError):
    pass


class BookingStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Slot:
    slot_id: UUID
    hall_code: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    booked: int = 0

    @property
    def remaining(self) -> int:
        return self.capacity - self.booked

    @property
    def day(self) -> date:
        return local_day(self.starts_at)


def local_day(instant: datetime) -> date:
    """The Shanghai calendar day of an instant: a booking's "day" for the one-a-day rule."""
    return instant.astimezone(SHANGHAI).date()


def check_new_slot(hall: Hall, slot: Slot, now: datetime) -> Slot:
    """A slot lies within one day's opening hours, in the future, for at least one person."""
    start, end = slot.starts_at.astimezone(SHANGHAI), slot.ends_at.astimezone(SHANGHAI)
    if slot.hall_code != hall.code:
        raise InvalidSlot("a slot belongs to the hall it is created at")
    if end - start < SHORTEST_SLOT:
        raise InvalidSlot("a slot ends at least 10 minutes after it starts")
    if start.date() != end.date():
        raise InvalidSlot("a slot starts and ends on the same day")
    if start.time() < hall.opens_at or end.time() > hall.closes_at:
        raise InvalidSlot(
            f"a slot lies within the hall's opening hours, "
            f"{hall.opens_at:%H:%M}-{hall.closes_at:%H:%M} (Asia/Shanghai)"
        )
    if not 1 <= slot.capacity <= MAX_CAPACITY:
        raise InvalidSlot(f"a slot's capacity is 1 to {MAX_CAPACITY}")
    if slot.starts_at <= now:
        raise InvalidSlot("a slot starts in the future")
    return slot


@dataclass(frozen=True)
class Person:
    """The person who will come to the window. Personal data: never logged, masked in answers."""

    name: str
    mobile: str
    """E.164, normalised at the edge."""

    def masked(self) -> Person:
        return Person(mask_name(self.name), mask_mobile(self.mobile))


def mask_name(name: str) -> str:
    """王芳 → 王*, 欧阳明华 → 欧***: enough for a window clerk to match, not to identify."""
    return name[:1] + "*" * max(len(name) - 1, 1)


def mask_mobile(mobile: str) -> str:
    """+8613812345678 → +86138****5678."""
    return mobile[:-8] + "****" + mobile[-4:] if len(mobile) > 8 else "****"


@dataclass(frozen=True)
class NewBooking:
    booking_id: UUID
    slot_id: UUID
    service: PublicService
    booked_by: str
    """The principal id of whoever booked (an enterprise, a point, an assistant)."""
    person: Person
    idempotency_key: UUID | None = None
    """A retry with the same key gets the same booking, counted once."""


@dataclass(frozen=True)
class Booking:
    booking_id: UUID
    slot: Slot
    service: PublicService
    booked_by: str
    person: Person
    status: BookingStatus
    booked_at: datetime

    @property
    def hall_code(self) -> str:
        return self.slot.hall_code

    @property
    def active(self) -> bool:
        return self.status is BookingStatus.BOOKED


BOOKERS = frozenset(
    {PrincipalKind.ENTERPRISE, PrincipalKind.COMMUNITY_POINT, PrincipalKind.ASSISTANT}
)
"""Who books for workers: their enterprise, their community point, or an employment assistant."""


def ensure_may_book(principal: Principal, hall_code: str) -> None:
    """Enterprises and points book at any hall; assistants for workers of their own district."""
    if principal.kind not in BOOKERS:
        raise Forbidden(
            "appointments are booked by enterprises, community points and employment assistants"
        )
    if principal.kind is PrincipalKind.ASSISTANT and district_of_hall(hall_code) != (
        principal.district_code
    ):
        raise Forbidden(f"this API key books at halls of district {principal.district_code} only")


def ensure_may_manage_hall(principal: Principal, hall_code: str) -> None:
    """Halls, their slots and statuses are run by their district's officials (or the city's)."""
    if principal.kind is not PrincipalKind.OFFICIAL:
        raise Forbidden("service halls are managed by their district bureau")
    if principal.district_code not in (None, district_of_hall(hall_code)):
        raise Forbidden(f"this API key manages halls of district {principal.district_code} only")


def ensure_may_read_public_information(principal: Principal) -> None:
    """Statuses, halls and slots are public; operations keys read metrics only."""
    if principal.kind is PrincipalKind.OPERATIONS:
        raise Forbidden("operations keys read the metrics only")


def ensure_may_see_bookings(principal: Principal) -> None:
    """Only those who book, and officials, ever see a booking (others are told so, not 404)."""
    if principal.kind not in BOOKERS | {PrincipalKind.OFFICIAL}:
        raise Forbidden("bookings are seen by who booked them and their hall's officials")


def may_see(principal: Principal, booking: Booking) -> bool:
    """Who booked it, or an official of its hall's district (or the city)."""
    return principal.id == booking.booked_by or _official_of(principal, booking.hall_code)


def sees_in_full(principal: Principal, booking: Booking) -> bool:
    """Only who booked sees the person's name and mobile unmasked."""
    return principal.id == booking.booked_by


def _official_of(principal: Principal, hall_code: str) -> bool:
    return principal.kind is PrincipalKind.OFFICIAL and principal.district_code in (
        None,
        district_of_hall(hall_code),
    )


def ensure_window_open(status: ServiceStatus | None, service: PublicService, day: date) -> None:
    """A service that is suspended or online-only at the hall that day cannot be booked there."""
    if status is None or status.window_open_on(day):
        return
    where = f"; 可在线办理: {status.online_url}" if status.online_url else ""
    raise AppointmentRefused(
        f"该大厅{SERVICE_NAMES[service]}窗口{STATE_NAMES[status.state]} "
        f"(the service is {status.state.value} at this hall on that day){where}"
    )


def suggest(slots: Iterable[Slot], now: datetime, limit: int = 3) -> list[Slot]:
    """Open future slots, least busy first (largest share left), earlier first among equals.

    By share, not count: 5 left of 6 is quieter at the window than 8 left of 20.
    """
    open_slots = [s for s in slots if s.remaining > 0 and s.starts_at > now]
    return sorted(open_slots, key=lambda s: (-s.remaining / s.capacity, s.starts_at))[:limit]


def ensure_same_hall(booking: Booking, slot: Slot) -> None:
    """A reschedule moves to another time at the same hall; another hall is a new booking."""
    if slot.hall_code != booking.hall_code:
        raise AppointmentRefused(
            "改约只能改到同一大厅的其他时段 (reschedule within the same hall); "
            "for another hall cancel and book again"
        )
