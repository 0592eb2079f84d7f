"""Job seekers and their recommendation lists on PostgreSQL, in the batch's transaction.

`record_seekers` keeps each seeker's latest event. `refresh_lists` then brings the lists up to
date (`domain/seeker_lists.py`) for the seekers the batch changed and for the postings it
touched, and queues a notice for each posting newly in a consenting seeker's first places.

Concurrency: a posting's change reaches the lists of seekers no lock of the batch names, and a
seeker's rebuild reads postings another batch may be changing; so list upkeep takes one lock
(`pg_advisory_xact_lock`) for the rest of the transaction, the last lock any batch takes. Two
batches' upkeep then run one after the other, the second seeing what the first committed.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

import asyncpg
import orjson

from services.contracts.job_seekers import SeekerProfile as Profile
from services.contracts.postings import PostingDetails
from services.matching.domain import seeker_lists
from services.matching.domain.postings import Posting, PostingStatus
from services.matching.domain.recommend import OpenPosting, Recommendation, SeekerProfile
from services.matching.domain.recommend.geography import reachable
from services.matching.domain.seekers import (
    SeekerChange,
    open_posting,
    primary_group,
    seeker_profile,
)
from services.platform.postgres import Connection

_LISTS_LOCK = zlib.crc32(b"matching/recommendation-lists") & 0x7FFFFFFF

_UPSERT_SEEKERS = """
INSERT INTO matching.job_seekers AS s (seeker_id, active, district_code, occupation_group,
    desired_groups, salary_floor, profile, mobile, consent_to_contact, registered_by,
    changed_at, event_id)
SELECT u.seeker_id, u.active, u.district_code, u.occupation_group,
       string_to_array(u.desired_groups, ','), u.salary_floor, u.profile::jsonb, u.mobile,
       u.consent_to_contact, u.registered_by, u.changed_at, u.event_id
FROM unnest($1::uuid[], $2::boolean[], $3::text[], $4::text[], $5::text[], $6::integer[],
            $7::text[], $8::text[], $9::boolean[], $10::text[], $11::timestamptz[], $12::text[])
    AS u(seeker_id, active, district_code, occupation_group, desired_groups, salary_floor,
         profile, mobile, consent_to_contact, registered_by, changed_at, event_id)
ON CONFLICT (seeker_id) DO UPDATE
SET active = excluded.active, district_code = excluded.district_code,
    occupation_group = excluded.occupation_group, desired_groups = excluded.desired_groups,
    salary_floor = excluded.salary_floor, profile = excluded.profile, mobile = excluded.mobile,
    consent_to_contact = excluded.consent_to_contact,
    registered_by = coalesce(s.registered_by, excluded.registered_by),
    changed_at = excluded.changed_at, event_id = excluded.event_id
WHERE (excluded.changed_at, excluded.event_id) >= (s.changed_at, s.event_id)
RETURNING seeker_id::text
"""

_POSTING_COLUMNS = """
SELECT p.posting_id::text, p.credit_code::text, p.version, p.status, p.filled, p.details,
       p.changed_at, coalesce(e.key_enterprise, false) AS key_enterprise
FROM matching.postings p LEFT JOIN matching.enterprises e USING (credit_code)
"""

_CANDIDATE_POSTINGS = f"""{_POSTING_COLUMNS}
WHERE p.status = 'published' AND p.headcount > p.filled
  AND p.occupation_group = ANY($1::text[]) AND p.district_code = ANY($2::text[])
  AND (p.details->>'salary_max')::integer >= $3
  AND (p.details->>'valid_until')::date >= $4
"""

_CANDIDATE_SEEKERS = """
SELECT seeker_id::text FROM matching.job_seekers
WHERE active AND desired_groups && $1::text[] AND salary_floor <= $2
"""


async def record_seekers(conn: Connection, changes: Sequence[SeekerChange]) -> list[str]:
    """Keep each seeker's latest change; return the seekers whose standing changed."""
    latest: dict[str, SeekerChange] = {}
    for change in changes:
        if change.supersedes(latest.get(change.seeker_id)):
            latest[change.seeker_id] = change
    if not latest:
        return []
    rows = [latest[seeker_id] for seeker_id in sorted(latest)]
    profiles = [r.profile for r in rows]
    changed = await conn.fetch(
        _UPSERT_SEEKERS,
        [r.seeker_id for r in rows],
        [p is not None for p in profiles],
        [p.district_code if p else None for p in profiles],
        [primary_group(p) if p else None for p in profiles],
        [",".join(_groups(p)) if p else None for p in profiles],
        [p.salary_floor if p else None for p in profiles],
        [_profile_json(p) if p else None for p in profiles],
        [p.mobile if p else None for p in profiles],
        [p.consent_to_contact if p else False for p in profiles],
        [r.registered_by for r in rows],
        [r.at for r in rows],
        [r.event_id for r in rows],
    )
    return [row[0] for row in changed]


async def refresh_lists(
    conn: Connection, seeker_ids: Sequence[str], posting_ids: Sequence[str], today: date
) -> None:
    """Bring the lists of changed seekers and of seekers concerned by touched postings up to
    date, and queue the notices."""
    if not seeker_ids and not posting_ids:
        return
    await conn.execute("SELECT pg_advisory_xact_lock($1)", _LISTS_LOCK)
    touched = await _postings(conn, f"{_POSTING_COLUMNS} WHERE p.posting_id = ANY($1::uuid[])",
                              posting_ids)  # fmt: skip
    concerned = set(seeker_ids)
    concerned |= {
        row[0]
        for row in await conn.fetch(
            "SELECT seeker_id::text FROM matching.recommendations "
            "WHERE posting_id = ANY($1::uuid[])",
            list(posting_ids),
        )
    }
    for posting in touched.values():
        if posting.is_open:
            rows = await conn.fetch(_CANDIDATE_SEEKERS, [posting.occupation.major],
                                    posting.salary_max)  # fmt: skip
            concerned |= {row[0] for row in rows}
    seekers, consenting = await _seekers(conn, sorted(concerned))
    lists = await _lists(conn, sorted(concerned))
    moving = [touched[p] for p in sorted(touched)]
    updated, rebuild = seeker_lists.after_postings(
        {s: seekers[s] for s in seekers if s not in seeker_ids}, lists, moving, today
    )
    known = dict(touched)
    for seeker_id in sorted(rebuild | (set(seeker_ids) & set(seekers))):
        candidates = await _candidates(conn, seekers[seeker_id], today)
        known.update(candidates)
        updated[seeker_id] = seeker_lists.rebuilt(seekers[seeker_id], candidates.values(), today)
    gone = sorted(concerned - set(seekers))  # withdrawn
    await _save(conn, gone, updated, lists)
    told = [
        notice
        for seeker_id in sorted(updated)
        if seeker_id in consenting
        for notice in seeker_lists.notices(lists.get(seeker_id, ()), updated[seeker_id], known)
    ]
    if told:
        await conn.execute(
            "INSERT INTO matching.recommendation_notices (seeker_id, posting_id, parameters) "
            "SELECT s, p, j::jsonb FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS u(s, p, j) "
            "ON CONFLICT (seeker_id, posting_id) DO NOTHING",
            [n.seeker_id for n in told],
            [n.posting_id for n in told],
            [orjson.dumps(n.parameters).decode() for n in told],
        )


async def _save(
    conn: Connection,
    gone: list[str],
    updated: dict[str, list[Recommendation]],
    before: dict[str, list[Recommendation]],
) -> None:
    changed = sorted(s for s, listed in updated.items() if listed != before.get(s, []))
    if gone or changed:
        await conn.execute(
            "DELETE FROM matching.recommendations WHERE seeker_id = ANY($1::uuid[])",
            [*gone, *changed],
        )
    rows = [(rank, r) for s in changed for rank, r in enumerate(updated[s], start=1)]
    if rows:
        await conn.execute(
            "INSERT INTO matching.recommendations (seeker_id, posting_id, rank, score, reasons) "
            "SELECT s, p, k, v, j::jsonb FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], "
            "$4::real[], $5::text[]) AS u(s, p, k, v, j)",
            [r.seeker_id for _, r in rows],
            [r.posting_id for _, r in rows],
            [rank for rank, _ in rows],
            [r.score for _, r in rows],
            [orjson.dumps(list(r.reasons)).decode() for _, r in rows],
        )


async def _postings(conn: Connection, query: str, *args: object) -> dict[str, OpenPosting]:
    found: dict[str, OpenPosting] = {}
    for row in await conn.fetch(query, *args):
        posting = Posting(
            posting_id=row[0],
            credit_code=row[1],
            version=row[2],
            details=PostingDetails.model_validate(row[5]),
            status=PostingStatus(row[3]),
            filled=row[4],
            changed_at=row[6],
        )
        found[row[0]] = open_posting(posting, row[7])
    return found


async def _candidates(
    conn: Connection, seeker: SeekerProfile, today: date
) -> dict[str, OpenPosting]:
    """Every open posting that could suit the seeker (a superset of the eligible ones)."""
    return await _postings(
        conn,
        _CANDIDATE_POSTINGS,
        sorted({code.major for code in seeker.desired}),
        list(reachable(seeker.district, seeker.max_commute_km)),
        seeker.salary_floor,
        today,
    )


async def _seekers(
    conn: Connection, seeker_ids: list[str]
) -> tuple[dict[str, SeekerProfile], set[str]]:
    """The active ones among them, and those who consented to be contacted."""
    rows = await conn.fetch(
        "SELECT seeker_id::text, profile, mobile, consent_to_contact FROM matching.job_seekers "
        "WHERE active AND seeker_id = ANY($1::uuid[])",
        seeker_ids,
    )
    profiles = {
        row[0]: seeker_profile(row[0], Profile.model_validate({**row[1], "mobile": row[2]}))
        for row in rows
    }
    return profiles, {row[0] for row in rows if row[3]}


async def _lists(conn: Connection, seeker_ids: list[str]) -> dict[str, list[Recommendation]]:
    lists: defaultdict[str, list[Recommendation]] = defaultdict(list)
    for row in await conn.fetch(
        "SELECT seeker_id::text, posting_id::text, score, reasons FROM matching.recommendations "
        "WHERE seeker_id = ANY($1::uuid[]) ORDER BY seeker_id, rank",
        seeker_ids,
    ):
        lists[row[0]].append(Recommendation(row[1], row[0], round(row[2], 4), tuple(row[3])))
    return dict(lists)


def _groups(profile: Profile) -> list[str]:
    return sorted({code[0] for code in profile.desired_occupations})


def _profile_json(profile: Profile) -> str:
    # The mobile has its own column: the profile document is what the gateway's view shows.
    return profile.model_dump_json(exclude={"mobile"})


async def recommendations(pool: asyncpg.Pool, seeker_id: str) -> list[Recommendation]:
    async with pool.acquire() as conn:
        return (await _lists(conn, [seeker_id])).get(seeker_id, [])


async def notices_queued(pool: asyncpg.Pool) -> dict[tuple[str, str], dict[str, str]]:
    rows = await pool.fetch(
        "SELECT seeker_id::text, posting_id::text, parameters FROM matching.recommendation_notices"
    )
    return {(row[0], row[1]): row[2] for row in rows}


async def active_job_seekers(pool: asyncpg.Pool) -> dict[tuple[str, str], int]:
    rows = await pool.fetch(
        "SELECT district_code, occupation_group, active_job_seekers "
        "FROM matching.active_job_seekers_v"
    )
    return {(row[0], row[1]): row[2] for row in rows}


def seekers_of(records: Iterable[object]) -> list[SeekerChange]:
    return [r for r in records if isinstance(r, SeekerChange)]
