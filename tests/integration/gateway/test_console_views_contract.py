"""The published-view queries the console adds (`compliance_weeks`, `campaigns`), one suite run
against the in-memory fake the console's unit tests use and the PostgreSQL adapter on the views
monitoring and notify publish, so the fake cannot drift from the real thing."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Protocol

import asyncpg
import pytest
import pytest_asyncio

from services.gateway.adapters.memory import InMemoryViews
from services.gateway.adapters.published_views import PublishedViews
from services.gateway.ports import Views
from services.platform.postgres import open_pool
from tests.support.data import credit_code
from tests.support.infra import create_database, drop_database, service_roles
from tests.support.processes import run_migration_step

pytestmark = pytest.mark.integration

PUDONG, MINHANG = "310115", "310112"
FOOD, PARTS, LATE = credit_code(1, PUDONG), credit_code(2, MINHANG), credit_code(3, PUDONG)
T0 = datetime(2020, 2, 1, 1, 0, tzinfo=UTC)


class Seeder(Protocol):
    async def enterprise(self, code: str, district: str, registered_at: datetime) -> None: ...

    async def deadline_handled(self, week: str, deadline: datetime) -> None: ...

    async def campaign(self, code: str, requested_at: datetime) -> str: ...


class MemorySeeder:
    """What the views would hold, put into the fake as the views would show it."""

    def __init__(self, views: InMemoryViews) -> None:
        self.views = views
        self.registered: dict[str, datetime] = {}

    async def enterprise(self, code: str, district: str, registered_at: datetime) -> None:
        self.views.registry[code] = district
        self.registered[code] = registered_at

    async def deadline_handled(self, week: str, deadline: datetime) -> None:
        expected = sum(1 for at in self.registered.values() if at <= deadline)
        if expected:  # the summary has a row only where someone was expected
            self.views.compliance_summary_rows.append(
                {"week": week, "district_code": None, "expected": expected, "on_time": 0,
                 "late": 0, "missing": expected, "reminded": 0}
            )  # fmt: skip

    async def campaign(self, code: str, requested_at: datetime) -> str:
        campaign_id = uuid.uuid4()
        self.views.campaign_rows.append(
            {"campaign_id": campaign_id, "credit_code": code, "template": "return_to_work",
             "segments": 2, "send_at": requested_at, "recipients": 10, "requested_by": "e",
             "requested_at": requested_at, "cancelled_at": None}
        )  # fmt: skip
        return str(campaign_id)


class PostgresSeeder:
    """Rows in monitoring's and notify's tables, as their workers write them."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def enterprise(self, code: str, district: str, registered_at: datetime) -> None:
        await self.pool.execute(
            """INSERT INTO monitoring.enterprises (credit_code, name, district_code,
                   industry_division, industry_section, size, monitoring_roles, registered_at,
                   event_id)
               VALUES ($1, '上海浦江食品有限公司', $2, '14', 'C', 'small',
                       ARRAY['return_to_work_monitoring'], $3, $4)""",
            code,
            district,
            registered_at,
            str(uuid.uuid4()),
        )

    async def deadline_handled(self, week: str, deadline: datetime) -> None:
        await self.pool.execute(
            "INSERT INTO monitoring.compliance_runs (week, deadline, missing) VALUES ($1, $2, 0)",
            week,
            deadline,
        )

    async def campaign(self, code: str, requested_at: datetime) -> str:
        campaign_id = uuid.uuid4()
        await self.pool.execute(
            """INSERT INTO notify.campaigns (campaign_id, credit_code, template, segments,
                   send_at, requested_by, requested_at, recipients)
               VALUES ($1, $2, 'return_to_work', 2, $3, 'enterprise', $3, 10)""",
            campaign_id,
            code,
            requested_at,
        )
        return str(campaign_id)


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def views(
    request: pytest.FixtureRequest, infrastructure: None
) -> AsyncIterator[tuple[Views, Seeder]]:
    if request.param == "memory":
        fake = InMemoryViews()
        yield fake, MemorySeeder(fake)
        return
    # Migrated as deployed (the views need their readers' roles); the database goes before the
    # roles, which cannot be dropped while they hold rights in it.
    async with service_roles() as roles:
        name, dsn = await create_database()
        try:
            await asyncio.to_thread(run_migration_step, dsn, role_prefix=roles.prefix)
            pool = await open_pool(dsn, max_size=2)
            try:
                yield PublishedViews(pool), PostgresSeeder(pool)
            finally:
                await pool.close()
        finally:
            await drop_database(name)


async def test_weeks_whose_deadline_was_handled_with_someone_expected_oldest_first(
    views: tuple[Views, Seeder],
) -> None:
    read, seed = views
    await seed.enterprise(FOOD, PUDONG, T0)
    await seed.enterprise(PARTS, MINHANG, T0 + timedelta(days=3))
    await seed.deadline_handled("2020-W05", T0 - timedelta(days=1))  # nobody registered yet
    await seed.deadline_handled("2020-W08", T0 + timedelta(days=22))
    await seed.deadline_handled("2020-W07", T0 + timedelta(days=15))
    assert await read.compliance_weeks() == ["2020-W07", "2020-W08"]


async def test_campaigns_of_a_district_newest_first_with_the_district_registered(
    views: tuple[Views, Seeder],
) -> None:
    read, seed = views
    await seed.enterprise(FOOD, PUDONG, T0)
    await seed.enterprise(PARTS, MINHANG, T0)
    first = await seed.campaign(FOOD, T0 + timedelta(days=1))
    elsewhere = await seed.campaign(PARTS, T0 + timedelta(days=2))
    latest = await seed.campaign(FOOD, T0 + timedelta(days=3))
    unregistered = await seed.campaign(LATE, T0 + timedelta(days=4))

    city = await read.campaigns(None, 10)
    assert [(str(c["campaign_id"]), c["district_code"]) for c in city] == [
        (unregistered, None),
        (latest, PUDONG),
        (elsewhere, MINHANG),
        (first, PUDONG),
    ]
    pudong = await read.campaigns(PUDONG, 10)
    assert [str(c["campaign_id"]) for c in pudong] == [latest, first]
    assert [str(c["campaign_id"]) for c in await read.campaigns(None, 2)] == [unregistered, latest]
    assert {c["recipients"] for c in city} == {10}
