"""The audit log of accepted writes, in the gateway's schema."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from services.gateway.ports import AuditEntry


class PostgresAuditLog:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, entry: AuditEntry) -> None:
        """Once per event: a retried request (same event id) is one entry."""
        await self._pool.execute(
            "INSERT INTO gateway.audit_log (event_id, principal, district_code, event_type, "
            "topic, subject, accepted_at, stated) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
            "ON CONFLICT DO NOTHING",
            entry.event_id,
            entry.principal,
            entry.district_code,
            entry.event_type,
            entry.topic,
            entry.subject,
            entry.accepted_at,
            dict(entry.stated) if entry.stated else None,
            timeout=5,
        )

    async def record_all(self, entries: Sequence[AuditEntry]) -> None:
        """Many in one statement, passed as one JSON document (cheaper to encode than arrays)."""
        if not entries:
            return
        rows = [
            {
                "e": e.event_id,
                "p": e.principal,
                "d": e.district_code,
                "t": e.event_type,
                "o": e.topic,
                "s": e.subject,
                "a": e.accepted_at,
                "x": dict(e.stated) if e.stated else None,
            }
            for e in entries
        ]
        await self._pool.execute(
            "INSERT INTO gateway.audit_log (event_id, principal, district_code, event_type, "
            "topic, subject, accepted_at, stated) SELECT e, p, d, t, o, s, a, x "
            "FROM json_to_recordset($1::json) "
            "AS r(e text, p text, d text, t text, o text, s text, a timestamptz, x jsonb) "
            "ON CONFLICT DO NOTHING",
            rows,
            timeout=5,
        )

    async def entries(self, district_code: str | None, limit: int) -> list[AuditEntry]:
        rows = await self._pool.fetch(
            "SELECT event_id, principal, district_code::text, event_type, topic, subject, "
            "accepted_at, stated FROM gateway.audit_log "
            "WHERE ($1::text IS NULL OR district_code = $1) "
            "ORDER BY accepted_at DESC, event_id DESC LIMIT $2",
            district_code,
            limit,
            timeout=5,
        )
        return [AuditEntry(*row) for row in rows]
