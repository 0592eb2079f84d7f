from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from services.contracts.identifiers import (
    SHANGHAI,
    validate_iso_week,
    week_bounds,
    week_of,
    week_of_instant,
    weeks_in_year,
)


def test_iso_week_in_canonical_form_is_accepted_unchanged() -> None:
    assert validate_iso_week("2020-W07") == "2020-W07"


def test_iso_week_is_normalised_from_lower_case_and_spaces() -> None:
    assert validate_iso_week(" 2020-w07 ") == "2020-W07"


@pytest.mark.parametrize(
    "value", ["2020-7", "2020-W7", "2020W07", "20-W07", "2020-W07-1", "2020-02-10", "W07", ""]
)
def test_iso_week_in_another_format_is_rejected_showing_the_expected_one(value: str) -> None:
    with pytest.raises(ValueError, match=r"ISO week must look like '2020-W07'"):
        validate_iso_week(value)


def test_week_53_exists_in_2020() -> None:
    assert validate_iso_week("2020-W53") == "2020-W53"


def test_week_53_is_rejected_in_2021_saying_it_has_52_weeks() -> None:
    with pytest.raises(ValueError, match=r"'2021-W53' does not exist: 2021 has 52 ISO weeks"):
        validate_iso_week("2021-W53")


@pytest.mark.parametrize("value", ["2020-W00", "2020-W54", "2019-W99"])
def test_week_numbers_outside_the_year_are_rejected(value: str) -> None:
    with pytest.raises(ValueError, match=r"does not exist: .* the week must be 01 to 5[23]"):
        validate_iso_week(value)


def test_year_zero_is_rejected_without_a_calendar_error() -> None:
    with pytest.raises(ValueError, match=r"ISO week year must be 0001 to 9998, got '0000'"):
        validate_iso_week("0000-W01")


@pytest.mark.parametrize(("year", "weeks"), [(2015, 53), (2019, 52), (2020, 53), (2021, 52)])
def test_years_have_52_or_53_iso_weeks(year: int, weeks: int) -> None:
    assert weeks_in_year(year) == weeks


def test_new_years_day_2021_is_in_the_last_week_of_2020() -> None:
    assert week_of(date(2021, 1, 1)) == "2020-W53"


def test_last_monday_of_2019_starts_the_first_week_of_2020() -> None:
    assert week_of(date(2019, 12, 30)) == "2020-W01"


def test_week_of_the_notice_runs_monday_to_sunday() -> None:
    # 沪人社就〔2020〕48号 was issued in the week of Monday 10 February 2020.
    assert week_bounds("2020-W07") == (date(2020, 2, 10), date(2020, 2, 16))


def test_week_53_of_2020_ends_in_2021() -> None:
    assert week_bounds("2020-W53") == (date(2020, 12, 28), date(2021, 1, 3))


def test_week_bounds_rejects_a_week_that_does_not_exist() -> None:
    with pytest.raises(ValueError, match="2021 has 52 ISO weeks"):
        week_bounds("2021-W53")


def test_every_day_falls_within_the_bounds_of_its_own_week() -> None:
    day = date(2019, 1, 1)
    while day < date(2023, 1, 1):
        week = week_of(day)
        monday, sunday = week_bounds(validate_iso_week(week))
        assert monday <= day <= sunday
        assert (monday.isoweekday(), sunday - monday) == (1, timedelta(days=6))
        day += timedelta(days=1)


def test_instant_late_sunday_utc_is_already_monday_in_shanghai() -> None:
    sunday_evening_utc = datetime(2020, 2, 16, 16, 30, tzinfo=UTC)
    assert week_of(sunday_evening_utc.date()) == "2020-W07"
    assert week_of_instant(sunday_evening_utc) == "2020-W08"


def test_instant_with_shanghai_offset_stays_in_its_local_week() -> None:
    sunday_night = datetime(2020, 2, 16, 23, 59, tzinfo=timezone(timedelta(hours=8)))
    assert week_of_instant(sunday_night) == "2020-W07"
    assert week_of_instant(sunday_night.replace(tzinfo=SHANGHAI)) == "2020-W07"


def test_naive_instant_is_rejected_because_its_week_is_undefined() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        week_of_instant(datetime(2020, 2, 16, 23, 59))


def test_week_of_refuses_a_datetime_so_time_zones_are_not_ignored() -> None:
    with pytest.raises(TypeError, match="week_of_instant"):
        week_of(datetime(2020, 2, 16, 16, 30, tzinfo=UTC))


def test_shanghai_is_the_asia_shanghai_zone() -> None:
    assert SHANGHAI.key == "Asia/Shanghai"
    assert datetime(2020, 2, 10, tzinfo=SHANGHAI).utcoffset() == timedelta(hours=8)
