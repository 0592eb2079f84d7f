"""The benchmark's workload: registrations and weekly reports, built once and produced in bulk.

Events are built with the tests' publisher (the gateway's envelope, `new_event(...).to_json()`),
so the bytes on the topics are exactly what the gateway publishes; the publisher also remembers
what was accepted, from which the expected figures are recomputed with the domain function.
"""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta
from time import perf_counter
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from services.contracts.envelope import CloudEvent
from services.contracts.identifiers import all_districts
from services.monitoring.domain.figures import CellFigures, CellKey, compute_cells
from tests.support.data import NAMES, credit_code, random_weekly_report, registration
from tests.support.events import TestPublisher
from tests.support.infra import KAFKA

WEEKS = ("2020-W06", "2020-W07", "2020-W08", "2020-W09")
# Divisions of seven sections: C 制造业 (twice), E 建筑业, F 零售, G 运输, H 住宿, I 软件, Q 卫生.
DIVISIONS = ("13", "39", "47", "52", "54", "61", "65", "84")
RESEND_EVERY = 100  # one report in a hundred is delivered twice (a producer or client retry)
NOT_DESIGNATED_EVERY = 10  # one enterprise in ten is not designated to report weekly
MOVE_EVERY = 50  # one enterprise in fifty registers again, in another district, mid-stream
REGISTERED_FROM = datetime(2020, 2, 1, tzinfo=UTC)


class BulkPublisher(TestPublisher):
    """The tests' publisher, holding events back so that they can be produced in bulk later.

    The base class's `__init__` is not called: it builds an unbatched producer; this one batches
    (256 KiB, 5 ms linger) and keeps the idempotence the gateway relies on.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.producer = AIOKafkaProducer(
            **KAFKA.client_options(),
            client_id="fugong-bench",
            enable_idempotence=True,
            acks="all",
            linger_ms=5,
            max_batch_size=256 * 1024,
        )
        self.registrations = []
        self.reports = []
        self.points = []
        self.community_reports = []
        self.outbox: list[tuple[str, bytes, bytes]] = []  # (topic without prefix, key, value)

    async def send(self, topic: str, event: CloudEvent[Any]) -> None:
        self.outbox.append(
            (topic.removeprefix(self.prefix), event.subject.encode(), event.to_json())
        )

    async def produce(self, prefix: str) -> float:
        """Send every held event to the topics under `prefix`; return the seconds it took."""
        await self._leaders_ready({prefix + topic for topic, _, _ in self.outbox})
        started = perf_counter()
        pending = [
            await self.producer.send(prefix + topic, value, key=key)
            for topic, key, value in self.outbox
        ]
        await asyncio.gather(*pending)
        return perf_counter() - started

    async def _leaders_ready(self, topics: set[str]) -> None:
        """Wait until new topics answer: metadata names leaders a moment before they take writes."""
        consumer = AIOKafkaConsumer(**KAFKA.client_options(), client_id="fugong-bench")
        await consumer.start()
        try:
            for topic in topics:
                partitions = await self.producer.partitions_for(topic)
                await consumer.end_offsets([TopicPartition(topic, p) for p in partitions])
        finally:
            await consumer.stop()

    def expected_cells(self) -> dict[CellKey, CellFigures]:
        return compute_cells(self.profiles(), self.report_figures())


async def build(publisher: BulkPublisher, *, reports: int, enterprises: int, seed: int) -> None:
    """Registrations of `enterprises` across the 16 districts, then `reports` over four weeks."""
    rng = random.Random(seed)
    districts = [d.code for d in all_districts()]
    codes = [credit_code(100_000 + i, districts[i % len(districts)]) for i in range(enterprises)]
    for i, code in enumerate(codes):
        body = registration(
            code, district=code[2:8], division=rng.choice(DIVISIONS), name=rng.choice(NAMES)
        )
        if i % NOT_DESIGNATED_EVERY == 0:
            body["monitoring_roles"] = ["unemployment_sample"]  # reports only if it wishes to
        await publisher.register(body, time=REGISTERED_FROM + timedelta(seconds=i))
    for i in range(reports):
        if i == reports // 2:
            await _move_some(publisher, codes, rng, districts)
        await publisher.report(random_weekly_report(rng, codes, WEEKS, most=2000))
        if i % RESEND_EVERY == 0:
            publisher.outbox.append(publisher.outbox[-1])  # the very same record, again


async def _move_some(
    publisher: BulkPublisher, codes: list[str], rng: random.Random, districts: list[str]
) -> None:
    for i, code in enumerate(codes[::MOVE_EVERY]):
        body = registration(code, district=rng.choice(districts), division=rng.choice(DIVISIONS))
        await publisher.register(body, time=REGISTERED_FROM + timedelta(days=7, seconds=i))


async def delete_topics(prefix: str) -> None:
    """Delete every topic under the prefix (the catalogue's and any the worker created)."""
    admin = AIOKafkaAdminClient(**KAFKA.client_options(), client_id="fugong-bench")
    await admin.start()
    try:
        names = [t for t in await admin.list_topics() if t.startswith(prefix)]
        if names:
            await admin.delete_topics(names)
    finally:
        await admin.close()
