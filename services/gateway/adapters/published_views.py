"""Queries of the views other services publish. The gateway reads nothing else of theirs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg

from services.gateway.adapters.fair_views import PublishedFairViews
from services.gateway.adapters.sharing_views import SharingViewQueries
from services.gateway.domain.access import Principal, PrincipalKind

Row = dict[str, Any]
"""A row of a published view, by column name."""


class PublishedViews(PublishedFairViews, SharingViewQueries):
    def __init__(self, pool: asyncpg.Pool, timeout_seconds: float = 5.0) -> None:
        self._pool = pool
        self._timeout = timeout_seconds

    async def indicators(self, week: str) -> list[Row]:
        """Every scope's indicators for one week (a few hundred rows at most)."""
        rows = await self._pool.fetch(
            """SELECT * FROM monitoring.indicators_v WHERE week = $1
               ORDER BY scope, district_code NULLS FIRST, industry_section NULLS FIRST""",
            week,
            timeout=self._timeout,
        )
        return [dict(row.items()) for row in rows]

    async def reported_weeks(self) -> list[str]:
        rows = await self._pool.fetch(
            "SELECT week FROM monitoring.indicators_v "
            "WHERE district_code IS NULL AND industry_section IS NULL ORDER BY week",
            timeout=self._timeout,
        )
        return [row[0] for row in rows]

    async def community_indicators(self, week: str) -> list[Row]:
        """The community points' figures of one week, per district and for the city."""
        rows = await self._pool.fetch(
            "SELECT * FROM monitoring.community_indicators_v WHERE week = $1 "
            "ORDER BY district_code NULLS FIRST",
            week,
            timeout=self._timeout,
        )
        return [dict(row.items()) for row in rows]

    async def job_seeker_ratio(self) -> list[Row]:
        rows = await self._pool.fetch(
            "SELECT district_code, open_postings, open_vacancies, active_job_seekers, "
            "vacancies_per_seeker FROM monitoring.job_seeker_ratio_v "
            "ORDER BY district_code NULLS FIRST",
            timeout=self._timeout,
        )
        return [dict(row.items()) for row in rows]

    async def compliance_summary(self, week: str) -> list[Row]:
        """Reporting compliance counts of a week, per district and for the city."""
        rows = await self._pool.fetch(
            "SELECT district_code, expected, on_time, late, missing, reminded "
            "FROM monitoring.compliance_summary_v WHERE week = $1 "
            "ORDER BY district_code NULLS FIRST",
            week,
            timeout=self._timeout,
        )
        return [dict(row.items()) for row in rows]

    async def compliance_weeks(self) -> list[str]:
        rows = await self._pool.fetch(
            "SELECT week FROM monitoring.compliance_summary_v WHERE district_code IS NULL "
            "ORDER BY week",
            timeout=self._timeout,
        )
        return [row[0] for row in rows]

    async def compliance(self, week: str, district_code: str | None) -> list[Row]:
        """Each expected enterprise's standing for a week, in a district or the city."""
        rows = await self._pool.fetch(
            """SELECT credit_code, name, district_code, industry_section, status, reported_at,
                      deadline, reminded
               FROM monitoring.compliance_v
               WHERE week = $1 AND ($2::text IS NULL OR district_code = $2)
               ORDER BY district_code, status, credit_code""",
            week,
            district_code,
            timeout=self._timeout,
        )
        return [dict(row.items()) for row in rows]

    async def warnings(self, district_code: str | None, status: str | None) -> list[Row]:
        """Early warnings of a district (or all, for the city), newest week first."""
        rows = await self._pool.fetch(
            """SELECT * FROM monitoring.warnings_v
               WHERE ($1::text IS NULL OR district_code = $1)
                 AND ($2::text IS NULL OR status = $2)
               ORDER BY week DESC, district_code NULLS FIRST, industry_section NULLS FIRST, rule
               LIMIT 1000""",
            district_code,
            status,
            timeout=self._timeout,
        )
        return [dict(row.items()) for row in rows]

    async def warning(self, warning_id: str) -> Row | None:
        row = await self._pool.fetchrow(
            "SELECT * FROM monitoring.warnings_v WHERE warning_id = $1",
            warning_id,
            timeout=self._timeout,
        )
        return None if row is None else dict(row.items())

    async def registered_district(self, credit_code: str) -> str | None:
        """The district an enterprise is registered in now, per monitoring's registry."""
        district: str | None = await self._pool.fetchval(
            "SELECT district_code FROM monitoring.enterprise_registry_v WHERE credit_code = $1",
            credit_code,
            timeout=self._timeout,
        )
        return district

    async def service_officer(self, credit_code: str) -> str | None:
        """Per matching's register of key enterprises, once matching publishes it.

        The view's contract: `matching.key_enterprise_officers_v (credit_code, district_code,
        staff_id)`, one row per key enterprise with an officer. Until matching is deployed the
        view does not exist and no enterprise has an officer.
        """
        async with self._pool.acquire() as connection:
            if await connection.fetchval(
                "SELECT to_regclass('matching.key_enterprise_officers_v') IS NULL"
            ):
                return None
            row = await connection.fetchrow(
                "SELECT district_code::text, staff_id FROM matching.key_enterprise_officers_v "
                "WHERE credit_code = $1",
                credit_code,
                timeout=self._timeout,
            )
        if row is None:
            return None
        return Principal(PrincipalKind.OFFICER, district_code=row[0], staff_id=row[1]).id

    async def posting(self, posting_id: str) -> Row | None:
        rows = await self._matching(
            "SELECT * FROM matching.postings_v WHERE posting_id = $1", posting_id
        )
        if not rows:
            return None
        decisions = await self._matching(
            "SELECT outcome, decided_by, reason, version, decided_at "
            "FROM matching.posting_decisions_v WHERE posting_id = $1 ORDER BY decided_at, version",
            posting_id,
        )
        return {**rows[0], "decisions": decisions}

    async def postings_of(self, credit_code: str) -> list[Row]:
        return await self._matching(
            "SELECT * FROM matching.postings_v WHERE credit_code = $1 "
            "ORDER BY changed_at DESC LIMIT 1000",
            credit_code,
        )

    async def held_postings(self, district_code: str | None) -> list[Row]:
        return await self._matching(
            "SELECT * FROM matching.postings_v WHERE status = 'held' "
            "AND ($1::text IS NULL OR district_code = $1) ORDER BY changed_at LIMIT 1000",
            district_code,
        )

    async def demand_list(self, demand_list: str, district_code: str | None) -> list[Row]:
        return await self._matching(
            "SELECT * FROM matching.demand_lists_v WHERE demand_list = $1 "
            "AND ($2::text IS NULL OR district_code = $2) "
            "ORDER BY district_code, industry_section, occupation_group",
            demand_list,
            district_code,
        )

    async def key_enterprises(self, district_code: str | None) -> list[Row]:
        return await self._matching(
            "SELECT * FROM matching.key_enterprises_v "
            "WHERE ($1::text IS NULL OR district_code = $1) ORDER BY district_code, credit_code",
            district_code,
        )

    async def officer_enterprises(self, district_code: str, staff_id: str) -> list[Row]:
        return await self._matching(
            "SELECT * FROM matching.key_enterprises_v "
            "WHERE officer_district_code = $1 AND officer_staff_id = $2 ORDER BY credit_code",
            district_code,
            staff_id,
        )

    async def job_seeker(self, seeker_id: str) -> Row | None:
        rows = await self._matching(
            "SELECT * FROM matching.job_seekers_v WHERE seeker_id = $1", seeker_id
        )
        return rows[0] if rows else None

    async def job_seekers(self, district_code: str) -> list[Row]:
        return await self._matching(
            "SELECT * FROM matching.job_seekers_v WHERE active AND district_code = $1 "
            "ORDER BY changed_at DESC LIMIT 1000",
            district_code,
        )

    async def seeker_recommendations(self, seeker_id: str) -> list[Row]:
        return await self._matching(
            "SELECT * FROM matching.recommendations_v WHERE seeker_id = $1 ORDER BY rank",
            seeker_id,
        )

    async def posting_recommendations(self, posting_id: str) -> list[Row]:
        return await self._matching(
            "SELECT * FROM matching.recommendations_v WHERE posting_id = $1 "
            "ORDER BY score DESC, seeker_id LIMIT 1000",
            posting_id,
        )

    async def _matching(self, query: str, *args: object) -> list[Row]:
        """Rows of one of matching's views; none until matching has published them."""
        try:
            rows = await self._pool.fetch(query, *args, timeout=self._timeout)
        except asyncpg.UndefinedTableError:
            return []
        return [dict(row.items()) for row in rows]

    async def registered_districts(self, credit_codes: Sequence[str]) -> dict[str, str]:
        rows = await self._pool.fetch(
            "SELECT credit_code, district_code FROM monitoring.enterprise_registry_v "
            "WHERE credit_code = ANY($1::text[])",
            list(set(credit_codes)),
            timeout=self._timeout,
        )
        return {row[0]: row[1] for row in rows}

    async def recorded_reports(self, credit_code: str, week: str | None) -> list[Row]:
        """The reports standing for an enterprise, newest week first, with its own indicators."""
        rows = await self._pool.fetch(
            """SELECT * FROM monitoring.weekly_reports_v
               WHERE credit_code = $1 AND ($2::text IS NULL OR week = $2)
               ORDER BY week DESC""",
            credit_code,
            week,
            timeout=self._timeout,
        )
        return [dict(row.items()) for row in rows]

    async def campaign(self, campaign_id: str) -> Row | None:
        row = await self._pool.fetchrow(
            "SELECT * FROM notify.campaigns_v WHERE campaign_id = $1::uuid",
            campaign_id,
            timeout=self._timeout,
        )
        return None if row is None else dict(row.items())

    async def campaigns(self, district_code: str | None, limit: int) -> list[Row]:
        rows = await self._pool.fetch(
            """SELECT c.*, r.district_code::text AS district_code
               FROM notify.campaigns_v c
               LEFT JOIN monitoring.enterprise_registry_v r ON r.credit_code = c.credit_code
               WHERE $1::text IS NULL OR r.district_code = $1
               ORDER BY c.requested_at DESC LIMIT $2""",
            district_code,
            limit,
            timeout=self._timeout,
        )
        return [dict(row.items()) for row in rows]

    async def campaign_progress(self, campaign_id: str) -> list[Row]:
        rows = await self._pool.fetch(
            "SELECT * FROM notify.campaign_progress_v WHERE campaign_id = $1::uuid "
            "ORDER BY channel, status",
            campaign_id,
            timeout=self._timeout,
        )
        return [dict(row.items()) for row in rows]

    async def campaign_failures(self, campaign_id: str, limit: int) -> list[Row]:
        rows = await self._pool.fetch(
            "SELECT * FROM notify.campaign_failures_v WHERE campaign_id = $1::uuid "
            "ORDER BY status_changed_at DESC LIMIT $2",
            campaign_id,
            limit,
            timeout=self._timeout,
        )
        return [dict(row.items()) for row in rows]

    async def roster_summary(self, credit_code: str) -> list[Row]:
        rows = await self._pool.fetch(
            "SELECT * FROM notify.roster_summary_v WHERE credit_code = $1 "
            "ORDER BY department NULLS FIRST, site NULLS FIRST",
            credit_code,
            timeout=self._timeout,
        )
        return [dict(row.items()) for row in rows]
