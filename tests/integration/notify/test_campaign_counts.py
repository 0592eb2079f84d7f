"""A campaign's counts kept by the messages table's triggers (notify migration 009) equal a
count of its messages, whatever moved them, in whatever transactions, folded or not."""

from __future__ import annotations

import asyncio
import random
import uuid
from dataclasses import replace

import asyncpg
import pytest

from services.notify.adapters.bulk_messages import add_messages
from services.notify.adapters.delivery_events import FOLD_CAMPAIGN_COUNTS
from services.platform.migrations import apply_migrations, load_migrations, migrate
from services.platform.postgres import Connection, open_pool
from tests.support.notify_campaign import recipient

pytestmark = pytest.mark.integration

_COUNTED = """
SELECT campaign_id, coalesce(channel, 'none') AS channel, status, count(*) AS messages,
       coalesce(sum(segments) FILTER (WHERE channel = 'sms'), 0) AS segments
FROM notify.messages WHERE campaign_id IS NOT NULL
GROUP BY 1, 2, 3
"""

_KEPT = "SELECT campaign_id, channel, status, messages, segments FROM notify.campaign_progress_v"

_PROVIDERS = {"sms": ["tencent_sms", "aliyun_sms"], "wechat": ["wechat"], "voice": ["tencent_vms"]}
_STATUSES = ["created", "sent", "delivered", "temporary_failure", "permanent_failure",
             "technical_failure", "cancelled"]  # fmt: skip


async def _as_counted(pool: asyncpg.Pool, query: str) -> set[tuple[object, ...]]:
    return {tuple(row) for row in await pool.fetch(query)}


async def _new_campaign(pool: asyncpg.Pool, messages: int, serial0: int) -> uuid.UUID:
    campaign = uuid.uuid4()
    await pool.execute(
        "INSERT INTO notify.campaigns (campaign_id, credit_code, template, body, segments, "
        "send_at, requested_by, requested_at, recipients) "
        "VALUES ($1, '91310115MA1K4XYZ3F', 'service_status_changed', '【复工】', 1, now(), "
        "'tests', now(), $2)",
        campaign,
        messages,
    )
    batch = [
        replace(recipient(serial0 + n, f"counts-{campaign}"), campaign_id=campaign)
        for n in range(messages)
    ]
    assert await add_messages(pool, batch) == messages
    return campaign


async def _move(conn: Connection, rng: random.Random, campaign: uuid.UUID) -> None:
    """Some of the campaign's messages to a status, a channel, a provider and a part count.
    Locked in one order (by event id), so writers moving the same rows wait, never deadlock."""
    channel = rng.choice(list(_PROVIDERS))
    await conn.execute(
        """WITH chosen AS (
               SELECT event_id FROM notify.messages WHERE campaign_id = $1
               ORDER BY random() LIMIT $6
           ), locked AS (
               SELECT m.event_id FROM notify.messages m JOIN chosen USING (event_id)
               ORDER BY m.event_id FOR UPDATE OF m
           )
           UPDATE notify.messages SET status = $2, channel = $3, provider = $4, segments = $5,
               status_changed_at = now()
           WHERE event_id IN (SELECT event_id FROM locked)""",
        campaign,
        rng.choice(_STATUSES),
        channel,
        rng.choice(_PROVIDERS[channel]),
        rng.randint(1, 3),
        rng.randint(1, 40),
    )


async def test_counts_follow_every_kind_of_statement_folded_or_not(pool: asyncpg.Pool) -> None:
    rng = random.Random(2020)
    first = await _new_campaign(pool, 120, 0)
    second = await _new_campaign(pool, 80, 1000)
    await add_messages(pool, [recipient(n, "not-a-campaign") for n in range(30)])
    assert await _as_counted(pool, _KEPT) == await _as_counted(pool, _COUNTED)

    for round_ in range(30):
        async with pool.acquire() as conn:
            await _move(conn, rng, rng.choice([first, second]))
            if round_ % 7 == 3:  # a statement rolled back counts nothing
                transaction = conn.transaction()
                await transaction.start()
                await _move(conn, rng, first)
                await transaction.rollback()
            if round_ % 5 == 0:  # one statement moving messages of both, and others too
                await conn.execute(
                    "UPDATE notify.messages SET status = 'delivered' "
                    "WHERE status = 'sent' OR campaign_id IS NULL"
                )
            if round_ % 4 == 1:
                await conn.execute(FOLD_CAMPAIGN_COUNTS)
        assert await _as_counted(pool, _KEPT) == await _as_counted(pool, _COUNTED), round_

    # A message handed to another campaign, messages deleted, the content purged: still equal.
    await pool.execute(
        "UPDATE notify.messages SET campaign_id = $2 WHERE event_id IN "
        "(SELECT event_id FROM notify.messages WHERE campaign_id = $1 LIMIT 5)",
        first,
        second,
    )
    await pool.execute(
        "UPDATE notify.messages SET campaign_id = $1 WHERE requested_by = 'not-a-campaign'", first
    )
    await pool.execute(
        "DELETE FROM notify.messages WHERE event_id IN "
        "(SELECT event_id FROM notify.messages WHERE campaign_id = $1 LIMIT 7)",
        second,
    )
    await pool.execute("UPDATE notify.messages SET body = NULL, slots = '[]'")
    assert await _as_counted(pool, _KEPT) == await _as_counted(pool, _COUNTED)
    await pool.execute(FOLD_CAMPAIGN_COUNTS)
    assert await pool.fetchval("SELECT count(*) FROM notify.campaign_count_changes") == 0
    assert await _as_counted(pool, _KEPT) == await _as_counted(pool, _COUNTED)
    # The totals alone now carry them.
    totals = await pool.fetchval(
        "SELECT sum(messages) FROM notify.campaign_counts WHERE campaign_id = ANY($1::uuid[])",
        [first, second],
    )
    assert totals == 120 + 80 + 30 - 7


async def test_counts_stay_exact_while_writers_race_the_fold(database: str) -> None:
    """Writers in their own transactions (some rolled back) and folds in between: a fold takes
    only changes whose statements committed before it, the rest stay for the next."""
    pool = await open_pool(database, min_size=6, max_size=6)
    try:
        await migrate(pool, "notify", "services.notify")
        campaigns = [await _new_campaign(pool, 300, n * 1000) for n in range(2)]

        async def writer(seed: int) -> None:
            rng = random.Random(seed)
            for _ in range(60):
                async with pool.acquire() as conn:
                    transaction = conn.transaction()
                    await transaction.start()
                    await _move(conn, rng, rng.choice(campaigns))
                    if rng.random() < 0.2:
                        await transaction.rollback()
                    else:
                        await transaction.commit()

        async def folder(stop: asyncio.Event) -> int:
            folds = 0
            while not stop.is_set():
                await pool.execute(FOLD_CAMPAIGN_COUNTS)
                folds += 1
                await asyncio.sleep(0.01)
            return folds

        stop = asyncio.Event()
        folding = asyncio.create_task(folder(stop))
        await asyncio.gather(*(writer(seed) for seed in range(4)))
        stop.set()
        assert await folding > 0
        assert await _as_counted(pool, _KEPT) == await _as_counted(pool, _COUNTED)
        await pool.execute(FOLD_CAMPAIGN_COUNTS)
        assert await _as_counted(pool, _KEPT) == await _as_counted(pool, _COUNTED)
    finally:
        await pool.close()


async def test_messages_already_there_are_counted_when_the_counts_begin(database: str) -> None:
    pool = await open_pool(database, max_size=2)
    try:
        migrations = load_migrations("services.notify")
        before = [m for m in migrations if m.version < 9]
        async with pool.acquire() as conn:
            await apply_migrations(conn, "notify", before)
        campaign = await _new_campaign(pool, 50, 0)
        await pool.execute(
            "UPDATE notify.messages SET status = 'delivered', channel = 'sms', "
            "provider = 'tencent_sms', segments = 2 WHERE event_id IN "
            "(SELECT event_id FROM notify.messages LIMIT 20)"
        )
        await migrate(pool, "notify", "services.notify")
        assert await _as_counted(pool, _KEPT) == await _as_counted(pool, _COUNTED)
        kept = {
            row["status"]: row["messages"]
            for row in await pool.fetch(
                "SELECT status, sum(messages) AS messages FROM notify.campaign_progress_v "
                "WHERE campaign_id = $1 GROUP BY status",
                campaign,
            )
        }
        assert kept == {"delivered": 20, "created": 30}
    finally:
        await pool.close()
