"""The campaign window: weeks a submission may be about.

A week before the campaign began is refused, so that nobody (a typo in the year, or a client
filling a table) creates years of back-dated rows; weeks ahead are refused by the models already.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

RULE = "week_before_campaign"


def week_before_campaign(body: BaseModel, earliest_week: str) -> str | None:
    """Why the submission's week is refused, or None when it has none or is in the campaign."""
    week: Any = getattr(body, "week", None)
    if isinstance(week, str) and week < earliest_week:  # canonical YYYY-Www sorts as weeks do
        return f"week {week} is before the campaign's first week, {earliest_week}"
    return None
