"""The only Kafka broker stopped for longer than the worker's session and started again on the same
data: the monitoring worker (its own Kafka user, with the catalogue's ACLs) rejoins its group by
itself and records everything sent afterwards.

Found by tests/e2e/test_kafka_outage.py, where the worker stopped consuming for good after such an
outage (its log ended at aiokafka's "Heartbeat session expired") and had to be restarted. The
broker stops while the worker is still recording a backlog, so a batch is in flight then.
Whether the restarted broker keeps the worker's membership or makes it rejoin is the broker's
timing; the rejoin that never ended is pinned deterministically in
tests/unit/platform/test_consume_loop_rebalance.py.
"""

from __future__ import annotations

import asyncio
import random
import signal
from pathlib import Path

import asyncpg
import httpx
import pytest

from services.platform.kafka_connection import KafkaConnection
from services.platform.topics import ensure_topics
from tests.support.broker import private_broker
from tests.support.data import DISTRICTS, credit_code, random_weekly_report, registration
from tests.support.events import TestPublisher
from tests.support.infra import KAFKA, unique_name
from tests.support.kafka_users import ServiceUsers, granted_service_users
from tests.support.processes import ServiceProcess, free_port, service_env
from tests.support.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

ENTERPRISES = 40
REPORTS_BEFORE = 2000  # the worker is still recording them when the broker stops
REPORTS_AFTER = 300
WEEKS = ("2020-W06", "2020-W07", "2020-W08")
SESSION_TIMEOUT_SECONDS = 6
OUTAGE_SECONDS = 15  # well past the session: the worker's heartbeat session expires


async def _processed(pool: asyncpg.Pool) -> int:
    count: int = await pool.fetchval("SELECT count(*) FROM monitoring.processed_events")
    return count


async def _recorded(pool: asyncpg.Pool, expected: int, worker: ServiceProcess, when: str) -> None:
    await eventually(
        lambda: _processed(pool),
        lambda seen: seen == expected,
        within=90,
        every=0.5,
        what=f"{expected} events recorded {when}; worker log:\n{worker.log_tail(30)}\n",
    )


async def _ready(worker: ServiceProcess) -> bool:
    async with httpx.AsyncClient() as http:
        return (await http.get(f"{worker.admin_url}/readyz", timeout=5)).status_code == 200


async def _publish(
    kafka: KafkaConnection, prefix: str, codes: list[str], reports: int, rng: random.Random
) -> set[str]:
    """A producer per phase, so none of its state outlives the outage; return the event ids.

    Never during the outage: an idempotent producer resends forever, so a send that timed out
    could still arrive later and the expected count would be unknown."""
    async with TestPublisher(prefix, kafka) as publisher:
        bodies = [random_weekly_report(rng, codes, WEEKS) for _ in range(reports)]
        for start in range(0, reports, 500):
            await asyncio.gather(*(publisher.report(body) for body in bodies[start : start + 500]))
        return publisher.event_ids()


async def test_the_worker_records_what_is_sent_after_the_broker_restarts(
    database: str, tmp_path: Path
) -> None:
    rng = random.Random(20200210)
    codes = [credit_code(7000 + i, rng.choice(DISTRICTS)) for i in range(ENTERPRISES)]
    prefix = unique_name("rejoin-") + "."
    with private_broker(tmp_path / "kafka") as broker:
        await ensure_topics(broker.connection, prefix=prefix)
        # The worker runs as its own user, with the catalogue's ACLs, as deployed.
        granted = granted_service_users(
            prefix, ["monitoring"], kafka=broker.connection, users=broker.service_user
        )
        async with granted as users:
            worker = ServiceProcess(
                "monitoring",
                free_port(),
                {
                    **service_env(database, prefix, tmp_path, kafka=users.connection("monitoring")),
                    "FUGONG_BATCH_MAX_RECORDS": "200",
                    "FUGONG_KAFKA_SESSION_TIMEOUT_SECONDS": str(SESSION_TIMEOUT_SECONDS),
                },
                tmp_path / "monitoring.log",
            )
            pool = await asyncpg.create_pool(database, min_size=1, max_size=2)
            try:
                await asyncio.to_thread(worker.start)
                async with TestPublisher(prefix, broker.connection) as publisher:
                    for code in codes:
                        await publisher.register(registration(code, district=code[2:8]))
                    registered = publisher.event_ids()
                before = await _publish(broker.connection, prefix, codes, REPORTS_BEFORE, rng)
                sent = len(registered | before)
                await asyncio.to_thread(broker.stop)
                await asyncio.sleep(OUTAGE_SECONDS)
                await asyncio.to_thread(broker.start)

                after = await _publish(broker.connection, prefix, codes, REPORTS_AFTER, rng)
                await _recorded(pool, sent + len(after), worker, "after the broker restarted")
                assert await _ready(worker), worker.log_tail(30)
            finally:
                worker.stop()
                await pool.close()


async def test_a_worker_paused_past_its_session_rejoins_its_group_and_goes_on(
    database: str, topic_prefix: str, kafka_users: ServiceUsers, tmp_path: Path
) -> None:
    """SIGSTOP for longer than the session: the broker drops the member, so on SIGCONT the worker
    must rejoin (the path that hung), then record what was sent while it was away and after."""
    rng = random.Random(20200217)
    codes = [credit_code(7100 + i, rng.choice(DISTRICTS)) for i in range(ENTERPRISES)]
    worker = ServiceProcess(
        "monitoring",
        free_port(),
        {
            **service_env(
                database, topic_prefix, tmp_path, kafka=kafka_users.connection("monitoring")
            ),
            "FUGONG_KAFKA_SESSION_TIMEOUT_SECONDS": str(SESSION_TIMEOUT_SECONDS),
        },
        tmp_path / "monitoring.log",
    )
    pool = await asyncpg.create_pool(database, min_size=1, max_size=2)
    try:
        await asyncio.to_thread(worker.start)
        async with TestPublisher(topic_prefix) as publisher:
            for code in codes:
                await publisher.register(registration(code, district=code[2:8]))
            registered = publisher.event_ids()
        first = await _publish(KAFKA, topic_prefix, codes, REPORTS_AFTER, rng)
        await _recorded(pool, len(registered | first), worker, "before the pause")
        assert worker.process is not None
        worker.process.send_signal(signal.SIGSTOP)
        try:
            while_away = await _publish(KAFKA, topic_prefix, codes, REPORTS_AFTER, rng)
            await asyncio.sleep(SESSION_TIMEOUT_SECONDS * 2.5)  # the member is dropped
        finally:
            worker.process.send_signal(signal.SIGCONT)
        after = await _publish(KAFKA, topic_prefix, codes, REPORTS_AFTER, rng)
        expected = len(registered | first | while_away | after)
        await _recorded(pool, expected, worker, "after the pause")
        assert await _ready(worker), worker.log_tail(30)
    finally:
        worker.stop()
        await pool.close()
