"""Matching's store on a real PostgreSQL: the register, the postings and their audit trail, the
demand lists against their recomputation, and the views the gateway and monitoring read."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import asyncpg

from services.contracts.envelope import new_event
from services.contracts.key_enterprises import SERVICE_OFFICER_ASSIGNED, ServiceOfficerAssignment
from services.contracts.postings import POSTING_REVIEWED, PostingReview, ReviewDecision
from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.matching.demand_changes import DemandChangePublisher
from services.matching.domain.records import Record
from services.matching.events import ROUTES, officer_record, review_record
from services.platform.stream.events import IncomingRecord, Routes
from tests.support.data import credit_code, registration
from tests.support.matching import (
    expected_cells,
    posting_history,
    registration_event,
    stored_cells,
)
from tests.support.postings import HELD_TEXT, REJECTED_TEXT, T0, fake_screen, posting_id

FOOD = credit_code(11, "310115")  # key enterprise, 农副食品加工 (C)
SHOP = credit_code(12, "310104")  # retail (F)
ROUTING = Routes({spec.name: routes for spec, routes in ROUTES.items()})
TOPIC_OF = {route.event_type: spec.name for spec, routes in ROUTES.items() for route in routes}


def records(events: list[Any]) -> list[Record]:
    """The events as the stream worker hands them to the store (through the routes)."""
    return [
        ROUTING.decode(IncomingRecord(TOPIC_OF[e.type], 0, n, e.subject.encode(), e.to_json()))
        for n, e in enumerate(events)
    ]


REGISTRATIONS = [
    registration_event(registration(FOOD, key_enterprise=True)),
    registration_event(registration(SHOP, district="310104", division="52")),
]


def scenario() -> list[Any]:
    return [
        *posting_history(
            posting_id(1), FOOD, headcount=10, steps=[("fill", 4), ("revise", {"headcount": 12})]
        ),
        *posting_history(posting_id(2), FOOD, headcount=3, steps=[("fill", 3)]),
        *posting_history(posting_id(3), SHOP, headcount=5, steps=[("close", "withdrawn")]),
        *posting_history(posting_id(4), SHOP, headcount=6, steps=[("fill", 1)]),
        *posting_history(
            posting_id(5), SHOP, headcount=2, steps=[("revise", {"district_code": "310112"})]
        ),
    ]


async def test_the_demand_lists_equal_their_recomputation_from_the_events(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    events = scenario()

    await store.record(records([*REGISTRATIONS, *events]))

    assert await stored_cells(pool) == expected_cells(REGISTRATIONS, events, fake_screen)
    assert await stored_cells(pool)  # not empty: the scenario has open demand


async def test_duplicates_and_any_order_in_any_batches_give_the_same_lists(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    events = scenario()
    shuffled = records([*REGISTRATIONS, *events]) * 2
    random.Random(7).shuffle(shuffled)

    for start in range(0, len(shuffled), 4):
        await store.record(shuffled[start : start + 4])

    assert await stored_cells(pool) == expected_cells(REGISTRATIONS, events, fake_screen)
    assert await pool.fetchval("SELECT count(*) FROM matching.pending_changes") == 0


async def test_concurrent_batches_on_one_place_leave_it_right(pool: asyncpg.Pool) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    await store.record(records(REGISTRATIONS))
    events = [
        e
        for n in range(20)
        for e in posting_history(
            posting_id(100 + n), FOOD, headcount=n + 1, steps=[("fill", n // 2)]
        )
    ]
    batches = [records(events[i::4]) for i in range(4)]

    await asyncio.gather(*(store.record(b) for b in batches))
    await asyncio.gather(*(store.record(b) for b in batches))  # and again, all duplicates

    assert await stored_cells(pool) == expected_cells(REGISTRATIONS, events, fake_screen)


async def test_a_refused_posting_shows_its_enterprise_the_rule_and_matched_text(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    events = posting_history(posting_id(7), FOOD, headcount=4, steps=[])
    events += posting_history(
        posting_id(8),
        FOOD,
        headcount=4,
        steps=[("revise", {"description": f"招聘分拣员，{REJECTED_TEXT}"})],
    )

    await store.record(records([*REGISTRATIONS, *events]))

    row = await pool.fetchrow(
        "SELECT status, findings FROM matching.postings_v WHERE posting_id = $1", posting_id(8)
    )
    assert row is not None
    assert row["status"] == "refused"
    assert row["findings"][0]["matched"] == REJECTED_TEXT
    decisions = await pool.fetch(
        "SELECT version, outcome, decided_by FROM matching.posting_decisions_v "
        "WHERE posting_id = $1 ORDER BY version",
        posting_id(8),
    )
    assert [tuple(d) for d in decisions] == [
        (1, "published", "screening"),
        (2, "refused", "screening"),
    ]
    assert await stored_cells(pool) == expected_cells(REGISTRATIONS, events, fake_screen)


async def test_an_officials_review_publishes_a_held_posting_and_is_audited(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    events = posting_history(
        posting_id(9), FOOD, headcount=4, steps=[("revise", {"description": HELD_TEXT})]
    )
    await store.record(records([*REGISTRATIONS, *events]))
    assert (
        await pool.fetchval(
            "SELECT status FROM matching.postings WHERE posting_id = $1", posting_id(9)
        )
        == "held"
    )
    assert await stored_cells(pool) == {}

    review = PostingReview(
        posting_id=posting_id(9),
        version=2,
        decision=ReviewDecision.APPROVE,
        reason="系隔离期要求，合法",
        reviewed_by="official:310115",
    )
    event = new_event(
        event_type=POSTING_REVIEWED, source="/tests", subject=posting_id(9), data=review
    )
    await store.record([review_record(event)])
    await store.record([review_record(event)])  # redelivered

    row = await pool.fetchrow(
        "SELECT outcome, decided_by, reason FROM matching.posting_decisions_v WHERE event_id = $1",
        event.id,
    )
    assert row is not None
    assert tuple(row) == ("published", "official:310115", "系隔离期要求，合法")
    cells = await stored_cells(pool)
    assert sum(c.open_vacancies for c in cells.values()) == 8  # 4 in each of the two lists


async def test_one_officer_per_key_enterprise_and_a_reassignment_replaces_the_first(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    await store.record(records(REGISTRATIONS))

    def assign(staff: str, minute: int) -> Record:
        data = ServiceOfficerAssignment(
            credit_code=FOOD, district_code="310115", staff_id=staff, assigned_by="official:310115"
        )
        return officer_record(
            new_event(
                event_type=SERVICE_OFFICER_ASSIGNED,
                source="/tests",
                subject=FOOD,
                data=data,
                time=T0.replace(minute=minute),
            )
        )

    await store.record([assign("S0007", 1)])
    await store.record([assign("S0008", 2), assign("S0009", 0)])  # the late-dated one loses

    rows = await pool.fetch(
        "SELECT credit_code, district_code, staff_id FROM matching.key_enterprise_officers_v"
    )
    assert [tuple(r) for r in rows] == [(FOOD, "310115", "S0008")]
    assert await pool.fetchval("SELECT count(*) FROM matching.service_officer_history") == 3


async def test_monitoring_reads_open_vacancies_by_district_and_industry(pool: asyncpg.Pool) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    events = scenario()
    await store.record(records([*REGISTRATIONS, *events]))

    rows = await pool.fetch(
        "SELECT district_code, industry_section, open_postings, open_vacancies "
        "FROM matching.open_vacancies_v ORDER BY 1, 2"
    )

    # Where the work is: 浦东 C posting 1 (12 - 4), 浦东 F posting 4 (6 - 1), 闵行 F posting 5.
    assert [tuple(r) for r in rows] == [
        ("310112", "F", 1, 2),
        ("310115", "C", 1, 8),
        ("310115", "F", 1, 5),
    ]


class RecordingPublisher:
    def __init__(self) -> None:
        self.events: list[Any] = []

    async def publish(self, topic: str, event: Any) -> None:
        self.events.append(event)

    async def publish_all(self, topic: str, events: Any) -> list[bool]:
        raise NotImplementedError


async def test_every_cell_change_is_published_once_in_order(pool: asyncpg.Pool) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    events = posting_history(
        posting_id(1), FOOD, headcount=10, steps=[("fill", 4), ("close", "filled")]
    )
    await store.record(records([*REGISTRATIONS, *events[:2]]))
    await store.record(records(events[2:]))
    publisher = RecordingPublisher()
    job = DemandChangePublisher(pool, publisher, "matching.demand-changes")

    assert await job.run() == 4  # opened (two lists), then closed (two lists)
    assert await job.run() == 0

    figures = [(e.data.demand_list.value, e.data.open_vacancies) for e in publisher.events]
    assert figures == [
        ("key_enterprises", 6),
        ("public_service", 6),
        ("key_enterprises", 0),
        ("public_service", 0),
    ]
    assert [e.subject for e in publisher.events] == ["310115"] * 4
