"""The must-show: the demand lists equal a recomputation from the posting events after
duplicates, reordering and a processor restart (SIGKILL), on real Kafka and PostgreSQL."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from typing import Any

import asyncpg

from services.contracts.envelope import CloudEvent
from services.contracts.topics import ENTERPRISE_REGISTRATIONS, POSTINGS, TopicSpec, topic_name
from services.matching.domain.screening import screen_posting
from services.platform.kafka import idempotent_producer
from tests.support.data import credit_code, registration
from tests.support.infra import KAFKA
from tests.support.kafka_users import ServiceUsers
from tests.support.matching import (
    expected_cells,
    posting_history,
    registration_event,
    stored_cells,
)
from tests.support.processes import ServiceProcess, free_port, service_env
from tests.support.waiting import eventually

ENTERPRISES = [
    registration(credit_code(21, "310115"), key_enterprise=True),
    registration(credit_code(22, "310104"), district="310104", division="52"),
    registration(credit_code(23, "310112"), district="310112", division="39", key_enterprise=True),
]


def histories(rng: random.Random) -> list[list[CloudEvent[Any]]]:
    """Forty postings, each opened and then filled, revised or closed a few times."""
    postings = []
    for n in range(40):
        code = ENTERPRISES[n % 3]["credit_code"]
        steps: list[tuple[str, Any]] = []
        for _ in range(rng.randint(0, 4)):
            kind = rng.choice(["fill", "fill", "revise", "close"])
            if kind == "fill":
                steps.append(("fill", rng.randint(0, 8)))
            elif kind == "revise":
                steps.append(
                    (
                        "revise",
                        {
                            "headcount": rng.randint(1, 12),
                            "district_code": rng.choice(["310115", "310104"]),
                        },
                    )
                )
            else:
                steps.append(("close", "withdrawn"))
        if n == 7:  # one the screening refuses
            steps = [("revise", {"description": "招聘仓库分拣员，湖北籍勿扰"})]
        posting = f"00000000-0000-4000-8000-{n:012d}"
        postings.append(posting_history(posting, code, headcount=rng.randint(1, 12), steps=steps))
    return postings


def delivered(postings: list[list[CloudEvent[Any]]], rng: random.Random) -> list[CloudEvent[Any]]:
    """Every event, a third of them twice, in any order: a posting's later versions often
    come before its earlier ones (and before it opens)."""
    sent = [e for events in postings for e in events for _ in range(2 if rng.random() < 0.3 else 1)]
    rng.shuffle(sent)
    return sent


async def test_lists_equal_the_recomputation_after_duplicates_reordering_and_a_sigkill(
    database: str, topic_prefix: str, kafka_users: ServiceUsers, tmp_path: Path
) -> None:
    rng = random.Random(2020)
    registrations = [registration_event(body) for body in ENTERPRISES]
    postings = histories(rng)
    events = delivered(postings, rng)
    distinct = {e.id for e in events} | {e.id for e in registrations}
    env = {
        **service_env(database, topic_prefix, tmp_path, kafka=kafka_users.connection("matching")),
        "FUGONG_BATCH_MAX_RECORDS": "20",
    }
    matching = ServiceProcess("matching", free_port(), env, tmp_path / "matching.log")
    producer = idempotent_producer(KAFKA, "fugong-tests")  # the admin, playing the gateway
    await producer.start()
    pool: asyncpg.Pool | None = None
    try:

        async def send(batch: list[CloudEvent[Any]], topic: TopicSpec) -> None:
            for event in batch:
                await producer.send_and_wait(
                    topic_name(topic, topic_prefix), event.to_json(), key=event.subject.encode()
                )

        await asyncio.to_thread(matching.start)
        pool = await asyncpg.create_pool(database, min_size=1, max_size=2)
        await send(registrations, ENTERPRISE_REGISTRATIONS)
        half = len(events) // 2
        await send(events[:half], POSTINGS)

        async def processed() -> int:
            assert pool is not None
            count: int = await pool.fetchval("SELECT count(*) FROM matching.processed_events")
            return count

        await eventually(processed, lambda n: n > 10, what="the worker to record some events")
        assert matching.kill() != 0  # SIGKILL mid-stream: nothing flushed, nothing committed
        await send(events[half:], POSTINGS)
        await asyncio.to_thread(matching.start)

        await eventually(
            processed, lambda n: n == len(distinct), within=90, what="every event recorded once"
        )
        assert await pool.fetchval("SELECT count(*) FROM matching.pending_changes") == 0
        expected = expected_cells(registrations, events, screen_posting)
        assert expected  # open demand remains in the scenario
        assert await stored_cells(pool) == expected
        refused = await pool.fetchval(
            "SELECT status FROM matching.postings WHERE posting_id = $1",
            "00000000-0000-4000-8000-000000000007",
        )
        assert refused == "refused"
    finally:
        matching.stop()
        await producer.stop()
        if pool is not None:
            await pool.close()
