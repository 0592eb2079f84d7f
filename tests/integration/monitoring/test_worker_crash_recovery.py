"""Stop the monitoring worker mid-stream, by SIGKILL or SIGTERM: after a restart every figure is
still exactly what a recomputation from all accepted reports gives."""

from __future__ import annotations

import asyncio
import random
import signal
from pathlib import Path

import asyncpg
import pytest

from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.domain.figures import compute_cells
from tests.support.data import (
    DISTRICTS,
    DIVISIONS,
    credit_code,
    random_weekly_report,
    registration,
)
from tests.support.events import TestPublisher
from tests.support.kafka_users import ServiceUsers
from tests.support.processes import ServiceProcess, free_port, service_env
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

ENTERPRISES = 120
REPORTS = 3000
WEEKS = ("2020-W06", "2020-W07", "2020-W08", "2020-W09")


async def _processed(pool: asyncpg.Pool) -> int:
    count: int = await pool.fetchval("SELECT count(*) FROM monitoring.processed_events")
    return count


async def _wait_for(pool: asyncpg.Pool, target: int, within: float) -> int:
    return await eventually(
        lambda: _processed(pool),
        lambda seen: seen >= target,
        within=within,
        every=0.25,
        what=f"{target} events recorded",
    )


TOWNS = ("310115004", "310115005", "310101002", "310112102", "310114102")


def _community_report(town: str, week: str, rng: random.Random) -> dict[str, object]:
    registered = rng.randint(1000, 20000)
    returned = rng.randint(0, registered)
    employed = rng.randint(0, returned)
    return {
        "town_code": town,
        "week": week,
        "migrants_registered": registered,
        "returned_to_shanghai": returned,
        "employed": employed,
        "seeking_work": rng.randint(0, returned - employed),
        "in_quarantine": rng.randint(0, returned),
    }


async def _stream_reports(publisher: TestPublisher, codes: list[str], rng: random.Random) -> None:
    """Reports over four weeks in any order (late ones for past weeks among them), corrections,
    client retries, and community points' reports (a point registered only mid-stream)."""
    for i in range(REPORTS):
        if i % 20 == 0:  # corrections too: several per town and week
            await publisher.community_report(
                _community_report(rng.choice(TOWNS), rng.choice(WEEKS), rng)
            )
        if i == REPORTS // 2:
            await publisher.register_point(TOWNS[-1], "安亭镇")
        # Every 50th a client retry: the same event delivered twice.
        await publisher.report(random_weekly_report(rng, codes, WEEKS), twice=i % 50 == 0)
        if i % 100 == 0:
            await asyncio.sleep(0.01)


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
async def test_figures_equal_a_recomputation_after_the_worker_is_stopped_mid_stream(
    stop: signal.Signals,
    database: str,
    topic_prefix: str,
    kafka_users: ServiceUsers,
    tmp_path: Path,
) -> None:
    rng = random.Random(20200210)
    worker = ServiceProcess(
        "monitoring",
        free_port(),
        {
            **service_env(
                database, topic_prefix, tmp_path, kafka=kafka_users.connection("monitoring")
            ),
            "FUGONG_BATCH_MAX_RECORDS": "200",
            "FUGONG_KAFKA_SESSION_TIMEOUT_SECONDS": "6",
        },
        tmp_path / "monitoring.log",
    )
    codes = [credit_code(5000 + i, rng.choice(DISTRICTS)) for i in range(ENTERPRISES)]
    pool = await asyncpg.create_pool(database, min_size=1, max_size=2)
    try:
        worker.start()
        async with TestPublisher(topic_prefix) as publisher:
            for code in codes:
                await publisher.register(
                    registration(code, district=code[2:8], division=rng.choice(DIVISIONS))
                )
            for town in TOWNS[:-1]:
                await publisher.register_point(town, "街道")
            streaming = asyncio.create_task(_stream_reports(publisher, codes, rng))
            await _wait_for(pool, 600, within=60)
            exit_code = await asyncio.to_thread(worker.kill, stop)
            assert exit_code == -9 if stop is signal.SIGKILL else exit_code in (0, -15)
            killed_at = await _processed(pool)
            print(f"stopped by {stop.name} after {killed_at} events were recorded")
            await streaming
            worker.start()
            expected_events = len(publisher.event_ids())
            seen = await _wait_for(pool, expected_events, within=180)
            assert killed_at < expected_events, "the kill came after the stream was processed"
            assert seen == expected_events, worker.log_tail()

            expected = compute_cells(publisher.profiles(), publisher.report_figures())
            community = publisher.community_figures()
        store = PostgresMonitoringStore(pool)
        for week in WEEKS:
            stored = await store.cells(week)
            wanted = {k: v for k, v in expected.items() if k.week == week}
            assert stored == wanted
            assert await store.community(week) == {
                k: v for k, v in community.items() if k.week == week
            }
    finally:
        worker.stop()
        await pool.close()
