"""Campaign progress as Prometheus figures, refreshed from PostgreSQL by a periodic job.

Counted where the truth is (the messages table, by its campaign index) rather than incremented
as messages move: a batch retried after a failed commit would count twice. Labelled by channel
and status only: per campaign ids would grow without bound, and the gateway's progress route
has them.
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
SELECT coalesce(m.channel, 'none'), m.status, count(*)
FROM notify.campaigns c JOIN notify.messages m ON m.campaign_id = c.campaign_id
WHERE c.requested_at > now() - interval '1 day' AND c.cancelled_at IS NULL
GROUP BY 1, 2
"""

_OPEN = """
SELECT count(DISTINCT campaign_id) FROM notify.messages
WHERE campaign_id IS NOT NULL AND status IN ('created', 'sending', 'temporary_failure')
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
