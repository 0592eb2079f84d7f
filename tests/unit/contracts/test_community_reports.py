"""Community monitoring points and their weekly migrant-worker reports: the rules they follow."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from services.contracts.community_reports import (
    COMMUNITY_POINT_REGISTERED,
    COMMUNITY_REPORT_SUBMITTED,
    CommunityPointRegistration,
    CommunityReport,
)
from services.contracts.envelope import new_event, parse_event
from services.contracts.identifiers import SHANGHAI, week_of
from services.contracts.weekly_reports import WeeklyReport
from tests.support.data import credit_code, weekly_report

WEIFANG = "310115004"  # 浦东新区 潍坊新村街道
NANJING_EAST = "310101002"  # 黄浦区 南京东路街道
SUBMITTED_AT = datetime(2020, 2, 14, 17, 30, tzinfo=SHANGHAI)


def _report(**changes: Any) -> dict[str, Any]:
    """A report of 潍坊新村街道 whose counts are consistent: 5,000 of 12,000 back, 3,200 at work."""
    return {
        "town_code": WEIFANG,
        "week": "2020-W07",
        "migrants_registered": 12_000,
        "returned_to_shanghai": 5_000,
        "employed": 3_200,
        "seeking_work": 900,
        "in_quarantine": 1_400,
        "note": "部分外来从业人员仍在湖北,暂未返沪",
    } | changes


def _errors(model: type[BaseModel], body: dict[str, Any]) -> list[ErrorDetails]:
    with pytest.raises(ValidationError) as raised:
        model.model_validate(body)
    return raised.value.errors(include_url=False)


def test_registration_of_a_street_is_accepted_with_its_district_derived() -> None:
    point = CommunityPointRegistration.model_validate(
        {"town_code": NANJING_EAST, "name": "  南京东路街道 "}
    )

    assert point.town_code == NANJING_EAST
    assert point.name == "南京东路街道"
    assert point.district_code == "310101"


@pytest.mark.parametrize("name", ["", "   ", "街" * 51])
def test_registration_with_an_empty_or_overlong_name_is_refused_on_the_name(name: str) -> None:
    (error,) = _errors(CommunityPointRegistration, {"town_code": WEIFANG, "name": name})

    assert error["loc"] == ("name",)
    assert error["type"] in {"string_too_short", "string_too_long"}


def test_registration_under_a_retired_district_is_refused_saying_where_it_went() -> None:
    body = {"town_code": "310119101", "name": "惠南镇"}

    (error,) = _errors(CommunityPointRegistration, body)

    assert error["loc"] == ("town_code",)
    assert "南汇区 became part of 310115 浦东新区 in 2009" in error["msg"]


def test_registration_with_an_unknown_field_is_refused() -> None:
    body = {"town_code": WEIFANG, "name": "潍坊新村街道", "district_code": "310115"}

    (error,) = _errors(CommunityPointRegistration, body)

    assert (error["loc"], error["type"]) == (("district_code",), "extra_forbidden")


def test_report_whose_counts_are_consistent_is_accepted() -> None:
    report = CommunityReport.model_validate(_report())

    assert (report.town_code, report.week) == (WEIFANG, "2020-W07")
    assert report.employed + report.seeking_work <= report.returned_to_shanghai
    assert report.note == "部分外来从业人员仍在湖北,暂未返沪"


def test_report_where_everyone_registered_is_back_and_at_work_is_accepted() -> None:
    body = _report(returned_to_shanghai=12_000, employed=12_000, seeking_work=0, in_quarantine=0)

    assert CommunityReport.model_validate(body).employed == 12_000


def test_report_without_a_note_is_accepted() -> None:
    body = _report()
    del body["note"]

    assert CommunityReport.model_validate(body).note is None


def test_people_in_quarantine_may_also_be_counted_as_employed() -> None:
    body = _report(returned_to_shanghai=5_000, employed=4_000, seeking_work=1_000)

    assert CommunityReport.model_validate(body | {"in_quarantine": 5_000}).in_quarantine == 5_000


@pytest.mark.parametrize(
    ("change", "field", "rule", "message"),
    [
        (
            {"returned_to_shanghai": 12_001},
            "returned_to_shanghai",
            "exceeds_registered",
            "returned_to_shanghai (12001) must not exceed migrants_registered (12000)",
        ),
        (
            {"employed": 5_001, "seeking_work": 0},
            "employed",
            "exceeds_returned",
            "employed (5001) must not exceed returned_to_shanghai (5000)",
        ),
        (
            {"seeking_work": 1_801},
            "seeking_work",
            "exceeds_returned",
            "employed + seeking_work (5001) must not exceed returned_to_shanghai (5000)",
        ),
        (
            {"in_quarantine": 5_001},
            "in_quarantine",
            "exceeds_returned",
            "in_quarantine (5001) must not exceed returned_to_shanghai (5000)",
        ),
    ],
)
def test_a_rule_between_counts_is_refused_on_the_field_to_fix_naming_both_counts(
    change: dict[str, int], field: str, rule: str, message: str
) -> None:
    (error,) = _errors(CommunityReport, _report(**change))

    assert (error["loc"], error["type"], error["msg"]) == ((field,), rule, message)


def test_more_employed_than_returned_is_reported_once_not_again_on_seeking_work() -> None:
    locs = [error["loc"] for error in _errors(CommunityReport, _report(employed=6_000))]

    assert locs == [("employed",)]


@pytest.mark.parametrize(
    "field",
    ["migrants_registered", "returned_to_shanghai", "employed", "seeking_work", "in_quarantine"],
)
def test_negative_count_is_refused_on_its_field(field: str) -> None:
    (error,) = _errors(CommunityReport, _report(**{field: -1}))

    assert (error["loc"], error["type"]) == ((field,), "greater_than_equal")


def test_count_beyond_any_street_is_refused_before_it_reaches_the_store() -> None:
    body = _report(migrants_registered=5_000_001)

    (error,) = _errors(CommunityReport, body)

    assert (error["loc"], error["type"]) == (("migrants_registered",), "less_than_equal")


def test_note_longer_than_500_characters_is_refused_on_the_note() -> None:
    (error,) = _errors(CommunityReport, _report(note="返" * 501))

    assert (error["loc"], error["type"]) == (("note",), "string_too_long")


def test_report_with_a_missing_count_is_refused_naming_it() -> None:
    body = _report()
    del body["seeking_work"]

    (error,) = _errors(CommunityReport, body)

    assert (error["loc"], error["type"]) == (("seeking_work",), "missing")


def test_town_code_ending_in_000_is_refused_on_the_town_code() -> None:
    (error,) = _errors(CommunityReport, _report(town_code="310115000"))

    assert error["loc"] == ("town_code",)
    assert "ends in 000, which is the district itself" in error["msg"]


def test_week_that_does_not_exist_is_reported_on_the_week_field() -> None:
    (error,) = _errors(CommunityReport, _report(week="2021-W53"))

    assert error["loc"] == ("week",)
    assert "2021 has 52 ISO weeks" in error["msg"]


def test_a_week_that_has_not_begun_is_refused_as_a_weekly_report_refuses_it() -> None:
    (community,) = _errors(CommunityReport, _report(week="2099-W10"))
    (enterprise,) = _errors(
        WeeklyReport,
        weekly_report(credit_code(1)) | {"week": "2099-W10", "resumed": False, "resumed_on": None},
    )

    assert (community["loc"], community["type"]) == (("week",), "week_in_future")
    assert community["msg"].startswith("week 2099-W10 has not begun yet (this is ")
    assert community["msg"] == enterprise["msg"]


def test_the_current_week_in_shanghai_is_accepted() -> None:
    this_week = week_of(datetime.now(SHANGHAI).date())

    assert CommunityReport.model_validate(_report(week=this_week)).week == this_week


def test_report_read_back_from_its_event_json_equals_the_report_written() -> None:
    event = new_event(
        event_type=COMMUNITY_REPORT_SUBMITTED,
        source="/gateway",
        subject=WEIFANG,
        data=CommunityReport.model_validate(_report()),
        time=SUBMITTED_AT,
    )

    parsed = parse_event(event.to_json(), CommunityReport)

    assert parsed == event
    assert parsed.type == "cn.fugong.monitoring.community-report.submitted.v1"
    assert parsed.data.seeking_work == 900


def test_registration_read_back_from_its_event_json_keeps_its_district() -> None:
    event = new_event(
        event_type=COMMUNITY_POINT_REGISTERED,
        source="/gateway",
        subject=NANJING_EAST,
        data=CommunityPointRegistration(town_code=NANJING_EAST, name="南京东路街道"),
        time=SUBMITTED_AT,
    )

    parsed = parse_event(event.to_json(), CommunityPointRegistration)

    assert parsed == event
    assert parsed.type == "cn.fugong.monitoring.community-point.registered.v1"
    assert parsed.data.district_code == "310101"


def test_invalid_report_in_an_event_is_reported_under_data() -> None:
    event = new_event(
        event_type=COMMUNITY_REPORT_SUBMITTED,
        source="/gateway",
        subject=WEIFANG,
        data=CommunityReport.model_validate(_report()),
    )
    raw = event.to_json().replace(b'"seeking_work":900', b'"seeking_work":1900')

    with pytest.raises(ValidationError) as raised:
        parse_event(raw, CommunityReport)

    assert [error["loc"] for error in raised.value.errors()] == [("data", "seeking_work")]


def test_report_is_immutable() -> None:
    report = CommunityReport.model_validate(_report())

    with pytest.raises(ValidationError):
        report.employed = 0  # type: ignore[misc]
