"""Publishes labour sharing's queued notices to `notify.requests`: both enterprises' contacts are
told of a new proposal and of an agreed arrangement.

The store queues a notice in the transaction that changed the proposal; this job, a periodic job
of every worker, publishes what is queued (`outbox.py`): a notice asked again has the same event
id, which notify counts once.
"""

from __future__ import annotations

import uuid

import asyncpg
from pydantic import BaseModel

from services.contracts.envelope import CloudEvent, new_event
from services.contracts.notifications import (
    NOTIFICATION_REQUESTED,
    NotificationRequest,
    RecipientKind,
    Template,
)
from services.contracts.topics import NOTIFY_REQUESTS
from services.matching.outbox import Outbox, OutboxPublisher, publishing_job
from services.platform.stream.worker import Extension

SOURCE = "/fugong/matching"
_NOTICE_IDS = uuid.UUID("9c4e2a7b-1d3f-4b5a-8e6c-0f2a4b6c8d0e")

_CLAIM = """
SELECT notice_id, credit_code::text, template, parameters FROM matching.sharing_notices
WHERE published_at IS NULL AND dead_lettered_at IS NULL
ORDER BY recorded_at, notice_id LIMIT $1 FOR UPDATE SKIP LOCKED
"""


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


OUTBOX = Outbox("sharing_notices", [("notice_id", "text")], _CLAIM, _event)


class SharingNoticePublisher(OutboxPublisher):
    """Publishes queued labour-sharing notices."""

    outbox = OUTBOX


def publish_sharing_notices(interval_seconds: float, attempts_before_dead_letter: int) -> Extension:
    return publishing_job(
        "publish_sharing_notices",
        interval_seconds,
        NOTIFY_REQUESTS,
        SharingNoticePublisher,
        attempts_before_dead_letter,
    )
