"""Many messages at once: a bulk send's recipients into notify.messages in one COPY.

The way a campaign's expansion (or any bulk requester) hands notify a million recipients
without a Kafka event each: the rows are copied into a temporary table and inserted from there,
so a message already present (the same event id) is left as it is and asking twice is one send.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID

import asyncpg
import orjson

from services.contracts.notifications import Template
from services.notify.domain.routing import Channel, Recipient, route
from services.notify.domain.segments import segments

_STAGE = """
CREATE TEMPORARY TABLE bulk_messages (
    event_id text, recipient_kind text, recipient text, template text, requested_by text,
    requested_at timestamptz, channel text, phone text, wechat_openid text, channels text[],
    opted_out text[], body text, slots text, segments integer, campaign_id uuid
) ON COMMIT DROP
"""

_ANALYZE_AFTER = 10_000

_INSERT = """
INSERT INTO notify.messages (event_id, recipient_kind, recipient, template, requested_by,
                             requested_at, channel, phone, wechat_openid, channels, opted_out, body,
                             slots, segments, campaign_id, status)
SELECT event_id, recipient_kind, recipient, template, requested_by, requested_at, channel,
       phone, wechat_openid, channels, opted_out, body, slots::jsonb, segments, campaign_id,
       'created'
FROM bulk_messages
ON CONFLICT (event_id) DO NOTHING
"""


@dataclass(frozen=True)
class NewMessage:
    """One recipient of a bulk send, with the text already rendered."""

    event_id: str
    recipient: str
    """The requester's own id for the person (a roster row), never a name."""
    template: Template
    body: str
    slots: tuple[str, ...]
    requested_by: str
    channels: tuple[Channel, ...] = (Channel.SMS,)
    phone: str | None = None
    wechat_openid: str | None = None
    opted_out: frozenset[Channel] = field(default_factory=frozenset)
    recipient_kind: str = "person"
    campaign_id: UUID | None = None
    """The campaign it belongs to (in notify.campaigns): its progress is reported per campaign,
    not per message; None for a bulk send outside any campaign."""


async def add_messages(pool: asyncpg.Pool, messages: Sequence[NewMessage]) -> int:
    """Insert the messages not present yet, ready to send; return how many were new."""
    now = datetime.now(UTC)
    records = [
        (
            m.event_id,
            m.recipient_kind,
            m.recipient,
            m.template.value,
            m.requested_by,
            now,
            _first_channel(m).value,
            m.phone,
            m.wechat_openid,
            [c.value for c in m.channels],
            sorted(c.value for c in m.opted_out),
            m.body,
            orjson.dumps(list(m.slots)).decode(),
            segments(m.body),
            m.campaign_id,
        )
        for m in messages
    ]
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(_STAGE)
        await conn.copy_records_to_table("bulk_messages", records=records)
        status = await conn.execute(_INSERT)
    added = int(status.split()[-1])
    if added >= _ANALYZE_AFTER:
        # The planner must know the table grew by this much before the sender's next claim.
        await pool.execute("ANALYZE notify.messages")
    return added


def _first_channel(message: NewMessage) -> Channel:
    """The channel the sender will try first (progress counts it there; the sender claims by
    it), or the first in the order when none reaches the recipient (the claim fails it)."""
    recipient = Recipient(message.phone, message.wechat_openid, message.opted_out)
    found = route(message.channels, None, recipient)
    return found.channel if found else message.channels[0]
