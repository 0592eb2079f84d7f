"""Idempotency-Keys: a retry gets the event id of the first request, another request a refusal."""

from __future__ import annotations

import hashlib
import uuid

import asyncpg
import orjson
from pydantic import BaseModel

# Event ids derived from keys live in their own UUID namespace.
_NAMESPACE = uuid.UUID("3f0d2a4e-5b1c-4c7e-9a60-2020b0206048")


class IdempotencyKeyReused(Exception):
    """The key was already used by this caller for a different request."""


def event_id_for(principal: str, event_type: str, key: uuid.UUID) -> str:
    """The same principal, kind of submission and key always give the same event id."""
    return str(uuid.uuid5(_NAMESPACE, f"{principal}|{event_type}|{key}"))


def request_digest(data: BaseModel) -> str:
    canonical = orjson.dumps(data.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(canonical).hexdigest()


class IdempotencyKeys:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def claim(self, principal: str, event_type: str, key: uuid.UUID, data: BaseModel) -> str:
        """The event id for this request; raises IdempotencyKeyReused for a different request."""
        event_id = event_id_for(principal, event_type, key)
        digest = request_digest(data)
        stored = await self._claim(principal, event_type, key, digest, event_id)
        if stored is None:
            # A concurrent first use committed after this statement's snapshot: read it now.
            stored = await self._claim(principal, event_type, key, digest, event_id)
        if stored != digest:
            raise IdempotencyKeyReused(
                f"Idempotency-Key {key} was already used for a different request; "
                "use a new key for a new submission"
            )
        return event_id

    async def _claim(
        self, principal: str, event_type: str, key: uuid.UUID, digest: str, event_id: str
    ) -> str | None:
        stored: str | None = await self._pool.fetchval(
            """WITH claimed AS (
                   INSERT INTO gateway.idempotency_keys
                       (principal, event_type, idempotency_key, request_sha256, event_id)
                   VALUES ($1, $2, $3, $4, $5)
                   ON CONFLICT DO NOTHING
                   RETURNING request_sha256)
               SELECT request_sha256 FROM claimed
               UNION ALL
               SELECT request_sha256 FROM gateway.idempotency_keys
               WHERE principal = $1 AND event_type = $2 AND idempotency_key = $3
               LIMIT 1""",
            principal,
            event_type,
            key,
            digest,
            event_id,
            timeout=5,
        )
        return stored
