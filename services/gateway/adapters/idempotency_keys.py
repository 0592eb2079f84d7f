"""Idempotency-Keys: a retry gets the event id of the first request, another request a refusal."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence

import asyncpg
import orjson
from pydantic import BaseModel

from services.gateway.ports import Claim

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

    async def claim_all(self, principal: str, claims: Sequence[Claim]) -> list[str | None]:
        """Claim every key in two statements, whatever the batch's size.

        The insert waits for concurrent first uses of the same keys to commit, so the read that
        follows sees every key's one stored request.
        """
        if not claims:
            return []
        types = [claim.event_type for claim in claims]
        keys = [claim.key for claim in claims]
        digests = [request_digest(claim.data) for claim in claims]
        event_ids = [event_id_for(principal, c.event_type, c.key) for c in claims]
        async with self._pool.acquire() as connection:
            await connection.execute(
                """INSERT INTO gateway.idempotency_keys
                       (principal, event_type, idempotency_key, request_sha256, event_id)
                   SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::text[], $5::text[])
                   ON CONFLICT DO NOTHING""",
                principal,
                types,
                keys,
                digests,
                event_ids,
                timeout=5,
            )
            rows = await connection.fetch(
                """SELECT event_type, idempotency_key, request_sha256 FROM gateway.idempotency_keys
                   WHERE principal = $1 AND idempotency_key = ANY($2::uuid[])""",
                principal,
                keys,
                timeout=5,
            )
        stored = {(row[0], row[1]): row[2] for row in rows}
        return [
            event_id if stored.get((claim.event_type, claim.key)) == digest else None
            for claim, digest, event_id in zip(claims, digests, event_ids, strict=True)
        ]
