"""A periodic job that fails on every run does not take its stream worker down, on real Kafka and
PostgreSQL: the matching worker goes on recording events and publishing its other outboxes, the
failures are counted, `/readyz` fails only once the job has failed past the threshold, and all
is well again once the job can run."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from services.contracts.envelope import CloudEvent
from services.contracts.topics import LABOUR_OFFERS, POSTINGS, TopicSpec, topic_name
from services.platform.kafka import idempotent_producer
from tests.support.data import credit_code
from tests.support.infra import KAFKA
from tests.support.kafka_users import ServiceUsers
from tests.support.matching import posting_history
from tests.support.processes import ServiceProcess, free_port, service_env
from tests.support.sharing import shortage_event, surplus_event
from tests.support.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]

RESTAURANT, CANTEEN = credit_code(61, "310104"), credit_code(62, "310115")
JOB = "publish_sharing_notices"

# A fault in the job's own path (as a bug in its code would be): marking notices published fails.
_BREAK = """
CREATE FUNCTION matching.refuse_marking() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'marking refused'; END $$;
CREATE TRIGGER refuse_marking BEFORE UPDATE ON matching.sharing_notices
FOR EACH ROW EXECUTE FUNCTION matching.refuse_marking();
"""
_REPAIR = "DROP TRIGGER refuse_marking ON matching.sharing_notices"


async def _readiness(worker: ServiceProcess) -> tuple[int, dict[str, Any]]:
    async with httpx.AsyncClient() as http:
        answer = await http.get(f"{worker.admin_url}/readyz", timeout=5)
    return answer.status_code, answer.json()["checks"]


async def _failures_counted(worker: ServiceProcess) -> float:
    async with httpx.AsyncClient() as http:
        text = (await http.get(f"{worker.admin_url}/metrics", timeout=5)).text
    pattern = rf'fugong_stream_periodic_failures_total{{consumer="matching",job="{JOB}"}} (\S+)'
    found = re.search(pattern, text)
    return float(found.group(1)) if found else 0.0


async def test_the_worker_keeps_consuming_while_a_periodic_job_fails(
    database: str, topic_prefix: str, kafka_users: ServiceUsers, tmp_path: Path
) -> None:
    env = {
        **service_env(database, topic_prefix, tmp_path, kafka=kafka_users.connection("matching")),
        "FUGONG_SHARING_NOTICE_INTERVAL_SECONDS": "0.2",
        "FUGONG_PERIODIC_FAILURES_BEFORE_UNREADY": "3",
        "FUGONG_PERIODIC_MAX_BACKOFF_SECONDS": "1",
    }
    worker = ServiceProcess("matching", free_port(), env, tmp_path / "matching.log")
    producer = idempotent_producer(KAFKA, "fugong-tests")  # the admin, playing the gateway
    await producer.start()
    pool: asyncpg.Pool | None = None
    try:

        async def send(events: list[CloudEvent[Any]], topic: TopicSpec) -> None:
            for event in events:
                await producer.send_and_wait(
                    topic_name(topic, topic_prefix), event.to_json(), key=event.subject.encode()
                )

        await asyncio.to_thread(worker.start)
        pool = await asyncpg.create_pool(database, min_size=1, max_size=2)
        await pool.execute(_BREAK)
        await send([surplus_event(1, RESTAURANT, 1), shortage_event(2, CANTEEN, 2)], LABOUR_OFFERS)

        status, checks = await eventually(
            lambda: _readiness(worker),
            lambda seen: seen[1].get(f"job:{JOB}") is False,
            within=60,
            what=f"/readyz failing on {JOB}; worker log:\n{worker.log_tail(20)}\n",
        )
        assert status == 503
        others = {name: ok for name, ok in checks.items() if name != f"job:{JOB}"}
        assert {"postgres", "kafka", "stream", "job:publish_demand_changes"} <= set(others)
        assert all(others.values()), checks  # the other jobs and the consume loop are fine
        assert await _failures_counted(worker) >= 3

        # Meanwhile the worker records what comes in, and its process is still the same one.
        postings = [
            posting_history(f"00000000-0000-4000-8000-{n:012d}", RESTAURANT, headcount=3, steps=[])
            for n in range(5)
        ]
        before: int = await pool.fetchval("SELECT count(*) FROM matching.processed_events")
        await send([event for history in postings for event in history], POSTINGS)

        async def processed() -> int:
            assert pool is not None
            count: int = await pool.fetchval("SELECT count(*) FROM matching.processed_events")
            return count

        await eventually(processed, lambda n: n == before + 5, within=60, what="postings recorded")
        assert worker.process is not None
        assert worker.process.poll() is None

        await pool.execute(_REPAIR)

        async def unpublished() -> int:
            assert pool is not None
            count: int = await pool.fetchval(
                "SELECT count(*) FROM matching.sharing_notices WHERE published_at IS NULL"
            )
            return count

        await eventually(unpublished, lambda n: n == 0, within=60, what="the notices published")
        await eventually(
            lambda: _readiness(worker),
            lambda seen: seen[0] == 200,
            within=30,
            what=f"/readyz recovered; worker log:\n{worker.log_tail(20)}\n",
        )
        assert "marking refused" not in worker.log_path.read_text()  # the message stays out
    finally:
        worker.stop()
        await producer.stop()
        if pool is not None:
            await pool.close()
