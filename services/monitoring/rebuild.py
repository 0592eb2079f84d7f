"""Rebuild monitoring's derived state from the topics, then switch over: `python -m
services.monitoring.rebuild` (after a rule or formula change, or to prove the figures).

1. Fresh, empty copies of the derived tables are made in the schema `monitoring_rebuild`.
2. Every event on monitoring's topics is recorded into them, by the same routes and store the
   worker uses, while the live worker goes on serving and recording.
3. The switch, in one transaction: lock the live tables (waiting for the batch in hand, holding
   the next), record what arrived meanwhile, move the rebuilt tables in and the old ones out,
   point the published views at the new tables, and drop the old ones. Readers wait a moment;
   nothing is lost: an event the live worker had recorded is in the topics and so in the
   rebuild, and one it had not is recorded by it afterwards (or skipped, if the rebuild has it).

Dead letters are not written again: the live worker sent them already.
It makes and swaps tables, so it runs as the privileged role of the migration step
(FUGONG_DATABASE_URL set to that role's URL), and re-grants monitoring's rights on the new tables
in the switch's transaction.
What is not derived from the topics stays as it is: reminders, compliance runs and warnings.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

import asyncpg
import structlog

from services.contracts.topics import topic_name
from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.app import SCHEMA, SERVICE
from services.monitoring.domain.records import Record
from services.monitoring.events import ROUTES
from services.monitoring.settings import MonitoringSettings
from services.platform.database_grants import grant_own_schema, grant_published_views
from services.platform.kafka import DeadLetter
from services.platform.migrations import wait_for_schema
from services.platform.postgres import Connection, open_database
from services.platform.stream.batches import BatchProcessor
from services.platform.stream.events import Routes
from services.platform.stream.replay import Progress, Replayer
from services.platform.structured_logging import configure_logging

log = structlog.get_logger(__name__)

REBUILD = "monitoring_rebuild"
REPLACED = "monitoring_replaced"
DERIVED_TABLES = (
    "processed_events",
    "enterprises",
    "weekly_reports",
    "return_to_work_cells",
    "community_points",
    "community_reports",
    "warning_acknowledgements",
)


class DeadLettersSentAlready:
    """The live worker dead-lettered these; a rebuild only counts them."""

    def __init__(self) -> None:
        self.count = 0

    async def send(self, letter: DeadLetter) -> None:
        self.count += 1


async def rebuild(
    settings: MonitoringSettings, *, lock_timeout_seconds: float = 30, role_prefix: str = ""
) -> Progress:
    pool = await open_database(settings, max_size=3)
    try:
        await wait_for_schema(pool, SCHEMA, "services.monitoring", timeout_seconds=0)
        await _fresh_tables(pool)
        skipped = DeadLettersSentAlready()
        processor: BatchProcessor[Record] = BatchProcessor(
            f"{SERVICE}-rebuild",
            Routes({topic_name(t, settings.topic_prefix): r for t, r in ROUTES.items()}),
            PostgresMonitoringStore(pool, REBUILD),
            skipped,
        )
        topics = [topic_name(t, settings.topic_prefix) for t in ROUTES]
        async with Replayer(settings.kafka_bootstrap_servers, topics, processor) as replayer:
            progress = await replayer.catch_up()
            log.info("rebuilt; switching over", records=progress.records, seconds=progress.seconds)
            async with pool.acquire() as conn, conn.transaction():
                await conn.execute(f"SET LOCAL lock_timeout = '{int(lock_timeout_seconds)}s'")
                await conn.execute(
                    f"LOCK TABLE {', '.join(f'{SCHEMA}.{t}' for t in DERIVED_TABLES)} "
                    "IN ACCESS EXCLUSIVE MODE"
                )
                progress = await replayer.catch_up()
                await _switch(conn, role_prefix)
        log.info(
            "switched over to the rebuilt tables",
            records=progress.records,
            events=progress.new_events,
            dead_letters_skipped=skipped.count,
            seconds=round(progress.seconds, 1),
        )
        return progress
    finally:
        await pool.close()


async def _fresh_tables(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(f"DROP SCHEMA IF EXISTS {REBUILD} CASCADE; CREATE SCHEMA {REBUILD}")
        for table in DERIVED_TABLES:
            await conn.execute(
                f"CREATE TABLE {REBUILD}.{table} (LIKE {SCHEMA}.{table} INCLUDING ALL)"
            )


async def _switch(conn: Connection, role_prefix: str) -> None:
    # Views follow tables, not names: keep their definitions (in creation order, so a view is
    # redefined after those it reads) and point them at the new tables once these are in place.
    views = await conn.fetch(
        "SELECT c.oid::regclass::text AS name, pg_get_viewdef(c.oid) AS definition "
        "FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind = 'v' "
        "ORDER BY c.oid",
        SCHEMA,
    )
    await conn.execute(f"DROP SCHEMA IF EXISTS {REPLACED} CASCADE; CREATE SCHEMA {REPLACED}")
    for table in DERIVED_TABLES:
        await conn.execute(f"ALTER TABLE {SCHEMA}.{table} SET SCHEMA {REPLACED}")
        await conn.execute(f"ALTER TABLE {REBUILD}.{table} SET SCHEMA {SCHEMA}")
    for view in views:
        await conn.execute(f"CREATE OR REPLACE VIEW {view['name']} AS {view['definition']}")
    await conn.execute(f"DROP SCHEMA {REPLACED} CASCADE; DROP SCHEMA {REBUILD}")
    # New tables carry no grants: monitoring's role and the views' readers get theirs back.
    await grant_own_schema(conn, SCHEMA, role_prefix)
    await grant_published_views(conn, SCHEMA, role_prefix)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.monitoring.rebuild")
    parser.add_argument(
        "--lock-timeout", type=float, default=30, help="seconds to wait for the live tables"
    )
    parser.add_argument(
        "--role-prefix", default="", help="as the migration step's (roles are <prefix><service>)"
    )
    args = parser.parse_args(argv)
    settings = MonitoringSettings()
    configure_logging("monitoring-rebuild", settings.log_level, settings.log_format)
    progress = asyncio.run(
        rebuild(settings, lock_timeout_seconds=args.lock_timeout, role_prefix=args.role_prefix)
    )
    print(
        f"rebuilt from {progress.records} records ({progress.new_events} events) "
        f"in {progress.seconds:.1f} s and switched over"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
