"""A publisher whose broker does not answer refuses within its timeout and keeps nothing queued.

No broker listens on the port used here (one just freed on loopback), as while Kafka is down.
"""

from __future__ import annotations

import time

import pytest
from pydantic import BaseModel

from services.contracts.envelope import CloudEvent, new_event
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from services.platform.kafka import (
    EncodedEvent,
    KafkaEventPublisher,
    PublishFailed,
    idempotent_producer,
)
from services.platform.kafka_connection import KafkaConnection
from services.platform.producers import ReplaceableProducer
from tests.support.data import credit_code, weekly_report
from tests.support.processes import free_port


def _publisher() -> KafkaEventPublisher:
    nowhere = KafkaConnection.plaintext(f"127.0.0.1:{free_port()}")
    return KafkaEventPublisher(
        ReplaceableProducer(lambda: idempotent_producer(nowhere, "fugong-unit")), timeout=2.0
    )


async def test_a_report_is_refused_within_the_timeout_while_no_broker_answers() -> None:
    code = credit_code(1)
    event: CloudEvent[BaseModel] = new_event(
        event_type=WEEKLY_REPORT_SUBMITTED,
        source="/fugong/gateway",
        subject=code,
        data=WeeklyReport.model_validate(weekly_report(code)),
    )
    publisher = _publisher()
    started = time.monotonic()
    with pytest.raises(PublishFailed):
        await publisher.publish("monitoring.enterprise-reports", event)
    assert time.monotonic() - started < 3.0
    await publisher.close()


async def test_a_batch_is_refused_entry_by_entry_within_the_timeout() -> None:
    publisher = _publisher()
    events = [EncodedEvent(credit_code(n).encode(), b"{}") for n in range(5)]
    started = time.monotonic()
    assert await publisher.publish_all("monitoring.enterprise-reports", events) == [False] * 5
    assert time.monotonic() - started < 3.0
    await publisher.close()
