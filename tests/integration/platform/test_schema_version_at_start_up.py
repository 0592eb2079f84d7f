"""Services do not migrate: at start-up they wait for the migration step to bring their schema to
their version, and give up with an error that says what to run."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from services.platform.migrate import run_migration_step
from services.platform.migrations import MigrationError, wait_for_schema
from services.platform.postgres import open_pool
from tests.support.infra import unique_name
from tests.support.kafka_users import ungranted_user
from tests.support.processes import ServiceProcess, free_port, service_env

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("service", ["gateway", "monitoring"])
def test_a_service_on_an_unmigrated_database_exits_naming_the_migration_step(
    database: str, tmp_path: Path, service: str
) -> None:
    env = {
        **service_env(
            database, unique_name("test-") + ".", tmp_path, kafka=ungranted_user(service)
        ),
        "FUGONG_SCHEMA_WAIT_SECONDS": "1",
    }
    admin_port = free_port() if service == "gateway" else None
    process = ServiceProcess(
        service, free_port(), env, tmp_path / "s.log", admin_port=admin_port, migrate=False
    )
    try:
        with pytest.raises(RuntimeError, match="exited at start-up") as refused:
            process.start(ready_within=60)
    finally:
        process.stop()

    assert f"schema {service} is at version 000" in str(refused.value)
    assert f"python -m services.platform.migrate {service}" in str(refused.value)


async def test_start_up_waits_for_the_migration_step_then_proceeds(database: str) -> None:
    pool = await open_pool(database, max_size=2)
    try:
        waiting = asyncio.create_task(
            wait_for_schema(pool, "gateway", "services.gateway", timeout_seconds=60)
        )
        await asyncio.sleep(0.5)
        assert not waiting.done()  # nothing to start on yet
        async with pool.acquire() as conn:
            await run_migration_step(conn, ("gateway",))
        await asyncio.wait_for(waiting, timeout=30)
    finally:
        await pool.close()


async def test_a_schema_missing_this_builds_latest_migration_is_refused(database: str) -> None:
    conn = await asyncpg.connect(database)
    try:
        await run_migration_step(conn, ("gateway",))
        latest = await conn.fetchval("SELECT max(version) FROM gateway.schema_migrations")
        await conn.execute("DELETE FROM gateway.schema_migrations WHERE version = $1", latest)
    finally:
        await conn.close()
    pool = await open_pool(database, max_size=1)
    try:
        with pytest.raises(MigrationError, match=f"missing {latest:03d}"):
            await wait_for_schema(pool, "gateway", "services.gateway", timeout_seconds=0)
    finally:
        await pool.close()
