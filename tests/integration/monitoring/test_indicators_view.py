"""monitoring.indicators_v: every indicator, for every scope, against figures worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import pytest
from prometheus_client import REGISTRY

from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.domain.figures import EnterpriseProfile, ReportFigures
from services.monitoring.domain.records import RecordRegistration, RecordWeeklyReport
from services.monitoring.indicator_gauges import refresh
from tests.support.data import credit_code

pytestmark = pytest.mark.integration

T0 = datetime(2020, 2, 10, 9, 0, tzinfo=UTC)
PUDONG_FOOD, PUDONG_ELECTRONICS = credit_code(1, "310115"), credit_code(2, "310115")
XUHUI_SUPERMARKET, XUHUI_SILENT_SHOP = credit_code(3, "310104"), credit_code(4, "310104")


def _registered(code: str, district: str, section: str) -> RecordRegistration:
    return RecordRegistration(
        event_id=f"reg-{code}",
        profile=EnterpriseProfile(code, district, section, T0 - timedelta(days=20)),
        name="上海浦江食品有限公司",
        industry_division="13" if section == "C" else "52",
        size="medium",
        monitoring_roles=("return_to_work_monitoring",),
        key_enterprise_category=None,
    )


def _reported(code: str, week: str, **counts: Any) -> RecordWeeklyReport:
    figures: dict[str, Any] = {
        "employees_before_holiday": 100,
        "on_duty": 50,
        "working_remotely": 0,
        "not_yet_returned": 50,
        "resumed": True,
        "planned_staffing": 100,
        "recruitment_demand": 0,
        "hires": 0,
        "open_vacancies": 0,
        "surplus_staff_available": 0,
        "separations": 0,
    } | counts
    return RecordWeeklyReport(f"rep-{code}-{week}", ReportFigures(code, week, T0, **figures))


async def _indicators(pool: asyncpg.Pool, week: str) -> dict[tuple[str | None, str | None], Any]:
    rows = await pool.fetch("SELECT * FROM monitoring.indicators_v WHERE week = $1", week)
    return {(row["district_code"], row["industry_section"]): row for row in rows}


async def _city_of_two_districts(pool: asyncpg.Pool) -> None:
    store = PostgresMonitoringStore(pool)
    await store.record(
        [
            _registered(PUDONG_FOOD, "310115", "C"),
            _registered(PUDONG_ELECTRONICS, "310115", "C"),
            _registered(XUHUI_SUPERMARKET, "310104", "F"),
            _registered(XUHUI_SILENT_SHOP, "310104", "G"),  # designated, never reports
            _reported(PUDONG_FOOD, "2020-W06", on_duty=40, planned_staffing=120),
            _reported(PUDONG_FOOD, "2020-W07", employees_before_holiday=200, on_duty=150,
                      not_yet_returned=50, planned_staffing=220, recruitment_demand=40, hires=10,
                      separations=4, open_vacancies=30),
            _reported(PUDONG_ELECTRONICS, "2020-W07", employees_before_holiday=800, on_duty=400,
                      not_yet_returned=400, resumed=False, planned_staffing=900,
                      recruitment_demand=60, hires=30, separations=6, open_vacancies=20),
            _reported(XUHUI_SUPERMARKET, "2020-W07", employees_before_holiday=50, on_duty=45,
                      not_yet_returned=5, planned_staffing=50, recruitment_demand=0, hires=0),
        ]
    )  # fmt: skip


async def test_a_cell_has_every_indicator_worked_out_from_its_reports(pool: asyncpg.Pool) -> None:
    await _city_of_two_districts(pool)
    cell = (await _indicators(pool, "2020-W07"))[("310115", "C")]

    assert cell["scope"] == "cell"
    assert (cell["enterprises_expected"], cell["enterprises_reporting"]) == (2, 2)
    assert cell["return_rate"] == pytest.approx((150 + 400) / (200 + 800))
    assert cell["resumption_rate"] == pytest.approx(1 / 2)
    assert cell["staffing_gap"] == (220 + 900) - (150 + 400)
    assert cell["fill_rate"] == pytest.approx((10 + 30) / (40 + 60))
    assert cell["separation_rate"] == pytest.approx((4 + 6) / 1000)
    assert cell["open_vacancies"] == 50
    assert cell["vacancies_per_seeker"] is None  # not available, never 0
    assert cell["active_job_seekers"] is None


async def test_district_section_and_city_sum_their_cells_before_dividing(
    pool: asyncpg.Pool,
) -> None:
    await _city_of_two_districts(pool)
    rows = await _indicators(pool, "2020-W07")

    xuhui, city = rows[("310104", None)], rows[(None, None)]
    assert xuhui["scope"] == "district"
    # The silent shop is designated: expected, not reporting, in 复工率's denominator.
    assert (xuhui["enterprises_expected"], xuhui["enterprises_resumed"]) == (2, 1)
    assert xuhui["resumption_rate"] == pytest.approx(1 / 2)
    assert xuhui["fill_rate"] is None  # nobody sought anyone in Xuhui: no rate, not 0
    assert city["scope"] == "city"
    assert city["return_rate"] == pytest.approx((150 + 400 + 45) / (200 + 800 + 50))
    assert city["resumption_rate"] == pytest.approx(2 / 4)
    assert city["staffing_gap"] == (220 + 900 + 50) - (150 + 400 + 45)
    assert city["fill_rate"] == pytest.approx(40 / 100)
    manufacturing = rows[(None, "C")]
    assert manufacturing["scope"] == "section"
    assert manufacturing["return_rate"] == pytest.approx(550 / 1000)


async def test_change_is_this_week_less_the_previous_one_for_the_same_scope(
    pool: asyncpg.Pool,
) -> None:
    await _city_of_two_districts(pool)
    rows = await _indicators(pool, "2020-W07")
    earlier = await _indicators(pool, "2020-W06")

    pudong_w06, pudong_w07 = earlier[("310115", "C")], rows[("310115", "C")]
    assert pudong_w06["return_rate"] == pytest.approx(40 / 100)
    assert pudong_w07["previous_week_reported"] is True
    assert pudong_w07["return_rate_change"] == pytest.approx(550 / 1000 - 40 / 100)
    assert pudong_w07["staffing_gap_change"] == 570 - (120 - 40)
    assert pudong_w07["fill_rate_change"] is None  # no demand in W06: nothing to compare
    assert pudong_w06["previous_week_reported"] is False
    assert pudong_w06["return_rate_change"] is None


async def test_a_week_nobody_reported_has_no_rows_and_an_empty_report_no_rates(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresMonitoringStore(pool)
    await store.record(
        [
            _registered(PUDONG_FOOD, "310115", "C"),
            _reported(PUDONG_FOOD, "2020-W07", employees_before_holiday=0, on_duty=0,
                      not_yet_returned=0, planned_staffing=0, resumed=False),
        ]
    )  # fmt: skip

    assert await _indicators(pool, "2020-W08") == {}
    cell = (await _indicators(pool, "2020-W07"))[("310115", "C")]
    assert (cell["return_rate"], cell["fill_rate"], cell["separation_rate"]) == (None, None, None)
    assert cell["resumption_rate"] == 0.0  # expected one, none resumed: a true zero
    assert cell["staffing_gap"] == 0


async def test_previous_iso_week_crosses_years(pool: asyncpg.Pool) -> None:
    weeks = await pool.fetch(
        "SELECT monitoring.previous_iso_week(w) FROM unnest($1::text[]) AS w",
        ["2020-W01", "2021-W01", "2020-W07"],
    )
    assert [row[0] for row in weeks] == ["2019-W52", "2020-W53", "2020-W06"]


async def test_gauges_show_the_latest_week_with_bounded_labels(pool: asyncpg.Pool) -> None:
    await _city_of_two_districts(pool)

    assert await refresh(pool) == "2020-W07"

    def sample(name: str, district: str, section: str) -> float | None:
        return REGISTRY.get_sample_value(name, {"district": district, "section": section})

    assert sample("fugong_monitoring_return_ratio", "all", "all") == pytest.approx(595 / 1050)
    assert sample("fugong_monitoring_resumption_ratio", "310104", "all") == pytest.approx(0.5)
    assert sample("fugong_monitoring_staffing_gap_people", "all", "C") == 1120 - 550
    assert sample("fugong_monitoring_fill_ratio", "310104", "all") is None  # no demand, no series
    assert sample("fugong_monitoring_return_ratio", "310115", "C") is None  # no cell series
    monday = datetime(2020, 2, 10, tzinfo=UTC) - timedelta(hours=8)  # 00:00 in Shanghai
    assert REGISTRY.get_sample_value(
        "fugong_monitoring_figures_week_start_timestamp_seconds"
    ) == pytest.approx(monday.timestamp())
