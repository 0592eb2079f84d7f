"""Alibaba Cloud's SMS delivery reports end-to-end: notify sends SMS through Alibaba (its
primary here), the provider simulator pushes each request's reports (SmsReport, a JSON array)
to notify's callback listener, late, out of order, a fifth twice, for requests whose answer it
withheld too. Every message Alibaba accepted ends delivered, or on voice when its report says
undelivered; none stays `sent`, no report waits, nobody is reached twice by one provider."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import pytest_asyncio

from services.notify.adapters.bulk_messages import add_messages
from services.notify.domain.routing import Channel
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.kafka_users import ServiceUsers
from tests.support.notify_campaign import recipients, tally
from tests.support.processes import ServiceProcess, free_port, service_env
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

RECIPIENTS = 300
NOTICE = "notice:2020-02-返岗通知-阿里云回执"
SIMULATED = {
    "latency_seconds": 0.01,
    "permanent_rate": 0.05,  # at Alibaba: accepted, then reported undelivered
    "unanswered_rate": 0.15,
    "unanswered_hold_seconds": 3,
    "push_delay_seconds": 0.2,
    "push_jitter_seconds": 1.0,
    "push_duplicate_rate": 0.2,
    "aliyun_sms_reports": "true",
}
UNDELIVERED = "sms: not delivered (MOBILE_IN_BLACK)"


async def _from_simulator(simulator: ServiceProcess, path: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=simulator.url) as client:
        answer: dict[str, Any] = (await client.get(path)).raise_for_status().json()
        return answer


async def _open(pool: asyncpg.Pool, simulator: ServiceProcess) -> tuple[int, int, int, int]:
    """(messages not final, Alibaba messages `sent`, reports waiting, pushes on their way)."""
    pushes = await _from_simulator(simulator, "/_sim/pushes")
    made = pushes.get("scheduled", 0) - pushes.get("lost", 0) + pushes.get("duplicated", 0)
    on_their_way = made - pushes.get("pushed", 0) - pushes.get("refused", 0)
    row = await pool.fetchrow(
        """SELECT count(*) FILTER (WHERE status IN ('created', 'sending', 'temporary_failure')),
                  count(*) FILTER (WHERE status = 'sent' AND provider = 'aliyun_sms'),
                  (SELECT count(*) FROM notify.sms_reports)
           FROM notify.messages WHERE requested_by = $1""",
        NOTICE,
    )
    assert row is not None
    return row[0], row[1], row[2], on_their_way


@pytest_asyncio.fixture
async def rig(
    database: str, topic_prefix: str, kafka_users: ServiceUsers, tmp_path: Path
) -> AsyncIterator[tuple[asyncpg.Pool, ServiceProcess, ServiceProcess]]:
    callback_port = free_port()
    env = {
        **service_env(database, topic_prefix, tmp_path, kafka=kafka_users.connection("notify")),
        "FUGONG_SMS_PRIMARY": "aliyun_sms",
        "FUGONG_SEND_BATCH_SIZE": "5",  # 60 requests: some of them unanswered
        "FUGONG_SEND_INTERVAL_SECONDS": "0.2",
        "FUGONG_SEND_TIMEOUT_SECONDS": "1",
        "FUGONG_RESOLVE_AFTER_SECONDS": "2",
        "FUGONG_RETRY_BACKOFF_SECONDS": "0.2",
        "FUGONG_CALLBACK_PORT": str(callback_port),
        "FUGONG_PUSHED_OUTCOMES_INTERVAL_SECONDS": "0.5",
        "FUGONG_SIM_PUSH_URL": f"http://127.0.0.1:{callback_port}",
        **{f"FUGONG_SIM_{name.upper()}": str(value) for name, value in SIMULATED.items()},
    }
    simulator = ServiceProcess("notify.simulator", free_port(), env, tmp_path / "simulator.log")
    host = f"127.0.0.1:{simulator.port}"
    env |= {
        "FUGONG_SMS_ENDPOINT": host,
        "FUGONG_ALIYUN_ENDPOINT": host,
        "FUGONG_VOICE_ENDPOINT": host,
        "FUGONG_WECHAT_API_BASE": f"http://{host}/cgi-bin/",
    }
    notify = ServiceProcess("notify", free_port(), env, tmp_path / "notify.log")
    pool = await open_pool(database, max_size=2)
    messages = [
        dataclasses.replace(
            m, channels=(Channel.SMS, Channel.VOICE), wechat_openid=None, opted_out=frozenset()
        )
        for m in recipients(RECIPIENTS, NOTICE)
    ]
    try:
        await migrate(pool, "notify", "services.notify")
        assert await add_messages(pool, messages) == RECIPIENTS
        await asyncio.to_thread(simulator.start)
        await asyncio.to_thread(notify.start)
        yield pool, simulator, notify
    finally:
        notify.stop()
        simulator.stop()
        await pool.close()


async def test_alibabas_pushed_reports_settle_its_sms_and_undelivered_ones_fall_back(
    rig: tuple[asyncpg.Pool, ServiceProcess, ServiceProcess],
) -> None:
    pool, simulator, notify = rig
    await eventually(
        lambda: _open(pool, simulator), lambda counts: counts == (0, 0, 0, 0), within=60,
        what="every message final, no Alibaba SMS `sent`, no report waiting or on its way",
    )  # fmt: skip

    received = await _from_simulator(simulator, "/_sim/received")
    pushes = await _from_simulator(simulator, "/_sim/pushes")
    aliyun = received["aliyun_sms"]
    assert aliyun["unanswered"] > 0  # requests whose answer was lost: their reports still count
    assert pushes["unanswered_scheduled"] > 0
    assert pushes.get("duplicated", 0) > 0
    delivered = await pool.fetchval(
        "SELECT count(*) FROM notify.messages WHERE requested_by = $1 AND status = 'delivered'"
        " AND provider = 'aliyun_sms'",
        NOTICE,
    )
    assert delivered > 0
    # Reported undelivered: called instead (the only channel left after SMS).
    twice = [a for r in received.values() for a, n in r["by_address"].items() if n > 1]
    assert twice == [], "no provider reached anyone twice"
    on_both = set(aliyun["by_address"]) & set(received.get("tencent_vms", {}).get("by_address", {}))
    assert len(on_both) > 0
    counts = await tally(pool, NOTICE, received)
    assert counts.duplicates == len(on_both)
    assert counts.missing == 0, f"recorded as sent but never accepted: {counts.missing_by}"
    async with httpx.AsyncClient(base_url=notify.url) as client:
        metrics = (await client.get("/metrics")).raise_for_status().text
    applied = [
        line
        for line in metrics.splitlines()
        if line.startswith("fugong_notify_pushed_outcomes_total{")
        and 'provider="aliyun_sms"' in line
        and 'result="applied"' in line
    ]
    assert applied
    assert float(applied[0].rsplit(" ", 1)[1]) >= delivered
