"""Kafka clients: an idempotent event publisher, a connectivity probe, dead-letter records."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Protocol

from aiokafka import AIOKafkaClient, AIOKafkaProducer
from aiokafka.errors import KafkaError
from aiokafka.partitioner import murmur2
from pydantic import BaseModel

from services.contracts.envelope import CONTENT_TYPE, CloudEvent
from services.platform.kafka_connection import KafkaConnection
from services.platform.producers import (
    ProducerAbandoned,
    ProducerSource,
    ProducerUnavailable,
    SharedProducer,
)


@dataclass(frozen=True, slots=True)
class EncodedEvent:
    """An event ready for its topic: the Kafka key (its subject) and the encoded CloudEvent."""

    key: bytes
    value: bytes


class EventPublisher(Protocol):
    """Port: publish events and return only once the broker holds them."""

    async def publish(self, topic: str, event: CloudEvent[BaseModel]) -> None: ...

    async def publish_all(self, topic: str, events: Sequence[EncodedEvent]) -> list[bool]:
        """Publish many; for each, whether the broker acknowledged it (never raises for one)."""
        ...


class PublishFailed(RuntimeError):
    """The broker did not acknowledge the event; the caller must not report it accepted."""


def idempotent_producer(kafka: KafkaConnection, client_id: str) -> AIOKafkaProducer:
    # Idempotence implies acks=all: an accepted event is on every in-sync replica, written once.
    return AIOKafkaProducer(
        **kafka.client_options(),
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=2,
        request_timeout_ms=15000,
    )


_HEADERS = [("content-type", CONTENT_TYPE.encode())]


class KafkaEventPublisher:
    """Publishes through a producer and waits for the broker's ack, at most `timeout` seconds.

    An event reported refused (PublishFailed, or False from `publish_all`) is one the producer
    was made to drop: its producer is discarded (see `services.platform.producers`), so with a
    `ReplaceableProducer` a refusal is not contradicted by a late delivery once the broker is back.
    """

    def __init__(
        self, producer: AIOKafkaProducer | ProducerSource, *, timeout: float = 20.0
    ) -> None:
        self._source: ProducerSource = (
            SharedProducer(producer) if isinstance(producer, AIOKafkaProducer) else producer
        )
        self._timeout = timeout

    async def publish(self, topic: str, event: CloudEvent[BaseModel]) -> None:
        producer = None
        try:
            async with asyncio.timeout(self._timeout):
                producer = await self._source.get()
                await producer.send_and_wait(
                    topic, value=event.to_json(), key=event.subject.encode(), headers=_HEADERS
                )
        except _NOT_ACKNOWLEDGED as exc:
            if producer is not None:
                await self._source.discard(producer)
            raise PublishFailed(f"broker did not acknowledge event {event.id}") from exc

    async def publish_all(self, topic: str, events: Sequence[EncodedEvent]) -> list[bool]:
        """Publish in record batches, one open batch per partition, and wait for every ack.

        Events go to the partition `send` would choose for their key (the default partitioner's),
        so one entity's events stay in order whichever way they were published. A batch is
        acknowledged or refused whole: each event's answer is its batch's. Batches not
        acknowledged within the timeout are refused, and their producer discarded with them.
        """
        sent: list[tuple[asyncio.Future[Any], list[int]]] = []
        producer = None
        try:
            async with asyncio.timeout(self._timeout):
                producer = await self._source.get()
                await self._send_batches(producer, topic, events, sent)
                if sent:
                    await asyncio.wait([future for future, _ in sent])
        except _NOT_ACKNOWLEDGED:
            pass  # what was acknowledged in time stands; the rest is refused below
        outcome = [False] * len(events)
        for future, members in sent:
            if future.done() and not future.cancelled() and future.exception() is None:
                for index in members:
                    outcome[index] = True
        if producer is not None and not all(outcome):
            await self._source.discard(producer)
        return outcome

    async def _send_batches(
        self,
        producer: AIOKafkaProducer,
        topic: str,
        events: Sequence[EncodedEvent],
        sent: list[tuple[asyncio.Future[Any], list[int]]],
    ) -> None:
        """Hand the events over, batch by batch, adding each batch's future to `sent`."""
        partitions = sorted(await producer.partitions_for(topic))
        open_batches: dict[int, tuple[Any, list[int]]] = {}
        for index, event in enumerate(events):
            partition = partitions[_key_hash(event.key) % len(partitions)]
            batch, members = open_batches.get(partition) or (producer.create_batch(), [])
            if not _append(batch, event):  # full: send it, start the next
                sent.append((await producer.send_batch(batch, topic, partition=partition), members))
                batch, members = producer.create_batch(), []
                _append(batch, event)
            members.append(index)
            open_batches[partition] = (batch, members)
        for partition, (batch, members) in open_batches.items():
            sent.append((await producer.send_batch(batch, topic, partition=partition), members))

    async def close(self) -> None:
        """Stop the producer if this publisher owns it, delivering what is pending if it can."""
        await self._source.close(self._timeout)


_NOT_ACKNOWLEDGED = (KafkaError, TimeoutError, ProducerUnavailable, ProducerAbandoned)


@lru_cache(maxsize=1 << 17)
def _key_hash(key: bytes) -> int:
    """The default partitioner's hash of a key (murmur2, as Kafka's Java client), remembered:
    the same enterprises publish week after week, and the hash is pure Python."""
    return int(murmur2(key)) & 0x7FFFFFFF


def _append(batch: Any, event: EncodedEvent) -> bool:
    """Add to an aiokafka BatchBuilder; False when it is full."""
    return (
        batch.append(key=event.key, value=event.value, timestamp=None, headers=_HEADERS) is not None
    )


class KafkaProbe:
    """Answers 'can this process reach the brokers now?' with a metadata request."""

    def __init__(self, kafka: KafkaConnection) -> None:
        self._client = AIOKafkaClient(**kafka.client_options(), request_timeout_ms=3000)
        self._started = False

    async def reachable(self) -> bool:
        try:
            async with asyncio.timeout(3.0):
                if not self._started:
                    await self._client.bootstrap()
                    self._started = True
                await self._client.fetch_all_metadata()
            return True
        except (KafkaError, OSError, TimeoutError):
            return False

    async def close(self) -> None:
        await self._client.close()


@dataclass(frozen=True)
class DeadLetter:
    """A record a consumer could not use, kept with the reason; its value is passed on untouched."""

    source_topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    reason: str
    consumer: str

    def headers(self) -> list[tuple[str, bytes]]:
        return [
            ("fugong-dlq-reason", self.reason[:1000].encode()),
            ("fugong-dlq-source-topic", self.source_topic.encode()),
            ("fugong-dlq-source-partition", str(self.partition).encode()),
            ("fugong-dlq-source-offset", str(self.offset).encode()),
            ("fugong-dlq-consumer", self.consumer.encode()),
            ("fugong-dlq-failed-at", datetime.now(UTC).isoformat().encode()),
        ]
