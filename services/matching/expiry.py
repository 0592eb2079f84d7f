"""Closes postings whose `valid_until` has passed (reason `expired`), so that the demand lists,
recommendations and fairs stop showing them without the enterprise having to.

A periodic job of every worker finds the postings not yet closed whose last valid day (Shanghai
time) is before today and publishes each one's close to `matching.postings` at the posting's next
version, as the gateway publishes an enterprise's close. The processor then applies it like any
other change, so the lists and the topic (the source a rebuild replays) agree. The event id is
the posting's and that version's: a job run again before the close is applied, or by two workers
at once, publishes the same event, which the processor records once. A change of the
enterprise's at the same version wins; the close follows at the next version on a later tick.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import asyncpg
import structlog

from services.contracts.envelope import new_event
from services.contracts.identifiers.weeks import SHANGHAI
from services.contracts.postings import POSTING_CLOSED, ClosingReason, PostingClosed
from services.contracts.topics import POSTINGS, topic_name
from services.matching.metrics import POSTINGS_EXPIRED
from services.platform.kafka import EventPublisher, KafkaEventPublisher
from services.platform.stream.periodic import periodic_job
from services.platform.stream.worker import Extension

log = structlog.get_logger(__name__)

SOURCE = "/fugong/matching"

_DUE = """
SELECT posting_id::text, credit_code::text, version FROM matching.postings
WHERE status <> 'closed' AND (details->>'valid_until')::date < $1
ORDER BY posting_id LIMIT $2
"""


def shanghai_today() -> date:
    return datetime.now(SHANGHAI).date()


class PostingExpiry:
    def __init__(
        self,
        pool: asyncpg.Pool,
        publisher: EventPublisher,
        topic: str,
        today: Callable[[], date] = shanghai_today,
    ) -> None:
        self._pool = pool
        self._publisher = publisher
        self._topic = topic
        self._today = today

    async def run(self, limit: int = 500) -> int:
        """Publish the close of up to `limit` postings past their last day; return how many."""
        rows = await self._pool.fetch(_DUE, self._today(), limit)
        for posting_id, credit_code, version in rows:
            data = PostingClosed(
                posting_id=posting_id, credit_code=credit_code, version=version + 1,
                reason=ClosingReason.EXPIRED,
            )  # fmt: skip
            await self._publisher.publish(
                self._topic,
                new_event(
                    event_type=POSTING_CLOSED, source=SOURCE, subject=posting_id, data=data,
                    event_id=f"matching-expiry-{posting_id}-{version + 1}",
                ),
            )  # fmt: skip
        if rows:
            POSTINGS_EXPIRED.inc(len(rows))
            log.info("expired postings closed", count=len(rows))
        return len(rows)


def close_expired_postings(interval_seconds: float) -> Extension:
    return periodic_job(
        "close_expired_postings",
        interval_seconds,
        lambda pool, producer, settings: PostingExpiry(
            pool, KafkaEventPublisher(producer), topic_name(POSTINGS, settings.topic_prefix)
        ),
    )
