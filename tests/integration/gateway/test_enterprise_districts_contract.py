"""One suite for the gateway's register of enterprise districts, run against the in-memory fake
the route tests use and the PostgreSQL adapter, so the fake cannot drift from the real thing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from services.gateway.adapters.enterprise_districts import PostgresEnterpriseDistricts
from services.gateway.adapters.memory import InMemoryEnterpriseDistricts
from services.gateway.app import SCHEMA
from services.gateway.ports import EnterpriseDistricts
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.data import credit_code

pytestmark = pytest.mark.integration

PUDONG_FOOD = credit_code(8101, "310115")
PUDONG, XUHUI, JINGAN = "310115", "310104", "310106"


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def register(
    request: pytest.FixtureRequest, database: str
) -> AsyncIterator[EnterpriseDistricts]:
    if request.param == "memory":
        yield InMemoryEnterpriseDistricts()
        return
    pool = await open_pool(database, max_size=4)
    await migrate(pool, SCHEMA, "services.gateway")
    yield PostgresEnterpriseDistricts(pool)
    await pool.close()


async def test_a_new_enterprise_is_claimed_once(register: EnterpriseDistricts) -> None:
    first = await register.claim(PUDONG_FOOD, PUDONG, None)
    second = await register.claim(PUDONG_FOOD, XUHUI, None)

    assert first is not None
    assert first.changed
    assert second is None
    assert await register.districts([PUDONG_FOOD, credit_code(8102)]) == {PUDONG_FOOD: PUDONG}


async def test_claiming_the_district_it_is_in_changes_nothing(
    register: EnterpriseDistricts,
) -> None:
    await register.claim(PUDONG_FOOD, PUDONG, None)

    again = await register.claim(PUDONG_FOOD, PUDONG, None)
    assert again is not None
    assert not again.changed
    await register.release(again)  # nothing to give back
    assert await register.districts([PUDONG_FOOD]) == {PUDONG_FOOD: PUDONG}


async def test_a_move_needs_the_district_the_mover_saw(register: EnterpriseDistricts) -> None:
    await register.claim(PUDONG_FOOD, PUDONG, None)

    assert await register.claim(PUDONG_FOOD, JINGAN, XUHUI) is None  # saw it elsewhere: stale
    moved = await register.claim(PUDONG_FOOD, XUHUI, PUDONG)
    assert moved is not None
    assert moved.changed
    assert await register.districts([PUDONG_FOOD]) == {PUDONG_FOOD: XUHUI}


async def test_a_released_claim_restores_what_it_replaced(register: EnterpriseDistricts) -> None:
    created = await register.claim(PUDONG_FOOD, PUDONG, None)
    assert created is not None
    await register.release(created)
    assert await register.districts([PUDONG_FOOD]) == {}

    await register.claim(PUDONG_FOOD, PUDONG, None)
    move = await register.claim(PUDONG_FOOD, XUHUI, PUDONG)
    assert move is not None
    await register.release(move)
    assert await register.districts([PUDONG_FOOD]) == {PUDONG_FOOD: PUDONG}


async def test_a_release_does_not_undo_a_later_claim(register: EnterpriseDistricts) -> None:
    await register.claim(PUDONG_FOOD, PUDONG, None)
    earlier = await register.claim(PUDONG_FOOD, XUHUI, PUDONG)
    later = await register.claim(PUDONG_FOOD, JINGAN, XUHUI)
    assert earlier is not None
    assert later is not None

    await register.release(earlier)

    assert await register.districts([PUDONG_FOOD]) == {PUDONG_FOOD: JINGAN}


async def test_of_many_districts_claiming_at_once_exactly_one_wins(
    register: EnterpriseDistricts,
) -> None:
    districts = [PUDONG, XUHUI, JINGAN, "310101", "310105", "310107", "310109", "310110"]

    claims = await asyncio.gather(
        *(register.claim(PUDONG_FOOD, district, None) for district in districts)
    )

    winners = [district for district, claim in zip(districts, claims, strict=True) if claim]
    assert len(winners) == 1
    assert await register.districts([PUDONG_FOOD]) == {PUDONG_FOOD: winners[0]}


async def test_the_register_starts_from_monitorings_view_where_there_is_one(database: str) -> None:
    pool = await open_pool(database, max_size=1)
    try:
        await pool.execute(
            "CREATE SCHEMA monitoring; CREATE VIEW monitoring.enterprise_registry_v AS "
            f"SELECT '{PUDONG_FOOD}'::text AS credit_code, '{XUHUI}'::text AS district_code"
        )
        await migrate(pool, SCHEMA, "services.gateway")

        assert await PostgresEnterpriseDistricts(pool).districts([PUDONG_FOOD]) == {
            PUDONG_FOOD: XUHUI
        }
    finally:
        await pool.close()
