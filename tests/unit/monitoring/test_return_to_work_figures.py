"""Return-to-work figures: which report stands, and how reports sum into cells."""

from __future__ import annotations

from datetime import datetime, timedelta

from services.contracts.identifiers import SHANGHAI
from services.monitoring.domain.figures import (
    CellFigures,
    CellKey,
    EnterpriseProfile,
    ReportFigures,
    compute_cells,
    latest_reports,
)
from tests.support.data import credit_code

MONDAY = datetime(2020, 2, 10, 9, 0, tzinfo=SHANGHAI)
PUDONG_FOOD = credit_code(1, "310115")  # 浦东新区, 农副食品加工 → C
PUDONG_ELECTRONICS = credit_code(2, "310115")  # 浦东新区, 电子设备 → C
XUHUI_SUPERMARKET = credit_code(3, "310104")  # 徐汇区, 零售 → F


def _profile(code: str, district: str, section: str) -> EnterpriseProfile:
    return EnterpriseProfile(code, district, section, registered_at=MONDAY - timedelta(days=7))


ENTERPRISES = {
    PUDONG_FOOD: _profile(PUDONG_FOOD, "310115", "C"),
    PUDONG_ELECTRONICS: _profile(PUDONG_ELECTRONICS, "310115", "C"),
    XUHUI_SUPERMARKET: _profile(XUHUI_SUPERMARKET, "310104", "F"),
}


def _report(
    code: str,
    *,
    week: str = "2020-W07",
    at: datetime = MONDAY,
    employees: int = 200,
    on_duty: int = 120,
    remote: int = 20,
    resumed: bool = True,
) -> ReportFigures:
    return ReportFigures(
        credit_code=code,
        week=week,
        reported_at=at,
        employees_before_holiday=employees,
        on_duty=on_duty,
        working_remotely=remote,
        not_yet_returned=employees - on_duty - remote,
        resumed=resumed,
        planned_staffing=employees,
        recruitment_demand=15,
        hires=5,
        open_vacancies=10,
        surplus_staff_available=0,
    )


def test_newer_report_of_an_enterprise_and_week_replaces_the_older_one() -> None:
    first = _report(PUDONG_FOOD, at=MONDAY, on_duty=100)
    correction = _report(PUDONG_FOOD, at=MONDAY + timedelta(hours=3), on_duty=130)

    assert latest_reports([first, correction]) == {(PUDONG_FOOD, "2020-W07"): correction}
    assert latest_reports([correction, first]) == {(PUDONG_FOOD, "2020-W07"): correction}


def test_of_two_reports_sent_at_the_same_time_the_later_one_read_stands() -> None:
    first = _report(PUDONG_FOOD, on_duty=100)
    second = _report(PUDONG_FOOD, on_duty=130)

    assert latest_reports([first, second])[(PUDONG_FOOD, "2020-W07")] is second


def test_reports_of_other_weeks_and_enterprises_stand_side_by_side() -> None:
    reports = [
        _report(PUDONG_FOOD, week="2020-W07"),
        _report(PUDONG_FOOD, week="2020-W08"),
        _report(XUHUI_SUPERMARKET, week="2020-W07"),
    ]

    assert set(latest_reports(reports)) == {
        (PUDONG_FOOD, "2020-W07"),
        (PUDONG_FOOD, "2020-W08"),
        (XUHUI_SUPERMARKET, "2020-W07"),
    }


def test_cells_sum_reports_per_district_section_and_week() -> None:
    cells = compute_cells(
        ENTERPRISES,
        [
            _report(PUDONG_FOOD, employees=200, on_duty=120, remote=20),
            _report(PUDONG_ELECTRONICS, employees=800, on_duty=380, remote=100, resumed=False),
            _report(XUHUI_SUPERMARKET, employees=50, on_duty=45, remote=0),
            _report(XUHUI_SUPERMARKET, week="2020-W08", employees=50, on_duty=50, remote=0),
        ],
    )

    pudong_manufacturing = cells[CellKey("2020-W07", "310115", "C")]
    assert set(cells) == {
        CellKey("2020-W07", "310115", "C"),
        CellKey("2020-W07", "310104", "F"),
        CellKey("2020-W08", "310104", "F"),
    }
    assert pudong_manufacturing.enterprises_reporting == 2
    assert pudong_manufacturing.enterprises_resumed == 1
    assert pudong_manufacturing.employees_before_holiday == 1000
    assert pudong_manufacturing.on_duty == 500
    assert pudong_manufacturing.working_remotely == 120
    assert pudong_manufacturing.not_yet_returned == 380
    assert pudong_manufacturing.enterprises_expected == 2
    assert pudong_manufacturing.planned_staffing == 1000
    assert cells[CellKey("2020-W08", "310104", "F")].on_duty == 50


def test_a_correction_counts_once_in_its_cell() -> None:
    cells = compute_cells(
        ENTERPRISES,
        [
            _report(PUDONG_FOOD, at=MONDAY, on_duty=100),
            _report(PUDONG_FOOD, at=MONDAY + timedelta(days=1), on_duty=130),
        ],
    )

    cell = cells[CellKey("2020-W07", "310115", "C")]
    assert (cell.enterprises_reporting, cell.on_duty) == (1, 130)


def test_reports_of_unregistered_enterprises_are_left_out_of_the_figures() -> None:
    jiading_unregistered = credit_code(9, "310114")

    cells = compute_cells(ENTERPRISES, [_report(jiading_unregistered), _report(PUDONG_FOOD)])

    assert set(cells) == {CellKey("2020-W07", "310115", "C")}
    assert cells[CellKey("2020-W07", "310115", "C")].enterprises_reporting == 1


def test_a_report_without_employees_still_counts_its_enterprise() -> None:
    cells = compute_cells(ENTERPRISES, [_report(PUDONG_FOOD, employees=0, on_duty=0, remote=0)])

    cell = cells[CellKey("2020-W07", "310115", "C")]
    assert cell.employees_before_holiday == 0
    # Both Pudong manufacturers are designated to report; one did and has resumed.
    assert (cell.enterprises_expected, cell.enterprises_resumed) == (2, 1)


def test_designated_enterprises_that_did_not_report_are_expected() -> None:
    undesignated = credit_code(4, "310115")
    enterprises = {
        **ENTERPRISES,
        undesignated: EnterpriseProfile(
            undesignated, "310115", "C", MONDAY - timedelta(days=7), designated=False
        ),
    }
    cells = compute_cells(enterprises, [_report(PUDONG_FOOD), _report(undesignated)])

    cell = cells[CellKey("2020-W07", "310115", "C")]
    # Expected: the two designated manufacturers, plus the undesignated one that reported anyway.
    assert (cell.enterprises_expected, cell.enterprises_reporting) == (3, 2)


def test_adding_a_report_counts_the_enterprise_and_whether_it_resumed() -> None:
    cell = (
        CellFigures()
        .plus(_report(PUDONG_FOOD, resumed=True))
        .plus(_report(PUDONG_ELECTRONICS, resumed=False))
        .plus(_report(XUHUI_SUPERMARKET, resumed=True))
    )

    assert cell.enterprises_reporting == 3
    assert cell.enterprises_resumed == 2
    assert cell.on_duty == 3 * 120
    assert cell.hires == 3 * 5
