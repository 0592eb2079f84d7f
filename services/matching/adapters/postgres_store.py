"""Matching's RecordStore on PostgreSQL: one transaction per batch, effects and dedupe together.

Registrations keep the key-enterprise register, assignments its officers, posting changes and
reviews the postings (through `domain/postings.py`, with the changes that came early kept as
pending) and the audit trail of decisions; then the demand lists' cells at every place the batch
touched are recomputed (`demand_sql.py`), and job fairs' events applied (`fairs_sql.py`).

Concurrency: each transaction first takes an advisory lock per enterprise, posting and fair,
in sorted order (a posting's change also locks its enterprise, so a registration that moves the
enterprise's postings to another industry and a change to one of them never recompute past each
other), then the place locks of `demand_sql.py`.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime

import asyncpg
import orjson

from services.contracts.demand import DemandList
from services.contracts.postings import PostingDetails
from services.matching.adapters import demand_sql, fairs_sql, seekers_sql, sharing_sql
from services.matching.domain.demand import Cell, CellKey
from services.matching.domain.fairs import FairSummary
from services.matching.domain.postings import (
    ChangeKind,
    Decision,
    Finding,
    Posting,
    PostingChange,
    PostingStatus,
    Review,
    Screen,
    advance,
    review,
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

_POSTINGS = """
SELECT posting_id::text, credit_code::text, version, status, filled, details, findings, changed_at
FROM matching.postings WHERE posting_id = ANY($1::uuid[]) FOR UPDATE
"""

_SAVE_POSTINGS = """
INSERT INTO matching.postings (posting_id, credit_code, version, status, title, occupation_code,
    occupation_group, headcount, filled, district_code, details, findings, changed_at)
SELECT p, c, v, s, t, oc, og, h, f, d, dt::jsonb, fs::jsonb, ca
FROM unnest($1::uuid[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::integer[], $9::integer[], $10::text[], $11::text[], $12::text[],
            $13::timestamptz[]) AS u(p, c, v, s, t, oc, og, h, f, d, dt, fs, ca)
ON CONFLICT (posting_id) DO UPDATE
SET version = excluded.version, status = excluded.status, title = excluded.title,
    occupation_code = excluded.occupation_code, occupation_group = excluded.occupation_group,
    headcount = excluded.headcount, filled = excluded.filled,
    district_code = excluded.district_code, details = excluded.details,
    findings = excluded.findings, changed_at = excluded.changed_at
"""

_PENDING = """
SELECT change FROM matching.pending_changes WHERE posting_id = ANY($1::uuid[])
ORDER BY posting_id, version, event_id
"""

_KEEP_PENDING = """
INSERT INTO matching.pending_changes (event_id, posting_id, version, change)
SELECT e, p, v, c::jsonb
FROM unnest($1::text[], $2::uuid[], $3::integer[], $4::text[]) AS u(e, p, v, c)
"""

_DECISIONS = """
INSERT INTO matching.posting_decisions (event_id, posting_id, version, outcome, decided_by,
                                        reason, findings, decided_at)
SELECT e, p, v, o, b, r, f::jsonb, a
FROM unnest($1::text[], $2::uuid[], $3::integer[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::timestamptz[]) AS u(e, p, v, o, b, r, f, a)
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
        rows = await self._pool.fetch(_POSTINGS.replace(" FOR UPDATE", ""), [posting_id])
        return _posting(rows[0]) if rows else None

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
        decided += await self._postings(conn, posting_ids, changes, reviews)
        places |= await demand_sql.places_of(conn, posting_ids, registered)
        await demand_sql.refresh(conn, places, _PLACE_LOCKS)
        changed_seekers = await seekers_sql.record_seekers(conn, seekers)
        await seekers_sql.refresh_lists(conn, changed_seekers, posting_ids, ranking_day(batch))
        fairs.update(await fairs_sql.record(conn, fair_records))
        await sharing_sql.record(conn, batch)  # its group locks come last
        return len(batch)

    async def _postings(
        self,
        conn: Connection,
        posting_ids: list[str],
        changes: list[PostingChange],
        reviews: list[Review],
    ) -> list[Decision]:
        if not posting_ids:
            return []
        current = {row[0]: _posting(row) for row in await conn.fetch(_POSTINGS, posting_ids)}
        incoming: dict[str, list[PostingChange]] = defaultdict(list)
        for row in await conn.fetch(_PENDING, posting_ids):
            change = _change_from_json(row[0])
            incoming[change.posting_id].append(change)
        for change in changes:
            incoming[change.posting_id].append(change)
        saved: list[Posting] = []
        pending: list[PostingChange] = []
        decisions: list[Decision] = []
        for posting_id in posting_ids:
            step = advance(current.get(posting_id), incoming[posting_id], self._screen)
            posting = step.posting
            decisions.extend(step.decisions)
            pending.extend(step.pending)
            for decided in (r for r in reviews if r.posting_id == posting_id):
                posting, decision = review(posting, decided)
                decisions.append(decision)
            if posting is not None and posting != current.get(posting_id):
                saved.append(posting)
        await conn.execute(
            "DELETE FROM matching.pending_changes WHERE posting_id = ANY($1::uuid[])", posting_ids
        )
        await _save_postings(conn, saved)
        if pending:
            await conn.execute(
                _KEEP_PENDING,
                [c.event_id for c in pending],
                [c.posting_id for c in pending],
                [c.version for c in pending],
                [_json(_change_to_json(c)) for c in pending],
            )
        if decisions:
            await conn.execute(
                _DECISIONS,
                [d.event_id for d in decisions],
                [d.posting_id for d in decisions],
                [d.version for d in decisions],
                [d.outcome for d in decisions],
                [d.decided_by for d in decisions],
                [d.reason for d in decisions],
                [_json([_finding_json(f) for f in d.findings]) for d in decisions],
                [d.at for d in decisions],
            )
        return decisions


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


async def _save_postings(conn: Connection, postings: list[Posting]) -> None:
    if not postings:
        return
    await conn.execute(
        _SAVE_POSTINGS,
        [p.posting_id for p in postings],
        [p.credit_code for p in postings],
        [p.version for p in postings],
        [p.status.value for p in postings],
        [p.details.title for p in postings],
        [p.details.occupation_code for p in postings],
        [p.occupation_group for p in postings],
        [p.details.headcount for p in postings],
        [p.filled for p in postings],
        [p.details.district_code for p in postings],
        [p.details.model_dump_json() for p in postings],
        [_json([_finding_json(f) for f in p.findings]) for p in postings],
        [p.changed_at for p in postings],
    )


def _posting(row: asyncpg.Record) -> Posting:
    return Posting(
        posting_id=row["posting_id"],
        credit_code=row["credit_code"],
        version=row["version"],
        details=PostingDetails.model_validate(row["details"]),
        status=PostingStatus(row["status"]),
        filled=row["filled"],
        findings=tuple(Finding(**f) for f in row["findings"]),
        changed_at=row["changed_at"],
    )


def _json(value: object) -> str:
    # JSON text: asyncpg would read a list of lists as a two-dimensional array.
    return orjson.dumps(value).decode()


def _finding_json(finding: Finding) -> dict[str, str]:
    return {
        "rule": finding.rule,
        "field": finding.field,
        "matched": finding.matched,
        "reason": finding.reason,
    }


def _change_to_json(change: PostingChange) -> dict[str, object]:
    return {
        "event_id": change.event_id,
        "posting_id": change.posting_id,
        "credit_code": change.credit_code,
        "version": change.version,
        "kind": change.kind.value,
        "at": change.at.isoformat(),
        "details": None if change.details is None else change.details.model_dump(mode="json"),
        "filled": change.filled,
        "reason": change.reason,
    }


def _change_from_json(document: dict[str, object]) -> PostingChange:
    details = document["details"]
    filled = document["filled"]
    reason = document["reason"]
    return PostingChange(
        event_id=str(document["event_id"]),
        posting_id=str(document["posting_id"]),
        credit_code=str(document["credit_code"]),
        version=int(str(document["version"])),
        kind=ChangeKind(str(document["kind"])),
        at=datetime.fromisoformat(str(document["at"])),
        details=None if details is None else PostingDetails.model_validate(details),
        filled=None if filled is None else int(str(filled)),
        reason=None if reason is None else str(reason),
    )
