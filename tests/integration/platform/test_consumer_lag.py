"""Consumer lag read from the broker: what a group has not committed yet."""

from __future__ import annotations

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from services.contracts.topics import ENTERPRISE_REGISTRATIONS, ENTERPRISE_REPORTS, topic_name
from services.platform.consumer_lag import ConsumerLag
from tests.support.infra import KAFKA, unique_name

pytestmark = pytest.mark.integration


async def test_lag_counts_what_the_group_has_not_committed(topic_prefix: str) -> None:
    reports = topic_name(ENTERPRISE_REPORTS, topic_prefix)
    registrations = topic_name(ENTERPRISE_REGISTRATIONS, topic_prefix)
    group = unique_name("lag-test-")
    producer = AIOKafkaProducer(**KAFKA.client_options())
    await producer.start()
    try:
        for i in range(30):
            await producer.send_and_wait(reports, b"{}", key=f"enterprise-{i}".encode())
    finally:
        await producer.stop()
    lag = ConsumerLag(KAFKA, group, [registrations, reports])
    try:
        assert await lag.per_topic() == {registrations: 0, reports: 30}

        consumer = AIOKafkaConsumer(
            reports,
            **KAFKA.client_options(),
            group_id=group,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        await consumer.start()
        try:
            batches = await consumer.getmany(timeout_ms=5000, max_records=20)
            while sum(len(b) for b in batches.values()) < 20:
                more = await consumer.getmany(timeout_ms=5000, max_records=20)
                batches = {tp: batches.get(tp, []) + more.get(tp, []) for tp in {*batches, *more}}
            taken = 0
            offsets: dict[TopicPartition, int] = {}
            for tp, records in sorted(batches.items()):
                for record in records:
                    if taken == 20:
                        break
                    offsets[tp] = record.offset + 1
                    taken += 1
            await consumer.commit(offsets)
        finally:
            await consumer.stop()
        assert await lag.per_topic() == {registrations: 0, reports: 10}
    finally:
        await lag.close()
