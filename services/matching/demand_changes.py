"""Publishes the demand lists' cell changes from the outbox to `matching.demand-changes`.

The store queues a change in the transaction that made it; this job, a periodic job of every
worker, publishes what is queued in order and marks it published in one transaction (rows
claimed with SKIP LOCKED, so two workers never publish one twice at once). A crash between the
broker's ack and the commit publishes a change again with the same event id.
"""

from __future__ import annotations

import asyncpg
from pydantic import BaseModel

from services.contracts.demand import DEMAND_CHANGED, DemandChanged
from services.contracts.envelope import CloudEvent, new_event
from services.contracts.topics import DEMAND_CHANGES
from services.matching.outbox import Outbox, OutboxPublisher, publishing_job
from services.platform.stream.worker import Extension

SOURCE = "/fugong/matching"

_CLAIM = """
SELECT sequence, demand_list, district_code::text, industry_section::text,
       occupation_group::text, open_postings, open_vacancies, previous_open_postings,
       previous_open_vacancies
FROM matching.demand_outbox WHERE published_at IS NULL AND dead_lettered_at IS NULL
ORDER BY sequence LIMIT $1 FOR UPDATE SKIP LOCKED
"""


def _event(row: asyncpg.Record) -> CloudEvent[BaseModel]:
    data = DemandChanged.model_validate({**dict(row.items()), "sequence": row[0]})
    return new_event(
        event_type=DEMAND_CHANGED, source=SOURCE, subject=data.district_code, data=data,
        event_id=f"matching-demand-{row[0]}",
    )  # fmt: skip


OUTBOX = Outbox("demand_outbox", [("sequence", "bigint")], _CLAIM, _event)


class DemandChangePublisher(OutboxPublisher):
    """Publishes queued changes one by one: a district's changes keep their order."""

    outbox = OUTBOX


def publish_demand_changes(interval_seconds: float, attempts_before_dead_letter: int) -> Extension:
    return publishing_job(
        "publish_demand_changes",
        interval_seconds,
        DEMAND_CHANGES,
        DemandChangePublisher,
        attempts_before_dead_letter,
    )
