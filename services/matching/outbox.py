"""Publishing what the store queued in the same transaction as the change (an outbox).

A periodic job of every worker claims queued rows (SKIP LOCKED, so two workers never publish one
twice at once), publishes each in order and marks them published in one transaction. A crash
between the broker's ack and the commit publishes a row again with the same event id, which
consumers count once.
"""

from __future__ import annotations

from collections.abc import Callable

import asyncpg
from pydantic import BaseModel

from services.contracts.envelope import CloudEvent
from services.platform.kafka import EventPublisher


async def publish_queued(
    pool: asyncpg.Pool,
    publisher: EventPublisher,
    topic: str,
    claim: str,
    mark: str,
    event_of: Callable[[asyncpg.Record], CloudEvent[BaseModel]],
    limit: int,
) -> list[asyncpg.Record]:
    """Claim up to `limit` rows (`claim`, $1 the limit), publish each row's event one by one, in
    the claimed order, then mark them (`mark`, $1 the rows' first columns); return the rows."""
    async with pool.acquire() as conn, conn.transaction():
        rows = await conn.fetch(claim, limit)
        for row in rows:
            await publisher.publish(topic, event_of(row))
        await conn.execute(mark, [row[0] for row in rows])
    return list(rows)
