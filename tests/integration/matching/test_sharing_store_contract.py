"""Labour sharing through the MatchingStore port, run against the in-memory fake and PostgreSQL:
the proposals and standings equal `share` over the events, whatever the batches and order."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from services.contracts.envelope import CloudEvent
from services.matching.adapters.memory_store import InMemoryMatchingStore
from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.matching.app import SERVICE
from services.matching.domain.sharing import (
    AnswerGiven,
    Closure,
    Declaration,
    DeclarationStatus,
    ProposalStatus,
    proposal_id,
    share,
)
from services.matching.store import MatchingStore
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.data import credit_code, registration
from tests.support.matching import as_records, registration_event
from tests.support.postings import fake_screen
from tests.support.sharing import (
    answer_event,
    closed_event,
    declaration_id,
    shortage_event,
    surplus_event,
)

pytestmark = pytest.mark.integration

RESTAURANT = credit_code(21, "310104")  # 徐汇区 餐饮 (62): lends
CANTEEN = credit_code(22, "310115")  # 浦东新区 餐饮 (62)
HOTEL = credit_code(23, "310101")  # 黄浦区 住宿 (61)
SHOP = credit_code(24, "310112")  # 闵行区 零售 (52)
REGISTRATIONS = [
    registration_event(registration(RESTAURANT, district="310104", division="62")),
    registration_event(registration(CANTEEN, division="62")),
    registration_event(registration(HOTEL, district="310101", division="61")),
    registration_event(registration(SHOP, district="310112", division="52")),
]
AGREED = proposal_id(declaration_id(1), declaration_id(2))
DECLINED = proposal_id(declaration_id(1), declaration_id(4))


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def store(request: pytest.FixtureRequest, database: str) -> AsyncIterator[MatchingStore]:
    if request.param == "memory":
        yield InMemoryMatchingStore(fake_screen)
        return
    pool = await open_pool(database, max_size=2)
    await migrate(pool, SERVICE, "services.matching")
    yield PostgresMatchingStore(pool, fake_screen)
    await pool.close()


def scenario() -> list[CloudEvent[Any]]:
    return [
        surplus_event(1, RESTAURANT, 1, count=20, occupation_code="4-03-02-05"),
        shortage_event(2, CANTEEN, 2, count=8, occupation_code="4-03-02-05"),
        shortage_event(3, HOTEL, 3, count=10, district_code="310101"),
        shortage_event(4, SHOP, 4, count=5, district_code="310112"),
        surplus_event(5, SHOP, 5, fee_per_worker_month=800),  # refused: a fee
        shortage_event(6, CANTEEN, 6, occupation_code="6-01-01-01"),  # no counterpart
        answer_event(AGREED, CANTEEN, 10),
        answer_event(AGREED, RESTAURANT, 11),  # without consent: does not count
        answer_event(AGREED, RESTAURANT, 12, consented=True),
        answer_event(DECLINED, SHOP, 13, accept=False),
        closed_event(3, HOTEL, 20),
    ]


def expected(events: list[CloudEvent[Any]]) -> Any:
    records = as_records(events)
    divisions = {e.data.credit_code: e.data.industry_division for e in REGISTRATIONS}
    return share(
        [r for r in records if isinstance(r, Declaration)],
        [r for r in records if isinstance(r, Closure)],
        [r for r in records if isinstance(r, AnswerGiven)],
        divisions,
    )


async def test_proposals_and_standings_follow_the_events(store: MatchingStore) -> None:
    events = scenario()
    await store.record(as_records([*REGISTRATIONS, *events]))

    shared = await store.sharing()
    assert shared == expected(events)
    status = {p.borrower: p.status for p in shared.proposals}
    assert status == {
        CANTEEN: ProposalStatus.AGREED,
        HOTEL: ProposalStatus.RETIRED,
        SHOP: ProposalStatus.DECLINED,
    }
    assert shared.proposals[0].borrower == CANTEEN  # same division first
    assert shared.standings[declaration_id(1)].remaining == 12
    refused = shared.standings[declaration_id(5)]
    assert refused.status is DeclarationStatus.REFUSED
    assert "800元" in refused.refusals[0]


async def test_duplicates_and_any_order_in_any_batches_give_the_same_proposals(
    store: MatchingStore,
) -> None:
    events = scenario()
    records = as_records([*REGISTRATIONS, *events]) * 2
    random.Random(4).shuffle(records)
    for start in range(0, len(records), 5):
        await store.record(records[start : start + 5])

    assert await store.sharing() == expected(events)


async def test_a_registration_after_the_declarations_ranks_by_industry_then(
    store: MatchingStore,
) -> None:
    events = scenario()[:4]
    await store.record(as_records(events))
    before = await store.sharing()
    assert {p.industry_closeness for p in before.proposals} == {0}

    await store.record(as_records(REGISTRATIONS))

    after = await store.sharing()
    assert after == expected(events)
    assert [p.industry_closeness for p in after.proposals] == [2, 1, 0]
