"""The campaign window: weeks a submission may be about.

A week (or a monitoring period) before the campaign began is refused, so that nobody (a typo in
the year, or a client filling a table) creates years of back-dated rows; weeks and periods ahead
are refused by the models already.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from services.contracts.identifiers import week_bounds

RULE = "week_before_campaign"


def before_campaign(body: BaseModel, earliest_week: str) -> tuple[str, str] | None:
    """The field that puts the submission before the campaign and why, or None when none does:
    the week it is about, or the day a monitoring period it states begins."""
    week: Any = getattr(body, "week", None)
    if isinstance(week, str) and week < earliest_week:  # canonical YYYY-Www sorts as weeks do
        return "week", f"week {week} is before the campaign's first week, {earliest_week}"
    start: Any = getattr(body, "monitored_from", None)
    if isinstance(start, date) and start < week_bounds(earliest_week)[0]:
        return "monitored_from", (
            f"monitored_from ({start}) is before the campaign's first week, {earliest_week}"
        )
    return None
