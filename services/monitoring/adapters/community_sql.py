"""Community statements: monitoring points, their weekly reports, and the districts' sums."""

from __future__ import annotations

from services.monitoring.domain.community import (
    COMMUNITY_COUNTS,
    CommunityFigures,
    CommunityReportFigures,
    DistrictWeek,
    latest_community_reports,
    latest_points,
)
from services.monitoring.domain.records import RecordCommunityPoint, RecordCommunityReport
from services.platform.postgres import Connection

_COUNTS = ", ".join(COMMUNITY_COUNTS)

_UPSERT_POINTS = """
INSERT INTO community_points AS p (town_code, district_code, name, registered_at,
    event_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])
ON CONFLICT (town_code) DO UPDATE SET
    district_code = EXCLUDED.district_code, name = EXCLUDED.name,
    registered_at = EXCLUDED.registered_at, event_id = EXCLUDED.event_id
WHERE p.registered_at <= EXCLUDED.registered_at
"""

# Built once from COMMUNITY_COUNTS: constant column names, no input.
_UPSERT_REPORTS = f"""
INSERT INTO community_reports AS r (town_code, week, reported_at, event_id, {_COUNTS})
SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[],
    {", ".join(f"${i}::int[]" for i in range(5, 5 + len(COMMUNITY_COUNTS)))})
ON CONFLICT (town_code, week) DO UPDATE SET
    reported_at = EXCLUDED.reported_at, event_id = EXCLUDED.event_id,
    {", ".join(f"{name} = EXCLUDED.{name}" for name in COMMUNITY_COUNTS)}
WHERE r.reported_at <= EXCLUDED.reported_at
"""  # noqa: S608

_DISTRICTS_OF_WEEK = f"""
SELECT week, district_code, points_registered, points_reporting, {_COUNTS}
FROM monitoring.community_indicators_v
WHERE week = $1 AND scope = 'district'
"""  # noqa: S608


async def upsert_points(conn: Connection, records: list[RecordCommunityPoint]) -> None:
    # One statement may not update a row twice: keep each town's latest registration.
    points = list(latest_points(r.point for r in records).values())
    if not points:
        return
    events = {r.point: r.event_id for r in records}
    await conn.execute(
        _UPSERT_POINTS,
        [p.town_code for p in points],
        [p.district_code for p in points],
        [p.name for p in points],
        [p.registered_at for p in points],
        [events[p] for p in points],
    )


async def upsert_reports(conn: Connection, records: list[RecordCommunityReport]) -> None:
    standing = latest_community_reports(r.figures for r in records)
    chosen = [r for r in records if standing[(r.figures.town_code, r.figures.week)] is r.figures]
    if not chosen:
        return
    f: list[CommunityReportFigures] = [r.figures for r in chosen]
    await conn.execute(
        _UPSERT_REPORTS,
        [x.town_code for x in f],
        [x.week for x in f],
        [x.reported_at for x in f],
        [r.event_id for r in chosen],
        *([getattr(x, name) for x in f] for name in COMMUNITY_COUNTS),
    )


async def districts_of_week(conn: Connection, week: str) -> dict[DistrictWeek, CommunityFigures]:
    rows = await conn.fetch(_DISTRICTS_OF_WEEK, week)
    return {DistrictWeek(*row[:2]): CommunityFigures(**dict(list(row.items())[2:])) for row in rows}
