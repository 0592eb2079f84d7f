"""Quiet hours on a Shanghai clock: 21:00–08:00 by default, across midnight."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from services.notify.domain.quiet_hours import SHANGHAI, QuietHours

NIGHT = QuietHours(time(21), time(8))


@pytest.mark.parametrize(
    ("local", "quiet"),
    [
        (time(20, 59), False),
        (time(21, 0), True),
        (time(23, 30), True),
        (time(0, 0), True),
        (time(7, 59), True),
        (time(8, 0), False),
        (time(12, 0), False),
    ],
)
def test_the_default_window_spans_midnight(local: time, quiet: bool) -> None:
    moment = datetime(2020, 2, 16, local.hour, local.minute, tzinfo=SHANGHAI)
    assert NIGHT.contains(moment) is quiet


def test_the_window_is_read_in_shanghai_whatever_the_moments_zone() -> None:
    assert NIGHT.contains(datetime(2020, 2, 16, 14, 0, tzinfo=UTC))  # 22:00 in Shanghai
    assert not NIGHT.contains(datetime(2020, 2, 16, 2, 0, tzinfo=UTC))  # 10:00 in Shanghai


def test_sending_resumes_when_the_window_ends_the_next_morning() -> None:
    late = datetime(2020, 2, 16, 22, 30, tzinfo=SHANGHAI)
    assert NIGHT.next_allowed(late) == datetime(2020, 2, 17, 8, 0, tzinfo=SHANGHAI)
    early = datetime(2020, 2, 17, 6, 0, tzinfo=SHANGHAI)
    assert NIGHT.next_allowed(early) == datetime(2020, 2, 17, 8, 0, tzinfo=SHANGHAI)
    noon = datetime(2020, 2, 17, 12, 0, tzinfo=SHANGHAI)
    assert NIGHT.next_allowed(noon) == noon


def test_a_window_within_one_day_and_an_empty_one() -> None:
    lunch = QuietHours(time(12), time(13))
    assert lunch.contains(datetime(2020, 2, 17, 12, 30, tzinfo=SHANGHAI))
    assert not lunch.contains(datetime(2020, 2, 17, 13, 0, tzinfo=SHANGHAI))
    assert not QuietHours(time(8), time(8)).contains(datetime(2020, 2, 17, 8, tzinfo=SHANGHAI))
