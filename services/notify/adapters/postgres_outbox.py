"""The sender's side of notify.messages: claim, record answers, receipts and lookups.

Claiming takes rows with `FOR UPDATE SKIP LOCKED`, so several workers share the sending without
waiting on each other, and marks them `sending` with their request's attempt id in the same
transaction: once that commits, no other sender will take them. Every update names the statuses
it may move from (the domain's transitions), so a late or repeated answer changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from services.notify.channels import NumberResult, Outcome, Receipt
from services.notify.domain.batching import Claimed, Planned, plan_requests
from services.notify.domain.messages import SENDABLE, MessageStatus, sources_of

S = MessageStatus

_CLAIM = """
SELECT event_id, phone, template, slots FROM notify.messages
WHERE status = ANY($1::text[]) AND next_attempt_at <= now() AND ($3 OR campaign_id IS NULL)
ORDER BY next_attempt_at, event_id
LIMIT $2
FOR UPDATE SKIP LOCKED
"""

_MARK_SENDING = """
UPDATE notify.messages m
SET status = 'sending', attempt_id = u.attempt_id, claimed_at = now(), sending_since = now(),
    attempts = m.attempts + 1, status_changed_at = now()
FROM unnest($1::text[], $2::uuid[]) AS u(event_id, attempt_id)
WHERE m.event_id = u.event_id
"""

# A temporary refusal is retried with exponential backoff and jitter, until the attempts run
# out: then it is a technical failure, a final status someone looks at.
_ANSWERED = """
UPDATE notify.messages m
SET status = CASE
        WHEN u.outcome = 'accepted' THEN 'sent'
        WHEN u.outcome = 'permanent' THEN 'permanent_failure'
        WHEN m.attempts >= $5 THEN 'technical_failure'
        ELSE 'temporary_failure' END,
    serial_no = coalesce(u.serial_no, m.serial_no),
    reason = u.reason,
    next_attempt_at = now() + make_interval(
        secs => $6 * power(2, greatest(m.attempts - 1, 0)) * (0.5 + random())),
    status_changed_at = now()
FROM unnest($2::text[], $3::text[], $4::text[], $7::text[]) AS u(phone, outcome, serial_no, reason)
WHERE m.attempt_id = $1::uuid AND m.phone = u.phone AND m.status = 'sending'
"""

_STALE = """
WITH stale AS (
    SELECT event_id FROM notify.messages
    WHERE status = 'sending' AND sending_since < now() - make_interval(secs => $1)
    ORDER BY sending_since
    LIMIT $2
    FOR UPDATE SKIP LOCKED
)
UPDATE notify.messages m SET sending_since = now()
FROM stale WHERE m.event_id = stale.event_id
RETURNING m.event_id, m.attempt_id::text, m.phone, m.claimed_at
"""

_REOPEN = """
UPDATE notify.messages
SET status = 'created', reason = 'the provider never received it', status_changed_at = now()
WHERE event_id = $1 AND status = 'sending'
"""

_RECEIPTS = """
UPDATE notify.messages m
SET status = CASE WHEN u.delivered THEN 'delivered' ELSE 'permanent_failure' END,
    serial_no = u.serial_no, reason = u.reason, status_changed_at = now()
FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::text[], $5::text[])
     AS u(attempt_id, phone, delivered, serial_no, reason)
WHERE m.attempt_id = u.attempt_id AND m.phone = u.phone AND m.status = ANY($6::text[])
"""


@dataclass(frozen=True)
class InFlight:
    """A message `sending` for longer than any answer could take: its outcome is unknown."""

    event_id: str
    attempt_id: str
    phone: str
    since: datetime


class PostgresOutbox:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def claim(self, limit: int, batch_size: int, *, campaigns: bool = True) -> list[Planned]:
        """Up to `limit` messages due, grouped into requests; campaign messages only when
        `campaigns` (not in quiet hours)."""
        async with self._pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(_CLAIM, sorted(SENDABLE), limit, campaigns)
            planned = plan_requests(
                (
                    Claimed(r["event_id"], r["phone"], r["template"], tuple(r["slots"]))
                    for r in rows
                ),
                batch_size,
            )
            pairs = [(m.event_id, p.attempt_id) for p in planned for m in p.messages]
            await conn.execute(_MARK_SENDING, [e for e, _ in pairs], [a for _, a in pairs])
            return planned

    async def record_answers(
        self,
        attempt_id: str,
        results: Sequence[NumberResult],
        *,
        max_attempts: int,
        backoff_seconds: float,
    ) -> None:
        await self._pool.execute(
            _ANSWERED,
            attempt_id,
            [r.phone for r in results],
            [r.outcome.value for r in results],
            [r.serial_no for r in results],
            max_attempts,
            backoff_seconds,
            [r.reason for r in results],
        )

    async def record_refusal(
        self, planned: Planned, code: str, *, max_attempts: int, backoff_seconds: float
    ) -> None:
        """The whole request was refused: nothing sent, each number refused for now."""
        results = [NumberResult(p, Outcome.TEMPORARY, reason=code) for p in planned.phones]
        await self.record_answers(
            planned.attempt_id, results, max_attempts=max_attempts, backoff_seconds=backoff_seconds
        )

    async def in_flight_too_long(self, older_than_seconds: float, limit: int) -> list[InFlight]:
        """Take a lease on them (their clock restarts), so one worker at a time looks them up.

        Each comes with when its send was claimed, not the lease: the lookup must reach back to
        the send itself, or a message the provider got would look never sent.
        """
        rows = await self._pool.fetch(_STALE, older_than_seconds, limit)
        return [InFlight(r[0], r[1], r[2], r[3]) for r in rows]

    async def reopen(self, event_id: str) -> None:
        """The provider never got it: it may be sent (again: for the first time) safely."""
        await self._pool.execute(_REOPEN, event_id)

    async def apply_receipts(self, receipts: Sequence[Receipt]) -> None:
        known = [r for r in receipts if _is_uuid(r.attempt_id)]
        if not known:
            return
        await self._pool.execute(
            _RECEIPTS,
            [r.attempt_id for r in known],
            [r.phone for r in known],
            [r.delivered for r in known],
            [r.serial_no for r in known],
            [r.reason for r in known],
            sorted(set(sources_of(S.DELIVERED)) & set(sources_of(S.PERMANENT_FAILURE))),
        )


def _is_uuid(value: str) -> bool:
    """Receipts of sends that are not ours (another application on the account) are skipped."""
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
