"""Publishes the demand lists' cell changes from the outbox to `matching.demand-changes`.

The store queues a change in the transaction that made it; this job, a periodic job of every
worker, publishes what is queued in order and marks it published in one transaction (rows
claimed with SKIP LOCKED, so two workers never publish one twice at once). A crash between the
broker's ack and the commit publishes a change again with the same event id.
"""

from __future__ import annotations

import asyncpg
import structlog
from pydantic import BaseModel

from services.contracts.demand import DEMAND_CHANGED, DemandChanged
from services.contracts.envelope import CloudEvent, new_event
from services.contracts.topics import DEMAND_CHANGES, topic_name
from services.matching.outbox import Outbox, publish_queued
from services.platform.kafka import EventPublisher, KafkaEventPublisher
from services.platform.stream.periodic import periodic_job
from services.platform.stream.worker import Extension

log = structlog.get_logger(__name__)

SOURCE = "/fugong/matching"

_CLAIM = """
SELECT sequence, demand_list, district_code::text, industry_section::text,
       occupation_group::text, open_postings, open_vacancies, previous_open_postings,
       previous_open_vacancies
FROM matching.demand_outbox WHERE published_at IS NULL AND dead_lettered_at IS NULL
ORDER BY sequence LIMIT $1 FOR UPDATE SKIP LOCKED
"""
OUTBOX = Outbox("demand_outbox", [("sequence", "bigint")], _CLAIM)


def _event(row: asyncpg.Record) -> CloudEvent[BaseModel]:
    data = DemandChanged.model_validate({**dict(row.items()), "sequence": row[0]})
    return new_event(
        event_type=DEMAND_CHANGED, source=SOURCE, subject=data.district_code, data=data,
        event_id=f"matching-demand-{row[0]}",
    )  # fmt: skip


class DemandChangePublisher:
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
        """Publish up to `limit` queued changes; return how many."""
        rows = await publish_queued(
            self._pool, self._publisher, self._topic, OUTBOX, _event,
            limit=limit, attempts_before_dead_letter=self._attempts,
        )  # fmt: skip  # one by one: a district's changes keep their order
        if rows:
            log.info("demand changes published", count=len(rows))
        return len(rows)


def publish_demand_changes(interval_seconds: float, attempts_before_dead_letter: int) -> Extension:
    return periodic_job(
        "publish_demand_changes",
        interval_seconds,
        lambda pool, producer, settings: DemandChangePublisher(
            pool,
            KafkaEventPublisher(producer),
            topic_name(DEMAND_CHANGES, settings.topic_prefix),
            attempts_before_dead_letter,
        ),
    )
