"""`fugong rebuild`: monitoring's rebuild from the topics, with a progress bar to its total."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from typer.testing import CliRunner

from services.cli.app import app
from tests.support.data import credit_code, registration, weekly_report
from tests.support.events import TestPublisher
from tests.support.infra import KAFKA, ServiceRoles
from tests.support.processes import run_migration_step

pytestmark = pytest.mark.integration


async def test_the_command_rebuilds_every_record_and_shows_its_progress(
    roles: ServiceRoles, database: str, topic_prefix: str
) -> None:
    await asyncio.to_thread(run_migration_step, database, role_prefix=roles.prefix)
    codes = [credit_code(3000 + i, "310115") for i in range(5)]
    async with TestPublisher(topic_prefix) as publisher:
        for code in codes:
            await publisher.register(registration(code, district="310115"))
            await publisher.report(weekly_report(code, week="2020-W07"))
    env = {
        "FUGONG_DATABASE_URL": database,  # the owner's, as the migration step's
        "FUGONG_TOPIC_PREFIX": topic_prefix,
        **KAFKA.environment(),
        "FUGONG_ENV": "test",
        "COLUMNS": "200",
    }

    result = await asyncio.to_thread(
        CliRunner().invoke, app, ["rebuild", "--role-prefix", roles.prefix], env=env
    )

    assert result.exit_code == 0, result.output
    assert "rebuilt from 10 records (10 events)" in result.stdout
    assert "10/10" in result.stderr
    conn = await asyncpg.connect(database)
    try:
        assert await conn.fetchval("SELECT count(*) FROM monitoring.processed_events") == 10
    finally:
        await conn.close()
