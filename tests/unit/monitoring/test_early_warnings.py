"""Early warnings: each rule raised by figures worked out by hand, and not by figures just short."""

from __future__ import annotations

from typing import Any

import pytest

from services.contracts.warnings import WarningRule as Rule
from services.monitoring.domain.warnings import (
    EarlyWarning,
    Figures,
    Scope,
    WarningRules,
    evaluate,
)

RULES = WarningRules()
PUDONG_MANUFACTURING = Scope("310115", "C")
XUHUI = Scope("310104")


def _figures(
    week: str, scope: Scope = PUDONG_MANUFACTURING, reporting: int = 5, **values: Any
) -> Figures:
    return Figures(week, scope, reporting, values)


def _rules_raised(warnings: list[EarlyWarning]) -> list[tuple[Rule, Scope]]:
    return [(w.rule, w.scope) for w in warnings]


def test_a_fill_rate_down_ten_points_raises_a_warning_with_its_figures() -> None:
    week = [_figures("2020-W08", fill_rate=0.45, fill_rate_change=-0.10)]

    (warning,) = evaluate({"2020-W08": week}, RULES)

    assert (warning.rule, warning.week, warning.scope) == (
        Rule.FILL_RATE_FALLING,
        "2020-W08",
        PUDONG_MANUFACTURING,
    )
    assert warning.figures == {"fill_rate": 0.45, "fill_rate_change": -0.10}


def test_a_fill_rate_down_nine_points_or_without_a_previous_week_raises_nothing() -> None:
    week = [
        _figures("2020-W08", fill_rate=0.45, fill_rate_change=-0.09),
        _figures("2020-W08", XUHUI, fill_rate=0.20, fill_rate_change=None),
    ]
    assert evaluate({"2020-W08": week}, RULES) == []


def test_a_return_rate_that_stalls_two_weeks_below_target_raises_a_warning() -> None:
    weeks = {
        "2020-W07": [_figures("2020-W07", return_rate=0.60, return_rate_change=0.005)],
        "2020-W08": [_figures("2020-W08", return_rate=0.605, return_rate_change=0.005)],
    }

    (warning,) = evaluate(weeks, RULES)

    assert warning.rule is Rule.RETURN_STALLED
    assert warning.figures["return_rate"] == 0.605


@pytest.mark.parametrize(
    ("earlier_change", "now_rate"),
    [(0.05, 0.605), (None, 0.605), (0.005, 0.95)],
    ids=["rose-the-week-before", "no-week-before", "above-target"],
)
def test_a_return_rate_rising_or_above_target_is_not_stalled(
    earlier_change: float | None, now_rate: float
) -> None:
    weeks = {
        "2020-W07": [_figures("2020-W07", return_rate=0.60, return_rate_change=earlier_change)],
        "2020-W08": [_figures("2020-W08", return_rate=now_rate, return_rate_change=0.005)],
    }
    assert evaluate(weeks, RULES) == []


def test_separations_at_five_percent_raise_a_warning_and_below_do_not() -> None:
    week = [
        _figures("2020-W08", separation_rate=0.05),
        _figures("2020-W08", XUHUI, separation_rate=0.049),
    ]
    assert _rules_raised(evaluate({"2020-W08": week}, RULES)) == [
        (Rule.SEPARATIONS_HIGH, PUDONG_MANUFACTURING)
    ]


def test_a_place_with_too_few_reports_raises_nothing() -> None:
    week = [_figures("2020-W08", reporting=2, separation_rate=0.5, fill_rate_change=-0.5)]
    assert evaluate({"2020-W08": week}, RULES) == []


def test_migrant_employment_falling_in_a_district_raises_a_warning() -> None:
    week = [
        _figures(
            "2020-W08",
            Scope("310120", community=True),
            reporting=1,  # community points: one reporting point is a district's own figure
            migrant_employment_rate=0.70,
            migrant_employment_rate_change=-0.06,
        )
    ]
    (warning,) = evaluate({"2020-W08": week}, RULES)
    assert warning.rule is Rule.MIGRANT_EMPLOYMENT_FALLING
    assert warning.scope == Scope("310120", community=True)


def test_a_districts_enterprises_and_its_community_points_are_judged_apart() -> None:
    week = [
        _figures("2020-W08", XUHUI, fill_rate=0.3, fill_rate_change=-0.2),
        _figures(
            "2020-W08",
            Scope("310104", community=True),
            reporting=2,
            migrant_employment_rate=0.7,
            migrant_employment_rate_change=-0.1,
        ),
    ]
    assert _rules_raised(evaluate({"2020-W08": week}, RULES)) == [
        (Rule.FILL_RATE_FALLING, XUHUI),
        (Rule.MIGRANT_EMPLOYMENT_FALLING, Scope("310104", community=True)),
    ]


def test_a_warning_has_one_id_per_rule_week_and_scope() -> None:
    week = {"2020-W08": [_figures("2020-W08", separation_rate=0.2)]}
    first, again = evaluate(week, RULES)[0], evaluate(week, RULES)[0]
    other = evaluate({"2020-W09": [_figures("2020-W09", separation_rate=0.2)]}, RULES)[0]
    assert first.id == again.id != other.id


def test_thresholds_are_configurable() -> None:
    week = {"2020-W08": [_figures("2020-W08", separation_rate=0.03)]}
    assert evaluate(week, WarningRules(separation_rate=0.02))[0].rule is Rule.SEPARATIONS_HIGH
    assert evaluate(week, RULES) == []
