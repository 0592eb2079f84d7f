"""One suite for the service-status register and appointment ports, run against the in-memory
fakes the route tests use and the PostgreSQL adapters: the fakes cannot drift, and on PostgreSQL
a slot is shown never to be overbooked however many book or reschedule at once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import asyncpg
import pytest
import pytest_asyncio

from services.contracts.identifiers import SHANGHAI
from services.gateway.adapters.appointments import PostgresAppointments
from services.gateway.adapters.memory_halls import InMemoryAppointments, InMemoryServiceRegister
from services.gateway.adapters.service_register import PostgresServiceRegister
from services.gateway.app import SCHEMA
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
    UnknownSlot,
)
from services.gateway.domain.service_halls import (
    ONE_NET_URL,
    Hall,
    PublicService,
    ServiceState,
    ServiceStatus,
)
from services.gateway.ports import Appointments, ServiceRegister
from services.platform.migrations import migrate
from services.platform.postgres import open_pool

pytestmark = pytest.mark.integration

PUDONG = Hall("310115-001", "浦东新区就业促进中心", "上海市浦东新区合欢路2号")
PUDONG_EAST = Hall("310115-002", "浦东新区川沙人力资源服务窗口", "上海市浦东新区川沙路1号")
XUHUI = Hall(
    "310104-001", "徐汇区就业促进中心", "上海市徐汇区南宁路969号", time(8, 30), time(16, 30)
)
OFFICIAL = "official:310115"
ENTERPRISE = "enterprise:91310115000000010X"
DAY = date.today() + timedelta(days=7)
NOW = datetime.now(SHANGHAI)


@dataclass
class Stores:
    register: ServiceRegister
    appointments: Appointments
    pool: asyncpg.Pool | None = None


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def stores(request: pytest.FixtureRequest, database: str) -> AsyncIterator[Stores]:
    if request.param == "memory":
        register = InMemoryServiceRegister()
        chosen = Stores(register, InMemoryAppointments())
        for hall in (PUDONG, PUDONG_EAST, XUHUI):
            await register.save_hall(hall, OFFICIAL)
        yield chosen
        return
    pool = await open_pool(database, max_size=20)
    await migrate(pool, SCHEMA, "services.gateway")
    chosen = Stores(PostgresServiceRegister(pool), PostgresAppointments(pool), pool)
    for hall in (PUDONG, PUDONG_EAST, XUHUI):
        await chosen.register.save_hall(hall, OFFICIAL)
    yield chosen
    await pool.close()


def _at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), SHANGHAI)


async def _slot(
    stores: Stores, hour: int, capacity: int = 10, hall: Hall = PUDONG, day: date = DAY
) -> Slot:
    slot = Slot(uuid.uuid4(), hall.code, _at(hour, day=day), _at(hour, 30, day=day), capacity)
    assert await stores.appointments.add_slot(slot, OFFICIAL)
    return slot


def _mobile(n: int) -> str:
    return f"+86138{n:08d}"


def _new(slot: Slot, n: int = 1, key: uuid.UUID | None = None) -> NewBooking:
    return NewBooking(
        uuid.uuid4(),
        slot.slot_id,
        PublicService.UNEMPLOYMENT_REGISTRATION,
        ENTERPRISE,
        Person("王芳", _mobile(n)),
        key,
    )


async def _counted(stores: Stores, slot: Slot) -> tuple[int, int]:
    """The slot's booked count, and the active bookings in it counted from the bookings."""
    current = await stores.appointments.slot(slot.slot_id)
    assert current is not None
    active = [
        b
        for b in await stores.appointments.bookings(slot.hall_code, slot.day)
        if b.active and b.slot.slot_id == slot.slot_id
    ]
    return current.booked, len(active)


async def test_halls_are_saved_replaced_and_listed_by_district(stores: Stores) -> None:
    renamed = Hall(PUDONG.code, "浦东新区公共就业服务中心", PUDONG.address, time(8, 30), time(17))
    await stores.register.save_hall(renamed, OFFICIAL)

    assert await stores.register.hall(PUDONG.code) == renamed
    assert await stores.register.hall("310115-009") is None
    assert [h.code for h in await stores.register.halls("310115")] == ["310115-001", "310115-002"]
    assert [h.code for h in await stores.register.halls(None)] == [
        "310104-001",
        "310115-001",
        "310115-002",
    ]


async def test_a_status_change_becomes_current_and_is_kept_in_the_history(stores: Stores) -> None:
    t0 = datetime(2020, 2, 3, 9, tzinfo=SHANGHAI)
    suspended = ServiceStatus(
        PUDONG.code, PublicService.SKILLS_TRAINING, ServiceState.SUSPENDED, OFFICIAL, t0
    )
    online = ServiceStatus(
        PUDONG.code,
        PublicService.SKILLS_TRAINING,
        ServiceState.ONLINE_ONLY,
        OFFICIAL,
        t0 + timedelta(days=7),
        online_url=ONE_NET_URL,
        note="线上职业培训",
    )
    resumed = ServiceStatus(
        PUDONG.code,
        PublicService.SKILLS_TRAINING,
        ServiceState.RESUMED,
        "official:city",
        t0 + timedelta(days=30),
        resumes_on=date(2020, 3, 9),
    )
    elsewhere = ServiceStatus(
        XUHUI.code, PublicService.JOB_INTRODUCTION, ServiceState.SUSPENDED, "official:310104", t0
    )
    for status in (suspended, online, resumed, elsewhere):
        await stores.register.set_status(status)

    assert await stores.register.status(PUDONG.code, PublicService.SKILLS_TRAINING) == resumed
    assert await stores.register.status(PUDONG.code, PublicService.JOB_INTRODUCTION) is None
    assert await stores.register.statuses("310115") == [resumed]
    assert await stores.register.statuses(None) == [elsewhere, resumed]
    assert await stores.register.history(PUDONG.code) == [resumed, online, suspended]


async def test_a_hall_has_one_slot_per_start_and_lists_a_day_s_slots_by_time(
    stores: Stores,
) -> None:
    afternoon, morning = await _slot(stores, 14), await _slot(stores, 9)
    await _slot(stores, 9, day=DAY + timedelta(days=1))
    duplicate = Slot(uuid.uuid4(), PUDONG.code, morning.starts_at, morning.ends_at, 5)

    assert not await stores.appointments.add_slot(duplicate, OFFICIAL)
    assert await stores.appointments.slots(PUDONG.code, DAY) == [morning, afternoon]
    assert await stores.appointments.slot(uuid.uuid4()) is None


async def test_a_booking_takes_a_place_and_a_cancellation_frees_it_once(stores: Stores) -> None:
    slot = await _slot(stores, 9, capacity=2)

    booked = await stores.appointments.book(_new(slot), NOW)
    assert (booked.status, booked.slot.booked, booked.person.mobile) == (
        BookingStatus.BOOKED,
        1,
        _mobile(1),
    )
    assert await stores.appointments.booking(booked.booking_id) == booked

    cancelled = await stores.appointments.cancel(booked.booking_id, ENTERPRISE)
    again = await stores.appointments.cancel(booked.booking_id, ENTERPRISE)
    assert cancelled is not None
    assert again is not None
    assert (cancelled.status, again.slot.booked) == (BookingStatus.CANCELLED, 0)
    assert await stores.appointments.cancel(uuid.uuid4(), ENTERPRISE) is None
    assert await _counted(stores, slot) == (0, 0)


async def test_a_full_a_passed_or_an_unknown_slot_is_refused_and_nothing_is_counted(
    stores: Stores,
) -> None:
    slot = await _slot(stores, 9, capacity=1)
    await stores.appointments.book(_new(slot, 1), NOW)

    with pytest.raises(SlotFull, match="已约满"):
        await stores.appointments.book(_new(slot, 2), NOW)
    with pytest.raises(SlotPassed):
        await stores.appointments.book(_new(slot, 3), slot.starts_at)
    with pytest.raises(UnknownSlot):
        await stores.appointments.book(_new(Slot(uuid.uuid4(), PUDONG.code, NOW, NOW, 1)), NOW)
    assert await _counted(stores, slot) == (1, 1)


async def test_one_active_booking_per_person_hall_and_day(stores: Stores) -> None:
    morning, afternoon = await _slot(stores, 9), await _slot(stores, 14)
    other_hall = await _slot(stores, 9, hall=PUDONG_EAST)
    first = await stores.appointments.book(_new(morning, 1), NOW)

    with pytest.raises(AlreadyBooked, match="one active booking"):
        await stores.appointments.book(_new(afternoon, 1), NOW)
    await stores.appointments.book(_new(other_hall, 1), NOW)  # another hall: allowed
    await stores.appointments.cancel(first.booking_id, ENTERPRISE)
    await stores.appointments.book(_new(afternoon, 1), NOW)  # the first was cancelled
    assert await _counted(stores, morning) == (0, 0)
    assert await _counted(stores, afternoon) == (1, 1)


async def test_a_retry_with_the_same_idempotency_key_is_the_same_booking_counted_once(
    stores: Stores,
) -> None:
    slot = await _slot(stores, 9)
    key = uuid.uuid4()

    first = await stores.appointments.book(_new(slot, 1, key), NOW)
    again = await stores.appointments.book(_new(slot, 1, key), NOW)

    assert again.booking_id == first.booking_id
    assert await _counted(stores, slot) == (1, 1)


async def test_a_reschedule_takes_the_new_place_and_frees_the_old_or_changes_nothing(
    stores: Stores,
) -> None:
    morning, afternoon = await _slot(stores, 9), await _slot(stores, 14, capacity=1)
    mine = await stores.appointments.book(_new(morning, 1), NOW)

    moved = await stores.appointments.reschedule(mine.booking_id, afternoon.slot_id, NOW)
    assert (moved.slot.slot_id, moved.slot.booked) == (afternoon.slot_id, 1)
    assert await _counted(stores, morning) == (0, 0)

    theirs = await stores.appointments.book(_new(morning, 2), NOW)
    with pytest.raises(SlotFull):
        await stores.appointments.reschedule(theirs.booking_id, afternoon.slot_id, NOW)
    assert await _counted(stores, morning) == (1, 1)  # nothing moved
    assert await _counted(stores, afternoon) == (1, 1)

    await stores.appointments.cancel(theirs.booking_id, ENTERPRISE)
    with pytest.raises(BookingCancelled):
        await stores.appointments.reschedule(theirs.booking_id, morning.slot_id, NOW)


async def test_a_reschedule_to_another_day_keeps_one_booking_per_person_and_day(
    stores: Stores,
) -> None:
    today_slot = await _slot(stores, 9)
    next_day = DAY + timedelta(days=1)
    next_morning, next_afternoon = (
        await _slot(stores, 9, day=next_day),
        await _slot(stores, 14, day=next_day),
    )
    moving = await stores.appointments.book(_new(today_slot, 1), NOW)
    await stores.appointments.book(_new(next_morning, 1), NOW)

    with pytest.raises(AlreadyBooked):
        await stores.appointments.reschedule(moving.booking_id, next_afternoon.slot_id, NOW)
    assert await _counted(stores, today_slot) == (1, 1)
    assert await _counted(stores, next_afternoon) == (0, 0)


async def _outcomes(attempts: Sequence[Awaitable[Booking]]) -> tuple[list[Booking], list[object]]:
    results = await asyncio.gather(*attempts, return_exceptions=True)
    return (
        [r for r in results if isinstance(r, Booking)],
        [r for r in results if not isinstance(r, Booking)],
    )


async def test_200_concurrent_bookings_for_10_places_exactly_10_succeed_190_are_refused(
    stores: Stores,
) -> None:
    slot = await _slot(stores, 10, capacity=10)
    attempts = [
        asyncio.ensure_future(stores.appointments.book(_new(slot, n), NOW)) for n in range(200)
    ]

    booked, refused = await _outcomes(attempts)

    assert len(booked) == 10
    assert len(refused) == 190
    assert all(isinstance(r, SlotFull) for r in refused), {type(r).__name__ for r in refused}
    assert await _counted(stores, slot) == (10, 10)
    if stores.pool is not None:  # and in the tables themselves
        in_table = await stores.pool.fetchval(
            "SELECT count(*) FROM gateway.bookings WHERE slot_id = $1 AND status = 'booked'",
            slot.slot_id,
        )
        assert in_table == 10


async def test_concurrent_reschedules_into_one_slot_fill_it_and_no_more(stores: Stores) -> None:
    target = await _slot(stores, 15, capacity=10)
    sources = [await _slot(stores, 9, capacity=20), await _slot(stores, 11, capacity=20)]
    booked = [await stores.appointments.book(_new(sources[n % 2], n), NOW) for n in range(40)]
    attempts = [
        asyncio.ensure_future(stores.appointments.reschedule(b.booking_id, target.slot_id, NOW))
        for b in booked
    ]

    moved, refused = await _outcomes(attempts)

    assert len(moved) == 10
    assert len(refused) == 30
    assert all(isinstance(r, SlotFull) for r in refused)
    assert await _counted(stores, target) == (10, 10)
    left = [await _counted(stores, s) for s in sources]
    assert sum(count for count, _ in left) == 30
    assert all(count == active for count, active in left)


async def test_crossing_reschedules_between_two_slots_do_not_deadlock(stores: Stores) -> None:
    first, second = await _slot(stores, 9, capacity=30), await _slot(stores, 11, capacity=30)
    in_first = [await stores.appointments.book(_new(first, n), NOW) for n in range(20)]
    in_second = [await stores.appointments.book(_new(second, n), NOW) for n in range(20, 40)]
    attempts = [
        asyncio.ensure_future(stores.appointments.reschedule(b.booking_id, to.slot_id, NOW))
        for pair in zip(in_first, in_second, strict=True)
        for b, to in ((pair[0], second), (pair[1], first))
    ]

    moved, refused = await _outcomes(attempts)

    assert (len(moved), refused) == (40, [])
    assert await _counted(stores, first) == (20, 20)
    assert await _counted(stores, second) == (20, 20)
