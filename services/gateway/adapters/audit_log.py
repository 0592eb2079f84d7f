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
            "topic, subject, accepted_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
            "ON CONFLICT DO NOTHING",
            entry.event_id,
            entry.principal,
            entry.district_code,
            entry.event_type,
            entry.topic,
            entry.subject,
            entry.accepted_at,
            timeout=5,
        )

    async def record_all(self, entries: Sequence[AuditEntry]) -> None:
        if not entries:
            return
        await self._pool.execute(
            "INSERT INTO gateway.audit_log (event_id, principal, district_code, event_type, "
            "topic, subject, accepted_at) SELECT * FROM unnest($1::text[], $2::text[], "
            "$3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) "
            "ON CONFLICT DO NOTHING",
            [e.event_id for e in entries],
            [e.principal for e in entries],
            [e.district_code for e in entries],
            [e.event_type for e in entries],
            [e.topic for e in entries],
            [e.subject for e in entries],
            [e.accepted_at for e in entries],
            timeout=5,
        )

    async def entries(self, district_code: str | None, limit: int) -> list[AuditEntry]:
        rows = await self._pool.fetch(
            "SELECT event_id, principal, district_code::text, event_type, topic, subject, "
            "accepted_at FROM gateway.audit_log WHERE ($1::text IS NULL OR district_code = $1) "
            "ORDER BY accepted_at DESC, event_id DESC LIMIT $2",
            district_code,
            limit,
            timeout=5,
        )
        return [AuditEntry(*row) for row in rows]
