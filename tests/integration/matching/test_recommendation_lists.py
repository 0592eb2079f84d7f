"""Seekers' recommendation lists, one suite on the in-memory store and on PostgreSQL.

The must-show (issue 8 item 7): in a hand-built city the right posting ranks first for each
seeker, with its reasons, and ineligible postings never appear, whichever came first, the
seekers or the postings.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
import pytest_asyncio

from services.contracts.envelope import CloudEvent, new_event
from services.contracts.postings import POSTING_CLOSED, PostingClosed
from services.matching.adapters.memory_store import InMemoryMatchingStore
from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.matching.app import SERVICE
from services.matching.domain import seeker_lists
from services.matching.domain.seekers import day_of, seeker_profile
from services.matching.events import seeker_record
from services.matching.store import MatchingStore
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.matching import as_records
from tests.support.postings import T0, fake_screen
from tests.support.seekers import (
    CITY_POSTINGS,
    CITY_SEEKERS,
    FIRST,
    INELIGIBLE,
    NAMES,
    REGISTRATIONS,
    city_posting_events,
    city_seeker_events,
    seeker_event,
    seeker_id,
    withdrawal_event,
)

pytestmark = pytest.mark.integration


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def store(request: pytest.FixtureRequest, database: str) -> AsyncIterator[MatchingStore]:
    if request.param == "memory":
        yield InMemoryMatchingStore(fake_screen)
        return
    pool = await open_pool(database, max_size=2)
    await migrate(pool, SERVICE, "services.matching")
    yield PostgresMatchingStore(pool, fake_screen)
    await pool.close()


def city(seekers_first: bool) -> list[CloudEvent[Any]]:
    early, late = T0 + timedelta(minutes=1), T0 + timedelta(hours=1)
    postings = city_posting_events(late if seekers_first else early)
    seekers = city_seeker_events(early if seekers_first else late)
    return [*REGISTRATIONS, *(seekers + postings if seekers_first else postings + seekers)]


@pytest.mark.parametrize("seekers_first", [True, False], ids=["seekers-first", "postings-first"])
async def test_the_right_posting_ranks_first_for_each_seeker_with_reasons_shown(
    store: MatchingStore, seekers_first: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    for event in city(seekers_first):  # one event a batch, as a slow stream would bring them
        await store.record(as_records([event]))

    for name, first in FIRST.items():
        listed = await store.recommendations(seeker_id(name))
        with capsys.disabled():
            print(f"\n{name}:")
            for r in listed:
                print(f"  {r.score:.3f} {NAMES[r.posting_id]}: {'；'.join(r.reasons)}")
        assert listed, f"{name} has no recommendations"
        assert NAMES[listed[0].posting_id] == first
        assert listed[0].reasons[0].startswith("职业完全对口")
        assert not {NAMES[r.posting_id] for r in listed} & INELIGIBLE


async def test_every_list_equals_a_ranking_of_every_open_posting(store: MatchingStore) -> None:
    events = city(seekers_first=True)
    await store.record(as_records(events[:5]))
    await store.record(as_records(events[5:]))

    open_ones = [p.name for p in CITY_POSTINGS if p.name not in INELIGIBLE]
    shown = set()
    for name in CITY_SEEKERS:
        listed = await store.recommendations(seeker_id(name))
        shown |= {NAMES[r.posting_id] for r in listed}
        assert [r.score for r in listed] == sorted((r.score for r in listed), reverse=True)
    assert shown == set(open_ones)


async def test_consenting_seekers_are_told_of_their_first_places_once(
    store: MatchingStore,
) -> None:
    events = city(seekers_first=True)
    await store.record(as_records(events))
    await store.record(as_records(events))  # redelivered: nothing new

    told = await store.notices_queued()

    by_seeker = {(s, NAMES[p]) for s, p in told}
    assert (seeker_id("forklift"), "warehouse-minhang") in by_seeker
    assert (seeker_id("graduate"), "dev-xuhui") in by_seeker
    assert not any(s == seeker_id("cook") for s, _ in told)  # no consent
    assert len(told) <= seeker_lists.TELL_TOP * 2
    notice = told[seeker_id("forklift"), next(p for s, p in told if NAMES[p] ==
                                               "warehouse-minhang")]  # fmt: skip
    assert notice == {
        "title": "warehouse-minhang",
        "district_name": "闵行区",
        "salary": "5500-7000",
        "reason": "职业完全对口（4-02-06-03）",
    }
    assert "+86" not in str(told)  # no personal data
    assert "河南" not in str(told)


async def test_a_closed_posting_leaves_every_list_and_the_next_one_moves_up(
    store: MatchingStore,
) -> None:
    await store.record(as_records(city(seekers_first=True)))
    best = next(p for p in CITY_POSTINGS if p.name == "warehouse-minhang")
    closing = PostingClosed(posting_id=best.posting_id, credit_code=best.credit_code, version=2,
                            reason="filled")  # fmt: skip
    await store.record(as_records([new_event(
        event_type=POSTING_CLOSED, source="/tests", subject=best.posting_id, data=closing,
        time=T0 + timedelta(hours=2),
    )]))  # fmt: skip

    listed = [NAMES[r.posting_id] for r in await store.recommendations(seeker_id("forklift"))]
    assert "warehouse-minhang" not in listed
    assert listed[0] == "warehouse-xuhui"


async def test_a_withdrawn_seeker_has_no_list_and_is_not_counted(store: MatchingStore) -> None:
    await store.record(as_records(city(seekers_first=False)))
    assert await store.active_job_seekers() == {
        ("310104", "2"): 1, ("310112", "4"): 1, ("310115", "4"): 1,
    }  # fmt: skip

    await store.record(
        as_records([withdrawal_event(seeker_id("forklift"), T0 + timedelta(hours=3))])
    )
    # An update older than the withdrawal, delivered late, brings nobody back.
    await store.record(as_records([seeker_event(seeker_id("forklift"), T0 + timedelta(hours=2),
                                                updated=True)]))  # fmt: skip

    assert await store.recommendations(seeker_id("forklift")) == []
    assert await store.active_job_seekers() == {("310104", "2"): 1, ("310115", "4"): 1}


async def test_origin_region_changes_no_recommendation(store: MatchingStore) -> None:
    await store.record(as_records(city(seekers_first=False)))
    as_registered = await store.recommendations(seeker_id("graduate"))

    for n, origin in enumerate(["河南省", "上海市", None], start=1):
        body = {**CITY_SEEKERS["graduate"], "origin_region": origin}
        await store.record(as_records([seeker_event(
            seeker_id("graduate"), T0 + timedelta(hours=1, minutes=30 + n), updated=True, **body
        )]))  # fmt: skip
        assert await store.recommendations(seeker_id("graduate")) == as_registered


def test_the_records_profile_is_what_ranking_reads() -> None:
    event = seeker_event(seeker_id("graduate"), T0, **CITY_SEEKERS["graduate"])
    record = seeker_record(event)
    assert record.profile is not None
    profile = seeker_profile(record.seeker_id, record.profile)
    assert profile.district == "310104"
    assert profile.salary_floor == 8000
    assert day_of(T0) == T0.date()
