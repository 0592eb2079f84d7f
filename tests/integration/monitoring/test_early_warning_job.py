"""The early-warning job on real figures: raised once per rule, week and scope, published once,
however often it runs; acknowledged through the store like any other event."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import asyncpg
import orjson
import pytest
from aiokafka import AIOKafkaProducer
from prometheus_client import REGISTRY

from services.contracts.topics import EARLY_WARNINGS, topic_name
from services.contracts.warnings import EARLY_WARNING_RAISED
from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.domain.community import CommunityPoint, CommunityReportFigures
from services.monitoring.domain.compliance import DeadlinePolicy
from services.monitoring.domain.figures import EnterpriseProfile, ReportFigures
from services.monitoring.domain.records import (
    RecordCommunityPoint,
    RecordCommunityReport,
    RecordRegistration,
    RecordWarningAcknowledged,
    RecordWeeklyReport,
)
from services.monitoring.domain.warnings import WarningRules
from services.monitoring.early_warnings import EarlyWarningJob
from services.platform.dead_letters import read_records
from services.platform.kafka import KafkaEventPublisher
from tests.support.data import credit_code
from tests.support.infra import KAFKA

pytestmark = pytest.mark.integration

POLICY = DeadlinePolicy()
CODES = [credit_code(900 + i, "310115") for i in range(3)]  # three Pudong manufacturers
T0 = datetime(2020, 2, 1, tzinfo=UTC)
WEIFANG = "310115004"


def _registered(code: str) -> RecordRegistration:
    return RecordRegistration(
        f"reg-{code}",
        EnterpriseProfile(code, "310115", "C", T0),
        "上海浦江食品有限公司",
        "13",
        "medium",
        ("return_to_work_monitoring",),
        None,
    )


def _reported(code: str, week: str, *, hires: int, separations: int = 0) -> RecordWeeklyReport:
    figures = ReportFigures(
        code, week, T0 + timedelta(days=20), 100, 70, 0, 30, True, 100,
        recruitment_demand=20, hires=hires, open_vacancies=5, surplus_staff_available=0,
        separations=separations,
    )  # fmt: skip
    return RecordWeeklyReport(f"rep-{code}-{week}", figures)


def _migrants(week: str, employed: int) -> RecordCommunityReport:
    figures = CommunityReportFigures(WEIFANG, week, T0 + timedelta(days=20), 5000, 4000,
                                     employed, 500, 0)  # fmt: skip
    return RecordCommunityReport(f"migrants-{week}", figures)


async def _weeks_with_a_falling_fill_rate(pool: asyncpg.Pool) -> None:
    await PostgresMonitoringStore(pool).record(
        [_registered(code) for code in CODES]
        + [_reported(code, "2020-W06", hires=10) for code in CODES]  # fill rate 0.5
        + [_reported(code, "2020-W07", hires=4) for code in CODES]  # fill rate 0.2
    )


async def _and_migrants_losing_work(pool: asyncpg.Pool) -> None:
    await PostgresMonitoringStore(pool).record(
        [
            RecordCommunityPoint("point", CommunityPoint(WEIFANG, "310115", "潍坊新村街道", T0)),
            _migrants("2020-W06", employed=3200),  # 就业率 0.8
            _migrants("2020-W07", employed=2800),  # 0.7: ten points down
        ]
    )


def _job(pool: asyncpg.Pool, producer: AIOKafkaProducer, prefix: str) -> EarlyWarningJob:
    return EarlyWarningJob(
        pool,
        KafkaEventPublisher(producer),
        topic=topic_name(EARLY_WARNINGS, prefix),
        rules=WarningRules(),
        policy=POLICY,
        clock=lambda: POLICY.deadline("2020-W07") + timedelta(minutes=1),
    )


async def test_a_falling_fill_rate_is_raised_and_published_once_for_its_cell_and_district(
    pool: asyncpg.Pool, producer: AIOKafkaProducer, topic_prefix: str
) -> None:
    await _weeks_with_a_falling_fill_rate(pool)
    await _and_migrants_losing_work(pool)
    first, second = _job(pool, producer, topic_prefix), _job(pool, producer, topic_prefix)

    published = await asyncio.gather(first.run(), second.run())
    again = await first.run()

    assert sorted(published) == [0, 3]
    assert again == 0
    rows = await pool.fetch(
        "SELECT rule, week, district_code, industry_section, figures, status "
        "FROM monitoring.warnings_v ORDER BY rule, industry_section NULLS FIRST"
    )
    assert [tuple(r)[:4] for r in rows] == [
        ("fill_rate_falling", "2020-W07", "310115", None),
        ("fill_rate_falling", "2020-W07", "310115", "C"),
        ("migrant_employment_falling", "2020-W07", "310115", None),
    ]
    assert rows[1]["figures"] == pytest.approx({"fill_rate": 0.2, "fill_rate_change": -0.3})
    records = await read_records(KAFKA, topic_name(EARLY_WARNINGS, topic_prefix))
    events = [orjson.loads(r.value) for r in records]
    assert {e["type"] for e in events} == {EARLY_WARNING_RAISED}
    assert sorted(e["data"]["rule"] for e in events) == [
        "fill_rate_falling",
        "fill_rate_falling",
        "migrant_employment_falling",
    ]
    assert {r.key for r in records} == {b"310115"}
    open_pudong = REGISTRY.get_sample_value(
        "fugong_monitoring_open_warnings", {"district": "310115", "rule": "fill_rate_falling"}
    )
    assert open_pudong == 2


async def test_an_acknowledged_warning_is_no_longer_open(
    pool: asyncpg.Pool, producer: AIOKafkaProducer, topic_prefix: str
) -> None:
    await _weeks_with_a_falling_fill_rate(pool)
    await _job(pool, producer, topic_prefix).run()
    warning_id = await pool.fetchval(
        "SELECT warning_id FROM monitoring.warnings WHERE industry_section = 'C'"
    )

    await PostgresMonitoringStore(pool).record(
        [
            RecordWarningAcknowledged(
                "ack-1", warning_id, "official:310115", T0 + timedelta(days=30), "已联系企业"
            )
        ]
    )

    row = await pool.fetchrow(
        "SELECT status, acknowledged_by, note FROM monitoring.warnings_v WHERE warning_id = $1",
        warning_id,
    )
    assert row is not None
    assert tuple(row) == ("acknowledged", "official:310115", "已联系企业")


async def test_figures_of_a_past_year_get_their_warnings_when_nothing_newer_was_reported(
    pool: asyncpg.Pool, producer: AIOKafkaProducer, topic_prefix: str
) -> None:
    await _weeks_with_a_falling_fill_rate(pool)
    years_later = EarlyWarningJob(
        pool,
        KafkaEventPublisher(producer),
        topic=topic_name(EARLY_WARNINGS, topic_prefix),
        rules=WarningRules(),
        policy=POLICY,
        clock=lambda: datetime(2026, 11, 30, tzinfo=UTC),
    )

    assert await years_later.run() == 2
    assert await pool.fetchval("SELECT DISTINCT week FROM monitoring.warnings") == "2020-W07"
