"""One suite for the MonitoringStore port, run against the in-memory fake and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio

from services.monitoring.adapters.memory_store import InMemoryMonitoringStore
from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.app import SCHEMA
from services.monitoring.domain.community import (
    CommunityPoint,
    CommunityReportFigures,
    DistrictWeek,
)
from services.monitoring.domain.figures import CellKey, EnterpriseProfile, ReportFigures
from services.monitoring.domain.records import (
    Record,
    RecordCommunityPoint,
    RecordCommunityReport,
    RecordRegistration,
    RecordWeeklyReport,
)
from services.monitoring.store import MonitoringStore
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.data import credit_code

pytestmark = pytest.mark.integration

T0 = datetime(2020, 2, 14, 9, 0, tzinfo=UTC)
WEEK = "2020-W07"
PUDONG_FOOD = CellKey(WEEK, "310115", "C")


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def store(request: pytest.FixtureRequest, database: str) -> AsyncIterator[MonitoringStore]:
    if request.param == "memory":
        yield InMemoryMonitoringStore()
        return
    pool = await open_pool(database)
    await migrate(pool, SCHEMA, "services.monitoring")
    yield PostgresMonitoringStore(pool)
    await pool.close()


def registered(
    code: str,
    district: str = "310115",
    section: str = "C",
    *,
    at: datetime = T0,
    event: str | None = None,
) -> RecordRegistration:
    return RecordRegistration(
        event_id=event or f"reg-{code}-{at.isoformat()}",
        profile=EnterpriseProfile(code, district, section, at),
        name="上海浦江食品有限公司",
        industry_division="13",
        size="medium",
        monitoring_roles=("return_to_work_monitoring",),
        key_enterprise_category=None,
    )


def reported(
    code: str,
    *,
    on_duty: int,
    employees: int = 100,
    at: datetime = T0,
    week: str = WEEK,
    event: str | None = None,
) -> RecordWeeklyReport:
    figures = ReportFigures(
        credit_code=code,
        week=week,
        reported_at=at,
        employees_before_holiday=employees,
        on_duty=on_duty,
        working_remotely=0,
        not_yet_returned=employees - on_duty,
        resumed=on_duty > 0,
        planned_staffing=employees,
        recruitment_demand=10,
        hires=3,
        open_vacancies=7,
        surplus_staff_available=0,
    )
    return RecordWeeklyReport(event or f"rep-{code}-{week}-{at.isoformat()}", figures)


async def test_figures_sum_the_reports_of_a_cell(store: MonitoringStore) -> None:
    a, b = credit_code(11), credit_code(12)
    new = await store.record(
        [
            registered(a),
            registered(b),
            reported(a, on_duty=60),
            reported(b, on_duty=30, employees=50),
        ]
    )
    cells = await store.cells(WEEK)
    assert new == 4
    assert cells[PUDONG_FOOD].on_duty == 90
    assert cells[PUDONG_FOOD].employees_before_holiday == 150
    assert cells[PUDONG_FOOD].enterprises_reporting == 2


async def test_the_same_event_twice_leaves_the_figure_unchanged(store: MonitoringStore) -> None:
    a = credit_code(21)
    batch: list[Record] = [registered(a), reported(a, on_duty=40)]
    await store.record(batch)
    assert await store.record(batch) == 0
    assert await store.record([batch[1], batch[1]]) == 0
    assert (await store.cells(WEEK))[PUDONG_FOOD].on_duty == 40


async def test_a_corrected_report_replaces_the_earlier_one(store: MonitoringStore) -> None:
    a = credit_code(31)
    await store.record([registered(a), reported(a, on_duty=40)])
    await store.record([reported(a, on_duty=70, at=T0 + timedelta(hours=2))])
    cell = (await store.cells(WEEK))[PUDONG_FOOD]
    assert (cell.on_duty, cell.enterprises_reporting) == (70, 1)


async def test_a_late_arriving_older_report_does_not_undo_a_correction(
    store: MonitoringStore,
) -> None:
    a = credit_code(41)
    await store.record([registered(a), reported(a, on_duty=70, at=T0 + timedelta(hours=2))])
    await store.record([reported(a, on_duty=40, at=T0)])
    assert (await store.cells(WEEK))[PUDONG_FOOD].on_duty == 70


async def test_corrections_within_one_batch_keep_the_latest(store: MonitoringStore) -> None:
    a = credit_code(51)
    await store.record(
        [
            registered(a),
            reported(a, on_duty=10, at=T0 + timedelta(minutes=5)),
            reported(a, on_duty=20, at=T0 + timedelta(minutes=9)),
            reported(a, on_duty=15, at=T0 + timedelta(minutes=7)),
        ]
    )
    assert (await store.cells(WEEK))[PUDONG_FOOD].on_duty == 20


async def test_reports_wait_for_their_enterprise_to_register(store: MonitoringStore) -> None:
    a = credit_code(61)
    await store.record([reported(a, on_duty=55)])
    assert PUDONG_FOOD not in await store.cells(WEEK)
    await store.record([registered(a)])
    assert (await store.cells(WEEK))[PUDONG_FOOD].on_duty == 55


async def test_a_move_to_another_district_moves_the_figures(store: MonitoringStore) -> None:
    a, b = credit_code(71), credit_code(72)
    await store.record(
        [registered(a), registered(b), reported(a, on_duty=30), reported(b, on_duty=20)]
    )
    await store.record([registered(a, district="310104", at=T0 + timedelta(days=1))])
    cells = await store.cells(WEEK)
    assert cells[PUDONG_FOOD].on_duty == 20
    assert cells[CellKey(WEEK, "310104", "C")].on_duty == 30


async def test_a_stale_registration_does_not_undo_a_newer_one(store: MonitoringStore) -> None:
    a = credit_code(81)
    await store.record(
        [registered(a, district="310104", at=T0 + timedelta(days=1)), reported(a, on_duty=30)]
    )
    await store.record([registered(a, district="310115", at=T0)])
    cells = await store.cells(WEEK)
    assert PUDONG_FOOD not in cells
    assert cells[CellKey(WEEK, "310104", "C")].on_duty == 30


async def test_concurrent_batches_for_one_cell_lose_no_report(store: MonitoringStore) -> None:
    codes = [credit_code(100 + i) for i in range(40)]
    await store.record([registered(c) for c in codes])
    batches = [[reported(c, on_duty=i + 1)] for i, c in enumerate(codes)]
    await asyncio.gather(*(store.record(batch) for batch in batches))
    cell = (await store.cells(WEEK))[PUDONG_FOOD]
    assert cell.enterprises_reporting == 40
    assert cell.on_duty == sum(range(1, 41))


async def test_registration_and_report_racing_lose_nothing(store: MonitoringStore) -> None:
    codes = [credit_code(200 + i) for i in range(30)]
    await asyncio.gather(
        *(store.record([registered(c)]) for c in codes),
        *(store.record([reported(c, on_duty=10)]) for c in codes),
    )
    assert (await store.cells(WEEK))[PUDONG_FOOD].on_duty == 300


async def test_weeks_are_kept_apart(store: MonitoringStore) -> None:
    a = credit_code(91)
    await store.record(
        [
            registered(a),
            reported(a, on_duty=10),
            replace(reported(a, on_duty=80, week="2020-W08"), event_id="w8"),
        ]
    )
    assert (await store.cells(WEEK))[PUDONG_FOOD].on_duty == 10
    assert (await store.cells("2020-W08"))[CellKey("2020-W08", "310115", "C")].on_duty == 80


async def test_designated_enterprises_count_as_expected_even_before_they_report(
    store: MonitoringStore,
) -> None:
    a, b, c = credit_code(301), credit_code(302), credit_code(303)
    undesignated = replace(
        registered(c),
        monitoring_roles=("unemployment_sample",),
        profile=replace(registered(c).profile, designated=False),
    )
    await store.record([registered(a), undesignated, reported(a, on_duty=50)])
    assert (await store.cells(WEEK))[PUDONG_FOOD].enterprises_expected == 1
    await store.record([registered(b)])
    cell = (await store.cells(WEEK))[PUDONG_FOOD]
    assert (cell.enterprises_expected, cell.enterprises_reporting) == (2, 1)
    assert cell.enterprises_resumed == 1


async def test_of_two_registrations_in_one_batch_the_later_stands(store: MonitoringStore) -> None:
    a = credit_code(401)
    await store.record(
        [
            registered(a, district="310104", at=T0 + timedelta(hours=1)),
            registered(a, district="310115", at=T0),
            reported(a, on_duty=25),
        ]
    )
    cells = await store.cells(WEEK)
    assert PUDONG_FOOD not in cells
    assert cells[CellKey(WEEK, "310104", "C")].on_duty == 25


def by_itself(code: str, at: datetime = T0) -> RecordRegistration:
    """The enterprise's own registration: no roles sent, none assigned."""
    record = registered(code, at=at)
    return replace(
        record,
        assigns_roles=False,
        monitoring_roles=(),
        profile=replace(record.profile, designated=False),
    )


async def test_an_enterprises_own_registration_keeps_the_roles_the_bureau_gave_it(
    store: MonitoringStore,
) -> None:
    designated, sample, newcomer = credit_code(501), credit_code(502), credit_code(503)
    sample_only = replace(
        registered(sample),
        monitoring_roles=("unemployment_sample",),
        profile=replace(registered(sample).profile, designated=False),
    )
    await store.record([registered(designated), sample_only, reported(sample, on_duty=5)])
    assert (await store.cells(WEEK))[PUDONG_FOOD].enterprises_expected == 2

    await store.record([by_itself(designated, at=T0 + timedelta(hours=1)), by_itself(newcomer)])
    # Still designated, as its bureau said; the newcomer is not expected to report.
    assert (await store.cells(WEEK))[PUDONG_FOOD].enterprises_expected == 2


def point(town: str, *, at: datetime = T0, name: str = "潍坊新村街道") -> RecordCommunityPoint:
    return RecordCommunityPoint(
        f"point-{town}-{at.isoformat()}", CommunityPoint(town, town[:6], name, at)
    )


def migrants(
    town: str, *, registered: int, returned: int, employed: int, at: datetime = T0
) -> RecordCommunityReport:
    figures = CommunityReportFigures(
        town, WEEK, at, registered, returned, employed, seeking_work=returned - employed,
        in_quarantine=0,
    )  # fmt: skip
    return RecordCommunityReport(f"migrants-{town}-{at.isoformat()}", figures)


async def test_community_reports_sum_per_district_with_silent_points_counted(
    store: MonitoringStore,
) -> None:
    weifang, lujiazui, nanjing_east = "310115004", "310115005", "310101002"
    await store.record(
        [
            point(weifang),
            point(lujiazui, name="陆家嘴街道"),
            point(nanjing_east, name="南京东路街道"),
            migrants(weifang, registered=1000, returned=600, employed=450),
            migrants(weifang, registered=1000, returned=700, employed=500, at=T0 + timedelta(1)),
        ]
    )

    figures = await store.community(WEEK)

    pudong, huangpu = figures[DistrictWeek(WEEK, "310115")], figures[DistrictWeek(WEEK, "310101")]
    assert (pudong.points_registered, pudong.points_reporting) == (2, 1)
    assert (pudong.returned_to_shanghai, pudong.employed, pudong.seeking_work) == (700, 500, 200)
    assert (huangpu.points_registered, huangpu.points_reporting) == (1, 0)


async def test_a_report_of_a_town_not_yet_registered_waits_for_its_point(
    store: MonitoringStore,
) -> None:
    weifang = "310115004"
    await store.record([migrants(weifang, registered=800, returned=400, employed=300)])
    assert await store.community(WEEK) == {}

    await store.record([point(weifang)])

    pudong = (await store.community(WEEK))[DistrictWeek(WEEK, "310115")]
    assert (pudong.points_reporting, pudong.migrants_registered) == (1, 800)
