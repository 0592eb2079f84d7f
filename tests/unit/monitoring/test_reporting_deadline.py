"""The weekly deadline: Monday 12:00 in Shanghai for the week before, unless configured."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from services.contracts.identifiers import SHANGHAI
from services.monitoring.domain.compliance import DeadlinePolicy, reminder_event_id

MONDAY_NOON = DeadlinePolicy()


def test_reports_of_a_week_are_due_at_noon_on_the_next_monday_in_shanghai() -> None:
    assert MONDAY_NOON.deadline("2020-W07") == datetime(2020, 2, 17, 12, 0, tzinfo=SHANGHAI)
    assert MONDAY_NOON.deadline("2020-W07") == datetime(2020, 2, 17, 4, 0, tzinfo=UTC)


def test_a_configured_deadline_moves_the_day_and_hour() -> None:
    tuesday_nine = DeadlinePolicy(weekday=2, at=time(9, 0))
    assert tuesday_nine.deadline("2020-W53") == datetime(2021, 1, 5, 9, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (datetime(2020, 2, 17, 11, 59, tzinfo=SHANGHAI), "2020-W06"),
        (datetime(2020, 2, 17, 12, 0, tzinfo=SHANGHAI), "2020-W07"),
        (datetime(2020, 2, 23, 23, 0, tzinfo=SHANGHAI), "2020-W07"),
        # Sunday 20:00 UTC is already Monday 04:00 in Shanghai: still before the deadline.
        (datetime(2020, 2, 23, 20, 0, tzinfo=UTC), "2020-W07"),
        (datetime(2021, 1, 4, 12, 30, tzinfo=SHANGHAI), "2020-W53"),
    ],
)
def test_the_last_due_week_is_the_latest_whose_deadline_has_passed(now: datetime, due: str) -> None:
    assert MONDAY_NOON.last_due_week(now) == due


def test_a_report_after_the_deadline_is_late_and_one_at_it_is_not() -> None:
    deadline = MONDAY_NOON.deadline("2020-W07")
    assert not MONDAY_NOON.is_late("2020-W07", deadline)
    assert MONDAY_NOON.is_late("2020-W07", deadline.replace(second=1))


def test_a_reminder_has_one_id_per_enterprise_and_week() -> None:
    first = reminder_event_id("91310115MA1K4TXU3E", "2020-W07")
    assert first == reminder_event_id("91310115MA1K4TXU3E", "2020-W07")
    assert first != reminder_event_id("91310115MA1K4TXU3E", "2020-W08")


def test_a_weekday_outside_the_week_is_refused() -> None:
    with pytest.raises(ValueError, match="weekday must be 1"):
        DeadlinePolicy(weekday=8)
