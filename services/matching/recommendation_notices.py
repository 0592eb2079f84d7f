"""Tells consenting job seekers of postings recommended to them, through notify's requests.

The store queues a notice in the transaction that put the posting in a seeker's first places;
this job, a periodic job of every worker, asks notify for each queued notice (`outbox.py`). A
request names the seeker by id only: notify reads how to reach them from
`matching.job_seeker_contacts_v`. Its event id is the seeker's and the posting's, so a notice
asked for twice (a crash before the commit) is one.
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
_NOTICE_IDS = uuid.UUID("8e1f3a52-7c4b-4d9e-a0b1-2c3d4e5f6a7b")

_CLAIM = """
SELECT seeker_id::text, posting_id::text, parameters FROM matching.recommendation_notices
WHERE published_at IS NULL AND dead_lettered_at IS NULL
ORDER BY recorded_at, seeker_id, posting_id LIMIT $1 FOR UPDATE SKIP LOCKED
"""


def _event(row: asyncpg.Record) -> CloudEvent[BaseModel]:
    seeker_id, posting_id, parameters = row
    request = NotificationRequest(
        recipient_kind=RecipientKind.JOB_SEEKER, recipient=seeker_id,
        template=Template.JOB_RECOMMENDED, parameters=parameters, requested_by="matching",
    )  # fmt: skip
    return new_event(
        event_type=NOTIFICATION_REQUESTED, source=SOURCE, subject=seeker_id, data=request,
        event_id=notice_event_id(seeker_id, posting_id),
    )  # fmt: skip


OUTBOX = Outbox(
    "recommendation_notices", [("seeker_id", "uuid"), ("posting_id", "uuid")], _CLAIM, _event
)


class RecommendationNotices(OutboxPublisher):
    """Asks notify for each queued recommendation notice."""

    outbox = OUTBOX


def publish_recommendation_notices(
    interval_seconds: float, attempts_before_dead_letter: int
) -> Extension:
    return publishing_job(
        "publish_recommendation_notices",
        interval_seconds,
        NOTIFY_REQUESTS,
        RecommendationNotices,
        attempts_before_dead_letter,
    )


def notice_event_id(seeker_id: str, posting_id: str) -> str:
    """One id per seeker and posting (event ids are at most 64 characters)."""
    return str(uuid.uuid5(_NOTICE_IDS, f"{seeker_id}/{posting_id}"))
