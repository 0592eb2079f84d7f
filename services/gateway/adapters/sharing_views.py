"""Labour sharing's published views (matching's), and monitoring's reported surplus as hints.

A mixin of `PublishedViews`: the same pool, the same statement timeout.
"""

from __future__ import annotations

from typing import Any

import asyncpg

from services.gateway.domain.access import SharingScope

Row = dict[str, Any]

# Each query's scope: $1 a party's credit code, $2 a party's district, $3/$4 a party's
# officer (district, staff number); NULL matches any.

_DECLARATIONS = """
SELECT * FROM (
    SELECT d.*, ARRAY[d.credit_code] AS parties, ARRAY[d.district_code] AS districts
    FROM matching.sharing_declarations_v d) s
WHERE ($1::text IS NULL OR $1 = ANY(parties))
    AND ($2::text IS NULL OR $2 = ANY(districts))
    AND ($3::text IS NULL OR EXISTS (
        SELECT 1 FROM matching.key_enterprise_officers_v o
        WHERE o.district_code = $3 AND o.staff_id = $4 AND o.credit_code = ANY(parties)))
ORDER BY declared_at DESC LIMIT 1000
"""

_PROPOSALS = """
SELECT * FROM (
    SELECT p.*, ARRAY[p.lender_credit_code, p.borrower_credit_code] AS parties,
           ARRAY[p.lender_district_code, p.borrower_district_code] AS districts
    FROM matching.sharing_proposals_v p) s
WHERE ($1::text IS NULL OR $1 = ANY(parties))
    AND ($2::text IS NULL OR $2 = ANY(districts))
    AND ($3::text IS NULL OR EXISTS (
        SELECT 1 FROM matching.key_enterprise_officers_v o
        WHERE o.district_code = $3 AND o.staff_id = $4 AND o.credit_code = ANY(parties)))
ORDER BY status <> 'open', industry_closeness DESC, occupation_levels DESC, distance_km,
         overlap_days DESC, proposal_id
LIMIT 1000
"""

_HINTS = """
SELECT * FROM (
    SELECT DISTINCT ON (w.credit_code) w.credit_code, r.district_code, w.week,
           w.surplus_staff_available, ARRAY[w.credit_code] AS parties,
           ARRAY[r.district_code] AS districts
    FROM monitoring.weekly_reports_v w
    JOIN monitoring.enterprise_registry_v r USING (credit_code)
    ORDER BY w.credit_code, w.week DESC) s
WHERE surplus_staff_available > 0 AND ($1::text IS NULL OR $1 = ANY(parties))
    AND ($2::text IS NULL OR $2 = ANY(districts))
    AND ($3::text IS NULL OR EXISTS (
        SELECT 1 FROM matching.key_enterprise_officers_v o
        WHERE o.district_code = $3 AND o.staff_id = $4 AND o.credit_code = ANY(parties)))
  AND NOT EXISTS (
    SELECT 1 FROM matching.sharing_declarations_v d
    WHERE d.credit_code = s.credit_code AND d.kind = 'surplus' AND d.status = 'open')
ORDER BY district_code, credit_code LIMIT 1000
"""


class SharingViewQueries:
    _pool: asyncpg.Pool
    _timeout: float

    async def sharing_declarations(self, scope: SharingScope) -> list[Row]:
        return await self._sharing(_DECLARATIONS, *_scope(scope))

    async def sharing_declaration(self, declaration_id: str) -> Row | None:
        rows = await self._sharing(
            "SELECT * FROM matching.sharing_declarations_v WHERE declaration_id = $1",
            declaration_id,
        )
        return rows[0] if rows else None

    async def sharing_proposals(self, scope: SharingScope) -> list[Row]:
        return await self._sharing(_PROPOSALS, *_scope(scope))

    async def sharing_proposal(self, proposal_id: str) -> Row | None:
        rows = await self._sharing(
            "SELECT * FROM matching.sharing_proposals_v WHERE proposal_id = $1", proposal_id
        )
        return rows[0] if rows else None

    async def surplus_hints(self, scope: SharingScope) -> list[Row]:
        return await self._sharing(_HINTS, *_scope(scope))

    async def _sharing(self, query: str, *args: object) -> list[Row]:
        """Rows of matching's sharing views; none until matching has published them."""
        try:
            rows = await self._pool.fetch(query, *args, timeout=self._timeout)
        except asyncpg.UndefinedTableError:
            return []
        return [{k: v for k, v in row.items() if k not in ("parties", "districts")} for row in rows]


def _scope(scope: SharingScope) -> tuple[str | None, ...]:
    officer = scope.officer or (None, None)
    return (scope.credit_code, scope.district_code, *officer)
