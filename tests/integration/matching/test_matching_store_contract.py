"""One suite for the MatchingStore port, run against the in-memory fake and PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
import pytest_asyncio

from services.contracts.envelope import new_event
from services.contracts.key_enterprises import SERVICE_OFFICER_ASSIGNED, ServiceOfficerAssignment
from services.contracts.postings import POSTING_REVIEWED, PostingReview, ReviewDecision
from services.matching.adapters.memory_store import InMemoryMatchingStore
from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.matching.app import SERVICE
from services.matching.domain.postings import PostingStatus
from services.matching.domain.records import Record
from services.matching.events import officer_record, review_record
from services.matching.store import MatchingStore
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.data import credit_code, registration
from tests.support.matching import as_records, expected_cells, posting_history, registration_event
from tests.support.postings import HELD_TEXT, REJECTED_TEXT, T0, fake_screen, posting_id

pytestmark = pytest.mark.integration

FOOD = credit_code(11, "310115")  # key enterprise, 农副食品加工 (C)
SHOP = credit_code(12, "310104")  # retail (F)
REGISTRATIONS = [
    registration_event(registration(FOOD, key_enterprise=True)),
    registration_event(registration(SHOP, district="310104", division="52")),
]


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def store(request: pytest.FixtureRequest, database: str) -> AsyncIterator[MatchingStore]:
    if request.param == "memory":
        yield InMemoryMatchingStore(fake_screen)
        return
    pool = await open_pool(database, max_size=2)
    await migrate(pool, SERVICE, "services.matching")
    yield PostgresMatchingStore(pool, fake_screen)
    await pool.close()


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
    store: MatchingStore,
) -> None:
    events = scenario()

    assert await store.record(as_records([*REGISTRATIONS, *events])) == 2 + len(events)

    expected = expected_cells(REGISTRATIONS, events, fake_screen)
    assert expected  # the scenario leaves open demand
    assert await store.demand() == expected


async def test_duplicates_and_any_order_in_any_batches_give_the_same_lists(
    store: MatchingStore,
) -> None:
    events = scenario()
    shuffled = as_records([*REGISTRATIONS, *events]) * 2
    random.Random(7).shuffle(shuffled)

    recorded = 0
    for start in range(0, len(shuffled), 4):
        recorded += await store.record(shuffled[start : start + 4])

    assert recorded == 2 + len(events)  # each event once
    assert await store.demand() == expected_cells(REGISTRATIONS, events, fake_screen)
    posting = await store.posting(posting_id(1))
    assert posting is not None
    assert (posting.version, posting.filled, posting.open_vacancies) == (3, 4, 8)


async def test_a_refused_posting_keeps_the_rule_and_the_matched_text(
    store: MatchingStore,
) -> None:
    rejected = {"description": f"招聘分拣员，{REJECTED_TEXT}"}
    events = posting_history(posting_id(8), FOOD, headcount=4, steps=[("revise", rejected)])

    await store.record(as_records([*REGISTRATIONS, *events]))

    posting = await store.posting(posting_id(8))
    assert posting is not None
    assert posting.status is PostingStatus.REFUSED
    assert [(f.rule, f.matched) for f in posting.findings] == [("region.origin", REJECTED_TEXT)]
    assert await store.decisions(posting_id(8)) == [
        (1, "published", "screening"),
        (2, "refused", "screening"),
    ]
    assert await store.demand() == {}


async def test_an_officials_review_publishes_a_held_posting_once(store: MatchingStore) -> None:
    held = {"description": HELD_TEXT}
    events = posting_history(posting_id(9), FOOD, headcount=4, steps=[("revise", held)])
    await store.record(as_records([*REGISTRATIONS, *events]))
    assert await store.demand() == {}
    review = PostingReview(
        posting_id=posting_id(9),
        version=2,
        decision=ReviewDecision.APPROVE,
        reason="系隔离期要求，合法",
        reviewed_by="official:310115",
    )
    event = new_event(
        event_type=POSTING_REVIEWED, source="/tests", subject=posting_id(9), data=review,
        time=T0 + timedelta(hours=1),
    )  # fmt: skip

    assert await store.record([review_record(event)]) == 1
    assert await store.record([review_record(event)]) == 0  # redelivered

    assert await store.decisions(posting_id(9)) == [
        (1, "published", "screening"),
        (2, "held", "screening"),
        (2, "published", "official:310115"),
    ]
    assert sum(c.open_vacancies for c in (await store.demand()).values()) == 8  # in both lists


async def test_one_officer_per_key_enterprise_the_latest_assignment(store: MatchingStore) -> None:
    await store.record(as_records(REGISTRATIONS))

    def assign(code: str, staff: str, minute: int) -> Record:
        data = ServiceOfficerAssignment(
            credit_code=code, district_code="310115", staff_id=staff,
            assigned_by="official:310115",
        )  # fmt: skip
        event = new_event(
            event_type=SERVICE_OFFICER_ASSIGNED, source="/tests", subject=code, data=data,
            time=T0 + timedelta(minutes=minute),
        )  # fmt: skip
        return officer_record(event)

    await store.record([assign(FOOD, "S0007", 1), assign(SHOP, "S0001", 1)])
    await store.record([assign(FOOD, "S0008", 2), assign(FOOD, "S0009", 0)])

    assert await store.officer(FOOD) == ("310115", "S0008")
    assert await store.officer(SHOP) is None  # not a key enterprise
