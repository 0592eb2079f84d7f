"""monitoring.job_seeker_ratio_v: 求人倍率 per district and for the city, of matching's published
counts, read as the gateway reads it (every service migrated by the migration step, roles of the
test's own, the gateway's adapter `PublishedViews`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import asyncpg
import pytest
import pytest_asyncio

from services.gateway.adapters.published_views import PublishedViews
from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.monitoring.domain.job_seeker_ratio import vacancies_per_seeker
from services.platform.migrate import run_migration_step, services_with_migrations
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.infra import ServiceRoles
from tests.support.matching import as_records
from tests.support.postings import T0, fake_screen
from tests.support.seekers import (
    REGISTRATIONS,
    city_posting_events,
    city_seeker_events,
    seeker_id,
    withdrawal_event,
)

pytestmark = pytest.mark.integration

XUHUI, MINHANG, PUDONG, CHANGNING = "310104", "310112", "310115", "310105"
RATIO_VIEW = "SELECT * FROM monitoring.job_seeker_ratio_v ORDER BY district_code NULLS FIRST"


@pytest_asyncio.fixture
async def admin(roles: ServiceRoles, database: str) -> AsyncIterator[asyncpg.Pool]:
    """Every service migrated and granted as in a deployment; a pool as the database's owner."""
    pool = await open_pool(database, max_size=2)
    async with pool.acquire() as conn:
        await run_migration_step(conn, services_with_migrations(), role_prefix=roles.prefix)
    yield pool
    await pool.close()


async def _as_gateway(roles: ServiceRoles, database: str) -> list[dict[str, Any]]:
    pool = await open_pool(roles.dsn("gateway", database.rsplit("/", 1)[1]), max_size=1)
    try:
        return await PublishedViews(pool).job_seeker_ratio()
    finally:
        await pool.close()


async def _recomputed(admin: asyncpg.Pool) -> dict[str | None, tuple[int, int, int]]:
    """(postings, vacancies, seekers) per district and for the city (None), from matching's own
    views: the sums the ratio must be made of."""
    sums: dict[str | None, Counter[str]] = {None: Counter()}
    for row in await admin.fetch("SELECT * FROM matching.open_vacancies_v"):
        for place in (row["district_code"], None):
            sums.setdefault(place, Counter()).update(
                postings=row["open_postings"], vacancies=row["open_vacancies"]
            )
    for row in await admin.fetch("SELECT * FROM matching.active_job_seekers_v"):
        for place in (row["district_code"], None):
            sums.setdefault(place, Counter()).update(seekers=row["active_job_seekers"])
    return {k: (c["postings"], c["vacancies"], c["seekers"]) for k, c in sums.items()}


async def test_the_ratio_is_open_vacancies_over_active_seekers_per_district_and_city(
    admin: asyncpg.Pool, roles: ServiceRoles, database: str
) -> None:
    store = PostgresMatchingStore(admin, fake_screen)
    events = [*REGISTRATIONS, *city_posting_events(T0), *city_seeker_events(T0)]
    await store.record(as_records(events))

    rows = await _as_gateway(roles, database)

    expected = await _recomputed(admin)
    assert [r["district_code"] for r in rows] == sorted(expected, key=lambda d: d or "")
    assert {r["district_code"]: r["scope"] for r in await admin.fetch(RATIO_VIEW)} == {
        place: "city" if place is None else "district" for place in expected
    }
    for row in rows:
        postings, vacancies, seekers = expected[row["district_code"]]
        assert (row["open_postings"], row["open_vacancies"], row["active_job_seekers"]) == (
            postings,
            vacancies,
            seekers,
        )
        assert row["vacancies_per_seeker"] == vacancies_per_seeker(vacancies, seekers)
    by_district = {r["district_code"]: r for r in rows}
    assert by_district[None]["active_job_seekers"] == 3  # graduate, forklift, cook
    assert {by_district[d]["active_job_seekers"] for d in (XUHUI, MINHANG, PUDONG)} == {1}
    assert by_district[PUDONG]["vacancies_per_seeker"] == by_district[PUDONG]["open_vacancies"]
    # Changning has a posting and nobody seeking work there: no figure, not an error.
    assert by_district[CHANGNING]["open_vacancies"] > 0
    assert by_district[CHANGNING]["active_job_seekers"] == 0
    assert by_district[CHANGNING]["vacancies_per_seeker"] is None


async def test_with_no_seekers_the_ratio_is_null_and_the_city_row_is_always_there(
    admin: asyncpg.Pool, roles: ServiceRoles, database: str
) -> None:
    assert await _as_gateway(roles, database) == [
        {
            "district_code": None,
            "open_postings": 0,
            "open_vacancies": 0,
            "active_job_seekers": 0,
            "vacancies_per_seeker": None,
        }
    ]
    store = PostgresMatchingStore(admin, fake_screen)
    later = T0 + timedelta(hours=1)
    await store.record(as_records([*REGISTRATIONS, *city_posting_events(T0)]))
    await store.record(as_records(city_seeker_events(T0)))
    names = ("graduate", "forklift", "cook")
    await store.record(as_records([withdrawal_event(seeker_id(n), later) for n in names]))

    rows = await _as_gateway(roles, database)

    city = next(r for r in rows if r["district_code"] is None)
    assert city["open_vacancies"] > 0
    assert (city["active_job_seekers"], city["vacancies_per_seeker"]) == (0, None)
    assert all(r["vacancies_per_seeker"] is None for r in rows)


async def test_the_database_rounds_as_the_domain_rule_does(admin: asyncpg.Pool) -> None:
    pairs = [(v, s) for v in range(0, 61) for s in range(0, 41)]
    pairs += [(1, 8), (3, 8), (5, 8), (7, 400), (2_000_001, 3), (10**12 + 5, 10**12)]
    rows = await admin.fetch(
        "SELECT v, s, monitoring.vacancies_per_seeker(v, s) AS ratio "
        "FROM unnest($1::bigint[], $2::bigint[]) AS p(v, s)",
        [v for v, _ in pairs],
        [s for _, s in pairs],
    )

    mismatched = [
        (r["v"], r["s"], r["ratio"])
        for r in rows
        if r["ratio"] != vacancies_per_seeker(r["v"], r["s"])
    ]
    assert not mismatched
    assert len(rows) == len(pairs)


async def test_monitoring_migrates_before_matching_and_the_view_binds_once_it_exists(
    database: str,
) -> None:
    pool = await open_pool(database, max_size=1)
    try:
        await migrate(pool, "monitoring", "services.monitoring")
        with pytest.raises(asyncpg.UndefinedTableError, match="matching"):
            await pool.fetch(RATIO_VIEW)

        await migrate(pool, "matching", "services.matching")

        assert [r["scope"] for r in await pool.fetch(RATIO_VIEW)] == ["city"]
    finally:
        await pool.close()
