"""The early-warning job: once a week's reports are due, raise what its figures warn of.

Every worker runs it on a timer; an advisory lock lets one at a time evaluate the rules
(domain/warnings.py) on the published indicators of the last due week and the weeks before it,
record each new warning once (its id is derived from rule, week and scope) and publish it to
`monitoring.warnings`, marked published in the same transaction (as the deadline job does).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import orjson
import structlog
from prometheus_client import Gauge
from pydantic import BaseModel

from services.contracts.envelope import new_event
from services.contracts.identifiers import week_bounds, week_of
from services.contracts.topics import EARLY_WARNINGS, topic_name
from services.contracts.warnings import EARLY_WARNING_RAISED, EarlyWarningRaised
from services.monitoring.domain.compliance import DeadlinePolicy
from services.monitoring.domain.warnings import Figures, Scope, WarningRules, evaluate
from services.platform.kafka import EventPublisher, KafkaEventPublisher
from services.platform.stream.periodic import periodic_job
from services.platform.stream.worker import Extension

log = structlog.get_logger(__name__)

SOURCE = "/fugong/monitoring"
_JOB_LOCK = (3, 2)
_HISTORY_WEEKS = 3

OPEN_WARNINGS = Gauge(
    "fugong_monitoring_open_warnings",
    "Early warnings not acknowledged yet, by district ('city' for city-wide) and rule.",
    ["district", "rule"],
)

# The last due week, or the latest week before it that anyone reported for (a quiet week, or
# figures of past years, as in the demo, still get their warnings).
_LATEST_DUE = """
SELECT max(week)::text FROM (
    SELECT week FROM monitoring.return_to_work_cells WHERE enterprises_reporting > 0
    UNION ALL
    SELECT week FROM monitoring.community_reports
) reported
WHERE week <= $1
"""

_ENTERPRISE_FIGURES = """
SELECT week, district_code, industry_section, enterprises_reporting AS reporting,
    return_rate, return_rate_change, fill_rate, fill_rate_change, separation_rate
FROM monitoring.indicators_v
WHERE week = ANY($1::text[]) AND scope IN ('district', 'cell')
"""

_COMMUNITY_FIGURES = """
SELECT week, district_code, NULL AS industry_section, true AS community,
    points_reporting AS reporting,
    migrant_employment_rate, migrant_employment_rate_change
FROM monitoring.community_indicators_v
WHERE week = ANY($1::text[]) AND scope = 'district'
"""

# Figures travel as JSON text, whatever codec the pool has for jsonb.
_RAISE = """
INSERT INTO monitoring.warnings (warning_id, rule, week, district_code, industry_section, figures)
SELECT w, r, k, d, s, f::jsonb
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
    AS t(w, r, k, d, s, f)
ON CONFLICT (warning_id) DO NOTHING
"""

_TO_PUBLISH = """
SELECT warning_id, rule, week::text, district_code::text, industry_section::text, figures
FROM monitoring.warnings WHERE published_at IS NULL ORDER BY raised_at, warning_id
"""


class EarlyWarningJob:
    def __init__(
        self,
        pool: asyncpg.Pool,
        publisher: EventPublisher,
        *,
        topic: str,
        rules: WarningRules,
        policy: DeadlinePolicy,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._pool = pool
        self._publisher = publisher
        self._topic = topic
        self._rules = rules
        self._policy = policy
        self._clock = clock

    async def run(self) -> int:
        """Raise the warnings of the latest week with reports whose deadline has passed; return
        how many were published now."""
        async with self._pool.acquire() as conn, conn.transaction():
            if not await conn.fetchval("SELECT pg_try_advisory_xact_lock($1, $2)", *_JOB_LOCK):
                return 0
            due = await conn.fetchval(_LATEST_DUE, self._policy.last_due_week(self._clock()))
            raised = []
            if due is not None:
                weeks = [due]
                for _ in range(_HISTORY_WEEKS - 1):
                    weeks.append(week_of(week_bounds(weeks[-1])[0] - timedelta(days=7)))
                rows = [
                    *await conn.fetch(_ENTERPRISE_FIGURES, weeks),
                    *await conn.fetch(_COMMUNITY_FIGURES, weeks),
                ]
                raised = evaluate(_by_week(rows, due), self._rules)
            if raised:
                await conn.execute(
                    _RAISE,
                    [w.id for w in raised],
                    [w.rule.value for w in raised],
                    [w.week for w in raised],
                    [w.scope.district_code for w in raised],
                    [w.scope.industry_section for w in raised],
                    [orjson.dumps(dict(w.figures)).decode() for w in raised],
                )
            pending = await conn.fetch(_TO_PUBLISH)
            await asyncio.gather(*(self._publish(dict(row.items())) for row in pending))
            await conn.execute(
                "UPDATE monitoring.warnings SET published_at = now() WHERE warning_id = ANY($1)",
                [row["warning_id"] for row in pending],
            )
        if pending:
            log.info("early warnings raised", week=due, count=len(pending))
        await self._measure_open()
        return len(pending)

    async def _publish(self, row: dict[str, Any]) -> None:
        figures = row["figures"]
        data: BaseModel = EarlyWarningRaised(
            **{**row, "figures": orjson.loads(figures) if isinstance(figures, str) else figures}
        )
        event = new_event(
            event_type=EARLY_WARNING_RAISED,
            source=SOURCE,
            subject=row["district_code"] or "city",
            data=data,
            event_id=row["warning_id"],
        )
        await self._publisher.publish(self._topic, event)

    async def _measure_open(self) -> None:
        rows = await self._pool.fetch(
            "SELECT coalesce(district_code, 'city'), rule, count(*) FROM monitoring.warnings_v "
            "WHERE status = 'open' GROUP BY 1, 2"
        )
        OPEN_WARNINGS.clear()
        for district, rule, count in rows:
            OPEN_WARNINGS.labels(district, rule).set(count)


def _by_week(rows: list[asyncpg.Record], due: str) -> dict[str, list[Figures]]:
    weeks: dict[str, list[Figures]] = {}
    for row in rows:
        where = ("week", "district_code", "industry_section", "community", "reporting")
        values = {k: v for k, v in row.items() if k not in where}
        scope = Scope(row["district_code"], row["industry_section"], bool(row.get("community")))
        weeks.setdefault(row["week"], []).append(
            Figures(row["week"], scope, row["reporting"], values)
        )
    return weeks if due in weeks else {}


def add_early_warning_job(
    rules: WarningRules, policy: DeadlinePolicy, interval: float
) -> Extension:
    """A stream worker extension: evaluate the warning rules every `interval` seconds."""
    return periodic_job(
        "raise_early_warnings",
        interval,
        lambda pool, producer, settings: EarlyWarningJob(
            pool,
            KafkaEventPublisher(producer),
            topic=topic_name(EARLY_WARNINGS, settings.topic_prefix),
            rules=rules,
            policy=policy,
        ),
    )
