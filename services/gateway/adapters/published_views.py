"""Queries of the views other services publish. The gateway reads nothing else of theirs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg


@dataclass(frozen=True)
class ReturnToWorkRow:
    district_code: str
    industry_section: str
    week: str
    enterprises_expected: int
    enterprises_reporting: int
    enterprises_resumed: int
    employees_before_holiday: int
    on_duty: int
    working_remotely: int
    not_yet_returned: int


@dataclass(frozen=True)
class RecordedReportRow:
    week: str
    event_id: str
    reported_at: datetime
    employees_before_holiday: int
    on_duty: int
    working_remotely: int
    not_yet_returned: int
    resumed: bool


class PublishedViews:
    def __init__(self, pool: asyncpg.Pool, timeout_seconds: float = 5.0) -> None:
        self._pool = pool
        self._timeout = timeout_seconds

    async def return_to_work(
        self, week: str, district_code: str | None, industry_section: str | None
    ) -> list[ReturnToWorkRow]:
        rows = await self._pool.fetch(
            """SELECT district_code, industry_section, week, enterprises_expected,
                      enterprises_reporting,
                      enterprises_resumed, employees_before_holiday, on_duty, working_remotely,
                      not_yet_returned
               FROM monitoring.return_to_work_v
               WHERE week = $1
                 AND ($2::text IS NULL OR district_code = $2)
                 AND ($3::text IS NULL OR industry_section = $3)
               ORDER BY district_code, industry_section""",
            week,
            district_code,
            industry_section,
            timeout=self._timeout,
        )
        return [ReturnToWorkRow(*row) for row in rows]

    async def registered_district(self, credit_code: str) -> str | None:
        """The district an enterprise is registered in now, per monitoring's registry."""
        district: str | None = await self._pool.fetchval(
            "SELECT district_code FROM monitoring.enterprise_registry_v WHERE credit_code = $1",
            credit_code,
            timeout=self._timeout,
        )
        return district

    async def recorded_reports(self, credit_code: str, week: str | None) -> list[RecordedReportRow]:
        """The reports standing for an enterprise, newest week first."""
        rows = await self._pool.fetch(
            """SELECT week, event_id, reported_at, employees_before_holiday, on_duty,
                      working_remotely, not_yet_returned, resumed
               FROM monitoring.weekly_reports_v
               WHERE credit_code = $1 AND ($2::text IS NULL OR week = $2)
               ORDER BY week DESC""",
            credit_code,
            week,
            timeout=self._timeout,
        )
        return [RecordedReportRow(*row) for row in rows]
