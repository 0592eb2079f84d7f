"""Appointment slots and bookings in the gateway's schema, never overbooked under concurrency.

A place is taken by `UPDATE … SET booked = booked + 1 WHERE booked < capacity` in the transaction
that inserts the booking: PostgreSQL re-checks the condition on the row's latest version after
waiting for its lock, so of any number of concurrent bookings exactly `capacity` find a place.
A reschedule locks both slots in one order (no deadlock between crossing reschedules) and moves
the booking in one transaction: the new place taken and the old freed, or nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from uuid import UUID

import asyncpg

from services.contracts.identifiers import SHANGHAI
from services.gateway.domain.appointments import (
    AlreadyBooked,
    Booking,
    BookingCancelled,
    BookingStatus,
    NewBooking,
    Person,
    Slot,
    SlotFull,
    SlotPassed,
    UnknownBooking,
    UnknownSlot,
)
from services.gateway.domain.service_halls import PublicService
from services.platform.postgres import Connection

_SLOT = "s.slot_id, s.hall_code, s.starts_at, s.ends_at, s.capacity, s.booked"
_BOOKING = (
    "SELECT b.booking_id, b.service, b.booked_by, b.person_name, b.mobile, b.status, b.booked_at, "
    "s.slot_id, s.hall_code, s.starts_at, s.ends_at, s.capacity, s.booked "
    "FROM gateway.bookings b JOIN gateway.appointment_slots s USING (slot_id)"
)
_RETRY_CONSTRAINT = "a_retry_is_the_same_booking"


class _SameRequestAtOnce(Exception):
    """The same retry arrived twice at once; the other one's booking stands."""


class PostgresAppointments:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add_slot(self, slot: Slot, by: str) -> bool:
        status: str = await self._pool.execute(
            "INSERT INTO gateway.appointment_slots (slot_id, hall_code, starts_at, ends_at, "
            "capacity, created_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            slot.slot_id,
            slot.hall_code,
            slot.starts_at,
            slot.ends_at,
            slot.capacity,
            by,
            timeout=5,
        )
        return status == "INSERT 0 1"

    async def slot(self, slot_id: UUID) -> Slot | None:
        row = await self._pool.fetchrow(
            f"SELECT {_SLOT} FROM gateway.appointment_slots s WHERE s.slot_id = $1",  # noqa: S608
            slot_id,
            timeout=5,
        )
        return None if row is None else _slot(row)

    async def slots(self, hall_code: str, day: date) -> list[Slot]:
        start, end = _bounds(day)
        rows = await self._pool.fetch(
            f"SELECT {_SLOT} FROM gateway.appointment_slots s "  # noqa: S608
            "WHERE s.hall_code = $1 AND s.starts_at >= $2 AND s.starts_at < $3 "
            "ORDER BY s.starts_at",
            hall_code,
            start,
            end,
            timeout=5,
        )
        return [_slot(row) for row in rows]

    async def book(self, booking: NewBooking, now: datetime) -> Booking:
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                return await self._book(conn, booking, now)
        except _SameRequestAtOnce:
            first = await self._by_key(booking)
            if first is None:  # pragma: no cover - the other transaction committed its booking
                raise
            return first

    async def _book(self, conn: Connection, new: NewBooking, now: datetime) -> Booking:
        if new.idempotency_key is not None:
            first = await self._by_key(new, conn)
            if first is not None:
                return first
        taken = await conn.fetchrow(
            "UPDATE gateway.appointment_slots s SET booked = booked + 1 "
            "WHERE s.slot_id = $1 AND s.booked < s.capacity AND s.starts_at > $2 "
            "RETURNING s.slot_id, s.hall_code, s.starts_at, s.ends_at, s.capacity, s.booked",
            new.slot_id,
            now,
            timeout=10,
        )
        if taken is None:
            raise await _refusal(conn, new.slot_id, now)
        slot = _slot(taken)
        try:
            await conn.execute(
                "INSERT INTO gateway.bookings (booking_id, slot_id, hall_code, day, service, "
                "booked_by, person_name, mobile, status, idempotency_key, booked_at) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'booked', $9, $10)",
                new.booking_id,
                slot.slot_id,
                slot.hall_code,
                slot.day,
                new.service.value,
                new.booked_by,
                new.person.name,
                new.person.mobile,
                new.idempotency_key,
                now,
                timeout=10,
            )
        except asyncpg.UniqueViolationError as exc:  # the transaction, place included, rolls back
            if exc.constraint_name == _RETRY_CONSTRAINT:
                raise _SameRequestAtOnce from None
            raise AlreadyBooked from None
        return Booking(
            new.booking_id, slot, new.service, new.booked_by, new.person, BookingStatus.BOOKED, now
        )

    async def _by_key(self, new: NewBooking, conn: Connection | None = None) -> Booking | None:
        row = await (conn or self._pool).fetchrow(
            f"{_BOOKING} WHERE b.booked_by = $1 AND b.idempotency_key = $2",
            new.booked_by,
            new.idempotency_key,
            timeout=5,
        )
        return None if row is None else _booking(row)

    async def booking(self, booking_id: UUID) -> Booking | None:
        row = await self._pool.fetchrow(
            f"{_BOOKING} WHERE b.booking_id = $1", booking_id, timeout=5
        )
        return None if row is None else _booking(row)

    async def bookings(self, hall_code: str, day: date) -> list[Booking]:
        rows = await self._pool.fetch(
            f"{_BOOKING} WHERE b.hall_code = $1 AND b.day = $2 "
            "ORDER BY s.starts_at, b.booked_at, b.booking_id",
            hall_code,
            day,
            timeout=5,
        )
        return [_booking(row) for row in rows]

    async def cancel(self, booking_id: UUID, by: str) -> Booking | None:
        async with self._pool.acquire() as conn, conn.transaction():
            slot_id = await conn.fetchval(
                "UPDATE gateway.bookings SET status = 'cancelled', cancelled_by = $2, "
                "cancelled_at = now() WHERE booking_id = $1 AND status = 'booked' "
                "RETURNING slot_id",
                booking_id,
                by,
                timeout=10,
            )
            if slot_id is not None:
                await conn.execute(
                    "UPDATE gateway.appointment_slots SET booked = booked - 1 WHERE slot_id = $1",
                    slot_id,
                    timeout=10,
                )
            row = await conn.fetchrow(f"{_BOOKING} WHERE b.booking_id = $1", booking_id)
        return None if row is None else _booking(row)

    async def reschedule(self, booking_id: UUID, slot_id: UUID, now: datetime) -> Booking:
        async with self._pool.acquire() as conn, conn.transaction():
            current = await conn.fetchrow(
                "SELECT slot_id, status FROM gateway.bookings WHERE booking_id = $1 FOR UPDATE",
                booking_id,
                timeout=10,
            )
            if current is None:
                raise UnknownBooking(f"no booking {booking_id}")
            if current["status"] != BookingStatus.BOOKED:
                raise BookingCancelled
            if current["slot_id"] != slot_id:
                await _move(conn, booking_id, current["slot_id"], slot_id, now)
            moved = await conn.fetchrow(f"{_BOOKING} WHERE b.booking_id = $1", booking_id)
        if moved is None:  # pragma: no cover - locked above, it cannot have gone
            raise UnknownBooking(f"no booking {booking_id}")
        return _booking(moved)


async def _move(conn: Connection, booking_id: UUID, old: UUID, new: UUID, now: datetime) -> None:
    # Both slots locked in slot-id order: reschedules crossing each other wait, never deadlock.
    rows = await conn.fetch(
        f"SELECT {_SLOT} FROM gateway.appointment_slots s "  # noqa: S608
        "WHERE s.slot_id = ANY($1::uuid[]) ORDER BY s.slot_id FOR UPDATE",
        [old, new],
        timeout=10,
    )
    target = next((_slot(r) for r in rows if r["slot_id"] == new), None)
    if target is None:
        raise UnknownSlot(f"no slot {new}")
    if target.starts_at <= now:
        raise SlotPassed
    if target.remaining <= 0:
        raise SlotFull
    await conn.execute(
        "UPDATE gateway.appointment_slots SET booked = booked + CASE WHEN slot_id = $1 THEN 1 "
        "ELSE -1 END WHERE slot_id = ANY(ARRAY[$1, $2]::uuid[])",
        new,
        old,
        timeout=10,
    )
    try:
        await conn.execute(
            "UPDATE gateway.bookings SET slot_id = $2, hall_code = $3, day = $4 "
            "WHERE booking_id = $1",
            booking_id,
            new,
            target.hall_code,
            target.day,
            timeout=10,
        )
    except asyncpg.UniqueViolationError:
        raise AlreadyBooked from None


async def _refusal(conn: Connection, slot_id: UUID, now: datetime) -> Exception:
    """Why no place was taken: no such slot, it has begun, or it is full."""
    starts_at = await conn.fetchval(
        "SELECT starts_at FROM gateway.appointment_slots WHERE slot_id = $1", slot_id, timeout=5
    )
    if starts_at is None:
        return UnknownSlot(f"no slot {slot_id}")
    return SlotPassed() if starts_at <= now else SlotFull()


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), SHANGHAI)
    return start, start + timedelta(days=1)


def _slot(row: asyncpg.Record) -> Slot:
    return Slot(
        row["slot_id"],
        row["hall_code"],
        row["starts_at"],
        row["ends_at"],
        row["capacity"],
        row["booked"],
    )


def _booking(row: asyncpg.Record) -> Booking:
    return Booking(
        booking_id=row["booking_id"],
        slot=_slot(row),
        service=PublicService(row["service"]),
        booked_by=row["booked_by"],
        person=Person(row["person_name"], row["mobile"]),
        status=BookingStatus(row["status"]),
        booked_at=row["booked_at"],
    )
