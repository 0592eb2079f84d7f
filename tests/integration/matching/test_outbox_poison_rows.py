"""A row an outbox cannot publish never holds the others back: they are published, its attempts
are counted with a reason that quotes no value, and after the allowed attempts it is set aside.
A broker away fails the run instead and counts against no row. Recommendation notices go
through the same helper (each once, by its seeker's and posting's id)."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import pytest
from aiokafka.errors import MessageSizeTooLargeError

from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.matching.recommendation_notices import RecommendationNotices, notice_event_id
from services.matching.sharing_notices import SharingNoticePublisher
from services.platform.kafka import PublishFailed
from tests.support.data import credit_code
from tests.support.matching import as_records
from tests.support.postings import fake_screen
from tests.support.sharing import shortage_event, surplus_event

pytestmark = pytest.mark.integration

RESTAURANT, CANTEEN = credit_code(61, "310104"), credit_code(62, "310115")
TOPIC = "notify.requests"


class RecordingPublisher:
    """Records what it publishes; refuses the events `refused` names, or everything if `away`."""

    def __init__(self, refused: frozenset[str] = frozenset()) -> None:
        self.events: list[Any] = []
        self.refused = refused
        self.away = False

    async def publish(self, topic: str, event: Any) -> None:
        if self.away:
            raise PublishFailed(f"broker did not acknowledge event {event.id}")
        if event.id in self.refused:
            raise MessageSizeTooLargeError
        self.events.append(event)

    async def publish_all(self, topic: str, events: Any) -> list[bool]:
        raise NotImplementedError


async def _queue_two_sharing_notices_behind_a_poison_one(pool: asyncpg.Pool) -> None:
    await pool.execute(
        "INSERT INTO matching.sharing_notices (notice_id, credit_code, template, parameters, "
        "recorded_at) VALUES ('poison', $1, 'sharing_cancelled', '{}', now() - interval '1 hour')",
        RESTAURANT,
    )
    store = PostgresMatchingStore(pool, fake_screen)
    await store.record(as_records([surplus_event(1, RESTAURANT, 1), shortage_event(2, CANTEEN, 2)]))


async def _failures(pool: asyncpg.Pool) -> list[tuple[Any, ...]]:
    rows = await pool.fetch(
        "SELECT outbox, row_key, attempts, reason, dead_lettered_at IS NOT NULL "
        "FROM matching.outbox_failures ORDER BY outbox, row_key"
    )
    return [tuple(row) for row in rows]


async def test_a_poison_row_is_retried_then_set_aside_while_the_others_are_published(
    pool: asyncpg.Pool,
) -> None:
    await _queue_two_sharing_notices_behind_a_poison_one(pool)
    publisher = RecordingPublisher()
    job = SharingNoticePublisher(pool, publisher, TOPIC, attempts_before_dead_letter=3)

    assert await job.run() == 2  # the poison row, first in order, holds nothing back
    assert await _failures(pool) == [("sharing_notices", "poison", 1, "ValueError", False)]
    assert await job.run() == 0
    assert await job.run() == 0
    assert await _failures(pool) == [("sharing_notices", "poison", 3, "ValueError", True)]
    set_aside = await pool.fetchval(
        "SELECT dead_lettered_at IS NOT NULL AND published_at IS NULL "
        "FROM matching.sharing_notices WHERE notice_id = 'poison'"
    )
    assert set_aside

    assert await job.run() == 0  # never claimed again
    assert (await _failures(pool))[0][2] == 3
    assert len(publisher.events) == 2


async def test_a_broker_away_fails_the_run_and_counts_against_no_row(pool: asyncpg.Pool) -> None:
    await _queue_two_sharing_notices_behind_a_poison_one(pool)
    publisher = RecordingPublisher()
    publisher.away = True
    job = SharingNoticePublisher(pool, publisher, TOPIC, attempts_before_dead_letter=1)

    with pytest.raises(PublishFailed):
        await job.run()
    assert await _failures(pool) == []  # the poison row was not reached: it was rolled back

    publisher.away = False
    assert await job.run() == 2
    assert await job.run() == 0


async def _queue_recommendation_notices(pool: asyncpg.Pool, titles: list[str]) -> list[str]:
    seeker = str(uuid.uuid4())
    postings = [str(uuid.uuid4()) for _ in titles]
    for posting, title in zip(postings, titles, strict=True):
        await pool.execute(
            "INSERT INTO matching.recommendation_notices (seeker_id, posting_id, parameters) "
            "VALUES ($1, $2, $3)",
            seeker,
            posting,
            {"title": title, "district": "浦东新区", "pay": "6000-8000元/月"},
        )
    return [f"{seeker}/{posting}" for posting in postings]


async def test_recommendation_notices_are_requested_once_by_seeker_and_posting(
    pool: asyncpg.Pool,
) -> None:
    keys = await _queue_recommendation_notices(pool, ["叉车司机", "仓库管理员"])
    publisher = RecordingPublisher()
    job = RecommendationNotices(pool, publisher, TOPIC)

    assert await job.run() == 2
    assert await job.run() == 0
    assert [e.id for e in publisher.events] == [notice_event_id(*k.split("/")) for k in keys]
    requests = [e.data for e in publisher.events]
    assert {r.recipient for r in requests} == {keys[0].split("/")[0]}
    assert sorted(r.parameters["title"] for r in requests) == ["仓库管理员", "叉车司机"]


async def test_a_refused_or_invalid_recommendation_notice_is_set_aside_by_its_key(
    pool: asyncpg.Pool,
) -> None:
    too_long = "叉" * 201  # past a parameter's 200 characters: the request cannot be made
    invalid, refused, fine = await _queue_recommendation_notices(
        pool, [too_long, "仓库管理员", "叉车司机"]
    )
    publisher = RecordingPublisher(refused=frozenset({notice_event_id(*refused.split("/"))}))
    job = RecommendationNotices(pool, publisher, TOPIC, attempts_before_dead_letter=1)

    assert await job.run() == 1
    failures = {row[1]: row for row in await _failures(pool)}
    assert failures[invalid][2:] == (1, "ValidationError: parameters.title: string_too_long", True)
    assert failures[refused][2:] == (1, "MessageSizeTooLargeError", True)
    assert fine not in failures
    assert all(too_long not in str(row) for row in failures.values())
    assert await job.run() == 0
