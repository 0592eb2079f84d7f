"""Numbers proved again by self-registered seekers, on PostgreSQL (migration 015).

An attempt holds its proof's row (`FOR UPDATE`) until it is judged, so parallel guesses are
counted one by one, as for a registration (`self_registrations.py`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

import asyncpg

from services.gateway.domain.verification import Pending, Policy, Purpose
from services.gateway.verification_ports import MobileProof
from services.platform.postgres import Connection

_PROOF = """
SELECT proof_id::text, purpose, seeker_id::text, mobile, code_hash, code_expires_at, attempts
FROM gateway.mobile_proofs WHERE proof_id = $1::uuid AND purpose = $2
"""


class PostgresMobileProofs:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def seeker_with_number(self, number_hash: bytes) -> str | None:
        found: str | None = await self._pool.fetchval(
            "SELECT seeker_id::text FROM gateway.verified_seeker_numbers WHERE number_hash = $1 "
            "ORDER BY verified_at DESC LIMIT 1",
            number_hash,
        )
        return found

    async def start(self, proof: MobileProof, previous_mobile: str | None) -> None:
        await self._pool.execute(
            "INSERT INTO gateway.mobile_proofs (proof_id, purpose, seeker_id, mobile, "
            "previous_mobile, code_hash, code_expires_at) "
            "VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, $7)",
            proof.proof_id,
            proof.purpose.value,
            proof.seeker_id,
            proof.mobile,
            previous_mobile,
            proof.pending.code_hash,
            proof.pending.code_expires_at,
        )

    @asynccontextmanager
    async def proving(self, proof_id: str, purpose: Purpose) -> AsyncIterator[_Attempt | None]:
        async with self._pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(_PROOF + " FOR UPDATE", proof_id, purpose.value)
            yield _Attempt(conn, _proof(row)) if row else None

    async def keep_notice(self, proof_id: str, notice_id: str) -> None:
        await self._pool.execute(
            "INSERT INTO gateway.mobile_change_notices (notice_id, mobile) "
            "SELECT $2::uuid, previous_mobile FROM gateway.mobile_proofs "
            "WHERE proof_id = $1::uuid AND previous_mobile IS NOT NULL "
            "ON CONFLICT (notice_id) DO NOTHING",
            proof_id,
            notice_id,
        )

    async def purge(self, now: datetime, policy: Policy) -> int:
        async with self._pool.acquire() as conn, conn.transaction():
            status = await conn.execute(
                "DELETE FROM gateway.mobile_proofs WHERE created_at < $1",
                now - policy.registration_lifetime,
            )
            await conn.execute(
                "DELETE FROM gateway.mobile_change_notices WHERE created_at < $1",
                now - timedelta(days=1),
            )
        return int(status.split()[-1])


class _Attempt:
    def __init__(self, conn: Connection, proof: MobileProof) -> None:
        self._conn = conn
        self.proof = proof

    async def wrong(self) -> None:
        await self._conn.execute(
            "UPDATE gateway.mobile_proofs SET attempts = attempts + 1 WHERE proof_id = $1::uuid",
            self.proof.proof_id,
        )

    async def proved(self, number_hash: bytes) -> None:
        await self._conn.execute(
            "DELETE FROM gateway.mobile_proofs WHERE proof_id = $1::uuid", self.proof.proof_id
        )
        await self._conn.execute(
            "INSERT INTO gateway.verified_seeker_numbers (seeker_id, number_hash, verified_at) "
            "VALUES ($1::uuid, $2, now()) ON CONFLICT (seeker_id) DO UPDATE "
            "SET number_hash = excluded.number_hash, verified_at = excluded.verified_at",
            self.proof.seeker_id,
            number_hash,
        )


def _proof(row: asyncpg.Record) -> MobileProof:
    return MobileProof(
        row["proof_id"],
        Purpose(row["purpose"]),
        row["seeker_id"],
        row["mobile"],
        Pending(bytes(row["code_hash"]), row["code_expires_at"], row["attempts"]),
    )
