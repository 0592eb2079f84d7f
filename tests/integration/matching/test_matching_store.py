"""What only the PostgreSQL store does: concurrent batches on one place, the views the gateway
and monitoring read, and cell changes queued for `matching.demand-changes` and published once.
(The behaviour both stores share is in test_matching_store_contract.py.)"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import pytest
from prometheus_client import REGISTRY

from services.contracts.envelope import new_event
from services.contracts.key_enterprises import SERVICE_OFFICER_ASSIGNED, ServiceOfficerAssignment
from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.matching.demand_changes import DemandChangePublisher
from services.matching.events import officer_record
from tests.support.data import credit_code, registration
from tests.support.matching import as_records, expected_cells, posting_history, registration_event
from tests.support.postings import REJECTED_TEXT, fake_screen, posting_id

pytestmark = pytest.mark.integration

FOOD = credit_code(11, "310115")  # key enterprise, 农副食品加工 (C)
SHOP = credit_code(12, "310104")  # retail (F)
REGISTRATIONS = [
    registration_event(registration(FOOD, key_enterprise=True)),
    registration_event(registration(SHOP, district="310104", division="52")),
]


async def test_concurrent_batches_on_one_place_leave_it_right(pool: asyncpg.Pool) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    await store.record(as_records(REGISTRATIONS))
    events = [
        event
        for n in range(20)
        for event in posting_history(
            posting_id(100 + n), FOOD, headcount=n + 1, steps=[("fill", n // 2)]
        )
    ]
    batches = [as_records(events[i::4]) for i in range(4)]  # a posting's fill before its opening

    await asyncio.gather(*(store.record(b) for b in batches))
    await asyncio.gather(*(store.record(b) for b in batches))  # and again, all duplicates

    assert await store.demand() == expected_cells(REGISTRATIONS, events, fake_screen)
    assert await pool.fetchval("SELECT count(*) FROM matching.pending_changes") == 0


async def test_the_gateways_views_name_the_officer_and_what_screening_found(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    rejected = {"description": f"招聘分拣员，{REJECTED_TEXT}"}
    events = posting_history(posting_id(8), FOOD, headcount=4, steps=[("revise", rejected)])
    assignment = ServiceOfficerAssignment(
        credit_code=FOOD, district_code="310115", staff_id="S0007", assigned_by="official:310115"
    )
    assigned = new_event(
        event_type=SERVICE_OFFICER_ASSIGNED, source="/tests", subject=FOOD, data=assignment
    )
    refusals = {"outcome": "refused", "by": "screening"}
    before = REGISTRY.get_sample_value("fugong_matching_posting_decisions_total", refusals) or 0
    await store.record([*as_records([*REGISTRATIONS, *events]), officer_record(assigned)])
    await store.record(as_records(events))  # redelivered: decided once, counted once

    officers = await pool.fetch(
        "SELECT credit_code, district_code::text, staff_id FROM matching.key_enterprise_officers_v"
    )
    assert [tuple(r) for r in officers] == [(FOOD, "310115", "S0007")]
    row = await pool.fetchrow(
        "SELECT status, findings FROM matching.postings_v WHERE posting_id = $1", posting_id(8)
    )
    assert row is not None
    assert row["status"] == "refused"
    assert row["findings"][0]["matched"] == REJECTED_TEXT
    after = REGISTRY.get_sample_value("fugong_matching_posting_decisions_total", refusals)
    assert after == before + 1


async def test_monitoring_reads_open_vacancies_by_district_and_industry(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    events = [
        *posting_history(posting_id(1), FOOD, headcount=12, steps=[("fill", 4)]),
        *posting_history(posting_id(4), SHOP, headcount=6, steps=[("fill", 1)]),
        *posting_history(
            posting_id(5), SHOP, headcount=2, steps=[("revise", {"district_code": "310112"})]
        ),
    ]
    await store.record(as_records([*REGISTRATIONS, *events]))

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
    await store.record(as_records([*REGISTRATIONS, *events[:2]]))
    await store.record(as_records(events[2:]))
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
    assert len({e.id for e in publisher.events}) == 4
