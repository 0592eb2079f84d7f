"""Two monitoring workers in one consumer group share the partitions; when one is stopped by SIGTERM
mid-stream the other takes over its partitions, and every figure is still exactly what a
recomputation from all accepted reports gives."""

from __future__ import annotations

import asyncio
import random
import signal
from pathlib import Path

import asyncpg
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.domain.figures import compute_cells
from tests.support.data import (
    DISTRICTS,
    DIVISIONS,
    NAMES,
    credit_code,
    random_weekly_report,
    registration,
)
from tests.support.events import TestPublisher
from tests.support.kafka_users import ServiceUsers
from tests.support.processes import ServiceProcess, free_port, service_env
from tests.support.waiting import WaitTimedOut, eventually

pytestmark = pytest.mark.integration

ENTERPRISES = 100
REPORTS = 2400
WEEKS = ("2020-W06", "2020-W07", "2020-W08")
RECORDED_NEW = "fugong_stream_events_recorded_total"


def _worker(
    name: str, database: str, topic_prefix: str, users: ServiceUsers, tmp_path: Path
) -> ServiceProcess:
    data_dir = tmp_path / name
    data_dir.mkdir()
    return ServiceProcess(
        "monitoring",
        free_port(),
        {
            **service_env(database, topic_prefix, data_dir, kafka=users.connection("monitoring")),
            "FUGONG_BATCH_MAX_RECORDS": "200",
            "FUGONG_KAFKA_SESSION_TIMEOUT_SECONDS": "6",
        },
        tmp_path / f"{name}.log",
    )


async def _new_events_recorded(client: httpx.AsyncClient, worker: ServiceProcess) -> float:
    """The worker's count of events it recorded as new (not redeliveries), from its /metrics."""
    response = await client.get(f"{worker.admin_url}/metrics", timeout=5)
    response.raise_for_status()
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if sample.name == RECORDED_NEW and sample.labels == {
                "consumer": "monitoring",
                "outcome": "new",
            }:
                return sample.value
    return 0.0


async def _processed_ids(pool: asyncpg.Pool) -> set[str]:
    rows = await pool.fetch("SELECT event_id FROM monitoring.processed_events")
    return {row["event_id"] for row in rows}


async def _stream_reports(
    publisher: TestPublisher,
    codes: list[str],
    rng: random.Random,
    underway: asyncio.Event,
    stopped: asyncio.Event,
) -> None:
    """2,400 reports on 300 enterprise-weeks, so most are corrections (the same enterprise and
    week again, later), and client retries (the same event twice). A third of the way it says
    so; two thirds of the way it waits for a worker to have been stopped, so that a good part
    of the stream comes after the stop."""
    for i in range(REPORTS):
        if i == REPORTS // 3:
            underway.set()
        if i == 2 * REPORTS // 3:
            await stopped.wait()
        # Every 40th a client retry: the same event delivered twice.
        await publisher.report(random_weekly_report(rng, codes, WEEKS), twice=i % 40 == 0)
        if i % 20 == 0:  # a steady stream rather than one burst
            await asyncio.sleep(0.02)


async def test_two_workers_share_the_partitions_and_one_stopping_loses_nothing(
    database: str, topic_prefix: str, kafka_users: ServiceUsers, tmp_path: Path
) -> None:
    rng = random.Random(20200217)
    first = _worker("first", database, topic_prefix, kafka_users, tmp_path)
    second = _worker("second", database, topic_prefix, kafka_users, tmp_path)
    codes = [credit_code(7000 + i, rng.choice(DISTRICTS)) for i in range(ENTERPRISES)]
    pool = await asyncpg.create_pool(database, min_size=1, max_size=2)
    underway, stopped = asyncio.Event(), asyncio.Event()
    streaming: asyncio.Task[None] | None = None
    try:
        await asyncio.gather(asyncio.to_thread(first.start), asyncio.to_thread(second.start))
        async with TestPublisher(topic_prefix) as publisher, httpx.AsyncClient() as client:
            for n, code in enumerate(codes):
                await publisher.register(
                    registration(
                        code,
                        district=code[2:8],
                        division=rng.choice(DIVISIONS),
                        name=NAMES[n % len(NAMES)],
                        key_enterprise=n % 5 == 0,
                    )
                )
            streaming = asyncio.create_task(
                _stream_reports(publisher, codes, rng, underway, stopped)
            )

            async def recorded_by_each() -> tuple[float, float]:
                return (
                    await _new_events_recorded(client, first),
                    await _new_events_recorded(client, second),
                )

            # Each has recorded events of its own: the group's partitions are shared.
            await eventually(
                recorded_by_each,
                lambda counts: min(counts) > 0,
                within=30,
                every=0.25,
                what="both workers to record new events",
            )

            async def is_underway() -> bool:
                return underway.is_set()

            await eventually(
                is_underway, bool, within=30, what="the stream to be a third of the way"
            )
            assert not streaming.done(), "the stream ended before a worker was stopped"
            by_first, by_second = await recorded_by_each()
            print(f"SIGTERM to the first worker after {by_first:g} + {by_second:g} new events")
            exit_code = await asyncio.to_thread(first.kill, signal.SIGTERM)
            assert exit_code in (0, -15), first.log_tail()
            stopped.set()
            await streaming

            expected_ids = publisher.event_ids()
            assert len(expected_ids) == ENTERPRISES + REPORTS

            async def unrecorded() -> set[str]:
                return expected_ids - await _processed_ids(pool)

            try:
                await eventually(
                    unrecorded,
                    lambda missing: not missing,
                    within=30,
                    every=0.25,
                    what=f"all {len(expected_ids)} events recorded by the remaining worker",
                )
            except WaitTimedOut as exc:
                raise WaitTimedOut(f"{exc}\nits log:\n{second.log_tail()}") from None
            assert await _processed_ids(pool) == expected_ids, second.log_tail()
            expected = compute_cells(publisher.profiles(), publisher.report_figures())

        store = PostgresMonitoringStore(pool)
        for week in WEEKS:
            stored = await store.cells(week)
            assert stored == {k: v for k, v in expected.items() if k.week == week}, week
    finally:
        if streaming is not None and not streaming.done():
            streaming.cancel()
        first.stop()
        second.stop()
        await pool.close()
