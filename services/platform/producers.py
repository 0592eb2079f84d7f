"""Where a publisher gets its Kafka producer, and what becomes of a producer that let it down.

aiokafka's idempotent producer never gives up on a batch it has sent once: it resends until a
broker answers, however long the broker is away (`SendProduceReqHandler._can_retry` in
aiokafka/producer/sender.py: "If idempotence is enabled we never expire batches"; aiokafka
0.14.0, pinned). A publisher that stops waiting and tells its caller "not stored" would then be
contradicted when the broker returns and the producer delivers the event after all. So a
publisher whose wait ran out must make sure the event is never sent: it discards the producer
that holds it. `ReplaceableProducer` then abandons it (its sender cancelled, its connections
closed, its waiters failed: `stop()` would flush, which waits for the broker) and starts a new
one, with a new producer id, for the next event. `SharedProducer` leaves a producer its owner
runs (a stream worker's) alone: there a late delivery is harmless, the job publishes again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Protocol

import structlog
from aiokafka import AIOKafkaProducer

log = structlog.get_logger(__name__)


class ProducerUnavailable(RuntimeError):
    """No producer could be started: no broker answered."""


class ProducerAbandoned(RuntimeError):
    """The batch's producer was abandoned before the broker acknowledged it."""


class ProducerSource(Protocol):
    """Port: the producer to send through now, and what to do with one that failed an event."""

    async def get(self) -> AIOKafkaProducer: ...

    async def discard(self, producer: AIOKafkaProducer) -> None:
        """The producer held an event that was then reported refused: it must not deliver it."""
        ...

    async def close(self, grace_seconds: float) -> None: ...


class SharedProducer:
    """A started producer its owner stops; events given up on may still be delivered."""

    def __init__(self, producer: AIOKafkaProducer) -> None:
        self._producer = producer

    async def get(self) -> AIOKafkaProducer:
        return self._producer

    async def discard(self, producer: AIOKafkaProducer) -> None:
        return None

    async def close(self, grace_seconds: float) -> None:
        return None


class ReplaceableProducer:
    """A producer started when first needed, abandoned and replaced once it failed an event.

    Callers bound their own wait (`asyncio.timeout`) around `get`, which starts a producer when
    there is none: while no broker answers, that start fails fast (connection refused) or runs
    out of the caller's time, and the caller answers 503 without having handed anything over.
    """

    def __init__(self, connect: Callable[[], AIOKafkaProducer]) -> None:
        self._connect = connect
        self._producer: AIOKafkaProducer | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> AIOKafkaProducer:
        producer = self._producer
        if producer is not None and not _sender_died(producer):
            return producer
        async with self._lock:  # one start at a time; the others wait for it (within their time)
            if self._producer is not None and _sender_died(self._producer):
                await self.discard(self._producer)
            if self._producer is None:
                self._producer = await _started(self._connect())
            return self._producer

    async def discard(self, producer: AIOKafkaProducer) -> None:
        if self._producer is producer:
            self._producer = None
            log.warning("kafka producer abandoned", reason="an event was not acknowledged in time")
        await abandon(producer)

    async def close(self, grace_seconds: float) -> None:
        """Stop, delivering what is pending if a broker answers in `grace_seconds`; else abandon."""
        producer, self._producer = self._producer, None
        if producer is None:
            return
        try:
            async with asyncio.timeout(grace_seconds):
                await producer.stop()
        except TimeoutError:
            await abandon(producer)


async def _started(producer: AIOKafkaProducer) -> AIOKafkaProducer:
    try:
        await producer.start()
    except BaseException as exc:  # refused, or the caller's time ran out: leave nothing running
        await abandon(producer)
        if isinstance(exc, Exception) and not isinstance(exc, TimeoutError):
            raise ProducerUnavailable("no Kafka broker answered") from exc
        raise
    return producer


def _sender_died(producer: AIOKafkaProducer) -> bool:
    """A sender that ended (OutOfOrderSequenceNumber, …) failed its batches and sends no more."""
    task = producer._sender.sender_task
    return task is not None and task.done()


async def abandon(producer: AIOKafkaProducer) -> None:
    """Make sure nothing this producer holds reaches a broker from now on, without waiting for one.

    Uses aiokafka's internals (0.14.0, pinned): its public `stop()` flushes first. Cancelling the
    sender task ends every resend; closing the client cuts every connection (a request already on
    the wire may still have been stored: a client can never tell, which is why callers retry with
    the same event id); failing the accumulator's batches wakes everyone still waiting on them.
    """
    task = producer._sender.sender_task
    if task is not None and not task.done():
        task.cancel()
    producer._closed = True  # as stop() would: no ResourceWarning, no new sends
    await producer.client.close()
    producer._message_accumulator.fail_all(ProducerAbandoned())
