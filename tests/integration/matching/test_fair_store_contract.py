"""The job fairs through the MatchingStore port, one suite against the in-memory fake and
PostgreSQL: what a fair shows, who registered and marked interest, the officials' counts and
the events that could not apply, through duplicates and any split into batches. The fair is in
February 2020 and processed years later: each event is judged by its own time, so a replay
decides as the first processing did."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import asyncpg
import pytest
import pytest_asyncio
from prometheus_client import REGISTRY

from services.contracts.envelope import CloudEvent
from services.matching.adapters.memory_store import InMemoryMatchingStore
from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.matching.app import SERVICE
from services.matching.store import MatchingStore
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.data import credit_code, registration
from tests.support.fairs import (
    CLOSES,
    OPENS,
    fair_id,
    interested,
    joined,
    registered,
    registration_id,
    scheduled,
)
from tests.support.matching import as_records, posting_history, registration_event
from tests.support.postings import HELD_TEXT, REJECTED_TEXT, fake_screen, posting_id

pytestmark = pytest.mark.integration

FAIR = fair_id(7)
FOOD = credit_code(51, "310115")
SHOP = credit_code(52, "310104")
SORTER, HELD, REFUSED, CLOSED, CASHIER = (posting_id(50 + n) for n in range(5))
ZHANG, LI, WANG, LATE = (registration_id(50 + n) for n in range(4))


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def store(request: pytest.FixtureRequest, database: str) -> AsyncIterator[MatchingStore]:
    if request.param == "memory":
        yield InMemoryMatchingStore(fake_screen)
        return
    pool = await open_pool(database, max_size=2)
    await migrate(pool, SERVICE, "services.matching")
    yield PostgresMatchingStore(pool, fake_screen)
    await pool.close()


def _postings() -> list[CloudEvent[Any]]:
    return [
        registration_event(registration(FOOD, key_enterprise=True)),
        registration_event(registration(SHOP, district="310104", division="52")),
        *posting_history(SORTER, FOOD, headcount=10, steps=[]),
        *posting_history(HELD, FOOD, headcount=2, steps=[("revise", {"description": HELD_TEXT})]),
        *posting_history(
            REFUSED, FOOD, headcount=2, steps=[("revise", {"description": REJECTED_TEXT})]
        ),
        *posting_history(CLOSED, SHOP, headcount=3, steps=[("close", "withdrawn")]),
        *posting_history(CASHIER, SHOP, headcount=4, steps=[]),
    ]


def _fair() -> list[CloudEvent[Any]]:
    return [
        scheduled(FAIR),
        joined(FAIR, FOOD, SORTER, HELD, REFUSED),
        joined(FAIR, SHOP, CLOSED, CASHIER, SORTER),  # SORTER is FOOD's: enrolled by FOOD only
        registered(FAIR, ZHANG),
        registered(FAIR, LI, mobile="13812345678", origin_region="653100", consent=False),
        registered(FAIR, WANG, at=OPENS - timedelta(minutes=1), mobile="13712345678"),
        interested(FAIR, ZHANG, SORTER),
        interested(FAIR, ZHANG, CASHIER),
        interested(FAIR, LI, SORTER),
        interested(FAIR, LI, SORTER),  # twice: counted once
        interested(FAIR, WANG, SORTER),  # not registered: came before the fair opened
        registered(FAIR, LATE, at=CLOSES, mobile="13612345678"),
    ]


async def test_a_fair_shows_its_enterprises_own_published_postings_and_counts_interest(
    store: MatchingStore,
) -> None:
    events = [*_postings(), *_fair()]
    assert await store.record(as_records(events)) == len(events)

    fair = await store.fair(FAIR)

    assert fair is not None
    assert fair.fair.title == "2020年浦东新区重点企业线上招聘会"
    assert fair.fair.starts_at == OPENS
    assert fair.fair.partner_regions == ("653100", "530000", "510000")
    assert fair.enterprises == tuple(sorted([FOOD, SHOP]))
    assert fair.shown_postings == tuple(sorted([SORTER, CASHIER]))  # not held, refused, closed
    assert fair.registrations == tuple(sorted([ZHANG, LI]))
    assert fair.interests == tuple(sorted([(ZHANG, SORTER), (ZHANG, CASHIER), (LI, SORTER)]))
    assert fair.counts == {
        ("origin_region", "510000"): (1, 2),
        ("origin_region", "653100"): (1, 1),
        ("posting", SORTER): (0, 2),
        ("posting", CASHIER): (0, 1),
        ("enterprise", FOOD): (0, 2),
        ("enterprise", SHOP): (0, 1),
    }
    assert sorted(fair.ignored.values()) == sorted(
        [
            "interest marked already",
            "the fair is not open then: registration and interest only while it is open",
            "the fair is not open then: registration and interest only while it is open",
            "the registrant is not registered for this fair",
        ]
    )
    assert await store.fair(fair_id(8)) is None


async def test_duplicates_and_any_split_into_batches_give_the_same_fair(
    store: MatchingStore,
) -> None:
    postings, fair_events = as_records(_postings()), as_records(_fair())
    await store.record(postings)
    rng = random.Random(7)
    remaining = fair_events + rng.sample(fair_events, 5)  # redeliveries, after the originals
    while remaining:  # a fair's events keep their order on its partition; batches vary
        size = rng.randint(1, 4)
        await store.record(remaining[:size])
        remaining = remaining[size:]

    reference = InMemoryMatchingStore(fake_screen)
    await reference.record(postings + fair_events)
    assert await store.fair(FAIR) == await reference.fair(FAIR)


async def test_a_posting_leaves_the_fair_when_it_closes_and_comes_back_if_published_again(
    store: MatchingStore,
) -> None:
    await store.record(as_records([*_postings(), *_fair()]))
    fill = posting_history(SORTER, FOOD, headcount=10, steps=[("fill", 10)])[1]
    await store.record(as_records([fill]))
    fair = await store.fair(FAIR)
    assert fair is not None
    assert fair.shown_postings == (CASHIER,)
    assert fair.counts[("posting", SORTER)] == (0, 2)  # interest already marked stays counted

    reopened = posting_history(SORTER, FOOD, headcount=10, steps=[("fill", 10), ("fill", 6)])[2]
    await store.record(as_records([reopened]))
    fair = await store.fair(FAIR)
    assert fair is not None
    assert fair.shown_postings == tuple(sorted([SORTER, CASHIER]))


async def test_fair_outcomes_are_counted_once_committed(pool: asyncpg.Pool) -> None:
    store = PostgresMatchingStore(pool, fake_screen)

    def counted(outcome: str) -> float:
        value = REGISTRY.get_sample_value("fugong_matching_fair_events_total", {"outcome": outcome})
        return value or 0.0

    before = {o: counted(o) for o in ("scheduled", "registered", "interest", "ignored")}
    fair_events = as_records(_fair())
    await store.record([*as_records(_postings()), *fair_events])
    await store.record(fair_events[:4])  # redelivered: not counted again

    assert {o: counted(o) - before[o] for o in before} == {
        "scheduled": 1,
        "registered": 2,
        "interest": 3,
        "ignored": 4,
    }
