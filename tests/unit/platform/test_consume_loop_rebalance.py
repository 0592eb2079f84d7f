"""The consume loop through a rebalance, on a consumer that behaves as aiokafka's does: the loop
keeps polling while its partitions are revoked (so a coordinator waiting on a poll goes on to
assign them), and a rebalance that assigns nothing for too long reports the worker stalled."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, cast

from aiokafka import ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import KafkaError
from aiokafka.structs import OffsetAndMetadata
from pydantic import BaseModel, ConfigDict

from services.contracts.envelope import new_event
from services.platform.kafka import DeadLetter
from services.platform.stream.batches import BatchProcessor
from services.platform.stream.consuming import ConsumeLoop
from services.platform.stream.events import IncomingRecord, Route, Routes

TOPIC = "monitoring.enterprise-reports"
SUBMITTED = "cn.fugong.test.report.submitted.v1"
PARTITION = TopicPartition(TOPIC, 0)


class Report(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    credit_code: str
    week: str


ROUTES = Routes({TOPIC: (Route(SUBMITTED, Report, lambda event: event.id, "credit_code"),)})


class Store:
    def __init__(self) -> None:
        self.event_ids: list[str] = []

    async def record(self, records: Sequence[str]) -> int:
        self.event_ids += records
        return len(records)


class NoLetters:
    async def send(self, letter: DeadLetter) -> None:
        raise AssertionError(f"nothing here is unusable: {letter.reason}")


def _report(offset: int) -> IncomingRecord:
    code = "91310115MA1K3YJ12X"
    event = new_event(
        event_type=SUBMITTED,
        source="/tests",
        subject=code,
        data=Report(credit_code=code, week="2020-W07"),
    )
    return IncomingRecord(TOPIC, 0, offset, code.encode(), event.to_json())


class RejoiningConsumer:
    """aiokafka's consumer as the loop sees it in a rejoin after the broker forgot the member.

    As aiokafka's coordinator (group_coordinator.py): the listener's revoke hook runs first; an
    error of the rejoin is then handed to the user (`_push_error_to_user`), and the coordinator
    waits until the next `getmany` has taken it before it assigns the partitions again.
    Meanwhile `getmany` returns no records.
    """

    def __init__(self, *, rejoin_fails: bool = True) -> None:
        self._rejoin_fails = rejoin_fails
        self._listener: ConsumerRebalanceListener | None = None
        self._ready: list[IncomingRecord] = []
        self._reassigning = False
        self._pending: KafkaError | None = None
        self._error_taken = asyncio.Event()
        self.committed: dict[TopicPartition, int] = {}
        self.coordinator: asyncio.Task[None] | None = None

    def subscribe(self, topics: list[str], listener: ConsumerRebalanceListener) -> None:
        self._listener = listener

    async def start(self) -> None:
        assert self._listener is not None
        await self._listener.on_partitions_revoked(set())
        await self._listener.on_partitions_assigned({PARTITION})

    async def stop(self) -> None:
        if self.coordinator is not None:
            self.coordinator.cancel()

    def deliver(self, records: list[IncomingRecord]) -> None:
        self._ready += records

    def rejoin(self, *, assign: bool = True) -> None:
        self.coordinator = asyncio.create_task(self._rejoin(assign))

    async def _rejoin(self, assign: bool) -> None:
        assert self._listener is not None
        self._reassigning = True
        await self._listener.on_partitions_revoked({PARTITION})
        if self._rejoin_fails:
            self._pending = KafkaError("Unexpected error in join group response")
            await self._error_taken.wait()
        if assign:
            self._reassigning = False
            await self._listener.on_partitions_assigned({PARTITION})

    async def getmany(self, *, timeout_ms: int, max_records: int) -> dict[TopicPartition, Any]:
        if self._pending is not None:
            error, self._pending = self._pending, None
            self._error_taken.set()
            raise error
        if self._reassigning or not self._ready:
            await asyncio.sleep(timeout_ms / 1000)
            return {}
        taken, self._ready = self._ready[:max_records], self._ready[max_records:]
        return {PARTITION: [_Record(r) for r in taken]}

    async def commit(self, offsets: dict[TopicPartition, OffsetAndMetadata]) -> None:
        self.committed.update((tp, meta.offset) for tp, meta in offsets.items())


class _Record:
    def __init__(self, incoming: IncomingRecord) -> None:
        self.topic, self.partition, self.offset = (
            incoming.topic,
            incoming.partition,
            incoming.offset,
        )
        self.key, self.value = incoming.key, incoming.value


async def _started(
    consumer: RejoiningConsumer, processor: BatchProcessor[str], stall_seconds: float = 60.0
) -> ConsumeLoop[str]:
    loop = ConsumeLoop(
        cast(Any, consumer),
        processor,
        [TOPIC],
        max_records=100,
        max_wait_seconds=0.05,
        rebalance_stall_seconds=stall_seconds,
    )
    await loop.start()
    return loop


async def _until(condition: Any, what: str, within: float = 5.0) -> None:
    async with asyncio.timeout(within):
        while not condition():
            await asyncio.sleep(0.01)
    assert condition(), what


async def test_a_rejoin_that_hands_an_error_to_the_poller_still_ends_in_an_assignment() -> None:
    store, consumer = Store(), RejoiningConsumer()
    processor = BatchProcessor("rejoin", ROUTES, store, NoLetters())
    loop = await _started(consumer, processor)
    try:
        consumer.deliver([_report(offset) for offset in range(3)])
        await _until(lambda: consumer.committed.get(PARTITION) == 3, "first batch committed")

        consumer.rejoin()
        await asyncio.wait_for(asyncio.shield(_coordinator(consumer)), timeout=5)
        consumer.deliver([_report(offset) for offset in range(3, 8)])
        await _until(lambda: consumer.committed.get(PARTITION) == 8, "batch after the rejoin")
        assert len(store.event_ids) == 8
        assert not processor.stalled
    finally:
        await loop.stop()


async def _coordinator(consumer: RejoiningConsumer) -> None:
    assert consumer.coordinator is not None
    await consumer.coordinator


async def test_a_rebalance_that_assigns_nothing_reports_stalled_until_it_does() -> None:
    store, consumer = Store(), RejoiningConsumer(rejoin_fails=False)
    processor = BatchProcessor("unassigned", ROUTES, store, NoLetters())
    loop = await _started(consumer, processor, stall_seconds=0.2)
    try:
        consumer.rejoin(assign=False)
        await _until(lambda: processor.stalled, "stalled while no partitions are assigned")

        consumer.rejoin()
        await _until(lambda: not processor.stalled, "recovered once they are assigned")
    finally:
        await loop.stop()
