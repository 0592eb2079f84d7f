"""In-memory fakes of the service-hall ports (the status register, slots and bookings), with the
PostgreSQL adapters' rules: a slot never over its capacity, one booking per person, hall and day,
a reschedule that moves or changes nothing. The other ports' fakes are in `memory.py`."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from uuid import UUID

from services.gateway.domain.appointments import (
    AlreadyBooked,
    Booking,
    BookingCancelled,
    BookingStatus,
    NewBooking,
    Slot,
    SlotFull,
    SlotPassed,
    UnknownBooking,
    UnknownSlot,
)
from services.gateway.domain.service_halls import (
    Hall,
    PublicService,
    ServiceStatus,
    district_of_hall,
)


@dataclass
class InMemoryServiceRegister:
    halls_by_code: dict[str, Hall] = field(default_factory=dict)
    changes: list[ServiceStatus] = field(default_factory=list)
    """Every status set, oldest first (the history; the latest per hall and service is current)."""

    async def save_hall(self, hall: Hall, by: str) -> None:
        self.halls_by_code[hall.code] = hall

    async def hall(self, code: str) -> Hall | None:
        return self.halls_by_code.get(code)

    async def halls(self, district_code: str | None) -> list[Hall]:
        return [
            hall
            for code, hall in sorted(self.halls_by_code.items())
            if district_code in (None, hall.district_code)
        ]

    async def set_status(self, status: ServiceStatus) -> None:
        self.changes.append(status)

    async def status(self, hall_code: str, service: PublicService) -> ServiceStatus | None:
        current = self._current()
        return current.get((hall_code, service.value))

    async def statuses(self, district_code: str | None) -> list[ServiceStatus]:
        return [
            status
            for _, status in sorted(self._current().items())
            if district_code in (None, district_of_hall(status.hall_code))
        ]

    async def history(self, hall_code: str) -> list[ServiceStatus]:
        # Newest first by time; among equal times the later set first, as the identity column.
        mine = [
            (s.changed_at, n, s) for n, s in enumerate(self.changes) if s.hall_code == hall_code
        ]
        return [s for *_, s in sorted(mine, key=lambda t: (t[0], t[1]), reverse=True)]

    def _current(self) -> dict[tuple[str, str], ServiceStatus]:
        return {(s.hall_code, s.service.value): s for s in self.changes}


@dataclass
class _StoredBooking:
    booking: NewBooking
    slot_id: UUID
    status: BookingStatus
    booked_at: datetime


@dataclass
class InMemoryAppointments:
    """The same rules as the PostgreSQL adapter; one lock stands in for its row locks."""

    slots_by_id: dict[UUID, Slot] = field(default_factory=dict)
    stored: dict[UUID, _StoredBooking] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def add_slot(self, slot: Slot, by: str) -> bool:
        taken = any(
            (s.hall_code, s.starts_at) == (slot.hall_code, slot.starts_at)
            for s in self.slots_by_id.values()
        )
        if taken or slot.slot_id in self.slots_by_id:
            return False
        self.slots_by_id[slot.slot_id] = replace(slot, booked=0)
        return True

    async def slot(self, slot_id: UUID) -> Slot | None:
        return self.slots_by_id.get(slot_id)

    async def slots(self, hall_code: str, day: date) -> list[Slot]:
        return sorted(
            (s for s in self.slots_by_id.values() if s.hall_code == hall_code and s.day == day),
            key=lambda s: s.starts_at,
        )

    async def book(self, booking: NewBooking, now: datetime) -> Booking:
        async with self.lock:
            first = self._by_key(booking)
            if first is not None:
                return first
            slot = self._open_slot(booking.slot_id, now)
            self._ensure_one_a_day(booking.person.mobile, slot, booking.booking_id)
            self.slots_by_id[slot.slot_id] = replace(slot, booked=slot.booked + 1)
            self.stored[booking.booking_id] = _StoredBooking(
                booking, slot.slot_id, BookingStatus.BOOKED, now
            )
            return self._booking(booking.booking_id)

    async def booking(self, booking_id: UUID) -> Booking | None:
        return self._booking(booking_id) if booking_id in self.stored else None

    async def bookings(self, hall_code: str, day: date) -> list[Booking]:
        mine = [self._booking(b) for b in self.stored]
        return sorted(
            (b for b in mine if b.hall_code == hall_code and b.slot.day == day),
            key=lambda b: (b.slot.starts_at, b.booked_at, b.booking_id),
        )

    async def cancel(self, booking_id: UUID, by: str) -> Booking | None:
        async with self.lock:
            kept = self.stored.get(booking_id)
            if kept is None:
                return None
            if kept.status is BookingStatus.BOOKED:
                kept.status = BookingStatus.CANCELLED
                slot = self.slots_by_id[kept.slot_id]
                self.slots_by_id[slot.slot_id] = replace(slot, booked=slot.booked - 1)
            return self._booking(booking_id)

    async def reschedule(self, booking_id: UUID, slot_id: UUID, now: datetime) -> Booking:
        async with self.lock:
            kept = self.stored.get(booking_id)
            if kept is None:
                raise UnknownBooking(f"no booking {booking_id}")
            if kept.status is not BookingStatus.BOOKED:
                raise BookingCancelled
            if kept.slot_id != slot_id:
                target = self._open_slot(slot_id, now)
                self._ensure_one_a_day(kept.booking.person.mobile, target, booking_id)
                old = self.slots_by_id[kept.slot_id]
                self.slots_by_id[old.slot_id] = replace(old, booked=old.booked - 1)
                self.slots_by_id[slot_id] = replace(target, booked=target.booked + 1)
                kept.slot_id = slot_id
            return self._booking(booking_id)

    def _open_slot(self, slot_id: UUID, now: datetime) -> Slot:
        slot = self.slots_by_id.get(slot_id)
        if slot is None:
            raise UnknownSlot(f"no slot {slot_id}")
        if slot.starts_at <= now:
            raise SlotPassed
        if slot.remaining <= 0:
            raise SlotFull
        return slot

    def _ensure_one_a_day(self, mobile: str, slot: Slot, booking_id: UUID) -> None:
        for other_id, other in self.stored.items():
            other_slot = self.slots_by_id[other.slot_id]
            if (
                other_id != booking_id
                and other.status is BookingStatus.BOOKED
                and other.booking.person.mobile == mobile
                and (other_slot.hall_code, other_slot.day) == (slot.hall_code, slot.day)
            ):
                raise AlreadyBooked

    def _by_key(self, booking: NewBooking) -> Booking | None:
        if booking.idempotency_key is None:
            return None
        for booking_id, kept in self.stored.items():
            same = (kept.booking.booked_by, kept.booking.idempotency_key)
            if same == (booking.booked_by, booking.idempotency_key):
                return self._booking(booking_id)
        return None

    def _booking(self, booking_id: UUID) -> Booking:
        kept = self.stored[booking_id]
        new = kept.booking
        return Booking(
            booking_id,
            self.slots_by_id[kept.slot_id],
            new.service,
            new.booked_by,
            new.person,
            kept.status,
            kept.booked_at,
        )
