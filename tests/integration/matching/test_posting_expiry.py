"""Postings past their valid-until date are closed by matching's periodic job: the close goes
through the topic like an enterprise's, leaves the demand lists, and is published once per
version however often the job runs before it is applied."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import asyncpg
import pytest

from services.contracts.postings import POSTING_CLOSED
from services.contracts.topics import POSTINGS
from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.matching.expiry import PostingExpiry
from tests.support.data import credit_code, registration
from tests.support.matching import as_records, posting_history, registration_event
from tests.support.postings import fake_screen, posting_id

pytestmark = pytest.mark.integration

BAKERY = credit_code(71, "310115")
TODAY = date(2020, 3, 2)


class RecordingPublisher:
    def __init__(self) -> None:
        self.events: list[Any] = []

    async def publish(self, topic: str, event: Any) -> None:
        assert topic == POSTINGS.name
        self.events.append(event)

    async def publish_all(self, topic: str, events: Any) -> list[bool]:
        raise NotImplementedError


def _opened(n: int, valid_until: date, steps: list[tuple[str, Any]] | None = None) -> list[Any]:
    events = posting_history(posting_id(n), BAKERY, headcount=4, steps=steps or [])
    body = events[0].data.model_copy(update={"valid_until": valid_until})
    return [events[0].model_copy(update={"data": body}), *events[1:]]


async def _statuses(pool: asyncpg.Pool) -> dict[str, tuple[str, int]]:
    rows = await pool.fetch("SELECT posting_id::text, status, version FROM matching.postings")
    return {row[0]: (row[1], row[2]) for row in rows}


async def _open_vacancies(pool: asyncpg.Pool) -> int:
    total = await pool.fetchval("SELECT sum(open_vacancies) FROM matching.open_vacancies_v")
    return int(total or 0)


async def test_a_posting_past_its_last_day_is_closed_through_the_topic(pool: asyncpg.Pool) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    await store.record(as_records([registration_event(registration(BAKERY))]))
    expired = _opened(1, TODAY - timedelta(days=1), steps=[("fill", 1)])  # at version 2
    last_day = _opened(2, TODAY)  # valid through today: stays
    await store.record(as_records([*expired, *last_day]))
    assert await _open_vacancies(pool) == 3 + 4

    publisher = RecordingPublisher()
    job = PostingExpiry(pool, publisher, POSTINGS.name, today=lambda: TODAY)
    assert await job.run() == 1
    assert await job.run() == 1  # not applied yet: the same close again
    first, again = publisher.events
    assert first.id == again.id
    assert (first.type, first.subject) == (POSTING_CLOSED, posting_id(1))
    assert (first.data.version, first.data.reason) == (3, "expired")

    await store.record(as_records(publisher.events))  # the processor reads them back
    assert await _statuses(pool) == {
        posting_id(1): ("closed", 3),
        posting_id(2): ("published", 1),
    }
    assert await _open_vacancies(pool) == 4
    assert await job.run() == 0


async def test_an_enterprise_change_at_the_same_version_wins_and_the_close_follows(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    await store.record(as_records([registration_event(registration(BAKERY))]))
    await store.record(as_records(_opened(3, TODAY - timedelta(days=3))))
    publisher = RecordingPublisher()
    job = PostingExpiry(pool, publisher, POSTINGS.name, today=lambda: TODAY)
    assert await job.run() == 1

    # The enterprise fills at version 2 before the job's close (also version 2) is applied.
    filled = _opened(3, TODAY - timedelta(days=3), steps=[("fill", 2)])[1:]
    await store.record(as_records([*filled, *publisher.events]))
    assert await _statuses(pool) == {posting_id(3): ("published", 2)}

    assert await job.run() == 1
    await store.record(as_records(publisher.events[-1:]))
    assert await _statuses(pool) == {posting_id(3): ("closed", 3)}
