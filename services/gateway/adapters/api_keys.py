"""API keys in the gateway schema, stored as keyed hashes and bound to one principal each."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg
import structlog

from services.gateway.domain.access import Principal, PrincipalKind

KEY_PREFIX = "fg_"
DEFAULT_LIFETIME = timedelta(days=365)
USE_MARK_SECONDS = 60.0
"""`last_used_at` is written at most this often per key and process: a key in use costs one
small update a minute, not one per request."""

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class ListedKey:
    """A key as operators see it: never the key or its hash, only whose it is and its dates."""

    key_id: uuid.UUID
    kind: str
    scope: str
    label: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


@dataclass(frozen=True)
class IssuedKey:
    """A key as issued: the key itself (shown once) and its id (kept, for revoking it)."""

    key: str
    key_id: uuid.UUID


def generate_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str, pepper: str) -> str:
    # A keyed hash: a leaked table alone does not let anyone test guesses offline.
    return hmac.new(pepper.encode(), key.encode(), hashlib.sha256).hexdigest()


class ApiKeyStore:
    def __init__(self, pool: asyncpg.Pool, pepper: str, cache_seconds: float = 30.0) -> None:
        self._pool = pool
        self._pepper = pepper
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, Principal | None]] = {}
        self._marked: dict[str, float] = {}
        """digest -> when this process last wrote the key's `last_used_at`"""

    async def principal_for(self, key: str) -> Principal | None:
        """The principal a key is bound to, or None for an unknown, revoked or expired key."""
        if not key.startswith(KEY_PREFIX) or len(key) > 100:
            return None
        digest = hash_key(key, self._pepper)
        now = time.monotonic()
        cached = self._cache.get(digest)
        if cached is not None and now - cached[0] < self._cache_seconds:
            if cached[1] is not None:
                await self._mark_used(digest, now)
            return cached[1]
        row = await self._pool.fetchrow(
            "SELECT principal_kind, credit_code::text, district_code::text, town_code::text, "
            "staff_id, seeker_id::text "
            "FROM gateway.api_keys WHERE key_hash = $1 AND revoked_at IS NULL "
            "AND (expires_at IS NULL OR expires_at > now())",
            digest,
        )
        principal = (
            None
            if row is None
            else Principal(
                PrincipalKind(row[0]),
                credit_code=row[1],
                district_code=row[2],
                town_code=row[3],
                staff_id=row[4],
                seeker_id=row[5],
            )
        )
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[digest] = (now, principal)
        if principal is not None:
            await self._mark_used(digest, now)
        return principal

    async def _mark_used(self, digest: str, now: float) -> None:
        """Record that the key is in use, once a minute at most; a failure costs the mark only."""
        if now - self._marked.get(digest, -USE_MARK_SECONDS) < USE_MARK_SECONDS:
            return
        if len(self._marked) > 10_000:
            self._marked.clear()
        self._marked[digest] = now
        try:
            await self._pool.execute(
                "UPDATE gateway.api_keys SET last_used_at = now() WHERE key_hash = $1",
                digest,
                timeout=2,
            )
        except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
            log.warning("key use not recorded", error=type(exc).__name__)

    async def last_used(self, key_id: uuid.UUID) -> float | None:
        """When the key was last used, as a POSIX timestamp; None if never (or unknown)."""
        used = await self._pool.fetchval(
            "SELECT extract(epoch FROM last_used_at)::float8 FROM gateway.api_keys "
            "WHERE key_id = $1",
            key_id,
        )
        return None if used is None else float(used)

    async def issue(
        self, principal: Principal, label: str, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> str:
        """Create a key for the principal; the key is returned once and never stored."""
        return (await self.issue_with_id(principal, label, valid_for)).key

    async def issue_with_id(
        self, principal: Principal, label: str, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> IssuedKey:
        """`issue`, with the id the key is revoked by."""
        key = generate_key()
        key_id: uuid.UUID = await self._pool.fetchval(
            "INSERT INTO gateway.api_keys (key_hash, principal_kind, credit_code, district_code, "
            "town_code, staff_id, seeker_id, label, expires_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + $9) RETURNING key_id",
            hash_key(key, self._pepper),
            principal.kind.value,
            principal.credit_code,
            principal.district_code,
            principal.town_code,
            principal.staff_id,
            principal.seeker_id,
            label,
            valid_for,
        )
        return IssuedKey(key, key_id)

    async def replace_seeker_keys(
        self, principal: Principal, label: str, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> str:
        """A new key for a job seeker who lost theirs: every earlier key of the seeker revoked
        and the new one stored in one transaction (other processes drop a cached old key within
        the cache time)."""
        if principal.kind is not PrincipalKind.JOB_SEEKER or principal.seeker_id is None:
            raise ValueError("only a job seeker's keys are replaced")
        key = generate_key()
        async with self._pool.acquire() as conn, conn.transaction():
            revoked = await conn.fetch(
                "UPDATE gateway.api_keys SET revoked_at = now() WHERE seeker_id = $1::uuid "
                "AND principal_kind = 'job_seeker' AND revoked_at IS NULL RETURNING key_hash",
                principal.seeker_id,
            )
            await conn.execute(
                "INSERT INTO gateway.api_keys (key_hash, principal_kind, seeker_id, label, "
                "expires_at) VALUES ($1, 'job_seeker', $2::uuid, $3, now() + $4)",
                hash_key(key, self._pepper),
                principal.seeker_id,
                label,
                valid_for,
            )
        for row in revoked:
            self._cache.pop(row[0], None)
        return key

    async def rotate(
        self, key: str, overlap: timedelta, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> str | None:
        """A new key for the same principal; the old one stays valid for `overlap` at most.

        None when the old key is unknown, revoked or expired (nothing is issued then).
        """
        principal = await self.principal_for(key)
        if principal is None:
            return None
        digest = hash_key(key, self._pepper)
        label: str = await self._pool.fetchval(
            "UPDATE gateway.api_keys SET expires_at = least(coalesce(expires_at, 'infinity'), "
            "now() + $2) WHERE key_hash = $1 RETURNING label",
            digest,
            overlap,
        )
        self._cache.pop(digest, None)
        return await self.issue(principal, label, valid_for)

    async def revoke(self, key: str) -> bool:
        """Revoke a key at once (this process) and within the cache time (every other one)."""
        digest = hash_key(key, self._pepper)
        self._cache.pop(digest, None)
        status: str = await self._pool.execute(
            "UPDATE gateway.api_keys SET revoked_at = now() "
            "WHERE key_hash = $1 AND revoked_at IS NULL",
            digest,
        )
        return status == "UPDATE 1"

    async def revoke_by_id(self, key_id: uuid.UUID) -> bool:
        """`revoke`, by the id shown at issue: whoever revokes need not hold the key."""
        digest: str | None = await self._pool.fetchval(
            "UPDATE gateway.api_keys SET revoked_at = now() "
            "WHERE key_id = $1 AND revoked_at IS NULL RETURNING key_hash",
            key_id,
        )
        if digest is not None:
            self._cache.pop(digest, None)
        return digest is not None

    async def listed(self, *, include_inactive: bool = False) -> list[ListedKey]:
        """Every key (only those still valid unless `include_inactive`), newest first."""
        rows = await self._pool.fetch(
            "SELECT key_id, principal_kind, "
            "coalesce(credit_code, town_code, seeker_id::text, "
            "district_code || coalesce('/' || staff_id, ''), 'city') AS scope, "
            "label, created_at, expires_at, revoked_at, last_used_at "
            "FROM gateway.api_keys WHERE $1 OR (revoked_at IS NULL "
            "AND (expires_at IS NULL OR expires_at > now())) ORDER BY created_at DESC",
            include_inactive,
        )
        return [
            ListedKey(
                row["key_id"],
                row["principal_kind"],
                "-" if row["principal_kind"] == "operations" else row["scope"],
                row["label"],
                row["created_at"],
                row["expires_at"],
                row["revoked_at"],
                row["last_used_at"],
            )
            for row in rows
        ]
