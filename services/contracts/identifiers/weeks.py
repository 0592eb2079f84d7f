"""ISO 8601 weeks ("2020-W07"), the period of every weekly report, counted in Shanghai time."""

import re
import unicodedata
from datetime import MAXYEAR, MINYEAR, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from pydantic_core import PydanticCustomError

from services.contracts.identifiers._input_bounds import ensure_short

SHANGHAI = ZoneInfo("Asia/Shanghai")

_ISO_WEEK = re.compile(r"(?P<year>[0-9]{4})-W(?P<week>[0-9]{2})")


def weeks_in_year(year: int) -> int:
    """52 or 53: the number of ISO weeks in an ISO year (28 December is always in the last)."""
    return date(year, 12, 28).isocalendar().week


def validate_iso_week(value: str) -> str:
    """The ISO week in canonical form ("2020-W07"), or ValueError naming the rule it breaks."""
    ensure_short(value, "ISO week")
    return _validated_iso_week(value)


@lru_cache(maxsize=4096)
def _validated_iso_week(value: str) -> str:
    week = unicodedata.normalize("NFKC", value).strip().upper()
    match = _ISO_WEEK.fullmatch(week)
    if match is None:
        raise ValueError(
            f"ISO week must look like '2020-W07' (year, '-W', two-digit week), got {week!r}"
        )
    year, number = int(match["year"]), int(match["week"])
    if not MINYEAR <= year <= MAXYEAR - 1:
        raise ValueError(f"ISO week year must be 0001 to 9998, got {match['year']!r}")
    last = weeks_in_year(year)
    if not 1 <= number <= last:
        raise ValueError(
            f"ISO week {week!r} does not exist: {year} has {last} ISO weeks, "
            f"so the week must be 01 to {last}"
        )
    return week


def week_of(day: date) -> str:
    """The ISO week a calendar date falls in, e.g. 2021-01-01 -> "2020-W53"."""
    if isinstance(day, datetime):
        # A datetime's date depends on its time zone; silently using it would misfile reports
        # sent around midnight.
        raise TypeError("week_of takes a date; use week_of_instant for a datetime")
    year, number, _ = day.isocalendar()
    return f"{year:04d}-W{number:02d}"


def week_bounds(week: str) -> tuple[date, date]:
    """The Monday and the Sunday of an ISO week."""
    ensure_short(week, "ISO week")
    return _week_bounds(week)


@lru_cache(maxsize=4096)
def _week_bounds(week: str) -> tuple[date, date]:
    year, number = (int(part) for part in validate_iso_week(week).split("-W"))
    return date.fromisocalendar(year, number, 1), date.fromisocalendar(year, number, 7)


def week_of_instant(instant: datetime) -> str:
    """The ISO week an instant falls in, on the Shanghai calendar."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(
            "week_of_instant needs a timezone-aware datetime; a naive one has no defined week"
        )
    return week_of(instant.astimezone(SHANGHAI).date())


def validate_week_has_begun(week: str) -> str:
    """The week in canonical form, or a `week_in_future` error if it has not begun in Shanghai yet.

    Reports are about weeks that have happened; a week ahead is a typo in the year or the number.
    """
    week = validate_iso_week(week)  # canonical "YYYY-Www" strings sort as the weeks do
    current = week_of(datetime.now(SHANGHAI).date())
    if week > current:
        raise PydanticCustomError(
            "week_in_future",
            "week {week} has not begun yet (this is {current} in Shanghai)",
            {"week": week, "current": current},
        )
    return week
