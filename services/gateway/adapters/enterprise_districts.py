"""The gateway's own register of where each enterprise is registered (its own table).

Written by the registrations the gateway publishes, claim first: see `EnterpriseDistricts` in
ports.py for the protocol and migration 009 for the table.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import asyncpg

from services.gateway.ports import DistrictClaim

CLAIMED = "claimed"


class PostgresEnterpriseDistricts:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def districts(self, credit_codes: Sequence[str]) -> dict[str, str]:
        rows = await self._pool.fetch(
            "SELECT credit_code::text, district_code::text FROM gateway.enterprise_districts "
            "WHERE credit_code = ANY($1::text[])",
            list(set(credit_codes)),
            timeout=5,
        )
        return {row[0]: row[1] for row in rows}

    async def claim(
        self, credit_code: str, district_code: str, prior: str | None
    ) -> DistrictClaim | None:
        token = uuid.uuid4()
        outcome = await self._claim(credit_code, district_code, prior, token)
        if outcome is None:
            # A concurrent first claim committed after this statement's snapshot: read it now.
            outcome = await self._claim(credit_code, district_code, prior, token)
        if outcome == CLAIMED:
            return DistrictClaim(credit_code, token, changed=True)
        if outcome == district_code:
            return DistrictClaim(credit_code, token, changed=False)
        return None

    async def _claim(
        self, credit_code: str, district_code: str, prior: str | None, token: uuid.UUID
    ) -> str | None:
        """'claimed', or the district that stands when the claim does not (None: not seen)."""
        outcome: str | None = await self._pool.fetchval(
            """WITH claimed AS (
                   INSERT INTO gateway.enterprise_districts AS r
                       (credit_code, district_code, previous_district, claim_token)
                   VALUES ($1, $2, NULL, $4)
                   ON CONFLICT (credit_code) DO UPDATE
                      SET district_code = excluded.district_code,
                          previous_district = r.district_code,
                          claim_token = excluded.claim_token,
                          claimed_at = now()
                    WHERE r.district_code = $3 AND r.district_code <> excluded.district_code
                   RETURNING 1)
               SELECT 'claimed' FROM claimed
               UNION ALL
               SELECT district_code::text FROM gateway.enterprise_districts
               WHERE credit_code = $1
               LIMIT 1""",
            credit_code,
            district_code,
            prior,
            token,
            timeout=5,
        )
        return outcome

    async def release(self, claim: DistrictClaim) -> None:
        if not claim.changed:
            return
        async with self._pool.acquire() as connection, connection.transaction():
            await connection.execute(
                "DELETE FROM gateway.enterprise_districts "
                "WHERE credit_code = $1 AND claim_token = $2 AND previous_district IS NULL",
                claim.credit_code,
                claim.token,
            )
            await connection.execute(
                "UPDATE gateway.enterprise_districts "
                "SET district_code = previous_district, previous_district = NULL, "
                "claim_token = gen_random_uuid(), claimed_at = now() "
                "WHERE credit_code = $1 AND claim_token = $2",
                claim.credit_code,
                claim.token,
            )
