"""At the weekly deadline, each designated enterprise that has not reported gets one reminder
request on notify's topic, however often and on however many workers the job runs."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import asyncpg
import orjson
import pytest
from aiokafka import AIOKafkaProducer

from services.contracts.identifiers import SHANGHAI
from services.contracts.notifications import NOTIFICATION_REQUESTED
from services.contracts.topics import NOTIFY_REQUESTS, topic_name
from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.compliance import ComplianceJob
from services.monitoring.domain.compliance import DeadlinePolicy, reminder_event_id
from services.monitoring.domain.figures import EnterpriseProfile, ReportFigures
from services.monitoring.domain.records import RecordRegistration, RecordWeeklyReport
from services.platform.dead_letters import read_records
from services.platform.kafka import KafkaEventPublisher
from tests.support.data import credit_code
from tests.support.infra import KAFKA

pytestmark = pytest.mark.integration

WEEK = "2020-W07"
POLICY = DeadlinePolicy()
DEADLINE = POLICY.deadline(WEEK)  # Monday 17 February 2020, 12:00 in Shanghai
ON_TIME, LATE, SILENT = credit_code(701, "310115"), credit_code(702, "310115"), credit_code(703)
NOT_DESIGNATED, REGISTERED_AFTER = credit_code(704), credit_code(705)
SILENT_IN_XUHUI = credit_code(706, "310104")


def _registered(code: str, *, at: datetime, designated: bool = True) -> RecordRegistration:
    district = code[2:8]
    return RecordRegistration(
        event_id=f"reg-{code}",
        profile=EnterpriseProfile(code, district, "C", at, designated=designated),
        name="上海浦江食品有限公司",
        industry_division="13",
        size="small",
        monitoring_roles=("return_to_work_monitoring",) if designated else (),
        key_enterprise_category=None,
    )


def _reported(code: str, *, at: datetime) -> RecordWeeklyReport:
    figures = ReportFigures(code, WEEK, at, 100, 80, 0, 20, True, 100, 0, 0, 0, 0)
    return RecordWeeklyReport(f"rep-{code}", figures)


async def _a_week_of_reports(pool: asyncpg.Pool) -> None:
    early = DEADLINE - timedelta(days=30)
    await PostgresMonitoringStore(pool).record(
        [
            _registered(ON_TIME, at=early),
            _registered(LATE, at=early),
            _registered(SILENT, at=early),
            _registered(SILENT_IN_XUHUI, at=early),
            _registered(NOT_DESIGNATED, at=early, designated=False),
            _registered(REGISTERED_AFTER, at=DEADLINE + timedelta(minutes=5)),
            _reported(ON_TIME, at=DEADLINE - timedelta(hours=3)),
            _reported(LATE, at=DEADLINE + timedelta(minutes=30)),
        ]
    )


def _job(
    pool: asyncpg.Pool, producer: AIOKafkaProducer, prefix: str, now: datetime
) -> ComplianceJob:
    return ComplianceJob(
        pool,
        KafkaEventPublisher(producer),
        topic=topic_name(NOTIFY_REQUESTS, prefix),
        policy=POLICY,
        clock=lambda: now,
    )


async def test_exactly_the_enterprises_that_missed_the_deadline_get_one_reminder_each(
    pool: asyncpg.Pool, producer: AIOKafkaProducer, topic_prefix: str
) -> None:
    await _a_week_of_reports(pool)
    an_hour_after = DEADLINE + timedelta(hours=1)
    first, second = (_job(pool, producer, topic_prefix, an_hour_after) for _ in range(2))

    # Two workers at once, then one of them again (a restart, a second timer tick).
    published = await asyncio.gather(first.run(), second.run())
    published_again = await first.run()

    assert sorted(published) == [0, 2]
    assert published_again == 0
    records = await read_records(KAFKA, topic_name(NOTIFY_REQUESTS, topic_prefix))
    events = [orjson.loads(record.value) for record in records]
    assert sorted(e["id"] for e in events) == sorted(
        reminder_event_id(code, WEEK) for code in (SILENT, SILENT_IN_XUHUI)
    )
    assert {e["type"] for e in events} == {NOTIFICATION_REQUESTED}
    assert {e["data"]["recipient"] for e in events} == {SILENT, SILENT_IN_XUHUI}
    assert {record.key for record in records} == {SILENT.encode(), SILENT_IN_XUHUI.encode()}
    assert events[0]["data"]["parameters"] == {"week": WEEK, "deadline": DEADLINE.isoformat()}


async def test_the_compliance_view_says_who_was_on_time_late_or_missing(
    pool: asyncpg.Pool, producer: AIOKafkaProducer, topic_prefix: str
) -> None:
    await _a_week_of_reports(pool)
    await _job(pool, producer, topic_prefix, DEADLINE + timedelta(minutes=1)).run()

    rows = await pool.fetch("SELECT credit_code, status, reminded FROM monitoring.compliance_v")
    assert {(r["credit_code"], r["status"], r["reminded"]) for r in rows} == {
        (ON_TIME, "on_time", False),
        (LATE, "late", False),  # late, but in before the job looked
        (SILENT, "missing", True),
        (SILENT_IN_XUHUI, "missing", True),
    }
    summary = await pool.fetchrow(
        "SELECT expected, on_time, late, missing, reminded FROM monitoring.compliance_summary_v "
        "WHERE week = $1 AND district_code IS NULL",
        WEEK,
    )
    assert summary is not None
    assert tuple(summary) == (4, 1, 1, 2, 2)


async def test_before_the_deadline_nobody_is_reminded_about_the_week(
    pool: asyncpg.Pool, producer: AIOKafkaProducer, topic_prefix: str
) -> None:
    await _a_week_of_reports(pool)
    a_minute_before = DEADLINE - timedelta(minutes=1)

    await _job(pool, producer, topic_prefix, a_minute_before).run()

    assert (
        await pool.fetchval("SELECT count(*) FROM monitoring.reminders WHERE week = $1", WEEK) == 0
    )
    assert await pool.fetchval("SELECT week FROM monitoring.compliance_runs") == "2020-W06"
    assert datetime(2020, 2, 17, 12, tzinfo=SHANGHAI) == DEADLINE
