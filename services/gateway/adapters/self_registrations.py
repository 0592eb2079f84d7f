"""Self-registrations waiting for their SMS code, on PostgreSQL (migration 013).

A code to a number is reserved under an advisory lock on the number's keyed hash, so two
registrations naming one number at once are counted one after the other; an attempt holds its
registration's row (`FOR UPDATE`) until it is judged, so parallel guesses are counted one by one.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

import asyncpg
import orjson

from services.gateway.domain.verification import Pending, Policy, wait_before_code
from services.gateway.verification_ports import WaitingRegistration
from services.platform.postgres import Connection

_NUMBERS = zlib.crc32(b"gateway/verification-numbers") & 0x7FFFFFFF

_WAITING = """
SELECT seeker_id::text, profile, code_hash, code_expires_at, attempts
FROM gateway.self_registrations WHERE seeker_id = $1::uuid
"""


class PostgresSelfRegistrations:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def reserve_code(self, number_hash: bytes, now: datetime, policy: Policy) -> float:
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "SELECT pg_advisory_xact_lock($1, hashtext(encode($2::bytea, 'hex')))",
                _NUMBERS,
                number_hash,
            )
            sent = await conn.fetch(
                "SELECT sent_at FROM gateway.verification_codes_sent "
                "WHERE number_hash = $1 AND sent_at > $2",
                number_hash,
                now - timedelta(hours=1),
            )
            wait = wait_before_code([row[0] for row in sent], now, policy)
            if wait <= 0:
                await conn.execute(
                    "INSERT INTO gateway.verification_codes_sent (number_hash, sent_at) "
                    "VALUES ($1, $2)",
                    number_hash,
                    now,
                )
            return wait

    async def start(
        self,
        seeker_id: str,
        profile: dict[str, Any],
        mobile: str,
        code_hash: bytes,
        expires_at: datetime,
    ) -> None:
        await self._pool.execute(
            "INSERT INTO gateway.self_registrations "
            "(seeker_id, profile, mobile, code_hash, code_expires_at) "
            "VALUES ($1::uuid, $2::jsonb, $3, $4, $5)",
            seeker_id,
            orjson.dumps(profile).decode(),
            mobile,
            code_hash,
            expires_at,
        )

    async def renew_code(self, seeker_id: str, code_hash: bytes, expires_at: datetime) -> bool:
        status = await self._pool.execute(
            "UPDATE gateway.self_registrations SET code_hash = $2, code_expires_at = $3 "
            "WHERE seeker_id = $1::uuid",
            seeker_id,
            code_hash,
            expires_at,
        )
        return bool(status == "UPDATE 1")

    async def waiting(self, seeker_id: str) -> WaitingRegistration | None:
        row = await self._pool.fetchrow(_WAITING, seeker_id)
        return _waiting(row) if row else None

    @asynccontextmanager
    async def verifying(self, seeker_id: str) -> AsyncIterator[_Attempt | None]:
        async with self._pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(_WAITING + " FOR UPDATE", seeker_id)
            yield _Attempt(conn, _waiting(row)) if row else None

    async def verified_number(self, seeker_id: str) -> bytes | None:
        found: bytes | None = await self._pool.fetchval(
            "SELECT number_hash FROM gateway.verified_seeker_numbers WHERE seeker_id = $1::uuid",
            seeker_id,
        )
        return found

    async def purge(self, now: datetime, policy: Policy) -> int:
        async with self._pool.acquire() as conn, conn.transaction():
            status = await conn.execute(
                "DELETE FROM gateway.self_registrations WHERE created_at < $1",
                now - policy.registration_lifetime,
            )
            await conn.execute(
                "DELETE FROM gateway.verification_codes_sent WHERE sent_at < $1",
                now - timedelta(hours=1),
            )
        return int(status.split()[-1])


class _Attempt:
    def __init__(self, conn: Connection, registration: WaitingRegistration) -> None:
        self._conn = conn
        self.registration = registration

    async def wrong(self) -> None:
        await self._conn.execute(
            "UPDATE gateway.self_registrations SET attempts = attempts + 1 "
            "WHERE seeker_id = $1::uuid",
            self.registration.seeker_id,
        )

    async def verified(self, number_hash: bytes) -> None:
        seeker_id = self.registration.seeker_id
        await self._conn.execute(
            "DELETE FROM gateway.self_registrations WHERE seeker_id = $1::uuid", seeker_id
        )
        await self._conn.execute(
            "INSERT INTO gateway.verified_seeker_numbers (seeker_id, number_hash, verified_at) "
            "VALUES ($1::uuid, $2, now()) ON CONFLICT (seeker_id) DO UPDATE "
            "SET number_hash = excluded.number_hash, verified_at = excluded.verified_at",
            seeker_id,
            number_hash,
        )


def _waiting(row: asyncpg.Record) -> WaitingRegistration:
    profile = row["profile"]
    return WaitingRegistration(
        row["seeker_id"],
        orjson.loads(profile) if isinstance(profile, str) else profile,
        Pending(bytes(row["code_hash"]), row["code_expires_at"], row["attempts"]),
    )
