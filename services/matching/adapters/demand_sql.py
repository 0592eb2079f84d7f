"""The demand lists in SQL: which places a batch touches, and their cells recomputed.

A place is district x industry section x occupation group; both lists have a cell per place.
The recomputation is `domain/demand.py`'s arithmetic in SQL. A transaction takes an advisory lock
per place before it recomputes the place (its subjects' locks were taken before, so no two wait on
each other in a cycle): a concurrent change to a place has committed before the place is
recomputed, and READ COMMITTED lets the recomputation see it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import asyncpg

from services.contracts.demand import DemandList
from services.matching.domain.demand import Cell, CellChange, CellKey, changed_cells
from services.platform.postgres import Connection

Place = tuple[str, str, str]
"""district code, industry section, occupation group"""

_PLACES_OF = """
SELECT DISTINCT p.district_code::text, e.industry_section::text, p.occupation_group::text
FROM matching.postings p JOIN matching.enterprises e USING (credit_code)
WHERE p.posting_id = ANY($1::uuid[]) OR p.credit_code = ANY($2::text[])
"""

_PLACES = "unnest($1::text[], $2::text[], $3::text[]) AS a(district_code, section, grp)"

_FRESH = f"""
SELECT l.demand_list, a.district_code, a.section, a.grp,
       count(*)::integer, sum(p.headcount - p.filled)::integer
FROM {_PLACES}
JOIN matching.postings p ON p.district_code = a.district_code AND p.occupation_group = a.grp
JOIN matching.enterprises e ON e.credit_code = p.credit_code AND e.industry_section = a.section
CROSS JOIN (VALUES ('public_service'), ('key_enterprises')) AS l(demand_list)
WHERE p.status = 'published' AND p.headcount > p.filled
  AND (l.demand_list = 'public_service' OR e.key_enterprise)
GROUP BY 1, 2, 3, 4
"""  # noqa: S608 (no input in the text)

_STORED = f"""
SELECT c.demand_list, a.district_code, a.section, a.grp, c.open_postings, c.open_vacancies
FROM {_PLACES}
JOIN matching.demand_cells c ON c.district_code = a.district_code
 AND c.industry_section = a.section AND c.occupation_group = a.grp
FOR UPDATE OF c
"""  # noqa: S608 (no input in the text)

_DELETE = """
DELETE FROM matching.demand_cells c
USING unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(l, d, s, g)
WHERE c.demand_list = k.l AND c.district_code = k.d AND c.industry_section = k.s
  AND c.occupation_group = k.g
"""

_UPSERT = """
INSERT INTO matching.demand_cells (demand_list, district_code, industry_section,
                                   occupation_group, open_postings, open_vacancies)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[],
                     $6::integer[])
ON CONFLICT (demand_list, district_code, industry_section, occupation_group) DO UPDATE
SET open_postings = excluded.open_postings, open_vacancies = excluded.open_vacancies,
    updated_at = now()
"""

_OUTBOX = """
INSERT INTO matching.demand_outbox (demand_list, district_code, industry_section,
    occupation_group, open_postings, open_vacancies, previous_open_postings,
    previous_open_vacancies)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[],
                     $6::integer[], $7::integer[], $8::integer[])
"""


async def places_of(
    conn: Connection, posting_ids: Sequence[str], credit_codes: Sequence[str]
) -> set[Place]:
    """The places of these postings and of every posting of these enterprises."""
    if not posting_ids and not credit_codes:
        return set()
    rows = await conn.fetch(_PLACES_OF, list(posting_ids), list(credit_codes))
    return {(row[0], row[1], row[2]) for row in rows}


async def refresh(conn: Connection, places: set[Place], lock_space: int) -> list[CellChange]:
    """Recompute both lists' cells at these places; store and queue what changed."""
    if not places:
        return []
    ordered = sorted(places)
    await conn.execute(
        "SELECT pg_advisory_xact_lock($1, hashtext(k)) FROM unnest($2::text[]) k ORDER BY k",
        lock_space,
        ["/".join(place) for place in ordered],
    )
    columns = [list(column) for column in zip(*ordered, strict=True)]
    stored = _cells(await conn.fetch(_STORED, *columns))
    fresh = _cells(await conn.fetch(_FRESH, *columns))
    changes = changed_cells(stored, fresh)
    if not changes:
        return []
    emptied = [c.key for c in changes if c.after.open_postings == 0]
    kept = [c for c in changes if c.after.open_postings > 0]
    if emptied:
        await conn.execute(_DELETE, *_key_columns(emptied))
    if kept:
        await conn.execute(
            _UPSERT,
            *_key_columns(c.key for c in kept),
            [c.after.open_postings for c in kept],
            [c.after.open_vacancies for c in kept],
        )
    await conn.execute(
        _OUTBOX,
        *_key_columns(c.key for c in changes),
        [c.after.open_postings for c in changes],
        [c.after.open_vacancies for c in changes],
        [c.before.open_postings for c in changes],
        [c.before.open_vacancies for c in changes],
    )
    return changes


def _cells(rows: Iterable[asyncpg.Record]) -> dict[CellKey, Cell]:
    return {CellKey(DemandList(r[0]), r[1], r[2], r[3]): Cell(r[4], r[5]) for r in rows}


def _key_columns(keys: Iterable[CellKey]) -> list[list[str]]:
    listed = list(keys)
    return [
        [k.demand_list.value for k in listed],
        [k.district_code for k in listed],
        [k.industry_section for k in listed],
        [k.occupation_group for k in listed],
    ]
