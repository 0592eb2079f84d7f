"""Publishing what the store queued in the same transaction as the change (an outbox).

A periodic job of every worker claims queued rows (SKIP LOCKED, so two workers never publish one
twice at once), publishes each in order and marks them published in one transaction. A crash
between the broker's ack and the commit publishes a row again with the same event id, which
consumers count once.

A row that cannot be published (its event cannot be made, or the broker refuses that event) does
not hold the others back: the others are published and marked, and the row's attempt is counted
in `matching.outbox_failures` with a reason naming the error, never the row's values. After
`FUGONG_OUTBOX_ATTEMPTS_BEFORE_DEAD_LETTER` attempts it is set aside: its `dead_lettered_at` is
set, so no claim takes it again, and its failure row says why (an operator who fixed the cause
clears both to queue it again). A broker or database away fails the whole run instead (every row
is retried, none counted against): the periodic job's runner backs off and tries again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

import asyncpg
import structlog
from pydantic import BaseModel, ValidationError

from services.contracts.envelope import CloudEvent
from services.contracts.topics import TopicSpec, topic_name
from services.matching import metrics
from services.platform.kafka import EventPublisher, KafkaEventPublisher, PublishFailed
from services.platform.postgres import Connection
from services.platform.stream.periodic import periodic_job
from services.platform.stream.worker import Extension

log = structlog.get_logger(__name__)

_NOT_THE_ROW = (PublishFailed, OSError, TimeoutError, asyncpg.PostgresError)
"""The broker or the database away: no row's fault, the run fails as a whole."""

_FAILED = """
INSERT INTO matching.outbox_failures AS f (outbox, row_key, attempts, reason)
VALUES ($1, $2, 1, $3)
ON CONFLICT (outbox, row_key) DO UPDATE
SET attempts = f.attempts + 1, reason = excluded.reason, last_failed_at = now()
RETURNING attempts
"""
_DEAD_LETTERED = """
UPDATE matching.outbox_failures SET dead_lettered_at = now() WHERE outbox = $1 AND row_key = $2
"""
_RECOVERED = """
DELETE FROM matching.outbox_failures WHERE outbox = $1 AND row_key = ANY($2::text[])
"""


@dataclass(frozen=True)
class Outbox:
    """A table of `matching` rows to publish, keyed by its claimed rows' first columns."""

    table: str
    """Its name in the schema; it has `published_at` and `dead_lettered_at` columns."""
    keys: Sequence[tuple[str, str]]
    """The key's columns and their PostgreSQL types, in the order the claim selects them."""
    claim: str
    """Up to $1 unpublished rows that are not set aside, in publishing order, FOR UPDATE SKIP
    LOCKED; the key's columns first."""
    event_of: Callable[[asyncpg.Record], CloudEvent[BaseModel]]
    """A claimed row's event (its id the same whenever the row is published again)."""

    def stamp(self, column: str) -> str:
        names = ", ".join(name for name, _ in self.keys)
        arrays = ", ".join(f"${i}::{kind}[]" for i, (_, kind) in enumerate(self.keys, start=1))
        return (
            f"UPDATE matching.{self.table} SET {column} = now() "  # noqa: S608 - constant names
            f"WHERE ({names}) IN (SELECT * FROM unnest({arrays}))"
        )

    def key_of(self, row: asyncpg.Record) -> tuple[object, ...]:
        return tuple(row[i] for i in range(len(self.keys)))


def reason_of(exc: Exception) -> str:
    """The error's type and, for invalid data, the fields and rules broken, never the values."""
    if isinstance(exc, ValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'event'}: {err['type']}"
            for err in exc.errors(include_input=False)
        )
        return f"ValidationError: {problems}"
    return type(exc).__name__


async def publish_queued(
    pool: asyncpg.Pool,
    publisher: EventPublisher,
    topic: str,
    outbox: Outbox,
    *,
    limit: int,
    attempts_before_dead_letter: int,
) -> list[asyncpg.Record]:
    """Claim up to `limit` rows, publish each row's event one by one, in the claimed order, mark
    those published, count the others' failures; return the published rows."""
    published: list[asyncpg.Record] = []
    async with pool.acquire() as conn, conn.transaction():
        for row in await conn.fetch(outbox.claim, limit):
            try:
                await publisher.publish(topic, outbox.event_of(row))
            except _NOT_THE_ROW:
                raise
            except Exception as exc:  # this row's own: it must not hold the others back
                await _failed(conn, outbox, row, exc, attempts_before_dead_letter)
                continue
            published.append(row)
        if published:
            keys = [outbox.key_of(row) for row in published]
            await conn.execute(outbox.stamp("published_at"), *map(list, zip(*keys, strict=True)))
            await conn.execute(_RECOVERED, outbox.table, [_key_text(key) for key in keys])
    return published


class OutboxPublisher:
    """The periodic job publishing one outbox: a subclass names it in `outbox`."""

    outbox: ClassVar[Outbox]

    def __init__(
        self,
        pool: asyncpg.Pool,
        publisher: EventPublisher,
        topic: str,
        attempts_before_dead_letter: int = 5,
    ) -> None:
        self._pool = pool
        self._publisher = publisher
        self._topic = topic
        self._attempts = attempts_before_dead_letter

    async def run(self, limit: int = 500) -> int:
        """Publish up to `limit` queued rows; return how many were published."""
        rows = await publish_queued(
            self._pool, self._publisher, self._topic, self.outbox,
            limit=limit, attempts_before_dead_letter=self._attempts,
        )  # fmt: skip
        if rows:
            log.info("outbox rows published", outbox=self.outbox.table, count=len(rows))
        return len(rows)


def publishing_job(
    name: str,
    interval_seconds: float,
    topic: TopicSpec,
    job: type[OutboxPublisher],
    attempts_before_dead_letter: int,
) -> Extension:
    """The worker extension running `job` on `topic` every `interval_seconds`."""
    return periodic_job(
        name,
        interval_seconds,
        lambda pool, producer, settings: job(
            pool,
            KafkaEventPublisher(producer),
            topic_name(topic, settings.topic_prefix),
            attempts_before_dead_letter,
        ),
    )


async def _failed(
    conn: Connection, outbox: Outbox, row: asyncpg.Record, exc: Exception, limit: int
) -> None:
    key, reason = outbox.key_of(row), reason_of(exc)
    attempts: int = await conn.fetchval(_FAILED, outbox.table, _key_text(key), reason)
    fields = {"outbox": outbox.table, "row": _key_text(key), "reason": reason, "attempts": attempts}
    if attempts < limit:
        log.warning("outbox row not published; it is retried", **fields)
        return
    await conn.execute(outbox.stamp("dead_lettered_at"), *([part] for part in key))
    await conn.execute(_DEAD_LETTERED, outbox.table, _key_text(key))
    metrics.OUTBOX_DEAD_LETTERS.labels(outbox.table).inc()
    log.error("outbox row set aside as a dead letter", **fields)


def _key_text(key: tuple[object, ...]) -> str:
    return "/".join(str(part) for part in key)
