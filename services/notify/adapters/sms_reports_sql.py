"""Alibaba Cloud's pushed SMS delivery reports, applied in bulk by a periodic job of every worker
(the callback listener records them: `PushedOutcomeInbox.record_sms_reports`).

A report names its message by our OutId (the send's attempt id, so a send whose answer was
lost is found all the same) and the number, or, when the OutId is not ours, by Alibaba's BizId
(the request's serial number) and the number. It moves the message as a Tencent receipt does
(delivered, or on to its fallback channel, or a permanent failure), only from `sending` or
`sent` under that attempt, so a late or repeated report changes nothing. The row holds the
number: it is deleted once its message is found, at once when its attempt no longer holds the
number (a repeat after the message moved on), or after the match window as naming nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from services.notify.adapters.pushed_outcomes_sql import OUTCOME_MOVES, PUSHED, SLICE
from services.notify.domain.pushed_outcomes import ALIYUN_SMS

_APPLY = f"""
WITH found AS MATERIALIZED (
    SELECT r.provider, r.address, r.out_id, r.biz_id, r.delivered, r.reason,
           coalesce(by_attempt.event_id, by_serial.event_id) AS event_id
    FROM notify.sms_reports r
    LEFT JOIN LATERAL (  -- messages_by_attempt
        SELECT m.event_id FROM notify.messages m
        WHERE m.attempt_id = r.attempt_id AND m.address = r.address LIMIT 1
    ) by_attempt ON true
    LEFT JOIN LATERAL (  -- messages_by_serial: a send whose answer was recorded
        SELECT m.event_id FROM notify.messages m
        WHERE r.attempt_id IS NULL AND r.biz_id <> '' AND m.provider = r.provider
          AND m.serial_no = r.biz_id AND m.status = 'sent' AND m.address = r.address LIMIT 1
    ) by_serial ON true
    WHERE coalesce(by_attempt.event_id, by_serial.event_id) IS NOT NULL
    ORDER BY r.received_at
    LIMIT $1
    FOR UPDATE OF r SKIP LOCKED
),
moved AS (
    UPDATE notify.messages m
    SET {OUTCOME_MOVES}
    FROM found d
    WHERE m.event_id = d.event_id AND m.status IN ('sending', 'sent') AND m.provider = d.provider
    RETURNING m.event_id
),
gone AS (
    DELETE FROM notify.sms_reports r USING found f
    WHERE r.provider = f.provider AND r.address = f.address AND r.out_id = f.out_id
      AND r.biz_id = f.biz_id
    RETURNING r.provider
)
SELECT (SELECT count(*) FROM gone) AS found, (SELECT count(*) FROM moved) AS moved
"""  # noqa: S608 (no input in the text)

# A report whose OutId is an attempt of ours that no longer holds its number names a send its
# message has moved on from (a repeat after a fallback claimed it anew): waiting would not help,
# as an attempt is recorded before its request leaves. One naming nothing else of ours waits
# for the send's answer (its BizId) until the match window is over.
_GIVE_UP = """
WITH gone AS (
    DELETE FROM notify.sms_reports r
    WHERE r.ctid = ANY(ARRAY(
        SELECT s.ctid FROM notify.sms_reports s
        WHERE s.received_at < now() - make_interval(secs => $1)
           OR (s.attempt_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM notify.messages m  -- messages_by_attempt
                               WHERE m.attempt_id = s.attempt_id AND m.address = s.address))
        LIMIT $2))
    RETURNING r.received_at >= now() - make_interval(secs => $1) AS superseded
)
SELECT count(*) FILTER (WHERE superseded) AS superseded,
       count(*) FILTER (WHERE NOT superseded) AS unknown
FROM gone
"""


@dataclass(frozen=True)
class ReportsApplied:
    applied: int
    unknown: int


class ApplySmsReports:
    """The periodic job: pending reports onto their messages, in slices."""

    def __init__(self, pool: asyncpg.Pool, *, match_seconds: float) -> None:
        self._pool = pool
        self._match_seconds = match_seconds

    async def run(self) -> ReportsApplied:
        """Those naming no message for longer than the match window are dropped, counted."""
        return await _apply(self._pool, self._match_seconds)


async def _apply(pool: asyncpg.Pool, match_seconds: float) -> ReportsApplied:
    applied = 0
    while True:
        row = await pool.fetchrow(_APPLY, SLICE)
        found, moved = (row["found"], row["moved"]) if row else (0, 0)
        PUSHED.labels(ALIYUN_SMS, "applied").inc(moved)
        PUSHED.labels(ALIYUN_SMS, "repeated").inc(found - moved)  # its message had moved on
        applied += moved
        if found < SLICE:
            break
    gone = await pool.fetchrow(_GIVE_UP, match_seconds, SLICE)
    superseded, unknown = (gone["superseded"], gone["unknown"]) if gone else (0, 0)
    PUSHED.labels(ALIYUN_SMS, "stale").inc(superseded)
    PUSHED.labels(ALIYUN_SMS, "unknown_id").inc(unknown)
    return ReportsApplied(applied, unknown)
