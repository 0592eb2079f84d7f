"""WeeklyReport: the rules a weekly return-to-work report must satisfy before it is accepted."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from services.contracts.weekly_reports import Difficulty, WeeklyReport
from tests.support.data import credit_code, weekly_report

PUDONG_FOOD = credit_code(1, "310115")


def _errors(body: dict[str, Any]) -> list[ErrorDetails]:
    with pytest.raises(ValidationError) as raised:
        WeeklyReport.model_validate(body)
    return raised.value.errors(include_url=False)


def _only_message(body: dict[str, Any]) -> str:
    (error,) = _errors(body)
    return error["msg"]


def test_report_whose_head_counts_add_up_is_accepted() -> None:
    report = WeeklyReport.model_validate(weekly_report(PUDONG_FOOD))

    assert report.credit_code == PUDONG_FOOD
    assert report.week == "2020-W07"
    assert report.not_yet_returned.total == 200 - 120 - 20
    assert report.resumed_on == date(2020, 2, 10)
    assert report.difficulties == frozenset({Difficulty.STAFF_SHORTAGE})


def test_more_on_duty_than_employees_before_the_holiday_is_rejected_naming_both() -> None:
    body = weekly_report(PUDONG_FOOD, employees=200, on_duty=120, remote=0)
    body |= {"on_duty": 250, "not_yet_returned": {}}

    message = _only_message(body)

    assert "on_duty (250)" in message
    assert "employees_before_holiday (200)" in message


def test_more_back_on_site_and_remote_than_employees_is_rejected() -> None:
    body = weekly_report(PUDONG_FOOD, employees=200, on_duty=150, remote=0)
    body |= {"working_remotely": 60, "not_yet_returned": {}}

    assert "on_duty + working_remotely (210)" in _only_message(body)


def test_reasons_for_not_returning_that_do_not_add_up_are_rejected() -> None:
    body = weekly_report(PUDONG_FOOD, employees=200, on_duty=120, remote=20)
    body["not_yet_returned"]["other"] += 1

    message = _only_message(body)

    assert "not_yet_returned reasons add up to 61" in message
    assert "is 60" in message


def test_resumed_without_a_resumption_date_is_rejected() -> None:
    body = weekly_report(PUDONG_FOOD, resumed=True) | {"resumed_on": None}

    assert "resumed_on is required when resumed is true" in _only_message(body)


def test_resumption_date_without_having_resumed_is_rejected() -> None:
    body = weekly_report(PUDONG_FOOD, resumed=False) | {"resumed_on": "2020-02-10"}

    assert "resumed_on must be empty when resumed is false" in _only_message(body)


def test_resumption_on_the_weeks_sunday_is_accepted() -> None:
    body = weekly_report(PUDONG_FOOD, week="2020-W07") | {"resumed_on": "2020-02-16"}

    assert WeeklyReport.model_validate(body).resumed_on == date(2020, 2, 16)


def test_resumption_after_the_weeks_sunday_is_rejected() -> None:
    body = weekly_report(PUDONG_FOOD, week="2020-W07") | {"resumed_on": "2020-02-17"}

    assert "resumed_on (2020-02-17) is after the end of week 2020-W07" in _only_message(body)


@pytest.mark.parametrize(
    ("field", "loc"),
    [
        ("hires", ("hires",)),
        ("recruitment_demand", ("recruitment_demand",)),
        ("open_vacancies", ("open_vacancies",)),
        ("planned_staffing", ("planned_staffing",)),
    ],
)
def test_negative_count_is_rejected_on_its_field(field: str, loc: tuple[str, ...]) -> None:
    (error,) = _errors(weekly_report(PUDONG_FOOD) | {field: -1})

    assert error["loc"] == loc
    assert error["type"] == "greater_than_equal"


def test_negative_reason_count_is_rejected_on_the_reason() -> None:
    body = weekly_report(PUDONG_FOOD)
    body["not_yet_returned"]["in_quarantine"] = -3

    locs = [error["loc"] for error in _errors(body)]

    assert locs == [("not_yet_returned", "in_quarantine")]


def test_capacity_above_one_is_rejected() -> None:
    (error,) = _errors(weekly_report(PUDONG_FOOD) | {"capacity_ratio": 1.2})

    assert error["loc"] == ("capacity_ratio",)
    assert error["type"] == "less_than_equal"


@pytest.mark.parametrize("ratio", [-0.1, float("nan"), float("inf")])
def test_capacity_that_is_not_a_share_is_rejected(ratio: float) -> None:
    (error,) = _errors(weekly_report(PUDONG_FOOD) | {"capacity_ratio": ratio})

    assert error["loc"] == ("capacity_ratio",)


def test_unknown_field_is_rejected() -> None:
    (error,) = _errors(weekly_report(PUDONG_FOOD) | {"复工人数": 120})

    assert error["loc"] == ("复工人数",)
    assert error["type"] == "extra_forbidden"


def test_week_that_does_not_exist_is_reported_on_the_week_field() -> None:
    (error,) = _errors(weekly_report(PUDONG_FOOD) | {"week": "2021-W53"})

    assert error["loc"] == ("week",)
    assert "2021 has 52 ISO weeks" in error["msg"]


def test_credit_code_with_a_wrong_check_character_is_reported_on_its_field() -> None:
    wrong = PUDONG_FOOD[:-1] + ("0" if PUDONG_FOOD[-1] != "0" else "1")

    (error,) = _errors(weekly_report(wrong))

    assert error["loc"] == ("credit_code",)
    assert "check character" in error["msg"]


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [
        ({"on_duty": 250}, "on_duty", "exceeds_employees"),
        ({"working_remotely": 150}, "working_remotely", "exceeds_employees"),
        ({"not_yet_returned": {"other": 1}}, "not_yet_returned", "reasons_do_not_add_up"),
        ({"resumed_on": None}, "resumed_on", "required_when_resumed"),
    ],
)
def test_a_rule_between_fields_is_reported_on_the_field_to_fix(
    change: dict[str, Any], field: str, rule: str
) -> None:
    (error,) = _errors({**weekly_report(PUDONG_FOOD), **change})
    assert (error["loc"], error["type"]) == ((field,), rule)


def test_a_week_that_has_not_begun_is_rejected() -> None:
    (error,) = _errors(
        {**weekly_report(PUDONG_FOOD), "week": "2099-W10", "resumed": False, "resumed_on": None}
    )
    assert (error["loc"], error["type"]) == (("week",), "week_in_future")


def test_a_head_count_beyond_any_enterprise_is_rejected_before_it_reaches_the_store() -> None:
    body = weekly_report(PUDONG_FOOD, employees=3_000_000_000, on_duty=0, remote=0)
    assert ("employees_before_holiday",) in [e["loc"] for e in _errors(body)]
