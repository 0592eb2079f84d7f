"""Rebuilding monitoring's derived state from the topics, while a live worker records a stream."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest

from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.domain.figures import compute_cells
from services.monitoring.rebuild import rebuild
from services.monitoring.settings import MonitoringSettings
from tests.support.data import DISTRICTS, DIVISIONS, credit_code, registration, weekly_report
from tests.support.events import TestPublisher
from tests.support.infra import KAFKA, ServiceRoles
from tests.support.kafka_users import ServiceUsers
from tests.support.processes import ServiceProcess, free_port, run_migration_step, service_env
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

WEEKS = ("2020-W06", "2020-W07", "2020-W08")


async def _processed(pool: asyncpg.Pool) -> int:
    count: int = await pool.fetchval("SELECT count(*) FROM monitoring.processed_events")
    return count


async def _stream(publisher: TestPublisher, codes: list[str], reports: int, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(reports):
        employees = rng.randint(20, 500)
        on_duty = rng.randint(0, employees)
        await publisher.report(
            weekly_report(
                rng.choice(codes), week=rng.choice(WEEKS), employees=employees, on_duty=on_duty,
                remote=0, resumed=on_duty > 0,
            )
        )  # fmt: skip
        if i % 50 == 0:
            await asyncio.sleep(0.01)


async def test_a_rebuild_mends_the_figures_and_switches_over_while_the_worker_records(
    roles: ServiceRoles,
    database: str,
    topic_prefix: str,
    kafka_users: ServiceUsers,
    tmp_path: Path,
) -> None:
    """The worker runs as monitoring's own role and Kafka user: recording after the switch shows
    the rebuilt tables got its grants back (and the gateway's role still reads the views)."""
    rng = random.Random(20200301)
    run_migration_step(database, role_prefix=roles.prefix)
    name = urlsplit(database).path.lstrip("/")
    env = {
        **service_env(
            roles.dsn("monitoring", name),
            topic_prefix,
            tmp_path,
            kafka=kafka_users.connection("monitoring"),
        ),
        "FUGONG_BATCH_MAX_RECORDS": "200",
    }
    worker = ServiceProcess(
        "monitoring", free_port(), env, tmp_path / "monitoring.log", migrate=False
    )
    codes = [credit_code(8000 + i, rng.choice(DISTRICTS)) for i in range(60)]
    pool = await asyncpg.create_pool(database, min_size=1, max_size=2)
    try:
        worker.start()
        async with TestPublisher(topic_prefix) as publisher:
            for code in codes:
                await publisher.register(
                    registration(code, district=code[2:8], division=rng.choice(DIVISIONS))
                )
            await _stream(publisher, codes, 600, seed=1)
            await eventually(
                lambda: _processed(pool),
                lambda n: n == len(publisher.event_ids()),
                what="the first part of the stream recorded",
            )
            # A formula "changed": the stored sums no longer say what the events say.
            await pool.execute("UPDATE monitoring.return_to_work_cells SET on_duty = 0, hires = 7")

            # The rebuild is an operator's tool, run here in-process as the admin.
            settings = MonitoringSettings(
                _env_file=None,
                database_url=database,
                **KAFKA.settings(),
                topic_prefix=topic_prefix,
            )
            streaming = asyncio.create_task(_stream(publisher, codes, 600, seed=2))
            progress = await rebuild(settings, role_prefix=roles.prefix)
            await streaming

            assert progress.records >= 600 + len(codes)
            await eventually(
                lambda: _processed(pool),
                lambda n: n == len(publisher.event_ids()),
                what="the whole stream recorded, after the switch as well",
            )
            expected = compute_cells(publisher.profiles(), publisher.report_figures())
        store = PostgresMonitoringStore(pool)
        for week in WEEKS:
            assert await store.cells(week) == {k: v for k, v in expected.items() if k.week == week}
        views = await pool.fetchval(
            "SELECT sum(on_duty) FROM monitoring.indicators_v WHERE scope = 'city'"
        )
        assert views == sum(cell.on_duty for cell in expected.values())
        schemas = await pool.fetch(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'monitoring%' ORDER BY 1"
        )
        assert [row[0] for row in schemas] == ["monitoring"]
        gateway = await asyncpg.connect(roles.dsn("gateway", name))
        try:
            assert await gateway.fetchval(
                "SELECT count(*) FROM monitoring.enterprise_registry_v"
            ) == len(codes)
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await gateway.fetch("SELECT * FROM monitoring.enterprises")
        finally:
            await gateway.close()
    finally:
        worker.stop()
        await pool.close()
