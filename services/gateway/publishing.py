"""Turning an accepted request into an event on its topic."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel

from services.contracts.envelope import new_event
from services.contracts.topics import TopicSpec, topic_name
from services.platform.kafka import EventPublisher
from services.platform.metrics import EVENTS_PUBLISHED

SOURCE = "/fugong/gateway"


async def publish(
    publisher: EventPublisher,
    topic: TopicSpec,
    *,
    prefix: str,
    event_type: str,
    subject: str,
    data: BaseModel,
    idempotency_key: UUID | None,
) -> str:
    """Publish and return the event id once the broker has acknowledged the event.

    A client that retries with the same Idempotency-Key sends the same event id, which every
    consumer records once however often it arrives.
    """
    event = new_event(
        event_type=event_type,
        source=SOURCE,
        subject=subject,
        data=data,
        event_id=str(idempotency_key) if idempotency_key else None,
    )
    name = topic_name(topic, prefix)
    await publisher.publish(name, event)
    EVENTS_PUBLISHED.labels(topic.name).inc()
    return event.id
