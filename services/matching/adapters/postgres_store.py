"""Matching's RecordStore on PostgreSQL: one transaction per batch, effects and dedupe together.

Registrations keep the key-enterprise register, assignments its officers, posting changes and
reviews the postings (`postings_sql.py`, through `domain/postings.py`, with the changes that came
early kept as pending) and the audit trail of decisions; then the demand lists' cells at every
place the batch touched are recomputed (`demand_sql.py`), and job fairs' events applied
(`fairs_sql.py`).

Concurrency: each transaction first takes an advisory lock per enterprise, posting and fair,
in sorted order (a posting's change also locks its enterprise, so a registration that moves the
enterprise's postings to another industry and a change to one of them never recompute past each
other), then the place locks of `demand_sql.py`.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence

import asyncpg

from services.contracts.demand import DemandList
from services.matching.adapters import demand_sql, fairs_sql, postings_sql, seekers_sql, sharing_sql
from services.matching.domain.demand import Cell, CellKey
from services.matching.domain.fairs import FairSummary
from services.matching.domain.postings import (
    Decision,
    Posting,
    PostingChange,
    Review,
    Screen,
)
from services.matching.domain.recommend import Recommendation
from services.matching.domain.records import (
    FAIR_RECORDS,
    Record,
    RecordEnterprise,
    RecordOfficer,
    ranking_day,
)
from services.matching.domain.sharing import Shared
from services.matching.metrics import count_decisions, count_fair_events
from services.platform.postgres import Connection
from services.platform.stream.store import postgres_outcomes

_SUBJECT_LOCKS, _PLACE_LOCKS = (
    zlib.crc32(f"matching/{kind}".encode()) & 0x7FFFFFFF for kind in ("subjects", "places")
)

_MARK_PROCESSED = """
INSERT INTO matching.processed_events (event_id)
SELECT * FROM unnest($1::text[]) ORDER BY 1
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id
"""

_UPSERT_ENTERPRISES = """
INSERT INTO matching.enterprises (credit_code, name, district_code, industry_section,
                                  key_category, registered_at, event_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                     $6::timestamptz[], $7::text[])
ON CONFLICT (credit_code) DO UPDATE
SET name = excluded.name, district_code = excluded.district_code,
    industry_section = excluded.industry_section, key_category = excluded.key_category,
    registered_at = excluded.registered_at, event_id = excluded.event_id
WHERE excluded.registered_at >= matching.enterprises.registered_at
"""

_ASSIGN_OFFICERS = """
INSERT INTO matching.service_officers (credit_code, district_code, staff_id, assigned_by,
                                       assigned_at, event_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                     $6::text[])
ON CONFLICT (credit_code) DO UPDATE
SET district_code = excluded.district_code, staff_id = excluded.staff_id,
    assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at,
    event_id = excluded.event_id
WHERE excluded.assigned_at >= matching.service_officers.assigned_at
"""

_OFFICER_HISTORY = """
INSERT INTO matching.service_officer_history (credit_code, district_code, staff_id,
                                              assigned_by, assigned_at, event_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                     $6::text[])
ON CONFLICT (event_id) DO NOTHING
"""


class PostgresMatchingStore:
    def __init__(self, pool: asyncpg.Pool, screen: Screen) -> None:
        self._pool = pool
        self._screen = screen

    async def record(self, records: Sequence[Record]) -> int:
        batch = list({r.event_id: r for r in reversed(records)}.values())[::-1]
        if not batch:
            return 0
        decided: list[Decision] = []
        fairs: Counter[str] = Counter()
        with postgres_outcomes("matching"):
            async with self._pool.acquire() as conn, conn.transaction():
                recorded = await self._record(conn, batch, decided, fairs)
        count_decisions(decided)  # once committed
        count_fair_events(fairs)
        return recorded

    async def demand(self) -> dict[CellKey, Cell]:
        rows = await self._pool.fetch(
            "SELECT demand_list, district_code, industry_section, occupation_group, "
            "open_postings, open_vacancies FROM matching.demand_lists_v"
        )
        return {CellKey(DemandList(r[0]), r[1], r[2], r[3]): Cell(r[4], r[5]) for r in rows}

    async def posting(self, posting_id: str) -> Posting | None:
        return await postings_sql.read_posting(self._pool, posting_id)

    async def decisions(self, posting_id: str) -> list[tuple[int, str, str]]:
        rows = await self._pool.fetch(
            "SELECT version, outcome, decided_by FROM matching.posting_decisions "
            "WHERE posting_id = $1 ORDER BY decided_at, version, recorded_at",
            posting_id,
        )
        return [(r[0], r[1], r[2]) for r in rows]

    async def officer(self, credit_code: str) -> tuple[str, str] | None:
        row = await self._pool.fetchrow(
            "SELECT district_code, staff_id FROM matching.key_enterprise_officers_v "
            "WHERE credit_code = $1",
            credit_code,
        )
        return None if row is None else (row[0], row[1])

    async def recommendations(self, seeker_id: str) -> list[Recommendation]:
        return await seekers_sql.recommendations(self._pool, seeker_id)

    async def notices_queued(self) -> dict[tuple[str, str], dict[str, str]]:
        return await seekers_sql.notices_queued(self._pool)

    async def active_job_seekers(self) -> dict[tuple[str, str], int]:
        return await seekers_sql.active_job_seekers(self._pool)

    async def sharing(self) -> Shared:
        return await sharing_sql.shared(self._pool)

    async def fair(self, fair_id: str) -> FairSummary | None:
        return await fairs_sql.summary(self._pool, fair_id)

    async def _record(
        self, conn: Connection, batch: list[Record], decided: list[Decision], fairs: Counter[str]
    ) -> int:
        new = {row[0] for row in await conn.fetch(_MARK_PROCESSED, [r.event_id for r in batch])}
        batch = [r for r in batch if r.event_id in new]
        if not batch:
            return 0
        enterprises = [r for r in batch if isinstance(r, RecordEnterprise)]
        officers = [r for r in batch if isinstance(r, RecordOfficer)]
        changes = [r for r in batch if isinstance(r, PostingChange)]
        reviews = [r for r in batch if isinstance(r, Review)]
        fair_records = [r for r in batch if isinstance(r, FAIR_RECORDS)]
        posting_ids = sorted({r.posting_id for r in changes} | {r.posting_id for r in reviews})
        owners = await conn.fetch(
            "SELECT credit_code::text FROM matching.postings WHERE posting_id = ANY($1::uuid[])",
            posting_ids,
        )
        credit_codes = sorted(
            {r.credit_code for r in enterprises}
            | {r.credit_code for r in officers}
            | {r.credit_code for r in changes}
        )
        subjects = {f"enterprise:{c}" for c in credit_codes} | {f"posting:{p}" for p in posting_ids}
        subjects |= {f"enterprise:{row[0]}" for row in owners}
        subjects |= {f"fair:{r.fair_id}" for r in fair_records}
        seekers = seekers_sql.seekers_of(batch)
        subjects |= {f"seeker:{r.seeker_id}" for r in seekers}
        await conn.execute(
            "SELECT pg_advisory_xact_lock($1, hashtext(k)) FROM unnest($2::text[]) k ORDER BY k",
            _SUBJECT_LOCKS,
            sorted(subjects),
        )
        registered = [r.credit_code for r in enterprises]
        places = await demand_sql.places_of(conn, posting_ids, registered)
        await _register(conn, enterprises)
        await _assign(conn, officers)
        decided += await postings_sql.advance_postings(
            conn, posting_ids, changes, reviews, self._screen
        )
        places |= await demand_sql.places_of(conn, posting_ids, registered)
        await demand_sql.refresh(conn, places, _PLACE_LOCKS)
        changed_seekers = await seekers_sql.record_seekers(conn, seekers)
        await seekers_sql.refresh_lists(conn, changed_seekers, posting_ids, ranking_day(batch))
        fairs.update(await fairs_sql.record(conn, fair_records))
        await sharing_sql.record(conn, batch)  # its group locks come last
        return len(batch)


async def _register(conn: Connection, enterprises: list[RecordEnterprise]) -> None:
    latest: dict[str, RecordEnterprise] = {}
    for record in enterprises:
        known = latest.get(record.credit_code)
        if known is None or record.registered_at >= known.registered_at:
            latest[record.credit_code] = record
    if not latest:
        return
    rows = sorted(latest.values(), key=lambda r: r.credit_code)
    await conn.execute(
        _UPSERT_ENTERPRISES,
        [r.credit_code for r in rows],
        [r.name for r in rows],
        [r.district_code for r in rows],
        [r.industry_section for r in rows],
        [r.key_category for r in rows],
        [r.registered_at for r in rows],
        [r.event_id for r in rows],
    )


async def _assign(conn: Connection, officers: list[RecordOfficer]) -> None:
    if not officers:
        return
    columns = (
        [r.credit_code for r in officers],
        [r.district_code for r in officers],
        [r.staff_id for r in officers],
        [r.assigned_by for r in officers],
        [r.assigned_at for r in officers],
        [r.event_id for r in officers],
    )
    await conn.execute(_OFFICER_HISTORY, *columns)
    latest: dict[str, RecordOfficer] = {}
    for record in officers:
        known = latest.get(record.credit_code)
        if known is None or record.assigned_at >= known.assigned_at:
            latest[record.credit_code] = record
    rows = sorted(latest.values(), key=lambda r: r.credit_code)
    await conn.execute(
        _ASSIGN_OFFICERS,
        [r.credit_code for r in rows],
        [r.district_code for r in rows],
        [r.staff_id for r in rows],
        [r.assigned_by for r in rows],
        [r.assigned_at for r in rows],
        [r.event_id for r in rows],
    )
