"""Matching's job fair views as the gateway reads them: on PostgreSQL, and in memory for tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import asyncpg

Row = dict[str, Any]


class PublishedFairViews:
    """Mixed into `PublishedViews`: its pool and timeout."""

    _pool: asyncpg.Pool
    _timeout: float

    async def fairs(self) -> list[Row]:
        return await self._fair_rows("SELECT * FROM matching.fairs_v ORDER BY starts_at, fair_id")

    async def fair(self, fair_id: str) -> Row | None:
        rows = await self._fair_rows("SELECT * FROM matching.fairs_v WHERE fair_id = $1", fair_id)
        return rows[0] if rows else None

    async def fair_postings(self, fair_id: str) -> list[Row]:
        return await self._fair_rows(
            "SELECT * FROM matching.fair_postings_v WHERE fair_id = $1 "
            "ORDER BY credit_code, posting_id",
            fair_id,
        )

    async def fair_registration(self, fair_id: str, registration_id: str) -> Row | None:
        rows = await self._fair_rows(
            "SELECT * FROM matching.fair_registrations_v "
            "WHERE fair_id = $1 AND registration_id = $2",
            fair_id,
            registration_id,
        )
        return rows[0] if rows else None

    async def fair_interests(
        self, fair_id: str, credit_code: str | None, registration_id: str | None = None
    ) -> list[Row]:
        return await self._fair_rows(
            "SELECT * FROM matching.fair_interests_v WHERE fair_id = $1 "
            "AND ($2::text IS NULL OR credit_code = $2) "
            "AND ($3::text IS NULL OR registration_id = $3) ORDER BY posting_id, expressed_at",
            fair_id,
            credit_code,
            registration_id,
        )

    async def fair_counts(self, fair_id: str) -> list[Row]:
        return await self._fair_rows(
            "SELECT * FROM matching.fair_counts_v WHERE fair_id = $1 ORDER BY dimension, value",
            fair_id,
        )

    async def _fair_rows(self, query: str, *args: object) -> list[Row]:
        try:
            rows = await self._pool.fetch(query, *args, timeout=self._timeout)
        except asyncpg.UndefinedTableError:  # matching has not published them yet
            return []
        return [dict(row.items()) for row in rows]


@dataclass
class InMemoryFairViews:
    """Mixed into `InMemoryViews`: rows as matching's fair views would hold them."""

    fair_rows: list[Row] = field(default_factory=list)
    fair_posting_rows: list[Row] = field(default_factory=list)
    fair_registration_rows: list[Row] = field(default_factory=list)
    fair_interest_rows: list[Row] = field(default_factory=list)
    fair_count_rows: list[Row] = field(default_factory=list)

    async def fairs(self) -> list[Row]:
        return sorted(self.fair_rows, key=lambda r: (r["starts_at"], r["fair_id"]))

    async def fair(self, fair_id: str) -> Row | None:
        return next((r for r in self.fair_rows if r["fair_id"] == fair_id), None)

    async def fair_postings(self, fair_id: str) -> list[Row]:
        return [r for r in self.fair_posting_rows if r["fair_id"] == fair_id]

    async def fair_registration(self, fair_id: str, registration_id: str) -> Row | None:
        return next(
            (
                r
                for r in self.fair_registration_rows
                if (r["fair_id"], r["registration_id"]) == (fair_id, registration_id)
            ),
            None,
        )

    async def fair_interests(
        self, fair_id: str, credit_code: str | None, registration_id: str | None = None
    ) -> list[Row]:
        return [
            r
            for r in self.fair_interest_rows
            if r["fair_id"] == fair_id
            and credit_code in (None, r["credit_code"])
            and registration_id in (None, r["registration_id"])
        ]

    async def fair_counts(self, fair_id: str) -> list[Row]:
        return [r for r in self.fair_count_rows if r["fair_id"] == fair_id]
