"""The consume loop: fetch and decode the next batch while the previous one is being recorded.

Two stages joined by a one-slot queue. The first takes records from aiokafka (which prefetches in
the background) and decodes them; the second records a decoded batch and only then commits its
offsets, batch after batch in order. So the CPU work of decoding overlaps the wait on PostgreSQL,
and an offset is never committed before the effects of every record below it.

The fetch stage keeps calling `getmany` through a rebalance, never waiting for the new assignment
itself: aiokafka's coordinator hands some errors of a rejoin to the user and then waits until the
next `getmany` has taken them (`_push_error_to_user`), before it assigns anything. A fetch stage
parked until partitions are assigned would wait on a coordinator waiting on it, silently and for
good. A rebalance that still has not assigned partitions after `rebalance_stall_seconds` reports
the worker stalled (readiness 503, the stall alert) until it does.

faust's own per-message path (an agent and `take_events`) cost about 130 us of CPU per event here
and no setting moved it; reading batches with aiokafka directly inside the faust app removed that
ceiling (bench/README.md has the figures).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import structlog
from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import CommitFailedError, IllegalStateError, KafkaError
from aiokafka.structs import OffsetAndMetadata

from services.platform.kafka_connection import KafkaConnection
from services.platform.stream import metrics
from services.platform.stream.batches import BatchProcessor, Decoded
from services.platform.stream.events import IncomingRecord

log = structlog.get_logger(__name__)

R = TypeVar("R")


@dataclass(frozen=True)
class DecodedBatch(Generic[R]):
    decoded: Decoded[R]
    size: int
    offsets: dict[TopicPartition, int]
    """The next offset to read of each partition in the batch: what to commit once recorded."""


def consumer_for(
    kafka: KafkaConnection,
    group_id: str,
    *,
    client_id: str,
    session_timeout_seconds: float,
    max_records: int,
) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        **kafka.client_options(),
        group_id=group_id,
        client_id=client_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        session_timeout_ms=int(session_timeout_seconds * 1000),
        heartbeat_interval_ms=int(session_timeout_seconds * 1000 / 4),
        max_poll_records=max_records,
        max_partition_fetch_bytes=4 * 1024 * 1024,
        fetch_max_bytes=64 * 1024 * 1024,
    )


class ConsumeLoop(Generic[R]):
    def __init__(
        self,
        consumer: AIOKafkaConsumer,
        processor: BatchProcessor[R],
        topics: Iterable[str],
        *,
        max_records: int,
        max_wait_seconds: float,
        rebalance_stall_seconds: float = 60.0,
    ) -> None:
        self._consumer = consumer
        self._processor = processor
        self._topics = list(topics)
        self._max_records = max_records
        self._max_wait_ms = int(max_wait_seconds * 1000)
        self._queue: asyncio.Queue[DecodedBatch[R]] = asyncio.Queue(maxsize=1)
        self._rebalance_stall_seconds = rebalance_stall_seconds
        self._rebalancing_since: float | None = None
        self._stalled_in_rebalance = False
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self._consumer.subscribe(self._topics, listener=_FinishBeforeRevoke(self))
        await self._consumer.start()
        self._tasks = [
            asyncio.create_task(self._fetch_stage(), name="stream-fetch"),
            asyncio.create_task(self._record_stage(), name="stream-record"),
            asyncio.create_task(self._watch_rebalances(), name="stream-rebalance-watch"),
        ]
        for task in self._tasks:
            task.add_done_callback(self._ended)

    def _ended(self, task: asyncio.Task[None]) -> None:
        """A stage that ends before a stop is a bug: say so loudly and report the worker stalled
        (readiness 503, the stall alert); offsets of unrecorded batches stay uncommitted."""
        if self._stopping or task.cancelled() or task.exception() is None:
            return
        self._processor.report_stalled(f"{task.get_name()} ended", task.exception())

    async def stop(self, grace_seconds: float = 30.0) -> None:
        """Finish the batch being recorded, commit it, leave the group and close the consumer.

        A batch still failing after `grace_seconds` is abandoned uncommitted (its transaction
        rolls back), to be read again by whichever worker gets its partitions.
        """
        self._stopping = True
        fetch, record, watch = self._tasks or (None, None, None)
        if watch is not None:
            watch.cancel()
            await asyncio.gather(watch, return_exceptions=True)
        if fetch is not None:
            fetch.cancel()
            await asyncio.gather(fetch, return_exceptions=True)
        if record is not None:
            # A batch decoded but not begun is dropped: uncommitted, it is read again later.
            while not self._queue.empty():
                self._queue.get_nowait()
                self._queue.task_done()
            self._queue.put_nowait(_STOP)
            done, _ = await asyncio.wait({record}, timeout=grace_seconds)
            if not done:
                log.warning("batch abandoned at shutdown, uncommitted", grace=grace_seconds)
                record.cancel()
                await asyncio.gather(record, return_exceptions=True)
        await self._consumer.stop()

    async def finish_in_flight(self) -> None:
        """A rebalance begins: record and commit what was handed over so far.

        The fetch stage is neither waited for nor held back: during a rebalance aiokafka's
        `getmany` returns no records until the new assignment, and it must go on being called
        (see the module's docstring). Whatever it still fetched before the revocation is recorded
        later (harmless: effects are idempotent, and a commit for partitions gone elsewhere is
        refused and logged).
        """
        self._rebalancing_since = time.monotonic()
        await self._queue.join()

    def assigned(self) -> None:
        """The rebalance is over: a stall it caused is over too."""
        self._rebalancing_since = None
        if self._stalled_in_rebalance:
            self._stalled_in_rebalance = False
            self._processor.report_recovered("partitions assigned again")

    async def _watch_rebalances(self) -> None:
        """Report the worker stalled while a rebalance has assigned nothing for too long.

        Without this a worker that left its group and never got back in would look healthy: no
        batch fails, so nothing else would ever report it.
        """
        while True:
            await asyncio.sleep(min(1.0, self._rebalance_stall_seconds / 4))
            since = self._rebalancing_since
            if since is None or self._stalled_in_rebalance:
                continue
            waited = time.monotonic() - since
            if waited >= self._rebalance_stall_seconds:
                self._stalled_in_rebalance = True
                self._processor.report_stalled(
                    f"no partitions assigned {waited:.0f} s after a rebalance began", None
                )

    async def _fetch_stage(self) -> None:
        while not self._stopping:
            try:
                fetched = await self._consumer.getmany(
                    timeout_ms=self._max_wait_ms, max_records=self._max_records
                )
            except KafkaError as exc:
                log.warning("fetch failed; retrying", error=type(exc).__name__)
                await asyncio.sleep(1)
                continue
            batch = [
                IncomingRecord(r.topic, r.partition, r.offset, r.key, r.value or b"")
                for records in fetched.values()
                for r in records
            ]
            if not batch:
                continue
            offsets = {tp: records[-1].offset + 1 for tp, records in fetched.items() if records}
            decoded = await self._processor.decode_in_slices(batch)
            await self._queue.put(DecodedBatch(decoded, len(batch), offsets))

    async def _record_stage(self) -> None:
        consumer = self._processor.consumer
        while True:
            batch = await self._queue.get()
            try:
                if batch is _STOP:
                    return
                started = time.perf_counter()
                await self._record_and_commit(batch)
                metrics.BATCH_SIZE.labels(consumer).observe(batch.size)
                metrics.BATCH_SECONDS.labels(consumer).observe(time.perf_counter() - started)
            finally:
                self._queue.task_done()

    async def _record_and_commit(self, batch: DecodedBatch[R]) -> None:
        await self._processor.record(batch.decoded)
        offsets = {tp: OffsetAndMetadata(offset, "") for tp, offset in batch.offsets.items()}

        async def commit() -> None:
            try:
                await self._consumer.commit(offsets)
            except (CommitFailedError, IllegalStateError) as exc:
                # The partitions moved to another worker meanwhile. Their effects are
                # committed, so the other worker's redelivery is skipped as duplicates.
                log.warning("offsets not committed after a rebalance", error=type(exc).__name__)

        # Any other failure (the coordinator away) is retried like the store's.
        await self._processor.retrying("offset commit", commit)


_STOP: Any = object()


class _FinishBeforeRevoke(ConsumerRebalanceListener):  # type: ignore[misc]
    """Before partitions move to another worker, record and commit what was fetched from them."""

    def __init__(self, loop: ConsumeLoop[Any]) -> None:
        self._loop = loop

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        if not self._loop._stopping:
            await self._loop.finish_in_flight()

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self._loop.assigned()
        log.info("partitions assigned", partitions=len(assigned))
