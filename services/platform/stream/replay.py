"""Reading topics from their beginning into a store, outside any consumer group (rebuilds).

A `Replayer` reads every record of its topics up to their end offsets at the time of each
`catch_up()`, through the same batch processor a stream worker uses, decoding the next batch while
the previous one is recorded. Calling `catch_up()` again goes on from where it stopped.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Generic, TypeVar

from aiokafka import AIOKafkaConsumer, TopicPartition

from services.platform.dead_letters import partitions_of
from services.platform.kafka_connection import KafkaConnection
from services.platform.stream.batches import BatchProcessor, Decoded
from services.platform.stream.events import IncomingRecord

R = TypeVar("R")


@dataclass
class Progress:
    records: int = 0
    new_events: int = 0
    seconds: float = 0.0


class Replayer(Generic[R]):
    def __init__(
        self,
        kafka: KafkaConnection,
        topics: list[str],
        processor: BatchProcessor[R],
        *,
        max_records: int = 10_000,
    ) -> None:
        self._kafka = kafka
        self._topics = topics
        self._processor = processor
        self._max_records = max_records
        self._consumer: AIOKafkaConsumer | None = None
        self.progress = Progress()

    async def __aenter__(self) -> Replayer[R]:
        consumer = AIOKafkaConsumer(
            **self._kafka.client_options(),
            client_id="fugong-replay",
            group_id=None,
            enable_auto_commit=False,
            isolation_level="read_committed",
            max_partition_fetch_bytes=8 * 1024 * 1024,
            fetch_max_bytes=64 * 1024 * 1024,
        )
        await consumer.start()
        partitions = [
            TopicPartition(topic, p)
            for topic in self._topics
            for p in await partitions_of(self._kafka, topic)
        ]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        self._consumer = consumer
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._consumer is not None:
            await self._consumer.stop()

    async def catch_up(self) -> Progress:
        """Record everything up to the topics' end offsets now; return the running totals."""
        if self._consumer is None:
            raise RuntimeError("use `async with Replayer(...)` before catching up")
        consumer = self._consumer
        started = time.perf_counter()
        ends = await consumer.end_offsets(list(consumer.assignment()))
        queue: asyncio.Queue[Decoded[R] | None] = asyncio.Queue(maxsize=1)

        async def fetch() -> None:
            pending = {tp for tp, end in ends.items() if await consumer.position(tp) < end}
            while pending:
                fetched = await consumer.getmany(
                    *pending, timeout_ms=1000, max_records=self._max_records
                )
                batch = [
                    IncomingRecord(r.topic, r.partition, r.offset, r.key, r.value or b"")
                    for tp, records in fetched.items()
                    for r in records
                    if r.offset < ends[tp]
                ]
                if batch:
                    self.progress.records += len(batch)
                    await queue.put(await self._processor.decode_in_slices(batch))
                pending = {tp for tp in pending if await consumer.position(tp) < ends[tp]}
            await queue.put(None)

        async def record() -> None:
            while (decoded := await queue.get()) is not None:
                self.progress.new_events += await self._processor.record(decoded)

        await asyncio.gather(fetch(), record())
        self.progress.seconds += time.perf_counter() - started
        return self.progress
