"""Return-to-work statements: enterprises, their weekly reports and the cells they sum into.

Arrays compared with the char(n) columns are sent as bpchar[], not text[]: with text[] PostgreSQL
casts every row's column and cannot use the indexes (over 100x slower at 20,000 enterprises).
"""

from __future__ import annotations

from dataclasses import replace

from services.monitoring.domain.figures import (
    SUMMED,
    CellFigures,
    CellKey,
    ReportFigures,
    latest_reports,
)
from services.monitoring.domain.records import (
    Record,
    RecordRegistration,
    RecordWeeklyReport,
    entity_of,
)
from services.platform.postgres import Connection

# Keys are locked by hash bucket (65,536 of them), so a batch's lock count stays bounded however
# many enterprises it touches (PostgreSQL's lock table is finite); a shared bucket only means
# two batches take turns.
_LOCK_KEYS = """
SELECT pg_advisory_xact_lock($1::int, h)
FROM (SELECT DISTINCT hashtext(k) & 65535 AS h FROM unnest($2::text[]) AS k ORDER BY 1) AS ordered
"""

UPSERT_ENTERPRISE = """
INSERT INTO enterprises AS e (credit_code, name, district_code, industry_division,
    industry_section, size, monitoring_roles, key_enterprise_category, registered_at, event_id,
    monitored_from, monitored_until)
SELECT r.code, r.name, r.district, r.division, r.section, r.size,
    -- An enterprise's own registration keeps the roles the bureaus assigned (none if new).
    CASE WHEN r.assigns THEN string_to_array(r.roles, ',')
         ELSE coalesce(cur.monitoring_roles, '{}') END,
    CASE WHEN r.assigns THEN r.category ELSE cur.key_enterprise_category END,
    r.at, r.event_id,
    -- A registration that states no monitoring period keeps the one stated before; one that
    -- clears the end makes the period open-ended again.
    coalesce(r.monitored_from, cur.monitored_from),
    CASE WHEN r.clears_until THEN NULL ELSE coalesce(r.monitored_until, cur.monitored_until) END
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::text[], $9::timestamptz[], $10::text[], $11::bool[], $12::timestamptz[], $13::date[],
    $14::bool[])
    AS r(code, name, district, division, section, size, roles, category, at, event_id, assigns,
         monitored_from, monitored_until, clears_until)
LEFT JOIN enterprises cur ON cur.credit_code = r.code::bpchar
ON CONFLICT (credit_code) DO UPDATE SET
    name = EXCLUDED.name, district_code = EXCLUDED.district_code,
    industry_division = EXCLUDED.industry_division, industry_section = EXCLUDED.industry_section,
    size = EXCLUDED.size, monitoring_roles = EXCLUDED.monitoring_roles,
    key_enterprise_category = EXCLUDED.key_enterprise_category,
    registered_at = EXCLUDED.registered_at, event_id = EXCLUDED.event_id,
    monitored_from = EXCLUDED.monitored_from, monitored_until = EXCLUDED.monitored_until
WHERE e.registered_at <= EXCLUDED.registered_at
"""

# Statements below are built once, at import, from SUMMED: constant column names, no input.
_COUNTS = ", ".join(SUMMED)

_NEGATED = ", ".join(f"-p.{name}" for name in SUMMED)

# Stores the reports that stand (a late-arriving older one does not) and adds to each existing cell
# what they change: the new report's counts, less those of the report it replaces. All CTEs of a
# statement share one snapshot, so `replaced` holds the rows as they were before the upsert.
# Returns the cells that do not exist yet: those are computed whole (_RECOMPUTE_CELLS).
_UPSERT_REPORTS = f"""
WITH incoming AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::bool[],
        {", ".join(f"${i}::int[]" for i in range(6, 6 + len(SUMMED)))})
        AS i(credit_code, week, reported_at, event_id, resumed, {_COUNTS})
), replaced AS (
    SELECT r.* FROM weekly_reports r
    JOIN incoming i ON r.credit_code = i.credit_code::bpchar AND r.week = i.week::bpchar
), stored AS (
    INSERT INTO weekly_reports AS r (credit_code, week, reported_at, event_id,
        resumed, {_COUNTS})
    SELECT * FROM incoming
    ON CONFLICT (credit_code, week) DO UPDATE SET
        reported_at = EXCLUDED.reported_at, event_id = EXCLUDED.event_id,
        resumed = EXCLUDED.resumed,
        {", ".join(f"{name} = EXCLUDED.{name}" for name in SUMMED)}
    WHERE r.reported_at <= EXCLUDED.reported_at
    RETURNING r.credit_code, r.week, r.resumed, {_COUNTS}
), changes AS (
    SELECT credit_code, week, 1 AS reporting, resumed::int AS resumed, {_COUNTS} FROM stored
    UNION ALL
    SELECT p.credit_code, p.week, -1, -p.resumed::int, {_NEGATED}
    FROM replaced p JOIN stored s USING (credit_code, week)
), per_cell AS (
    SELECT c.week, e.district_code, e.industry_section,
        sum(c.reporting) AS reporting,
        coalesce(sum(c.reporting) FILTER (WHERE NOT e.designated), 0) AS extra_expected,
        sum(c.resumed) AS resumed,
        {", ".join(f"sum(c.{name}) AS {name}" for name in SUMMED)}
    FROM changes c JOIN enterprises e USING (credit_code)
    GROUP BY c.week, e.district_code, e.industry_section
), updated AS (
    UPDATE return_to_work_cells AS c SET
        enterprises_expected = c.enterprises_expected + p.extra_expected,
        enterprises_reporting = c.enterprises_reporting + p.reporting,
        enterprises_resumed = c.enterprises_resumed + p.resumed,
        {", ".join(f"{name} = c.{name} + p.{name}" for name in SUMMED)},
        updated_at = now()
    FROM per_cell p
    WHERE c.week = p.week AND c.district_code = p.district_code
        AND c.industry_section = p.industry_section
    RETURNING c.week, c.district_code, c.industry_section
)
SELECT p.week::text, p.district_code::text, p.industry_section::text
FROM per_cell p
WHERE NOT EXISTS (
    SELECT 1 FROM updated u
    WHERE u.week = p.week AND u.district_code = p.district_code
        AND u.industry_section = p.industry_section)
"""  # noqa: S608

# The cells where these enterprises are registered now: every week with a report of theirs, and
# every week of their district and section (which count them among enterprises expected).
_CELLS_OF = """
SELECT r.week::text, e.district_code::text, e.industry_section::text
FROM weekly_reports r
JOIN enterprises e USING (credit_code)
WHERE r.credit_code = ANY($1::bpchar[])
UNION
SELECT c.week::text, c.district_code::text, c.industry_section::text
FROM return_to_work_cells c
JOIN enterprises e
    ON e.district_code = c.district_code AND e.industry_section = c.industry_section
WHERE e.credit_code = ANY($1::bpchar[])
"""

_RECOMPUTE_CELLS = f"""
WITH wanted AS (
    SELECT * FROM unnest($1::bpchar[], $2::bpchar[], $3::bpchar[])
        AS c(week, district_code, industry_section)
), sums AS (
    SELECT w.week, w.district_code, w.industry_section,
        count(e.credit_code) FILTER (WHERE e.designated OR r.credit_code IS NOT NULL)
            AS enterprises_expected,
        count(r.credit_code) AS enterprises_reporting,
        count(*) FILTER (WHERE r.resumed) AS enterprises_resumed,
        {", ".join(f"coalesce(sum(r.{name}), 0) AS {name}" for name in SUMMED)}
    FROM wanted w
    LEFT JOIN enterprises e
        ON e.district_code = w.district_code AND e.industry_section = w.industry_section
    LEFT JOIN weekly_reports r
        ON r.credit_code = e.credit_code AND r.week = w.week
    GROUP BY w.week, w.district_code, w.industry_section
)
INSERT INTO return_to_work_cells AS c (week, district_code, industry_section,
    enterprises_expected, enterprises_reporting, enterprises_resumed, {_COUNTS}, updated_at)
SELECT *, now() FROM sums
ON CONFLICT (week, district_code, industry_section) DO UPDATE SET
    enterprises_expected = EXCLUDED.enterprises_expected,
    enterprises_reporting = EXCLUDED.enterprises_reporting,
    enterprises_resumed = EXCLUDED.enterprises_resumed,
    {", ".join(f"{name} = EXCLUDED.{name}" for name in SUMMED)}, updated_at = now()
"""  # noqa: S608

_CELLS_OF_WEEK = f"""
SELECT week::text, district_code::text, industry_section::text, enterprises_expected,
    enterprises_reporting, enterprises_resumed, {_COUNTS}
FROM return_to_work_cells
WHERE week = $1 AND enterprises_reporting > 0
"""  # noqa: S608


async def lock_places(conn: Connection, space: int, records: list[Record]) -> None:
    """Lock where the batch's enterprises are registered now and where they will be."""
    codes = sorted({entity_of(r) for r in records})
    rows = await conn.fetch(
        "SELECT district_code::text, industry_section::text FROM enterprises "
        "WHERE credit_code = ANY($1::bpchar[])",
        codes,
    )
    places = {f"{row[0]}/{row[1]}" for row in rows} | {
        f"{r.profile.district_code}/{r.profile.industry_section}"
        for r in records
        if isinstance(r, RecordRegistration)
    }
    if places:
        await lock_keys(conn, space, sorted(places))


async def cells_of(conn: Connection, credit_codes: set[str]) -> set[CellKey]:
    """The cells whose figures depend on where these enterprises are registered."""
    if not credit_codes:
        return set()
    rows = await conn.fetch(_CELLS_OF, sorted(credit_codes))
    return {CellKey(*row) for row in rows}


async def upsert_enterprises(conn: Connection, registrations: list[RecordRegistration]) -> None:
    """Apply a batch's registrations as if one by one, in the order they were made.

    One statement may not update a row twice, so each enterprise's registrations are reduced
    first: to the latest one that assigns roles (a bureau's), and then the latest of all if that
    is a later one of its own, which keeps the roles the first statement stored.
    """
    by_enterprise: dict[str, list[RecordRegistration]] = {}
    for r in registrations:
        by_enterprise.setdefault(r.profile.credit_code, []).append(r)
    first, then = [], []
    for made in by_enterprise.values():
        made.sort(key=lambda r: r.profile.registered_at)
        assigning = [r for r in made if r.assigns_roles]
        base = _with_stated_period(assigning[-1] if assigning else made[-1], made)
        first.append(base)
        if made[-1] is not base:
            then.append(made[-1])
    for chosen in (first, then):
        if chosen:
            await _upsert_enterprises(conn, chosen)


def _with_stated_period(
    base: RecordRegistration, made: list[RecordRegistration]
) -> RecordRegistration:
    """`base` with the monitoring period the latest of `made` stating one stated (its end, or
    that it has none any more), as applying them one by one would keep it."""
    start = next((r.monitored_from for r in reversed(made) if r.monitored_from), None)
    end = next((r for r in reversed(made) if r.monitored_until or r.clears_monitored_until), None)
    return replace(
        base,
        monitored_from=base.monitored_from or start,
        monitored_until=end.monitored_until if end else None,
        clears_monitored_until=end.clears_monitored_until if end else False,
    )


async def _upsert_enterprises(conn: Connection, chosen: list[RecordRegistration]) -> None:
    await conn.execute(
        UPSERT_ENTERPRISE,
        [r.profile.credit_code for r in chosen],
        [r.name for r in chosen],
        [r.profile.district_code for r in chosen],
        [r.industry_division for r in chosen],
        [r.profile.industry_section for r in chosen],
        [r.size for r in chosen],
        [",".join(r.monitoring_roles) for r in chosen],
        [r.key_enterprise_category for r in chosen],
        [r.profile.registered_at for r in chosen],
        [r.event_id for r in chosen],
        [r.assigns_roles for r in chosen],
        [r.monitored_from for r in chosen],
        [r.monitored_until for r in chosen],
        [r.clears_monitored_until for r in chosen],
    )


async def upsert_reports(conn: Connection, reports: list[RecordWeeklyReport]) -> set[CellKey]:
    """Store the reports, update the cells they change; return the cells still to be made."""
    # One statement may not update a row twice: reduce corrections within the batch first.
    standing = latest_reports(r.figures for r in reports)
    chosen = [r for r in reports if standing[(r.figures.credit_code, r.figures.week)] is r.figures]
    if not chosen:
        return set()
    f: list[ReportFigures] = [r.figures for r in chosen]
    rows = await conn.fetch(
        _UPSERT_REPORTS,
        [x.credit_code for x in f],
        [x.week for x in f],
        [x.reported_at for x in f],
        [r.event_id for r in chosen],
        [x.resumed for x in f],
        *([getattr(x, name) for x in f] for name in SUMMED),
    )
    return {CellKey(*row) for row in rows}


async def recompute_cells(conn: Connection, cells: set[CellKey]) -> None:
    if cells:
        ordered = sorted(cells)
        await conn.execute(
            _RECOMPUTE_CELLS,
            [c.week for c in ordered],
            [c.district_code for c in ordered],
            [c.industry_section for c in ordered],
        )


async def cells_of_week(conn: Connection, week: str) -> dict[CellKey, CellFigures]:
    rows = await conn.fetch(_CELLS_OF_WEEK, week)
    return {CellKey(*row[:3]): CellFigures(**dict(list(row.items())[3:])) for row in rows}


async def lock_keys(conn: Connection, space: int, keys: list[str]) -> None:
    """Advisory locks on `keys` in lock space `space`, taken in one sorted order."""
    await conn.execute(_LOCK_KEYS, space, keys)
