"""Console sessions in PostgreSQL (`gateway.console_sessions`), tied to the API key's row."""

from __future__ import annotations

import asyncpg

from services.gateway.adapters.api_keys import hash_key
from services.gateway.console.sessions import (
    ConsoleSession,
    SessionTimes,
    new_csrf_token,
    new_session_id,
    session_hash,
)
from services.gateway.domain.access import Principal, PrincipalKind

_OPEN = """
INSERT INTO gateway.console_sessions (session_hash, key_hash, csrf_token, expires_at, ends_at)
VALUES ($1, $2, $3, now() + $4, now() + $5)
"""

# One statement finds the session, checks its key is still good and restarts its idle time.
_TOUCH = """
UPDATE gateway.console_sessions s SET expires_at = least(now() + $2, s.ends_at)
FROM gateway.api_keys k
WHERE s.session_hash = $1 AND s.expires_at > now() AND s.ends_at > now()
  AND k.key_hash = s.key_hash AND k.revoked_at IS NULL
  AND (k.expires_at IS NULL OR k.expires_at > now())
RETURNING k.principal_kind, k.credit_code::text, k.district_code::text, k.town_code::text,
          k.staff_id, s.csrf_token
"""


class PostgresConsoleSessions:
    def __init__(self, pool: asyncpg.Pool, pepper: str) -> None:
        self._pool = pool
        self._pepper = pepper

    async def open(self, api_key: str, times: SessionTimes) -> str:
        session_id = new_session_id()
        async with self._pool.acquire() as connection, connection.transaction():
            await connection.execute(
                "DELETE FROM gateway.console_sessions WHERE expires_at < now() - interval '1 day'"
            )
            await connection.execute(
                _OPEN,
                session_hash(session_id),
                hash_key(api_key, self._pepper),
                new_csrf_token(),
                times.idle,
                times.longest,
            )
        return session_id

    async def session(self, session_id: str, times: SessionTimes) -> ConsoleSession | None:
        row = await self._pool.fetchrow(_TOUCH, session_hash(session_id), times.idle)
        if row is None:
            return None
        principal = Principal(
            PrincipalKind(row[0]),
            credit_code=row[1],
            district_code=row[2],
            town_code=row[3],
            staff_id=row[4],
        )
        return ConsoleSession(principal, row[5])

    async def close(self, session_id: str) -> None:
        await self._pool.execute(
            "DELETE FROM gateway.console_sessions WHERE session_hash = $1",
            session_hash(session_id),
        )
