"""MonitoringStore on PostgreSQL: one transaction per batch, effect and dedupe record together.

Concurrency: several workers may touch one enterprise or point (registration and report topics)
or one place, a district x industry section (different enterprises there, or an enterprise
registered there). Each transaction takes advisory locks, its enterprises and points first and
then the places they are and will be in, each in sorted order. Every change to a cell's figures
holds its place's lock, so the recomputation of a cell runs after any concurrent change to it
has committed (READ COMMITTED gives each statement a fresh snapshot), and no two transactions
wait on each other in a cycle.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import asyncpg

from services.monitoring.adapters import community_sql, return_to_work_sql
from services.monitoring.domain.community import CommunityFigures, DistrictWeek
from services.monitoring.domain.figures import CellFigures, CellKey
from services.monitoring.domain.records import (
    Record,
    RecordCommunityPoint,
    RecordCommunityReport,
    RecordRegistration,
    RecordWarningAcknowledged,
    RecordWeeklyReport,
    entity_of,
    unique_by_event_id,
)
from services.platform.postgres import Connection
from services.platform.stream.store import postgres_outcomes

_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

_ACKNOWLEDGE = """
INSERT INTO warning_acknowledgements (warning_id, acknowledged_by, acknowledged_at, note, event_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[])
ORDER BY 3
ON CONFLICT (warning_id) DO NOTHING
"""

_MARK_PROCESSED = """
INSERT INTO processed_events (event_id, kind)
SELECT * FROM unnest($1::text[], $2::text[]) ORDER BY 1
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id
"""


class PostgresMonitoringStore:
    """Writes the tables of `schema`: the live `monitoring`, or a rebuild's fresh copy of them.

    Statements name tables without a schema; each transaction sets its search path first.
    """

    def __init__(self, pool: asyncpg.Pool, schema: str = "monitoring") -> None:
        if not _SCHEMA_NAME.fullmatch(schema):
            raise ValueError(f"not a schema name: {schema!r}")
        self._pool = pool
        self._search_path = f"SET LOCAL search_path TO {schema}"
        # Advisory lock spaces of their own, so that a rebuild never waits on the live worker.
        self._entity_locks, self._place_locks = (
            zlib.crc32(f"{schema}/{kind}".encode()) & 0x7FFFFFFF for kind in ("entities", "places")
        )

    async def record(self, records: Sequence[Record]) -> int:
        batch = unique_by_event_id(list(records))
        if not batch:
            return 0
        with postgres_outcomes("monitoring"):
            return await self._record(batch)

    async def _record(self, batch: list[Record]) -> int:
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(self._search_path)
            await return_to_work_sql.lock_keys(
                conn, self._entity_locks, sorted({entity_of(r) for r in batch})
            )
            new_ids = {
                row["event_id"]
                for row in await conn.fetch(
                    _MARK_PROCESSED,
                    [r.event_id for r in batch],
                    [r.kind for r in batch],
                )
            }
            new = [r for r in batch if r.event_id in new_ids]
            registrations = [r for r in new if isinstance(r, RecordRegistration)]
            reports = [r for r in new if isinstance(r, RecordWeeklyReport)]
            await return_to_work_sql.lock_places(conn, self._place_locks, new)
            # A registration may move an enterprise or change whether it is expected to report:
            # the cells it leaves and joins are computed whole. Reports change cells by deltas.
            touched_enterprises = {r.profile.credit_code for r in registrations}
            cells = await return_to_work_sql.cells_of(conn, touched_enterprises)
            await return_to_work_sql.upsert_enterprises(conn, registrations)
            cells |= await return_to_work_sql.upsert_reports(conn, reports)
            cells |= await return_to_work_sql.cells_of(conn, touched_enterprises)
            await return_to_work_sql.recompute_cells(conn, cells)
            # Community sums are made when read (a few hundred points): rows are all they need.
            await community_sql.upsert_points(
                conn, [r for r in new if isinstance(r, RecordCommunityPoint)]
            )
            await community_sql.upsert_reports(
                conn, [r for r in new if isinstance(r, RecordCommunityReport)]
            )
            await _acknowledge(conn, [r for r in new if isinstance(r, RecordWarningAcknowledged)])
            return len(new)

    async def cells(self, week: str) -> dict[CellKey, CellFigures]:
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(self._search_path)
            return await return_to_work_sql.cells_of_week(conn, week)

    async def community(self, week: str) -> dict[DistrictWeek, CommunityFigures]:
        async with self._pool.acquire() as conn:
            return await community_sql.districts_of_week(conn, week)


async def _acknowledge(conn: Connection, records: list[RecordWarningAcknowledged]) -> None:
    if records:
        await conn.execute(
            _ACKNOWLEDGE,
            [r.warning_id for r in records],
            [r.acknowledged_by for r in records],
            [r.acknowledged_at for r in records],
            [r.note for r in records],
            [r.event_id for r in records],
        )
