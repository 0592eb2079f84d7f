"""The deadline job: once a week's reports are due, remind every designated enterprise missing.

Runs on every worker's timer; a transaction-level advisory lock lets one run at a time, the
week's run is recorded once, and each reminder has an id derived from the enterprise and week
(domain/compliance.py), marked published in the same transaction that published it. So running
the job twice, or on two workers at once, asks notify once per missing enterprise; if the worker
dies between publishing and committing, the reminder is published again with the same id, which
notify records once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

import asyncpg
import structlog
from prometheus_client import Counter, Gauge
from pydantic import BaseModel

from services.contracts.envelope import new_event
from services.contracts.notifications import (
    NOTIFICATION_REQUESTED,
    NotificationRequest,
    RecipientKind,
    Template,
)
from services.contracts.topics import NOTIFY_REQUESTS, topic_name
from services.monitoring.domain.compliance import DeadlinePolicy, reminder_event_id
from services.platform.kafka import EventPublisher, KafkaEventPublisher
from services.platform.stream.periodic import periodic_job
from services.platform.stream.worker import Extension

log = structlog.get_logger(__name__)

SOURCE = "/fugong/monitoring"
_JOB_LOCK = (3, 1)  # advisory lock space and key of the deadline job

REMINDERS_REQUESTED = Counter(
    "fugong_monitoring_reminders_requested",
    "Reminders to send the weekly report, published to notify.",
)
REPORTS_MISSING = Gauge(
    "fugong_monitoring_reports_missing",
    "Designated enterprises without a report for the last week whose deadline has passed.",
    ["district"],
)

_SET_POLICY = """
UPDATE monitoring.compliance_policy SET deadline_weekday = $1, deadline_at = $2
WHERE deadline_weekday <> $1 OR deadline_at <> $2
"""

_START_RUN = """
INSERT INTO monitoring.compliance_runs (week, deadline, missing)
SELECT $1, $2, count(*) FROM monitoring.enterprises e
WHERE monitoring.expected_to_report(
    e.designated, e.registered_at, e.monitored_from, e.monitored_until, $1::bpchar::text, $2)
  AND NOT EXISTS (SELECT 1 FROM monitoring.weekly_reports r
                  WHERE r.credit_code = e.credit_code AND r.week = $1)
ON CONFLICT (week) DO NOTHING
RETURNING missing
"""

_MISSING = """
SELECT e.credit_code::text FROM monitoring.enterprises e
WHERE monitoring.expected_to_report(
    e.designated, e.registered_at, e.monitored_from, e.monitored_until, $1::bpchar::text, $2)
  AND NOT EXISTS (SELECT 1 FROM monitoring.weekly_reports r
                  WHERE r.credit_code = e.credit_code AND r.week = $1)
ORDER BY 1
"""

_REMIND = """
INSERT INTO monitoring.reminders (credit_code, week, event_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
ON CONFLICT DO NOTHING
"""

_TO_PUBLISH = """
SELECT credit_code::text, week::text, event_id FROM monitoring.reminders
WHERE published_at IS NULL ORDER BY created_at, credit_code
"""


class ComplianceJob:
    def __init__(
        self,
        pool: asyncpg.Pool,
        publisher: EventPublisher,
        *,
        topic: str,
        policy: DeadlinePolicy,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._pool = pool
        self._publisher = publisher
        self._topic = topic
        self._policy = policy
        self._clock = clock

    async def run(self) -> int:
        """Handle the last week whose deadline has passed; return how many reminders went out."""
        week = self._policy.last_due_week(self._clock())
        deadline = self._policy.deadline(week)
        async with self._pool.acquire() as conn, conn.transaction():
            if not await conn.fetchval("SELECT pg_try_advisory_xact_lock($1, $2)", *_JOB_LOCK):
                return 0  # another worker is on it
            await conn.execute(_SET_POLICY, self._policy.weekday, self._policy.at)
            if await conn.fetchval(_START_RUN, week, deadline) is not None:
                missing = [row[0] for row in await conn.fetch(_MISSING, week, deadline)]
                await conn.execute(
                    _REMIND,
                    missing,
                    [week] * len(missing),
                    [reminder_event_id(code, week) for code in missing],
                )
                log.info("reports due", week=week, missing=len(missing))
            due = await conn.fetch(_TO_PUBLISH)
            await asyncio.gather(*(self._publish(*row) for row in due))
            await conn.execute(
                "UPDATE monitoring.reminders SET published_at = now() WHERE event_id = ANY($1)",
                [row["event_id"] for row in due],
            )
        REMINDERS_REQUESTED.inc(len(due))
        await self._measure_missing(week)
        return len(due)

    async def _publish(self, credit_code: str, week: str, event_id: str) -> None:
        request: BaseModel = NotificationRequest(
            recipient_kind=RecipientKind.ENTERPRISE,
            recipient=credit_code,
            template=Template.WEEKLY_REPORT_REMINDER,
            parameters={
                "week": week,
                "deadline": self._policy.deadline(week).isoformat(),
            },
            requested_by="monitoring",
        )
        event = new_event(
            event_type=NOTIFICATION_REQUESTED,
            source=SOURCE,
            subject=credit_code,
            data=request,
            event_id=event_id,
        )
        await self._publisher.publish(self._topic, event)

    async def _measure_missing(self, week: str) -> None:
        rows = await self._pool.fetch(
            "SELECT coalesce(district_code, 'all'), missing FROM monitoring.compliance_summary_v "
            "WHERE week = $1",
            week,
        )
        REPORTS_MISSING.clear()
        for district, missing in rows:
            REPORTS_MISSING.labels(district).set(missing)


def add_compliance_job(policy: DeadlinePolicy, interval_seconds: float) -> Extension:
    """A stream worker extension: run the deadline job every `interval_seconds`.

    When a run fails nothing was marked published: the next run publishes the same reminders.
    """
    return periodic_job(
        "handle_reporting_deadline",
        interval_seconds,
        lambda pool, producer, settings: ComplianceJob(
            pool,
            KafkaEventPublisher(producer),
            topic=topic_name(NOTIFY_REQUESTS, settings.topic_prefix),
            policy=policy,
        ),
    )
