"""Notify as real processes: the provider simulator and a notify worker on the test's own
database and topics, tuned so that retries and lookups happen within seconds."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest_asyncio

from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.events import TestPublisher
from tests.support.kafka_users import ServiceUsers
from tests.support.processes import ServiceProcess, free_port, service_env


@dataclass
class NotifyRig:
    notify: ServiceProcess
    simulator: ServiceProcess
    pool: asyncpg.Pool
    publisher: TestPublisher

    async def received_by_all(self) -> dict[str, Any]:
        """Per provider: requests, accepted, by_address, by_reference_and_address."""
        async with httpx.AsyncClient(base_url=self.simulator.url) as client:
            answer: dict[str, Any] = (await client.get("/_sim/received")).raise_for_status().json()
            return answer

    async def received(self, provider: str = "tencent_sms") -> dict[str, Any]:
        empty = {"requests": 0, "accepted": 0, "by_address": {}, "by_reference_and_address": []}
        answer: dict[str, Any] = (await self.received_by_all()).get(provider, empty)
        return answer

    async def configure(self, **behaviour: object) -> None:
        async with httpx.AsyncClient(base_url=self.simulator.url) as client:
            (await client.post("/_sim/config", json=behaviour)).raise_for_status()

    async def statuses(self) -> dict[str, int]:
        rows = await self.pool.fetch("SELECT status, count(*) FROM notify.messages GROUP BY 1")
        return {row[0]: row[1] for row in rows}


@pytest_asyncio.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    """Notify's schema, migrated, on the test's own database (its store without processes)."""
    pool = await open_pool(database, max_size=2)
    await migrate(pool, "notify", "services.notify")
    try:
        yield pool
    finally:
        await pool.close()


@pytest_asyncio.fixture
async def rig(
    database: str, topic_prefix: str, kafka_users: ServiceUsers, tmp_path: Path
) -> AsyncIterator[NotifyRig]:
    env = {
        **service_env(database, topic_prefix, tmp_path, kafka=kafka_users.connection("notify")),
        "FUGONG_LAG_INTERVAL_SECONDS": "1",
        "FUGONG_SEND_INTERVAL_SECONDS": "0.2",
        "FUGONG_SEND_BATCH_SIZE": "25",
        "FUGONG_SEND_BATCHES_PER_TICK": "2",
        "FUGONG_SEND_TIMEOUT_SECONDS": "1",
        "FUGONG_RESOLVE_AFTER_SECONDS": "2",
        "FUGONG_RETRY_BACKOFF_SECONDS": "0.2",
        "FUGONG_MAX_ATTEMPTS": "10",
        # Held longer than notify waits for an answer, shorter than the test.
        "FUGONG_SIM_UNANSWERED_HOLD_SECONDS": "3",
    }
    simulator = ServiceProcess("notify.simulator", free_port(), env, tmp_path / "simulator.log")
    host = f"127.0.0.1:{simulator.port}"  # every provider on this test's own simulator
    env["FUGONG_SMS_ENDPOINT"] = env["FUGONG_ALIYUN_ENDPOINT"] = env["FUGONG_VOICE_ENDPOINT"] = host
    env["FUGONG_WECHAT_API_BASE"] = f"http://{host}/cgi-bin/"
    notify = ServiceProcess("notify", free_port(), env, tmp_path / "notify.log")
    pool = await open_pool(database, max_size=2)
    try:
        await asyncio.to_thread(simulator.start)
        await asyncio.to_thread(notify.start)
        async with TestPublisher(topic_prefix) as publisher:
            yield NotifyRig(notify, simulator, pool, publisher)
    finally:
        notify.stop()
        simulator.stop()
        await pool.close()
