"""A register imported after the fact (一(一) "定点监测"): the bureau states the monitoring period
and when each report reached it, so the weeks before the import are judged as they were — who
was expected, who reported on time, late or not at all — and nobody is expected after the period.
Registrations and reports go through monitoring's events, as the gateway publishes them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer

from services.contracts.enterprises import ENTERPRISE_REGISTERED, EnterpriseRegistration
from services.contracts.envelope import new_event
from services.contracts.topics import NOTIFY_REQUESTS, topic_name
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.compliance import ComplianceJob
from services.monitoring.domain.compliance import DeadlinePolicy
from services.monitoring.domain.records import Record
from services.monitoring.events import registration_record, report_record
from services.platform.kafka import KafkaEventPublisher
from tests.support.data import credit_code, registration, weekly_report

pytestmark = pytest.mark.integration

POLICY = DeadlinePolicy()
W06, W07, W08 = "2020-W06", "2020-W07", "2020-W08"
PERIOD = {"monitored_from": "2020-02-03", "monitored_until": "2020-02-16"}  # W06 and W07
ON_TIME, LATE, SILENT = credit_code(811, "310115"), credit_code(812, "310115"), credit_code(813)
JOINED_IN_W07 = credit_code(814, "310104")


def _registered(code: str, *, by: str = "bureau", **period: str | bool) -> Record:
    body = {**registration(code, district=code[2:8]), **period, "registered_by": by}
    if by == "enterprise":
        body = {**body, "monitoring_roles": [], "key_enterprise_category": None}
    data = EnterpriseRegistration.model_validate(body)
    event = new_event(event_type=ENTERPRISE_REGISTERED, source="/t", subject=code, data=data)
    return registration_record(event)


def _reported(code: str, week: str, received: datetime | None) -> Record:
    body: dict[str, Any] = {**weekly_report(code, week=week)}
    if received is not None:
        body["received_at"] = received.isoformat()
    data = WeeklyReport.model_validate(body)
    event = new_event(event_type=WEEKLY_REPORT_SUBMITTED, source="/t", subject=code, data=data)
    return report_record(event)


async def _statuses(pool: asyncpg.Pool, week: str) -> set[tuple[str, str, bool]]:
    rows = await pool.fetch(
        "SELECT credit_code, status, reminded FROM monitoring.compliance_v WHERE week = $1", week
    )
    return {(r["credit_code"], r["status"], r["reminded"]) for r in rows}


async def _imported(pool: asyncpg.Pool) -> None:
    """Registered today with the 2020 period; W07's reports received before and after its
    deadline; one enterprise designated from W07 on, open-ended."""
    deadline = POLICY.deadline(W07)
    await PostgresMonitoringStore(pool).record(
        [
            _registered(ON_TIME, **PERIOD),
            _registered(LATE, **PERIOD),
            _registered(SILENT, **PERIOD),
            _registered(JOINED_IN_W07, monitored_from="2020-02-10"),
            _reported(ON_TIME, W07, deadline - timedelta(days=2)),
            _reported(LATE, W07, deadline + timedelta(hours=5)),
            _reported(JOINED_IN_W07, W07, deadline - timedelta(hours=1)),
            # A report for a week after the period: the week is due, but nobody is expected.
            _reported(ON_TIME, W08, None),
        ]
    )


async def test_the_weeks_of_an_imported_register_are_judged_as_they_were(
    pool: asyncpg.Pool,
) -> None:
    await _imported(pool)

    assert await _statuses(pool, W07) == {
        (ON_TIME, "on_time", False),
        (LATE, "late", False),
        (SILENT, "missing", False),  # the deadline job never saw 2020: nobody was reminded
        (JOINED_IN_W07, "on_time", False),
    }
    assert await _statuses(pool, W06) == set()  # nobody reported for W06: not a reported week
    # The others' period ended before W08 began; the one from W07 on is open-ended.
    assert await _statuses(pool, W08) == {(JOINED_IN_W07, "missing", False)}
    weeks = await pool.fetch(
        "SELECT week, expected, missing FROM monitoring.compliance_summary_v "
        "WHERE district_code IS NULL ORDER BY week"
    )
    assert [tuple(r) for r in weeks] == [(W07, 4, 1), (W08, 1, 1)]


async def test_a_later_registration_stating_no_period_keeps_the_stated_one(
    pool: asyncpg.Pool,
) -> None:
    await _imported(pool)
    store = PostgresMonitoringStore(pool)
    # The enterprise updates its own registration, and a bureau re-registers another without
    # restating the period; in one batch a stated period then an unstated one.
    await store.record([_registered(SILENT, by="enterprise"), _registered(LATE)])
    batch_code = credit_code(815, "310112")
    await store.record([_registered(batch_code, **PERIOD), _registered(batch_code)])

    statuses = await _statuses(pool, W07)
    assert {(code, status) for code, status, _ in statuses} >= {
        (SILENT, "missing"),
        (LATE, "late"),
        (batch_code, "missing"),
    }
    assert await _statuses(pool, W08) == {(JOINED_IN_W07, "missing", False)}


async def test_the_deadline_job_reminds_nobody_whose_period_has_ended(
    pool: asyncpg.Pool, producer: AIOKafkaProducer, topic_prefix: str
) -> None:
    await _imported(pool)
    after_w08 = POLICY.deadline(W08) + timedelta(minutes=1)
    job = ComplianceJob(
        pool,
        KafkaEventPublisher(producer),
        topic=topic_name(NOTIFY_REQUESTS, topic_prefix),
        policy=POLICY,
        clock=lambda: after_w08,
    )

    assert await job.run() == 1  # JOINED_IN_W07's period is open-ended; the others' ended
    assert await pool.fetchval("SELECT missing FROM monitoring.compliance_runs") == 1
    assert await pool.fetchval("SELECT credit_code FROM monitoring.reminders") == JOINED_IN_W07


def _reopened(code: str) -> Record:
    """A bureau's registration stating `monitored_until` as null: open-ended again."""
    return _registered(code, monitored_until_cleared=True)


async def test_a_period_made_open_ended_again_expects_the_enterprise_after_its_old_end(
    pool: asyncpg.Pool,
) -> None:
    await _imported(pool)
    store = PostgresMonitoringStore(pool)
    batch_code = credit_code(816, "310112")

    await store.record([_reopened(SILENT)])
    # In one batch: an end stated, then made open-ended; and the other way round.
    await store.record([_registered(batch_code, **PERIOD), _reopened(batch_code)])
    await store.record([_reopened(LATE), _registered(LATE, **PERIOD)])
    # Stating nothing afterwards keeps the period open-ended.
    await store.record([_registered(SILENT)])

    assert await _statuses(pool, W08) == {
        (JOINED_IN_W07, "missing", False),
        (SILENT, "missing", False),
        (batch_code, "missing", False),
    }
    periods = await pool.fetch(
        "SELECT credit_code, monitored_from, monitored_until FROM monitoring.enterprises "
        "WHERE credit_code = ANY($1::bpchar[]) ORDER BY credit_code",
        [SILENT, LATE, batch_code],
    )
    assert {r["credit_code"]: r["monitored_until"] is None for r in periods} == {
        SILENT: True,  # the start stated before is kept
        LATE: False,
        batch_code: True,
    }
    assert all(r["monitored_from"] is not None for r in periods)
