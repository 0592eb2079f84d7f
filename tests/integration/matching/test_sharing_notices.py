"""Labour sharing's notices: both enterprises are told once of a new proposal and once of an
agreed arrangement, through notify.requests, whatever the replays."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest

from services.contracts.notifications import RecipientKind, Template
from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.matching.domain.sharing import proposal_id
from services.matching.sharing_notices import SharingNoticePublisher
from services.notify.domain.templates import render
from tests.support.data import credit_code
from tests.support.matching import as_records
from tests.support.postings import fake_screen
from tests.support.sharing import answer_event, declaration_id, shortage_event, surplus_event

pytestmark = pytest.mark.integration

RESTAURANT, CANTEEN = credit_code(61, "310104"), credit_code(62, "310115")
PROPOSAL = proposal_id(declaration_id(1), declaration_id(2))


class RecordingPublisher:
    def __init__(self) -> None:
        self.events: list[Any] = []

    async def publish(self, topic: str, event: Any) -> None:
        self.events.append(event)

    async def publish_all(self, topic: str, events: Any) -> list[bool]:
        raise NotImplementedError


async def test_both_enterprises_are_told_of_a_proposal_and_of_the_agreement_once(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    declared = [surplus_event(1, RESTAURANT, 1, count=20), shortage_event(2, CANTEEN, 2, count=15)]
    await store.record(as_records(declared))
    publisher = RecordingPublisher()
    job = SharingNoticePublisher(pool, publisher, "notify.requests")

    assert await job.run() == 2
    await store.record(as_records([answer_event(PROPOSAL, CANTEEN, 3)]))  # still open
    assert await job.run() == 0
    await store.record(as_records([answer_event(PROPOSAL, RESTAURANT, 4, consented=True)]))
    assert await job.run() == 2
    assert await job.run() == 0

    requests = [e.data for e in publisher.events]
    assert [(r.template, r.recipient, r.parameters["role"]) for r in requests] == [
        (Template.SHARING_PROPOSED, RESTAURANT, "借出"),
        (Template.SHARING_PROPOSED, CANTEEN, "借入"),
        (Template.SHARING_AGREED, RESTAURANT, "借出"),
        (Template.SHARING_AGREED, CANTEEN, "借入"),
    ]
    assert {r.recipient_kind for r in requests} == {RecipientKind.ENTERPRISE}
    assert len({e.id for e in publisher.events}) == 4
    text = render(requests[1].template, requests[1].parameters).text
    assert text == (
        "【复工】贵单位的共享用工申报有新的调剂提案：借入15名4-03-02-05岗位员工，"
        "2020-03-01至2020-04-30，请登录复工平台查看并答复。"
    )


async def test_replayed_events_queue_no_notice_twice(pool: asyncpg.Pool) -> None:
    store = PostgresMatchingStore(pool, fake_screen)
    events = [surplus_event(1, RESTAURANT, 1), shortage_event(2, CANTEEN, 2)]
    await store.record(as_records(events))
    job = SharingNoticePublisher(pool, RecordingPublisher(), "notify.requests")
    assert await job.run() == 2

    replayed = as_records(events)
    await pool.execute("DELETE FROM matching.processed_events")  # as if the offsets were lost
    await store.record(replayed)

    assert await job.run() == 0
