"""Pushed outcomes in notify's schema: recorded one by one as they come, applied in bulk.

The callback listener records each push (`PushedOutcomeInbox.record`) before it answers, so an
answered push is never lost; a push repeated is the same row. A periodic job of every worker
(`ApplyPushedOutcomes`) applies what is pending to the `sent` messages whose provider serial
number it names, in one statement per slice, like SMS receipts: delivered, or on to the fallback
channel, or a permanent failure. A push whose message is not `sent` (already final, or its
answer not recorded yet) waits; one that matches nothing for `match_seconds` is counted as
naming no message of ours. A push whose serial number no message holds (the send's answer was
lost) is matched by the recipient it names to the one message whose outcome is unknown
(`domain/pushed_outcomes.py` `unconfirmed_match`). Stored: provider, serial number, outcome,
and the recipient's address only while the push waits (cleared when it is settled).
"""

from __future__ import annotations

import collections
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import asyncpg
from prometheus_client import Counter

from services.notify.domain.pushed_outcomes import (
    ALIYUN_SMS,
    PushedOutcome,
    SmsReport,
    Unconfirmed,
    unconfirmed_match,
)

SLICE = 5_000

PUSHED = Counter(
    "fugong_notify_pushed_outcomes",
    "Outcomes pushed by WeChat, Tencent VMS and Alibaba SMS (its reports), by provider and "
    "what became of them (recorded, repeated, applied, matched_by_address: applied to a send "
    "whose answer was lost, stale: a report for an attempt that no longer holds its number, "
    "unknown_id, bad_signature, malformed).",
    ["provider", "result"],
)

_RECORD = """
INSERT INTO notify.pushed_outcomes (provider, serial_no, delivered, reason, address)
SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[])
ON CONFLICT (provider, serial_no) DO NOTHING
RETURNING provider
"""

_RECORD_SMS_REPORTS = """
INSERT INTO notify.sms_reports (provider, address, out_id, biz_id, attempt_id, delivered, reason)
SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[], $6::boolean[], $7::text[])
ON CONFLICT (provider, address, out_id, biz_id) DO NOTHING
RETURNING provider
"""

# Each pending push probes the messages' index on its own (`OFFSET 0` keeps the subquery from
# becoming a join the planner may turn around): in the first minutes of a 300,000-recipient
# bench, before the table's statistics caught up, the apply job was busy in 27 of 240 samples of
# pg_stat_activity with no push pending at all; once they had, it took 0.05 ms.

# The message moves as an SMS receipt moves it (adapters/postgres_outbox.py `_RECEIPTS`): only
# from `sent`, so a repeated or late push never undoes what came before.
OUTCOME_MOVES = """status = CASE WHEN d.delivered THEN 'delivered'
                      WHEN m.fallback IS NOT NULL THEN 'created'
                      ELSE 'permanent_failure' END,
        channel = CASE WHEN NOT d.delivered AND m.fallback IS NOT NULL
                       THEN m.fallback ELSE m.channel END,
        attempts = CASE WHEN NOT d.delivered AND m.fallback IS NOT NULL
                        THEN 0 ELSE m.attempts END,
        next_attempt_at = now(), reason = d.reason, status_changed_at = now()"""

_APPLY = f"""
WITH due AS MATERIALIZED (  -- only pushes whose message waits for them: others stay pending
    SELECT p.provider, p.serial_no, p.delivered, p.reason FROM notify.pushed_outcomes p
    WHERE p.settled_at IS NULL
      AND EXISTS (SELECT 1 FROM notify.messages m  -- messages_by_serial
                  WHERE m.provider = p.provider AND m.serial_no = p.serial_no
                    AND m.status = 'sent'
                  OFFSET 0)
    LIMIT $1
    FOR UPDATE OF p SKIP LOCKED
),
moved AS (
    UPDATE notify.messages m
    SET {OUTCOME_MOVES}
    FROM due d
    WHERE m.provider = d.provider AND m.serial_no = d.serial_no AND m.status = 'sent'
    RETURNING d.provider, d.serial_no
)
UPDATE notify.pushed_outcomes p SET settled_at = now(), matched = true, address = NULL
FROM (SELECT DISTINCT provider, serial_no FROM moved) AS applied
WHERE p.provider = applied.provider AND p.serial_no = applied.serial_no
RETURNING p.provider
"""  # noqa: S608 (no input in the text)

# Pushes whose serial number no `sent` message holds, with the messages to the address they
# name whose serial number is unknown: `unconfirmed_match` chooses among them (or waits).
_UNKNOWN_SERIALS = """
SELECT p.provider, p.serial_no, p.received_at,
       coalesce(array_agg(m.event_id) FILTER (WHERE m.event_id IS NOT NULL), '{}') AS event_ids,
       coalesce(array_agg(m.status) FILTER (WHERE m.event_id IS NOT NULL), '{}') AS statuses,
       coalesce(array_agg(m.handed_at) FILTER (WHERE m.event_id IS NOT NULL), '{}') AS handed
FROM (
    SELECT provider, serial_no, address, received_at FROM notify.pushed_outcomes p
    WHERE settled_at IS NULL AND address IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM notify.messages m  -- messages_by_serial
                      WHERE m.provider = p.provider AND m.serial_no = p.serial_no
                        AND m.status = 'sent'
                      OFFSET 0)
    ORDER BY received_at
    LIMIT $1
    FOR UPDATE SKIP LOCKED
) p
LEFT JOIN LATERAL (
    SELECT event_id, status, handed_at FROM notify.messages m  -- messages_unconfirmed
    WHERE m.provider = p.provider AND m.address = p.address AND m.serial_no IS NULL
      AND m.status IN ('sending', 'sent') AND m.handed_at IS NOT NULL
    OFFSET 0
) m ON true
GROUP BY p.provider, p.serial_no, p.received_at
"""

# The chosen message takes the push's outcome and its serial number (a repeat is the same row).
_APPLY_BY_ADDRESS = f"""
WITH chosen AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
        AS u(provider, serial_no, event_id)
),
due AS (
    SELECT c.event_id, p.provider, p.serial_no, p.delivered, p.reason
    FROM chosen c JOIN notify.pushed_outcomes p USING (provider, serial_no)
    WHERE p.settled_at IS NULL
),
moved AS (
    UPDATE notify.messages m
    SET serial_no = d.serial_no, {OUTCOME_MOVES}
    FROM due d
    WHERE m.event_id = d.event_id AND m.provider = d.provider
      AND m.status = 'sent' AND m.serial_no IS NULL
    RETURNING d.provider, d.serial_no
)
UPDATE notify.pushed_outcomes p SET settled_at = now(), matched = true, address = NULL
FROM moved WHERE p.provider = moved.provider AND p.serial_no = moved.serial_no
RETURNING p.provider
"""  # noqa: S608 (no input in the text)

_GIVE_UP = """
WITH stale AS (
    SELECT provider, serial_no FROM notify.pushed_outcomes
    WHERE settled_at IS NULL AND received_at < now() - make_interval(secs => $1)
    LIMIT $2
    FOR UPDATE SKIP LOCKED
)
UPDATE notify.pushed_outcomes p SET settled_at = now(), matched = false, address = NULL
FROM stale WHERE p.provider = stale.provider AND p.serial_no = stale.serial_no
RETURNING p.provider
"""

_PURGE = """
DELETE FROM notify.pushed_outcomes
WHERE ctid = ANY(ARRAY(SELECT ctid FROM notify.pushed_outcomes
                       WHERE settled_at < now() - make_interval(secs => $1) LIMIT $2))
"""


class PushedOutcomeInbox:
    """Where the callback listener records what the providers push."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, outcomes: Sequence[PushedOutcome]) -> None:
        """Committed before the push is answered; a repeated push adds nothing."""
        if not outcomes:
            return
        rows = await self._pool.fetch(
            _RECORD,
            [o.provider for o in outcomes],
            [o.serial_no for o in outcomes],
            [o.delivered for o in outcomes],
            [o.reason for o in outcomes],
            [o.address for o in outcomes],
        )
        recorded = collections.Counter(row[0] for row in rows)
        for provider, pushed in collections.Counter(o.provider for o in outcomes).items():
            PUSHED.labels(provider, "recorded").inc(recorded[provider])
            if pushed > recorded[provider]:
                PUSHED.labels(provider, "repeated").inc(pushed - recorded[provider])

    async def record_sms_reports(self, reports: Sequence[SmsReport]) -> None:
        """Committed before the push is answered; a report repeated while it waits adds nothing."""
        if not reports:
            return
        rows = await self._pool.fetch(
            _RECORD_SMS_REPORTS,
            ALIYUN_SMS,
            [r.address for r in reports],
            [r.out_id for r in reports],
            [r.biz_id for r in reports],
            [_attempt(r.out_id) for r in reports],
            [r.delivered for r in reports],
            [r.reason for r in reports],
        )
        PUSHED.labels(ALIYUN_SMS, "recorded").inc(len(rows))
        if len(reports) > len(rows):
            PUSHED.labels(ALIYUN_SMS, "repeated").inc(len(reports) - len(rows))


@dataclass(frozen=True)
class Applied:
    applied: int
    unknown: int


class ApplyPushedOutcomes:
    """The periodic job: pending pushes onto their messages, in bulk."""

    def __init__(self, pool: asyncpg.Pool, *, match_seconds: float, retention_days: float) -> None:
        self._pool = pool
        self._match_seconds = match_seconds
        self._window = timedelta(seconds=match_seconds)
        self._retention_seconds = retention_days * 86_400

    async def run(self) -> Applied:
        applied = unknown = 0
        while True:
            rows = await self._pool.fetch(_APPLY, SLICE)
            for row in rows:
                PUSHED.labels(row[0], "applied").inc()
            applied += len(rows)
            if len(rows) < SLICE:
                break
        applied += await self._apply_by_address()
        for row in await self._pool.fetch(_GIVE_UP, self._match_seconds, SLICE):
            PUSHED.labels(row[0], "unknown_id").inc()
            unknown += 1
        await self._pool.execute(_PURGE, self._retention_seconds, SLICE)
        return Applied(applied, unknown)

    async def _apply_by_address(self) -> int:
        """Pushes of sends whose answer was lost, each to its one unconfirmed message."""
        async with self._pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(_UNKNOWN_SERIALS, SLICE)
            chosen = [
                (row["provider"], row["serial_no"], event_id)
                for row in rows
                if (
                    event_id := unconfirmed_match(
                        row["received_at"], _unconfirmed(row), self._window
                    )
                )
            ]
            if not chosen:
                return 0
            applied = await conn.fetch(
                _APPLY_BY_ADDRESS, *(list(c) for c in zip(*chosen, strict=True))
            )
        for row in applied:
            PUSHED.labels(row[0], "applied").inc()
            PUSHED.labels(row[0], "matched_by_address").inc()
        return len(applied)


def _unconfirmed(row: asyncpg.Record) -> list[Unconfirmed]:
    return [
        Unconfirmed(event_id, status, handed_at)
        for event_id, status, handed_at in zip(
            row["event_ids"], row["statuses"], row["handed"], strict=True
        )
    ]


def _attempt(out_id: str) -> uuid.UUID | None:
    """Our OutId is the send's attempt id; another application's is not ours to parse."""
    try:
        return uuid.UUID(out_id)
    except ValueError:
        return None
