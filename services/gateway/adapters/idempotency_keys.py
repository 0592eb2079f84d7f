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


_NAMESPACE_BYTES = _NAMESPACE.bytes


def event_id_for(principal: str, event_type: str, key: uuid.UUID) -> str:
    """The same principal, kind of submission and key always give the same event id.

    It is `uuid.uuid5(_NAMESPACE, "principal|event_type|key")`, written out: bulk ingestion
    derives thousands a second, and the UUID object in between is most of uuid5's cost.
    """
    name = f"{principal}|{event_type}|{key}".encode()
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name, usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    hex_ = digest.hex()
    return f"{hex_[:8]}-{hex_[8:12]}-{hex_[12:16]}-{hex_[16:20]}-{hex_[20:]}"


def request_digest(data: BaseModel) -> str:
    """A fingerprint of the request: its JSON, fields in the model's order (sets sorted by the
    contracts' serialisers), so the same request always has the same one in every process."""
    return json_digest(data.__pydantic_serializer__.to_json(data))


def json_digest(data_json: bytes) -> str:
    """`request_digest` of a request already serialised by its model."""
    return hashlib.sha256(data_json).hexdigest()


def same_request(stored: str, data: BaseModel) -> bool:
    """Whether a stored fingerprint is this request's, in today's form or in the first one
    (keys sorted, through `model_dump`), which keys claimed before November 2026 still carry."""
    if stored == request_digest(data):
        return True
    first_form = orjson.dumps(data.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS)
    return stored == hashlib.sha256(first_form).hexdigest()


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
        if stored is None or (stored != digest and not same_request(stored, data)):
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
        event_ids = [event_id_for(principal, c.event_type, c.key) for c in claims]
        # One JSON document (the pool's codec encodes it with orjson) rather than arrays: asyncpg
        # encodes array elements one by one in
        # Python, which at a thousand claims costs more than the statement itself.
        incoming = [
            {"t": c.event_type, "k": c.key, "d": c.fingerprint, "e": event_id}
            for c, event_id in zip(claims, event_ids, strict=True)
        ]
        async with self._pool.acquire() as connection:
            claimed_now = await connection.fetchval(
                """WITH claimed AS (
                       INSERT INTO gateway.idempotency_keys
                           (principal, event_type, idempotency_key, request_sha256, event_id)
                       SELECT $1, t, k, d, e
                       FROM json_to_recordset($2::json) AS c(t text, k uuid, d text, e text)
                       ON CONFLICT DO NOTHING
                       RETURNING 1)
                   SELECT count(*) FROM claimed""",
                principal,
                incoming,
                timeout=5,
            )
            if claimed_now == len(claims):  # every key new: the usual case, one statement
                return list(event_ids)
            rows = await connection.fetch(
                """SELECT k.event_type, k.idempotency_key, k.request_sha256
                   FROM json_to_recordset($2::json) AS c(t text, k uuid)
                   JOIN gateway.idempotency_keys k ON k.principal = $1
                    AND k.event_type = c.t AND k.idempotency_key = c.k""",
                principal,
                incoming,
                timeout=5,
            )
        stored = {(row[0], row[1]): row[2] for row in rows}
        return [
            event_id if stored.get((claim.event_type, claim.key)) == claim.fingerprint else None
            for claim, event_id in zip(claims, event_ids, strict=True)
        ]
