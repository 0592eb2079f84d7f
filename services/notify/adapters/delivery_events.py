"""Publishes what became of notices to `notify.deliveries`, in bulk, from PostgreSQL.

A periodic job of every worker. Requests (from `notify.requests`, or a bulk requester) are
published once each when settled: final, or accepted by a provider that sends no receipt (or,
with the callback listener on, by WeChat or VMS and no outcome pushed within the wait). They
are claimed with SKIP LOCKED, published in one `publish_all`, and marked reported in the same
transaction, so two workers never publish one at once; a crash between the broker's ack and the
commit publishes it again with the same event id. Campaigns are published as counts by channel
and status, one event per campaign whose counts changed, until every message of the campaign is
settled. Those counts are kept by the messages table's triggers (notify migration 009): under an
advisory lock (one worker at a time), the job folds the statements' recorded changes into the
totals and reads the totals, so a tick costs the same for a campaign of ten or of a million.
Nothing personal is selected.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import asyncpg
import structlog

from services.contracts.deliveries import (
    CAMPAIGN_PROGRESSED,
    NOTIFICATION_SETTLED,
    CampaignProgressed,
    ChannelStatusCount,
    NotificationSettled,
)
from services.contracts.envelope import encode_event
from services.notify.channels import Provider
from services.notify.domain.messages import UNSETTLED
from services.platform.kafka import EncodedEvent, EventPublisher

log = structlog.get_logger(__name__)

SOURCE = "/fugong/notify"
_CAMPAIGN_LOCK = (7, 4)

# Matches the partial index messages_to_report (its predicate written out). What it adds is not
# the index's to hold: `sent` waits for a receipt pulled ($2), or for an outcome pushed ($3) for
# at most $4 seconds (a window that moves with the clock cannot be an index predicate).
_SETTLED = """
SELECT event_id, requested_by, template, status, channel, attempts, reason, status_changed_at
FROM notify.messages
WHERE campaign_id IS NULL AND reported_at IS NULL
  AND status NOT IN ('created', 'sending', 'temporary_failure', 'waiting_for_contact')
  AND NOT (status = 'sent' AND (provider = ANY($2::text[])
           OR (provider = ANY($3::text[])
               AND status_changed_at > now() - make_interval(secs => $4))))
ORDER BY status_changed_at
LIMIT $1
FOR UPDATE SKIP LOCKED
"""

_REPORTED = "UPDATE notify.messages SET reported_at = now() WHERE event_id = ANY($1::text[])"

_OPEN_CAMPAIGNS = """
SELECT c.campaign_id, c.credit_code, c.recipients, r.sequence, r.counts
FROM notify.campaigns c LEFT JOIN notify.campaign_reports r USING (campaign_id)
WHERE r.final IS NOT TRUE
"""

# Every change the messages' statements recorded and this transaction can see, into the totals;
# changes committed meanwhile stay for the next fold.
FOLD_CAMPAIGN_COUNTS = """
WITH moved AS (DELETE FROM notify.campaign_count_changes RETURNING *)
INSERT INTO notify.campaign_counts AS t
SELECT campaign_id, channel, status, provider, sum(messages), sum(segments), max(last_change)
FROM moved
GROUP BY 1, 2, 3, 4
ON CONFLICT (campaign_id, channel, status, provider) DO UPDATE
SET messages = t.messages + excluded.messages, segments = t.segments + excluded.segments,
    last_change = greatest(t.last_change, excluded.last_change)
"""

# Unsettled as `_SETTLED` has it. A count's `last_change` is when a message last entered it, so
# a pushed provider's `sent` has waited out the window when the latest of them has.
_COUNTS = """
SELECT campaign_id, channel, status, sum(messages)::bigint,
       (sum(messages) FILTER (WHERE status = ANY($2::text[])
           OR (status = 'sent' AND (provider = ANY($3::text[])
               OR (provider = ANY($4::text[])
                   AND last_change > now() - make_interval(secs => $5))))))::bigint
FROM notify.campaign_counts
WHERE campaign_id = ANY($1::uuid[])
GROUP BY 1, 2, 3
HAVING sum(messages) <> 0
"""

_RECORD_REPORT = """
INSERT INTO notify.campaign_reports (campaign_id, sequence, counts, final, published_at)
SELECT u.campaign_id, u.sequence, u.counts::jsonb, u.final, now()
FROM unnest($1::uuid[], $2::int[], $3::text[], $4::boolean[])
    AS u(campaign_id, sequence, counts, final)
ON CONFLICT (campaign_id) DO UPDATE SET sequence = excluded.sequence, counts = excluded.counts,
    final = excluded.final, published_at = excluded.published_at
"""


class DeliveryEvents:
    def __init__(
        self,
        pool: asyncpg.Pool,
        publisher: EventPublisher,
        topic: str,
        pulled: Sequence[Provider],
        batch: int = 5000,
        *,
        pushed: Sequence[Provider] = (),
        push_wait_seconds: float = 0,
    ) -> None:
        self._pool = pool
        self._publisher = publisher
        self._topic = topic
        self._pulled = [p.value for p in pulled]
        """Providers whose receipts notify pulls: their `sent` is not settled yet."""
        self._pushed = [p.value for p in pushed]
        """Providers whose outcomes notify's listener takes: their `sent` is settled when no
        push came within `push_wait_seconds` (a push moves it on before that)."""
        self._push_wait_seconds = push_wait_seconds
        self._batch = batch

    async def run(self) -> int:
        """Publish what settled and what changed; return how many events went out."""
        published = 0
        for _ in range(20):  # bounded: the next tick takes the rest
            count = await self.publish_settled()
            published += count
            if count < self._batch:
                break
        return published + await self.publish_campaigns()

    async def publish_settled(self) -> int:
        async with self._pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(
                _SETTLED, self._batch, self._pulled, self._pushed, self._push_wait_seconds
            )
            if not rows:
                return 0
            events = [_settled_event(row) for row in rows]
            acknowledged = await self._publisher.publish_all(self._topic, events)
            done = [row["event_id"] for row, ok in zip(rows, acknowledged, strict=True) if ok]
            await conn.execute(_REPORTED, done)
        if len(done) < len(rows):
            log.warning("delivery events not acknowledged; the next run publishes them",
                        refused=len(rows) - len(done))  # fmt: skip
        return len(done)

    async def publish_campaigns(self) -> int:
        async with self._pool.acquire() as conn, conn.transaction():
            if not await conn.fetchval("SELECT pg_try_advisory_xact_lock($1, $2)", *_CAMPAIGN_LOCK):
                return 0  # another worker is counting
            await conn.execute(FOLD_CAMPAIGN_COUNTS)
            campaigns = await conn.fetch(_OPEN_CAMPAIGNS)
            if not campaigns:
                return 0
            rows = await conn.fetch(
                _COUNTS,
                [c["campaign_id"] for c in campaigns],
                sorted(UNSETTLED),
                self._pulled,
                self._pushed,
                self._push_wait_seconds,
            )
            counts: dict[object, list[ChannelStatusCount]] = {}
            unsettled: dict[object, int] = {}
            for campaign_id, channel, status, messages, open_ in rows:
                counts.setdefault(campaign_id, []).append(
                    ChannelStatusCount(channel=channel, status=status, messages=messages)
                )
                unsettled[campaign_id] = unsettled.get(campaign_id, 0) + (open_ or 0)
            changed: list[CampaignProgressed] = []
            for campaign in campaigns:
                found = sorted(
                    counts.get(campaign["campaign_id"], []), key=lambda c: (c.channel, c.status)
                )
                as_json = json.dumps([c.model_dump() for c in found])
                final = unsettled.get(campaign["campaign_id"], 0) == 0
                if (
                    campaign["counts"] is not None
                    and _same(campaign["counts"], as_json)
                    and not final
                ):
                    continue
                changed.append(
                    CampaignProgressed(
                        campaign_id=campaign["campaign_id"],
                        credit_code=campaign["credit_code"],
                        recipients=campaign["recipients"],
                        counts=tuple(found),
                        final=final,
                        sequence=(campaign["sequence"] or 0) + 1,
                    )
                )
            if not changed:
                return 0
            events = [_progress_event(p) for p in changed]
            acknowledged = await self._publisher.publish_all(self._topic, events)
            done = [p for p, ok in zip(changed, acknowledged, strict=True) if ok]
            await conn.execute(
                _RECORD_REPORT,
                [p.campaign_id for p in done],
                [p.sequence for p in done],
                [json.dumps([c.model_dump() for c in p.counts]) for p in done],
                [p.final for p in done],
            )
        return len(done)


def _same(stored: object, as_json: str) -> bool:
    """The pool may decode jsonb or hand it over as text: compare values, not spellings."""
    value = json.loads(stored) if isinstance(stored, str) else stored
    return bool(value == json.loads(as_json))


def _settled_event(row: asyncpg.Record) -> EncodedEvent:
    data = NotificationSettled(
        request_id=row["event_id"],
        requested_by=row["requested_by"],
        template=row["template"],
        status=row["status"],
        channel=row["channel"],
        attempts=row["attempts"],
        reason=row["reason"],
        settled_at=row["status_changed_at"],
    )
    _, value = encode_event(
        event_type=NOTIFICATION_SETTLED,
        source=SOURCE,
        subject=row["event_id"],
        data=data,
        event_id=f"notify-settled-{row['event_id']}",
    )
    return EncodedEvent(row["event_id"].encode(), value)


def _progress_event(progress: CampaignProgressed) -> EncodedEvent:
    key = str(progress.campaign_id)
    _, value = encode_event(
        event_type=CAMPAIGN_PROGRESSED,
        source=SOURCE,
        subject=key,
        data=progress,
        event_id=f"notify-campaign-{key}-{progress.sequence}",
    )
    return EncodedEvent(key.encode(), value)
