"""The purge of people's data after `FUGONG_NOTIFY_RETENTION_DAYS`: a periodic job.

Messages that reached the end of their way keep their status, channel, reason, parts and times
(the history progress figures are made of) and lose their text, template values, number,
WeChat openid and the address of their last attempt; campaigns lose their text; roster
members uploaded before the cut-off are deleted.
Each run purges in bounded slices, so a big backlog never holds one long transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg
from prometheus_client import Counter

from services.notify.domain.messages import FINAL, MessageStatus

SLICE = 10_000

PURGED = Counter(
    "fugong_notify_purged",
    "Rows whose personal data the retention purge removed, by table.",
    ["table"],
)

_MESSAGES = """
WITH expired AS (
    SELECT event_id FROM notify.messages
    WHERE purged_at IS NULL AND status = ANY($1::text[])
      AND status_changed_at < now() - make_interval(secs => $2)
    LIMIT $3
    FOR UPDATE SKIP LOCKED
)
UPDATE notify.messages m
SET body = NULL, slots = '[]', phone = NULL, wechat_openid = NULL, address = NULL,
    purged_at = now()
FROM expired WHERE m.event_id = expired.event_id
"""

_CAMPAIGNS = """
UPDATE notify.campaigns SET body = NULL
WHERE body IS NOT NULL AND requested_at < now() - make_interval(secs => $1)
"""

_MEMBERS = """
DELETE FROM notify.roster_members
WHERE (credit_code, phone) IN (
    SELECT credit_code, phone FROM notify.roster_members
    WHERE uploaded_at < now() - make_interval(secs => $1) LIMIT $2)
"""

# A message the provider accepted whose receipt never came is done with, too.
_PURGEABLE = sorted({*FINAL, MessageStatus.SENT})


@dataclass(frozen=True)
class Purged:
    messages: int
    campaigns: int
    members: int


class RetentionPurge:
    def __init__(self, pool: asyncpg.Pool, retention_days: float) -> None:
        self._pool = pool
        self._seconds = retention_days * 86_400

    async def run(self) -> Purged:
        """Purge everything older than the retention, slice by slice."""
        messages = await self._repeat(_MESSAGES, _PURGEABLE, self._seconds, SLICE)
        campaigns = _count(await self._pool.execute(_CAMPAIGNS, self._seconds))
        members = await self._repeat(_MEMBERS, self._seconds, SLICE)
        for table, count in (("messages", messages), ("campaigns", campaigns),
                             ("roster_members", members)):  # fmt: skip
            PURGED.labels(table).inc(count)
        return Purged(messages, campaigns, members)

    async def _repeat(self, statement: str, *args: object) -> int:
        total = 0
        while True:
            count = _count(await self._pool.execute(statement, *args))
            total += count
            if count < SLICE:
                return total


def _count(status: str) -> int:
    return int(status.split()[-1])
