"""The sender's side of notify.messages: claim, record answers, receipts and lookups.

Claiming takes rows with `FOR UPDATE SKIP LOCKED`, so several workers share the sending without
waiting on each other, and marks them `sending` with their request's attempt id, channel,
address and provider in the same transaction: once that commits, no other sender will take
them. Every update names the statuses it may move from (the domain's transitions), so a late or
repeated answer changes nothing. A permanent refusal (or an undelivered receipt) moves a message
on to its fallback channel when it has one: back to `created`, on the next channel.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt

from services.notify.channels import AddressResult, Outcome, Provider, Receipt
from services.notify.domain.batching import Claimed, Planned, plan_requests
from services.notify.domain.messages import MessageStatus
from services.notify.domain.routing import Channel, Recipient, refused_every_channel, route

S = MessageStatus

# The statuses are the domain's SENDABLE written out (a unit test holds them equal), so the
# planner sees they match the partial index messages_to_send; ordered by the index alone, so a
# million messages inserted at one instant are not sorted on every claim.
_CLAIM = """
SELECT event_id, phone, wechat_openid, channel, channels, opted_out, template, slots
FROM notify.messages
WHERE status IN ('created', 'temporary_failure') AND next_attempt_at <= now()
  AND ($2 OR campaign_id IS NULL)
  AND ($3::text[] IS NULL OR channel IS NULL OR channel = ANY($3::text[]))
ORDER BY next_attempt_at
LIMIT $1
FOR UPDATE SKIP LOCKED
"""

# The serial number is the attempt's: cleared here, so an earlier channel's never stands for this
# send (a pushed outcome whose answer was lost is matched among messages without one).
_MARK_SENDING = """
UPDATE notify.messages m
SET status = 'sending', attempt_id = u.attempt_id, channel = u.channel, address = u.address,
    provider = u.provider, fallback = u.fallback, handed_at = NULL, claimed_at = now(),
    sending_since = now(), serial_no = NULL,
    attempts = m.attempts + 1, status_changed_at = now()
FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
     AS u(event_id, attempt_id, channel, address, provider, fallback)
WHERE m.event_id = u.event_id AND m.event_id = ANY($1::text[])
"""

_UNSUBSCRIBED = "SELECT phone FROM notify.sms_unsubscribes WHERE phone = ANY($1::text[])"

_UNSUBSCRIBE = """
WITH new AS (
    INSERT INTO notify.sms_unsubscribes (phone, replied_at)
    SELECT DISTINCT unnest($1::text[]), now()
    ON CONFLICT (phone) DO NOTHING
    RETURNING phone
)
UPDATE notify.roster_members m
SET opted_out = ARRAY(SELECT DISTINCT c FROM unnest(m.opted_out || '{sms}'::text[]) c ORDER BY c)
FROM new WHERE m.phone = new.phone
"""

_UNREACHABLE = """
UPDATE notify.messages
SET status = 'permanent_failure', reason = 'no channel left that reaches the recipient',
    status_changed_at = now()
WHERE event_id = ANY($1::text[])
"""

_REFUSED = """
UPDATE notify.messages
SET status = 'unsendable', reason = 'the recipient opted out of every channel that reaches them',
    status_changed_at = now()
WHERE event_id = ANY($1::text[])
"""

# A temporary refusal is retried with exponential backoff and jitter, until the attempts run
# out: then it is a technical failure, a final status someone looks at. A permanent refusal
# moves the message to its fallback channel when it has one, else it is a final failure.
# The answers of many requests at once (a group commit). Each answer finds its message by
# attempt and address (messages_by_attempt), one index probe each, and locks it: the LATERAL
# subquery's OFFSET 0 keeps the planner from flattening it into a join it may run as a hash
# over the whole table, and with the status read under the lock the UPDATE goes by primary key,
# never through the partial index of `sending` messages, full of dead entries in a bulk send.
_ANSWERED = """
WITH answered AS MATERIALIZED (
    SELECT m.event_id, m.status, u.outcome, u.serial_no, u.reason
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
         AS u(attempt_id, address, outcome, serial_no, reason)
    CROSS JOIN LATERAL (
        SELECT event_id, status FROM notify.messages
        WHERE attempt_id = u.attempt_id AND address = u.address
        OFFSET 0
        FOR UPDATE
    ) m
)
UPDATE notify.messages m
SET status = CASE
        WHEN u.outcome = 'accepted' THEN 'sent'
        WHEN (u.outcome = 'permanent' AND m.fallback IS NOT NULL) THEN 'created'
        WHEN u.outcome = 'permanent' THEN 'permanent_failure'
        WHEN m.attempts >= $6 THEN 'technical_failure'
        ELSE 'temporary_failure' END,
    channel = coalesce(CASE WHEN u.outcome = 'permanent' THEN m.fallback END, m.channel),
    attempts = CASE WHEN u.outcome = 'permanent'
                    AND m.fallback IS NOT NULL THEN 0 ELSE m.attempts END,
    serial_no = coalesce(u.serial_no, m.serial_no),
    reason = u.reason,
    next_attempt_at = CASE WHEN u.outcome = 'permanent' THEN now() ELSE now() + make_interval(
        secs => $7 * power(2, greatest(m.attempts - 1, 0)) * (0.5 + random())) END,
    status_changed_at = now()
FROM answered u
WHERE m.event_id = u.event_id AND u.status = 'sending'
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
RETURNING m.event_id, m.attempt_id::text, m.address, m.provider, m.claimed_at,
          m.handed_at IS NOT NULL
"""

# Only messages still held by this attempt: one reopened meanwhile (it waited too long for its
# turn) belongs to another attempt now, and this one must not send it. The lookup clock starts
# here, when the request leaves, not at the claim.
_HANDED = """
WITH held AS MATERIALIZED (
    -- By primary key, locked, and filtered outside: with statistics from before a bulk send
    -- the planner would scan the partial index of `sending` messages, full of dead entries.
    SELECT m.event_id, m.status, m.handed_at, m.attempt_id = u.attempt_id AS ours
    FROM unnest($1::text[], $2::uuid[]) AS u(event_id, attempt_id)
    JOIN notify.messages m ON m.event_id = u.event_id
    FOR UPDATE OF m
)
UPDATE notify.messages m SET handed_at = now(), sending_since = now()
FROM held h
WHERE m.event_id = h.event_id AND h.ours AND h.status = 'sending' AND h.handed_at IS NULL
RETURNING m.event_id
"""

# Receipts are handed out once: a worker killed after pulling some loses them. A message
# accepted long ago and still without its receipt is looked up (never resent: it was accepted).
_RECEIPT_OVERDUE = """
WITH overdue AS (
    SELECT event_id FROM notify.messages
    WHERE status = 'sent' AND sending_since < now() - make_interval(secs => $1)
      AND provider = ANY($3::text[])
    ORDER BY sending_since
    LIMIT $2
    FOR UPDATE SKIP LOCKED
)
UPDATE notify.messages m SET sending_since = now()
FROM overdue WHERE m.event_id = overdue.event_id
RETURNING m.event_id, m.attempt_id::text, m.address, m.provider, m.claimed_at, true
"""

_REOPEN = """
UPDATE notify.messages
SET status = 'created', reason = 'the provider never received it', status_changed_at = now()
WHERE event_id = $1 AND attempt_id = $2::uuid AND status = 'sending'
"""

# Never handed over (its worker was killed, or it waited too long for its turn): it never left,
# and the attempt that holds it will not send it now.
_NEVER_LEFT = """
UPDATE notify.messages
SET status = 'created', reason = 'it never left for the provider', status_changed_at = now()
WHERE event_id = $1 AND attempt_id = $2::uuid AND status = 'sending' AND handed_at IS NULL
"""

_UNCONFIRMED = """
UPDATE notify.messages
SET status = 'sent', reason = 'no answer, and the provider has no status query: not resent',
    status_changed_at = now()
WHERE event_id = $1 AND attempt_id = $2::uuid AND status = 'sending'
"""

# A receipt settles its attempt whatever came before it: the provider's answer may still be on
# its way (then that answer finds nothing `sending` and changes nothing), or come twice.
_RECEIPTS = """
WITH matched AS MATERIALIZED (  -- found by attempt and address first (messages_by_attempt)
    SELECT m.event_id, u.status, u.serial_no, u.reason
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
         AS u(attempt_id, address, status, serial_no, reason)
    JOIN notify.messages m ON m.attempt_id = u.attempt_id AND m.address = u.address
)
UPDATE notify.messages m
SET status = CASE
        WHEN u.status = 'delivered' THEN 'delivered'
        WHEN u.status = 'accepted' THEN 'sent'
        WHEN (u.status = 'undelivered' AND m.fallback IS NOT NULL) THEN 'created'
        ELSE 'permanent_failure' END,
    channel = coalesce(CASE WHEN u.status = 'undelivered' THEN m.fallback END, m.channel),
    attempts = CASE WHEN u.status = 'undelivered'
                    AND m.fallback IS NOT NULL THEN 0 ELSE m.attempts END,
    next_attempt_at = now(),
    serial_no = u.serial_no, reason = u.reason, status_changed_at = now()
FROM matched u
WHERE m.event_id = u.event_id
  AND (m.status = 'sending' OR (m.status = 'sent' AND u.status <> 'accepted'))
"""


Answer = tuple[str, AddressResult]
"""(attempt id, what the provider answered for one of its addresses)"""


@dataclass(frozen=True)
class InFlight:
    """A message `sending` for longer than any answer could take: its outcome is unknown."""

    event_id: str
    attempt_id: str
    address: str
    provider: Provider
    since: datetime
    handed: bool
    """The request left for the provider (or may have): only the provider can say more."""
    accepted: bool = False
    """Accepted already (`sent`), waiting for its receipt: looked up, never reopened."""


class PostgresOutbox:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def claim(
        self,
        limit: int,
        batch_sizes: Mapping[Channel, int],
        providers: Mapping[Channel, Provider],
        *,
        campaigns: bool = True,
        only: Sequence[Channel] | None = None,
    ) -> list[Planned]:
        """Claim up to `limit` due messages, each on the first channel in its order that
        reaches its recipient; those no channel reaches are failed for good. Campaign messages
        only when `campaigns` (not in quiet hours); only messages now on one of `only`, if
        given (a message may still move to another channel on its way: an opt-out)."""
        channels = None if only is None else [c.value for c in only]
        async with self._pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(_CLAIM, limit, campaigns, channels)
            phones = [row["phone"] for row in rows if row["phone"]]
            unsubscribed = {r[0] for r in await conn.fetch(_UNSUBSCRIBED, phones)}
            claimed: list[Claimed] = []
            fallbacks: dict[str, Channel | None] = {}
            unreachable: list[str] = []
            refused: list[str] = []
            for row in rows:
                order = [Channel(c) for c in row["channels"]]
                declined = {Channel(c) for c in row["opted_out"]}
                if row["phone"] in unsubscribed:
                    declined.add(Channel.SMS)
                recipient = Recipient(row["phone"], row["wechat_openid"], frozenset(declined))
                current = Channel(row["channel"]) if row["channel"] else None
                found = route(order, current, recipient)
                if found is None:
                    gone = (
                        refused if refused_every_channel(order, current, recipient) else unreachable
                    )
                    gone.append(row["event_id"])
                    continue
                fallbacks[row["event_id"]] = found.fallback
                claimed.append(
                    Claimed(
                        row["event_id"],
                        found.address,
                        row["template"],
                        tuple(row["slots"]),
                        found.channel,
                    )
                )
            planned = plan_requests(claimed, batch_sizes)
            sending = [(m, p) for p in planned for m in p.messages]
            await conn.execute(
                _MARK_SENDING,
                [m.event_id for m, _ in sending],
                [p.attempt_id for _, p in sending],
                [m.channel.value for m, _ in sending],
                [m.address for m, _ in sending],
                [providers[m.channel].value for m, _ in sending],
                [_value(fallbacks[m.event_id]) for m, _ in sending],
            )
            if unreachable:
                await conn.execute(_UNREACHABLE, unreachable)
            if refused:
                await conn.execute(_REFUSED, refused)
            return planned

    async def record_answers(
        self, answers: Sequence[Answer], *, max_attempts: int, backoff_seconds: float
    ) -> None:
        """The answers of any number of requests, in one UPDATE. Unknown outcomes are left
        `sending`: a receipt or a lookup settles them."""
        known = [(a, r) for a, r in answers if r.outcome is not Outcome.UNKNOWN]
        if not known:
            return
        # A receipts UPDATE may lock some of the same messages in another order; PostgreSQL
        # then aborts one of the two. Run again, the UPDATE changes only what is still
        # `sending` for its attempt, so nothing is recorded twice.
        async for attempt in AsyncRetrying(
            retry=retry_if_exception_type(asyncpg.DeadlockDetectedError),
            stop=stop_after_attempt(3),
            reraise=True,
        ):
            with attempt:
                await self._pool.execute(
                    _ANSWERED,
                    [a for a, _ in known],
                    [r.address for _, r in known],
                    [r.outcome.value for _, r in known],
                    [r.serial_no for _, r in known],
                    [r.reason for _, r in known],
                    max_attempts,
                    backoff_seconds,
                )

    async def in_flight_too_long(self, older_than_seconds: float, limit: int) -> list[InFlight]:
        """Take a lease on them (their clock restarts), so one worker at a time looks them up.

        Each comes with when its send was claimed, not the lease: the lookup must reach back to
        the send itself, or a message the provider got would look never sent.
        """
        rows = await self._pool.fetch(_STALE, older_than_seconds, limit)
        return [InFlight(r[0], r[1], r[2], Provider(r[3]), r[4], r[5]) for r in rows]

    async def receipt_overdue(
        self, older_than_seconds: float, providers: Sequence[Provider], limit: int
    ) -> list[InFlight]:
        """Accepted messages of these providers whose receipt is overdue, leased as above."""
        rows = await self._pool.fetch(
            _RECEIPT_OVERDUE, older_than_seconds, limit, [p.value for p in providers]
        )
        return [InFlight(r[0], r[1], r[2], Provider(r[3]), r[4], r[5], accepted=True) for r in rows]

    async def mark_handed(self, held: Sequence[tuple[str, str]]) -> set[str]:
        """These (message, attempt) are about to leave: from now on they may have been sent.
        Return the messages the attempts still held (only those may be sent)."""
        rows = await self._pool.fetch(_HANDED, [e for e, _ in held], [a for _, a in held])
        return {row[0] for row in rows}

    async def reopen(self, message: InFlight) -> None:
        """The provider never got it: it may be sent (again: for the first time) safely."""
        await self._pool.execute(_REOPEN, message.event_id, message.attempt_id)

    async def reopen_never_left(self, message: InFlight) -> None:
        """Never handed over: its attempt will not send it, so it may be sent afresh."""
        await self._pool.execute(_NEVER_LEFT, message.event_id, message.attempt_id)

    async def settle_unconfirmed(self, message: InFlight) -> None:
        """No answer from a provider that cannot be asked: possibly sent, so never resent."""
        await self._pool.execute(_UNCONFIRMED, message.event_id, message.attempt_id)

    async def record_unsubscribes(self, phones: Sequence[str]) -> None:
        """These numbers replied TD: no SMS to them from the next claim on."""
        if phones:
            await self._pool.execute(_UNSUBSCRIBE, list(phones))

    async def apply_receipts(self, receipts: Sequence[Receipt]) -> None:
        known = [r for r in receipts if _is_uuid(r.attempt_id)]
        if not known:
            return
        await self._pool.execute(
            _RECEIPTS,
            [r.attempt_id for r in known],
            [r.address for r in known],
            [r.status.value for r in known],
            [r.serial_no for r in known],
            [r.reason for r in known],
        )


def _value(channel: Channel | None) -> str | None:
    return channel.value if channel else None


def _is_uuid(value: str) -> bool:
    """Receipts of sends that are not ours (another application on the account) are skipped."""
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
