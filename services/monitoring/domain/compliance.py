"""The weekly reporting deadline (一(一) "每周报送"), and which week's reports are due by now.

The deadline of ISO week W falls in the week after it: by default Monday 12:00 Asia/Shanghai.
A report sent later is accepted and counted, and marked late. At the deadline, each designated
enterprise registered by then without a report for W gets one reminder.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from services.contracts.identifiers import SHANGHAI, week_bounds, week_of

REMINDERS = uuid.UUID("5b8f4a53-1c1e-4f57-9a55-2b6f3b0d1e7a")
"""Namespace of reminder event ids: one id per enterprise and week, however often computed."""


@dataclass(frozen=True)
class DeadlinePolicy:
    weekday: int = 1
    """ISO weekday of the week after the reported one: 1 is Monday."""
    at: time = time(12, 0)
    """Local time in Asia/Shanghai."""

    def __post_init__(self) -> None:
        if not 1 <= self.weekday <= 7:
            raise ValueError(f"deadline weekday must be 1 (Monday) to 7, got {self.weekday}")

    def deadline(self, week: str) -> datetime:
        """When the reports of `week` are due."""
        sunday = week_bounds(week)[1]
        day = sunday + timedelta(days=self.weekday)
        return datetime.combine(day, self.at, SHANGHAI)

    def last_due_week(self, now: datetime) -> str:
        """The latest week whose deadline has passed at `now`."""
        week = week_of(now.astimezone(SHANGHAI).date() - timedelta(days=7))
        if now < self.deadline(week):
            week = week_of(week_bounds(week)[0] - timedelta(days=7))
        return week

    def is_late(self, week: str, reported_at: datetime) -> bool:
        return reported_at > self.deadline(week)


def reminder_event_id(credit_code: str, week: str) -> str:
    """The same id for the same enterprise and week on every worker and every run."""
    return str(uuid.uuid5(REMINDERS, f"weekly-report-reminder/{credit_code}/{week}"))
