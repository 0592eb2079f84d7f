"""Publishes labour sharing's queued notices to `notify.requests`: both enterprises' contacts are
told of a new proposal and of an agreed arrangement.

The store queues a notice in the transaction that changed the proposal; this job, a periodic job
of every worker, publishes what is queued (`outbox.py`): a notice asked again has the same event
id, which notify counts once.
"""

from __future__ import annotations

import uuid

import asyncpg
import structlog
from pydantic import BaseModel

from services.contracts.envelope import CloudEvent, new_event
from services.contracts.notifications import (
    NOTIFICATION_REQUESTED,
    NotificationRequest,
    RecipientKind,
    Template,
)
from services.contracts.topics import NOTIFY_REQUESTS, topic_name
from services.matching.outbox import Outbox, publish_queued
from services.platform.kafka import EventPublisher, KafkaEventPublisher
from services.platform.stream.periodic import periodic_job
from services.platform.stream.worker import Extension

log = structlog.get_logger(__name__)

SOURCE = "/fugong/matching"
_NOTICE_IDS = uuid.UUID("9c4e2a7b-1d3f-4b5a-8e6c-0f2a4b6c8d0e")

_CLAIM = """
SELECT notice_id, credit_code::text, template, parameters FROM matching.sharing_notices
WHERE published_at IS NULL AND dead_lettered_at IS NULL
ORDER BY recorded_at, notice_id LIMIT $1 FOR UPDATE SKIP LOCKED
"""
OUTBOX = Outbox("sharing_notices", [("notice_id", "text")], _CLAIM)


def _event(row: asyncpg.Record) -> CloudEvent[BaseModel]:
    notice_id, credit_code, template, parameters = row
    request = NotificationRequest(
        recipient_kind=RecipientKind.ENTERPRISE, recipient=credit_code,
        template=Template(template), parameters=parameters, requested_by="matching",
    )  # fmt: skip
    return new_event(
        event_type=NOTIFICATION_REQUESTED, source=SOURCE, subject=credit_code, data=request,
        event_id=str(uuid.uuid5(_NOTICE_IDS, notice_id)),
    )  # fmt: skip


class SharingNoticePublisher:
    def __init__(
        self,
        pool: asyncpg.Pool,
        publisher: EventPublisher,
        topic: str,
        attempts_before_dead_letter: int = 5,
    ) -> None:
        self._pool = pool
        self._publisher = publisher
        self._topic = topic
        self._attempts = attempts_before_dead_letter

    async def run(self, limit: int = 500) -> int:
        """Publish up to `limit` queued notices; return how many."""
        rows = await publish_queued(
            self._pool, self._publisher, self._topic, OUTBOX, _event,
            limit=limit, attempts_before_dead_letter=self._attempts,
        )  # fmt: skip
        if rows:
            log.info("sharing notices published", count=len(rows))
        return len(rows)


def publish_sharing_notices(interval_seconds: float, attempts_before_dead_letter: int) -> Extension:
    return periodic_job(
        "publish_sharing_notices",
        interval_seconds,
        lambda pool, producer, settings: SharingNoticePublisher(
            pool,
            KafkaEventPublisher(producer),
            topic_name(NOTIFY_REQUESTS, settings.topic_prefix),
            attempts_before_dead_letter,
        ),
    )
