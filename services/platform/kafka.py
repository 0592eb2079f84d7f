"""Kafka clients: an idempotent event publisher, a connectivity probe, dead-letter records."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from aiokafka import AIOKafkaClient, AIOKafkaProducer
from aiokafka.errors import KafkaError
from pydantic import BaseModel

from services.contracts.envelope import CONTENT_TYPE, CloudEvent


class EventPublisher(Protocol):
    """Port: publish one event and return only once the broker holds it."""

    async def publish(self, topic: str, event: CloudEvent[BaseModel]) -> None: ...


class PublishFailed(RuntimeError):
    """The broker did not acknowledge the event; the caller must not report it accepted."""


def idempotent_producer(bootstrap_servers: str, client_id: str) -> AIOKafkaProducer:
    # Idempotence implies acks=all: an accepted event is on every in-sync replica, written once.
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=2,
        request_timeout_ms=15000,
    )


class KafkaEventPublisher:
    def __init__(self, producer: AIOKafkaProducer, *, timeout: float = 20.0) -> None:
        self._producer = producer
        self._timeout = timeout

    async def publish(self, topic: str, event: CloudEvent[BaseModel]) -> None:
        try:
            await asyncio.wait_for(
                self._producer.send_and_wait(
                    topic,
                    value=event.to_json(),
                    key=event.subject.encode(),
                    headers=[("content-type", CONTENT_TYPE.encode())],
                ),
                self._timeout,
            )
        except (KafkaError, TimeoutError) as exc:
            raise PublishFailed(f"broker did not acknowledge event {event.id}") from exc


class KafkaProbe:
    """Answers 'can this process reach the brokers now?' with a metadata request."""

    def __init__(self, bootstrap_servers: str) -> None:
        self._client = AIOKafkaClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=3000)
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
