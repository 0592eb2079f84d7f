"""Job fairs on PostgreSQL, inside the matching store's batch transaction.

For each fair the batch touches (its advisory lock already held by the store), what the rules
need is read (the fair, its enterprises and enrolments, and the registrations and interests the
batch names), `domain/fairs.py`'s `apply` decides, and its effects are written.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import asyncpg

from services.matching.domain.fairs import (
    CountKey,
    Enrolment,
    Fair,
    FairBook,
    FairEffects,
    FairInterest,
    FairRecord,
    FairRegistration,
    FairScheduling,
    FairSummary,
    apply,
)
from services.platform.postgres import Connection

_FAIR = """
SELECT fair_id::text, title, organiser_district::text, starts_at, ends_at, theme,
       partner_regions, organised_by
FROM matching.fairs WHERE fair_id = $1
"""

_REGISTRATIONS = """
SELECT registration_id::text, fair_id::text, name, mobile, origin_region::text,
       desired_occupation, consent, seeker_id::text, registered_at, event_id
FROM matching.fair_registrations
"""


async def record(conn: Connection, records: Sequence[FairRecord]) -> Counter[str]:
    """Apply a batch's fair records; how many did what (`FairEffects.tally`)."""
    tally: Counter[str] = Counter()
    by_fair: dict[str, list[FairRecord]] = defaultdict(list)
    for fair_record in records:
        by_fair[fair_record.fair_id].append(fair_record)
    for fair_id in sorted(by_fair):
        mine = by_fair[fair_id]
        book = await _book(conn, fair_id, mine)
        effects = apply(book, mine)
        await _write(conn, fair_id, effects)
        tally.update(effects.tally())
    return tally


async def _book(conn: Connection, fair_id: str, records: list[FairRecord]) -> FairBook:
    row = await conn.fetchrow(_FAIR, fair_id)
    if row is None:
        return FairBook()
    named = sorted({r.registration_id for r in records if isinstance(r, FairRegistration)} | {
        r.registration_id for r in records if isinstance(r, FairInterest)
    })  # fmt: skip
    joined = await conn.fetch(
        "SELECT credit_code::text FROM matching.fair_enterprises WHERE fair_id = $1", fair_id
    )
    enrolled = await conn.fetch(
        "SELECT posting_id::text, credit_code::text, enrolled_at FROM matching.fair_postings "
        "WHERE fair_id = $1",
        fair_id,
    )
    registered = await conn.fetch(
        _REGISTRATIONS + " WHERE registration_id = ANY($1::uuid[]) AND fair_id = $2",
        named,
        fair_id,
    )
    marked = await conn.fetch(
        "SELECT registration_id::text, posting_id::text, expressed_at, event_id "
        "FROM matching.fair_interests WHERE registration_id = ANY($1::uuid[])",
        named,
    )
    return FairBook(
        fair=_fair(row),
        enterprises={r[0] for r in joined},
        enrolments={r[0]: Enrolment(r[0], r[1], r[2]) for r in enrolled},
        registrations={r[0]: _registration(r) for r in registered},
        interests={(r[0], r[1]): FairInterest(r[3], fair_id, r[0], r[1], r[2]) for r in marked},
    )


async def _write(conn: Connection, fair_id: str, effects: FairEffects) -> None:
    if effects.scheduled is not None:
        await conn.execute(
            "INSERT INTO matching.fairs (fair_id, title, organiser_district, starts_at, ends_at, "
            "theme, partner_regions, organised_by, scheduled_at, event_id) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            *_fair_row(effects.scheduled),
        )
    if effects.enterprises:
        await conn.executemany(
            "INSERT INTO matching.fair_enterprises (fair_id, credit_code, joined_by, joined_at) "
            "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            [(j.fair_id, j.credit_code, j.joined_by, j.at) for j in effects.enterprises],
        )
    if effects.enrolments:
        await conn.executemany(
            "INSERT INTO matching.fair_postings (fair_id, posting_id, credit_code, enrolled_at) "
            "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            [(fair_id, e.posting_id, e.credit_code, e.at) for e in effects.enrolments],
        )
    if effects.registrations:
        await conn.executemany(
            "INSERT INTO matching.fair_registrations (registration_id, fair_id, name, mobile, "
            "origin_region, desired_occupation, consent, seeker_id, registered_at, event_id) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING",
            [
                (
                    r.registration_id, r.fair_id, r.name, r.mobile, r.origin_region,
                    r.desired_occupation, r.consent, r.seeker_id, r.at, r.event_id,
                )
                for r in effects.registrations
            ],
        )  # fmt: skip
    if effects.interests:
        await conn.executemany(
            "INSERT INTO matching.fair_interests (registration_id, posting_id, fair_id, "
            "expressed_at, event_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            [
                (i.registration_id, i.posting_id, i.fair_id, i.at, i.event_id)
                for i in effects.interests
            ],
        )
    if effects.ignored:
        await conn.executemany(
            "INSERT INTO matching.fair_ignored_events (event_id, fair_id, reason, at) "
            "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            [(i.event_id, i.fair_id, i.reason, i.at) for i in effects.ignored],
        )


async def summary(pool: asyncpg.Pool, fair_id: str) -> FairSummary | None:
    async with pool.acquire() as conn:
        row = await conn.fetchrow(_FAIR, fair_id)
        if row is None:
            return None

        async def column(query: str) -> tuple[str, ...]:
            return tuple(r[0] for r in await conn.fetch(query, fair_id))

        interests = await conn.fetch(
            "SELECT registration_id, posting_id FROM matching.fair_interests_v "
            "WHERE fair_id = $1 ORDER BY 1, 2",
            fair_id,
        )
        counts = await conn.fetch(
            "SELECT dimension, value, registrations, interests FROM matching.fair_counts_v "
            "WHERE fair_id = $1",
            fair_id,
        )
        ignored = await conn.fetch(
            "SELECT event_id, reason FROM matching.fair_ignored_events WHERE fair_id = $1",
            fair_id,
        )
        return FairSummary(
            fair=_fair(row),
            enterprises=await column(
                "SELECT credit_code FROM matching.fair_enterprises_v WHERE fair_id = $1 ORDER BY 1"
            ),
            shown_postings=await column(
                "SELECT posting_id FROM matching.fair_postings_v WHERE fair_id = $1 ORDER BY 1"
            ),
            registrations=await column(
                "SELECT registration_id FROM matching.fair_registrations_v WHERE fair_id = $1 "
                "ORDER BY 1"
            ),
            interests=tuple((r[0], r[1]) for r in interests),
            counts={_count_key(r): (r[2], r[3]) for r in counts},
            ignored={r[0]: r[1] for r in ignored},
        )


def _count_key(row: asyncpg.Record) -> CountKey:
    return (row[0], row[1])


def _fair(row: asyncpg.Record) -> Fair:
    return Fair(
        fair_id=row[0],
        title=row[1],
        organiser_district=row[2],
        starts_at=row[3],
        ends_at=row[4],
        theme=row[5],
        partner_regions=tuple(row[6]),
        organised_by=row[7],
    )


def _fair_row(scheduling: FairScheduling) -> tuple[object, ...]:
    fair = scheduling.fair
    return (
        fair.fair_id,
        fair.title,
        fair.organiser_district,
        fair.starts_at,
        fair.ends_at,
        fair.theme,
        list(fair.partner_regions),
        fair.organised_by,
        scheduling.at,
        scheduling.event_id,
    )


def _registration(row: asyncpg.Record) -> FairRegistration:
    return FairRegistration(
        event_id=row[9],
        fair_id=row[1],
        registration_id=row[0],
        name=row[2],
        mobile=row[3],
        origin_region=row[4],
        desired_occupation=row[5],
        consent=row[6],
        seeker_id=row[7],
        at=row[8],
    )
