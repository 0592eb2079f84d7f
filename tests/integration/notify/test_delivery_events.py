"""Delivery events on notify.deliveries, from notify's tables to the broker: each request once
when settled (and not before its receipt when one will come), a campaign's counts when they
changed and once more when it is settled, nothing personal on the topic."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import asyncpg
import orjson
import pytest
import pytest_asyncio
from aiokafka import AIOKafkaConsumer, TopicPartition

from services.contracts.campaigns import Audience
from services.contracts.rosters import RosterMember, UploadMode
from services.contracts.topics import NOTIFY_DELIVERIES, topic_name
from services.notify.adapters.bulk_messages import add_messages
from services.notify.adapters.delivery_events import DeliveryEvents
from services.notify.adapters.postgres_store import PostgresNotifyStore
from services.notify.adapters.pushed_outcomes_sql import ApplyPushedOutcomes, PushedOutcomeInbox
from services.notify.channels import Provider
from services.notify.domain.pushed_outcomes import voice_outcomes, wechat_outcome
from services.notify.domain.records import RecordCampaign, RecordRosterChunk
from services.platform.kafka import KafkaEventPublisher, idempotent_producer
from tests.support.data import credit_code
from tests.support.infra import KAFKA
from tests.support.notify_campaign import recipient
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

CODE = credit_code(7)
T0 = datetime(2020, 2, 10, 9, 0, tzinfo=UTC)
UPLOAD = "0e7d7c55-5bd4-4c55-8f0e-52b7e1f0c001"
CAMPAIGN = "5f0c8a8e-2d7b-4c53-9a57-2f4f1e0b6a11"


@pytest_asyncio.fixture
async def deliveries(pool: asyncpg.Pool, topic_prefix: str) -> AsyncIterator[DeliveryEvents]:
    producer = idempotent_producer(KAFKA, "fugong-tests")
    await producer.start()
    try:
        yield DeliveryEvents(
            pool,
            KafkaEventPublisher(producer),
            topic_name(NOTIFY_DELIVERIES, topic_prefix),
            [Provider.TENCENT_SMS],
            batch=2,  # several rounds in one run
        )
    finally:
        await producer.stop()


async def _on_topic(topic: str) -> list[dict[str, Any]]:
    consumer = AIOKafkaConsumer(**KAFKA.client_options(), enable_auto_commit=False)
    await consumer.start()
    events: list[dict[str, Any]] = []
    try:
        partitions = [TopicPartition(topic, p) for p in range(NOTIFY_DELIVERIES.partitions)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        async with asyncio.timeout(60):
            while [tp for tp in partitions if await consumer.position(tp) < ends[tp]]:
                for batch in (await consumer.getmany(timeout_ms=500)).values():
                    events += [orjson.loads(record.value) for record in batch]
    finally:
        await consumer.stop()
    return events


async def _set(pool: asyncpg.Pool, event_id: str, status: str, provider: str | None) -> None:
    await pool.execute(
        "UPDATE notify.messages SET status = $2, provider = $3, channel = 'sms', "
        "status_changed_at = now() WHERE event_id = $1",
        event_id,
        status,
        provider,
    )


async def test_each_request_is_published_once_when_settled_and_not_while_its_receipt_is_due(
    pool: asyncpg.Pool, deliveries: DeliveryEvents, topic_prefix: str
) -> None:
    messages = [recipient(serial, "matching:recommendations") for serial in range(5)]
    await add_messages(pool, messages)
    ids = [m.event_id for m in messages]
    await _set(pool, ids[0], "delivered", "tencent_sms")
    await _set(pool, ids[1], "sent", "tencent_sms")  # its receipt will come: not yet
    await _set(pool, ids[2], "sent", "aliyun_sms")  # no receipt comes: settled
    await _set(pool, ids[3], "permanent_failure", "tencent_sms")
    # ids[4] stays created

    assert await deliveries.run() == 3
    assert await deliveries.run() == 0  # published once
    await _set(pool, ids[1], "delivered", "tencent_sms")
    assert await deliveries.run() == 1

    events = await _on_topic(topic_name(NOTIFY_DELIVERIES, topic_prefix))
    settled = {e["data"]["request_id"]: e["data"] for e in events}
    assert sorted(settled) == sorted(ids[:4])
    assert settled[ids[1]]["status"] == "delivered"
    assert settled[ids[2]]["status"] == "sent"
    assert {e["id"] for e in events} == {f"notify-settled-{i}" for i in ids[:4]}
    raw = orjson.dumps(events).decode()
    for m in messages:  # nothing personal on the topic
        assert m.phone is not None
        assert m.phone not in raw
        assert m.wechat_openid is None or m.wechat_openid not in raw
        assert m.body not in raw


async def test_a_campaign_is_published_as_counts_when_they_change_and_once_when_settled(
    pool: asyncpg.Pool, deliveries: DeliveryEvents, topic_prefix: str
) -> None:
    members = tuple(
        RosterMember(name="李娜", phone=f"+86139{serial:08d}", mobile=True) for serial in range(4)
    )
    store = PostgresNotifyStore(pool)
    await store.record(
        [
            RecordRosterChunk(CODE, UPLOAD, UploadMode.REPLACE, T0, members),
            RecordCampaign(
                campaign_id=CAMPAIGN,
                credit_code=CODE,
                template="return_to_work",
                body="【复工】请于2月17日到浦东新区张江路88号返岗。",
                slots=("2月17日",),
                segments=1,
                audience=Audience(),
                send_at=T0,
                requested_by=f"enterprise:{CODE}",
                requested_at=T0,
            ),
        ]
    )
    assert await deliveries.run() == 1  # 4 created
    assert await deliveries.run() == 0  # unchanged: nothing
    await pool.execute(
        "UPDATE notify.messages SET status = 'delivered', provider = 'tencent_sms' "
        "WHERE event_id IN (SELECT event_id FROM notify.messages WHERE campaign_id = $1 "
        "LIMIT 3)",
        CAMPAIGN,
    )
    assert await deliveries.run() == 1  # 3 delivered, 1 created
    await pool.execute(
        "UPDATE notify.messages SET status = 'permanent_failure', reason = 'empty number' "
        "WHERE campaign_id = $1 AND status = 'created'",
        CAMPAIGN,
    )
    assert await deliveries.run() == 1  # settled
    assert await deliveries.run() == 0  # and never again

    events = await _on_topic(topic_name(NOTIFY_DELIVERIES, topic_prefix))
    progress = sorted((e["data"] for e in events), key=lambda d: d["sequence"])
    assert [p["sequence"] for p in progress] == [1, 2, 3]
    assert [p["final"] for p in progress] == [False, False, True]
    assert progress[-1]["counts"] == [
        {"channel": "sms", "status": "delivered", "messages": 3},
        {"channel": "sms", "status": "permanent_failure", "messages": 1},
    ]
    assert {e["subject"] for e in events} == {CAMPAIGN}
    raw = orjson.dumps(events).decode()
    assert all(m.phone not in raw for m in members)
    assert "李娜" not in raw
    assert "张江路" not in raw


async def test_messages_added_in_bulk_for_a_campaign_are_published_as_its_counts(
    pool: asyncpg.Pool, deliveries: DeliveryEvents, topic_prefix: str
) -> None:
    """A campaign expanded elsewhere and handed over through the bulk path is reported as a
    campaign: its counts, not one event per recipient."""
    bulk = uuid.UUID("6a1d9b9f-3e8c-4d64-8b68-3a5f2f1c7b22")
    await pool.execute(
        "INSERT INTO notify.campaigns (campaign_id, credit_code, template, body, segments, "
        "send_at, requested_by, requested_at, recipients) "
        "VALUES ($1, $2, 'service_status_changed', '【复工】', 1, now(), 'bulk', now(), 3)",
        bulk,
        CODE,
    )
    messages = [replace(recipient(serial, "bulk"), campaign_id=bulk) for serial in range(3)]
    assert await add_messages(pool, messages) == 3
    for message in messages:
        await _set(pool, message.event_id, "delivered", "tencent_sms")

    assert await deliveries.run() == 1  # the campaign's counts, final
    assert await deliveries.run() == 0

    events = await _on_topic(topic_name(NOTIFY_DELIVERIES, topic_prefix))
    assert [e["subject"] for e in events] == [str(bulk)]
    assert events[0]["data"]["final"] is True
    assert events[0]["data"]["counts"] == [{"channel": "sms", "status": "delivered", "messages": 3}]


async def _accepted(pool: asyncpg.Pool, event_id: str, provider: str, serial: str) -> None:
    await pool.execute(
        "UPDATE notify.messages SET status = 'sent', provider = $2, serial_no = $3, "
        "status_changed_at = now() WHERE event_id = $1",
        event_id,
        provider,
        serial,
    )


async def test_with_the_listener_on_a_pushed_providers_sent_waits_for_its_pushed_outcome(
    pool: asyncpg.Pool, topic_prefix: str
) -> None:
    """WeChat's and VMS's `sent` is not their request's outcome while a push may still come: the
    push's outcome is published; without a push within the wait, `sent`. With nobody listening
    for pushes, `sent` is published at once, as before."""
    messages = [recipient(serial, "monitoring:reminders") for serial in range(10, 14)]
    await add_messages(pool, messages)
    ids = [m.event_id for m in messages]
    for event_id, provider, serial in (
        (ids[0], "wechat", "7001"),  # delivered, as WeChat pushes
        (ids[1], "tencent_vms", "call-7002"),  # the call not answered
        (ids[2], "wechat", "7003"),  # its push never comes
    ):
        await _accepted(pool, event_id, provider, serial)
    producer = idempotent_producer(KAFKA, "fugong-tests")
    await producer.start()
    topic = topic_name(NOTIFY_DELIVERIES, topic_prefix)
    try:
        publisher = KafkaEventPublisher(producer)
        listening = DeliveryEvents(
            pool,
            publisher,
            topic,
            [Provider.TENCENT_SMS],
            pushed=[Provider.WECHAT, Provider.TENCENT_VMS],
            push_wait_seconds=3,
        )
        assert await listening.publish_settled() == 0  # every one waits for its push
        await PushedOutcomeInbox(pool).record(
            [
                wechat_outcome(7001, "success"),
                *voice_outcomes({"voiceprompt_callback": {"callid": "call-7002", "result": "1"}}),
            ]
        )
        applied = await ApplyPushedOutcomes(pool, match_seconds=600, retention_days=7).run()
        assert applied.applied == 2
        assert await listening.publish_settled() == 2  # the pushed outcomes, not `sent`
        assert await listening.publish_settled() == 0  # ids[2] still within its wait
        await eventually(
            listening.publish_settled, lambda n: n == 1, within=15, every=0.5,
            what="the message whose push never came published once its wait is over",
        )  # fmt: skip
        # A worker with nobody listening for pushes: `sent` is all it will ever know.
        await _accepted(pool, ids[3], "wechat", "7004")
        deaf = DeliveryEvents(pool, publisher, topic, [Provider.TENCENT_SMS])
        assert await deaf.publish_settled() == 1
    finally:
        await producer.stop()

    events = await _on_topic(topic)
    settled = {e["data"]["request_id"]: e["data"]["status"] for e in events}
    assert settled == {
        ids[0]: "delivered",
        ids[1]: "permanent_failure",
        ids[2]: "sent",
        ids[3]: "sent",
    }
    assert len(events) == 4  # each once


async def test_with_the_listener_on_a_campaign_is_final_only_once_its_pushes_are_in_or_waited_out(
    pool: asyncpg.Pool, topic_prefix: str
) -> None:
    """The campaign's last event says `final` when its WeChat `sent` was pushed an outcome, or
    when the latest of them has waited out the window; before that its counts, not final."""
    campaign = uuid.UUID("0b3c1d2e-4f50-4a61-8b72-93a4b5c6d7e8")
    await pool.execute(
        "INSERT INTO notify.campaigns (campaign_id, credit_code, template, body, segments, "
        "send_at, requested_by, requested_at, recipients) "
        "VALUES ($1, $2, 'service_status_changed', '【复工】', 1, now(), 'bulk', now(), 2)",
        campaign,
        CODE,
    )
    messages = [replace(recipient(serial, "pushed"), campaign_id=campaign) for serial in (30, 31)]
    assert await add_messages(pool, messages) == 2
    await _set(pool, messages[0].event_id, "delivered", "tencent_sms")
    await _accepted(pool, messages[1].event_id, "wechat", "7101")
    await pool.execute(
        "UPDATE notify.messages SET channel = 'wechat' WHERE event_id = $1", messages[1].event_id
    )
    producer = idempotent_producer(KAFKA, "fugong-tests")
    await producer.start()
    topic = topic_name(NOTIFY_DELIVERIES, topic_prefix)
    try:
        listening = DeliveryEvents(
            pool,
            KafkaEventPublisher(producer),
            topic,
            [Provider.TENCENT_SMS],
            pushed=[Provider.WECHAT],
            push_wait_seconds=3,
        )
        assert await listening.publish_campaigns() == 1  # its counts: the WeChat one waits
        assert await listening.publish_campaigns() == 0
        await eventually(
            listening.publish_campaigns, lambda n: n == 1, within=15, every=0.5,
            what="the campaign published final once its WeChat message waited out the window",
        )  # fmt: skip
        assert await listening.publish_campaigns() == 0
    finally:
        await producer.stop()

    events = await _on_topic(topic)
    progress = sorted((e["data"] for e in events), key=lambda d: d["sequence"])
    assert [(p["sequence"], p["final"]) for p in progress] == [(1, False), (2, True)]
    assert progress[-1]["counts"] == [
        {"channel": "sms", "status": "delivered", "messages": 1},
        {"channel": "wechat", "status": "sent", "messages": 1},
    ]
