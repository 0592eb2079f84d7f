"""Campaign progress as Prometheus figures, refreshed from PostgreSQL by a periodic job.

Read from the counts the messages table's triggers keep in the same transactions as the moves
(`notify.campaign_progress_v`, notify migration 009) rather than incremented here as messages
move: a batch retried after a failed commit would count twice. Labelled by channel and status
only: per campaign ids would grow without bound, and the gateway's progress route has them.
"""

from __future__ import annotations

import asyncpg
from prometheus_client import Gauge

from services.notify.domain.messages import MessageStatus

CAMPAIGN_MESSAGES = Gauge(
    "fugong_notify_campaign_messages",
    "Messages of campaigns not cancelled, requested in the last day, by channel and status.",
    ["channel", "status"],
)
OPEN_CAMPAIGNS = Gauge(
    "fugong_notify_open_campaigns", "Campaigns with messages still to send or being sent."
)

_BY_STATUS = """
SELECT p.channel, p.status, sum(p.messages)::bigint
FROM notify.campaigns c JOIN notify.campaign_progress_v p ON p.campaign_id = c.campaign_id
WHERE c.requested_at > now() - interval '1 day' AND c.cancelled_at IS NULL
GROUP BY 1, 2
"""

_OPEN = """
SELECT count(DISTINCT campaign_id) FROM notify.campaign_progress_v
WHERE status IN ('created', 'sending', 'temporary_failure')
"""


class CampaignGauges:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def run(self) -> None:
        rows = await self._pool.fetch(_BY_STATUS)
        seen = {(row[0], row[1]): row[2] for row in rows}
        for channel in {c for c, _ in seen} | {"sms"}:
            for status in MessageStatus:
                CAMPAIGN_MESSAGES.labels(channel, status.value).set(seen.get((channel, status), 0))
        OPEN_CAMPAIGNS.set(await self._pool.fetchval(_OPEN))
