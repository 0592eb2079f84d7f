"""WeChat's and VMS's pushed outcomes end-to-end: the provider simulator pushes each accepted
template message's and call's outcome to notify's callback listener (signed XML, JSON), late,
out of order, some twice and some never. A share of WeChat users block the account → those
messages fall back to SMS (or voice); unanswered calls with no channel after them end failed;
sends whose answer the simulator withheld are pushed too and found by their recipient; what was
never pushed stays `sent`; nobody is reached twice."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import pytest_asyncio

from services.notify.adapters.bulk_messages import add_messages
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.kafka_users import ServiceUsers
from tests.support.notify_campaign import recipients, tally, unsettled
from tests.support.processes import ServiceProcess, free_port, service_env
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

RECIPIENTS = 2_000
CAMPAIGN = "campaign:2020-02-返岗通知-推送"
SIMULATED = {
    "latency_seconds": 0.01,
    "wechat_block_rate": 0.2,
    "call_unanswered_rate": 0.3,
    "push_delay_seconds": 0.2,
    "push_jitter_seconds": 1.5,
    "push_duplicate_rate": 0.2,
    "push_lost_rate": 0.05,
    # Accepted, the answer withheld: no serial number recorded, the push still comes.
    "unanswered_rate": 0.03,
    "unanswered_hold_seconds": 3,
}


async def _pushes(simulator: ServiceProcess) -> dict[str, int]:
    async with httpx.AsyncClient(base_url=simulator.url) as client:
        answer: dict[str, int] = (await client.get("/_sim/pushes")).raise_for_status().json()
        return answer


async def _received(simulator: ServiceProcess) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=simulator.url) as client:
        answer: dict[str, Any] = (await client.get("/_sim/received")).raise_for_status().json()
        return answer


async def _counted(notify: ServiceProcess, metric: str, label: str) -> float:
    """A counter of notify's, summed over the pushed providers, for one label value."""
    async with httpx.AsyncClient(base_url=notify.url) as client:
        metrics = (await client.get("/metrics")).raise_for_status().text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith(f"{metric}{{")
        and label in line
        and ('provider="wechat"' in line or 'provider="tencent_vms"' in line)
    )


async def _quiet(
    pool: asyncpg.Pool, simulator: ServiceProcess
) -> tuple[int, int, int, int, dict[str, int]]:
    """(unsettled, pushes pending at notify, pushes on their way, `sent` beyond the lost ones,
    the simulator's push counts)."""
    pushes = await _pushes(simulator)
    answered = pushes["scheduled"] - pushes.get("lost", 0) + pushes.get("duplicated", 0)
    pending = await pool.fetchval(
        "SELECT count(*) FROM notify.pushed_outcomes WHERE settled_at IS NULL"
    )
    on_their_way = answered - pushes.get("pushed", 0) - pushes.get("refused", 0)
    waiting = await _waiting_for_a_push(pool)
    return (
        await unsettled(pool, CAMPAIGN) + on_their_way,
        pending,
        waiting,
        pushes.get("lost", 0),
        pushes,
    )


async def _waiting_for_a_push(pool: asyncpg.Pool) -> int:
    count: int = await pool.fetchval(
        "SELECT count(*) FROM notify.messages WHERE requested_by = $1 AND status = 'sent'"
        " AND provider IN ('wechat', 'tencent_vms')",
        CAMPAIGN,
    )
    return count


@pytest_asyncio.fixture
async def rig(
    database: str, topic_prefix: str, kafka_users: ServiceUsers, tmp_path: Path
) -> AsyncIterator[tuple[asyncpg.Pool, ServiceProcess, ServiceProcess]]:
    callback_port = free_port()
    env = {
        **service_env(database, topic_prefix, tmp_path, kafka=kafka_users.connection("notify")),
        "FUGONG_SEND_INTERVAL_SECONDS": "0.2",
        "FUGONG_SEND_TIMEOUT_SECONDS": "1",
        "FUGONG_RESOLVE_AFTER_SECONDS": "2",
        "FUGONG_RETRY_BACKOFF_SECONDS": "0.2",
        "FUGONG_WECHAT_CONCURRENCY": "16",
        "FUGONG_VOICE_CONCURRENCY": "16",
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
    try:
        await migrate(pool, "notify", "services.notify")
        assert await add_messages(pool, list(recipients(RECIPIENTS, CAMPAIGN))) == RECIPIENTS
        await asyncio.to_thread(simulator.start)
        await asyncio.to_thread(notify.start)
        yield pool, simulator, notify
    finally:
        notify.stop()
        simulator.stop()
        await pool.close()


async def test_pushed_outcomes_settle_wechat_and_voice_and_blocks_fall_back(
    rig: tuple[asyncpg.Pool, ServiceProcess, ServiceProcess],
) -> None:
    pool, simulator, notify = rig
    await eventually(
        lambda: unsettled(pool, CAMPAIGN), lambda n: n == 0, within=120, every=1,
        what=f"all {RECIPIENTS} recipients sent or final",
    )  # fmt: skip
    # Every push made is answered and applied; only those never pushed leave a message `sent`.
    # All at once: a push applied may send a message on to its fallback channel, whose call is
    # pushed in turn, so each condition alone may hold for a moment before the end.
    state = await eventually(
        lambda: _quiet(pool, simulator),
        lambda q: q[0] == q[1] == 0 and q[2] == q[3],
        within=60,
        what="nothing unsettled, no push pending or on its way, only never-pushed `sent`",
    )
    pushes = state[4]

    assert pushes.get("refused", 0) == 0
    # Sends whose answer was lost have no serial number: each one whose outcome was pushed
    # found its message by the recipient the push names (the simulator withheld some answers;
    # others came after the send's timeout, on a busy machine: notify cannot tell them apart).
    received = await _received(simulator)
    withheld = received["wechat"]["unanswered"] + received["tencent_vms"]["unanswered"]
    assert pushes["unanswered_scheduled"] == withheld > 0
    unconfirmed = await _counted(notify, "fugong_notify_lookups_total", 'found="unconfirmed"')
    by_address = await _counted(
        notify, "fugong_notify_pushed_outcomes_total", 'result="matched_by_address"'
    )
    assert withheld - pushes.get("unanswered_lost", 0) <= by_address <= unconfirmed
    still_unconfirmed = await pool.fetchval(
        "SELECT count(*) FROM notify.messages WHERE requested_by = $1 AND status = 'sent'"
        " AND serial_no IS NULL",
        CAMPAIGN,
    )
    assert still_unconfirmed <= pushes.get("lost", 0)
    assert pushes.get("lost", 0) > 0
    assert pushes.get("duplicated", 0) > 0
    pushed = await pool.fetch(
        "SELECT provider, delivered, matched, count(*) FROM notify.pushed_outcomes GROUP BY 1, 2, 3"
    )
    by_kind = {(r[0], r[1]): r[3] for r in pushed}
    assert {r[2] for r in pushed} == {True}, "every push named a message of ours"
    assert sum(by_kind.values()) == pushes["scheduled"] - pushes.get("lost", 0)
    # Each WeChat user who blocks the account is reached on the next channel instead.
    moved_off_wechat = await pool.fetchval(
        "SELECT count(*) FROM notify.messages WHERE requested_by = $1"
        " AND wechat_openid IS NOT NULL AND channel <> 'wechat'",
        CAMPAIGN,
    )
    assert moved_off_wechat == by_kind[("wechat", False)] > 0
    # A call not answered, with no channel after voice, is a failure for good.
    not_answered = await pool.fetchval(
        "SELECT count(*) FROM notify.messages WHERE requested_by = $1 AND channel = 'voice'"
        " AND status = 'permanent_failure' AND reason = 'voice: the call was not answered'",
        CAMPAIGN,
    )
    assert not_answered == by_kind[("tencent_vms", False)] > 0
    delivered = await pool.fetchval(
        "SELECT count(*) FROM notify.messages WHERE requested_by = $1 AND status = 'delivered'"
        " AND channel IN ('wechat', 'voice')",
        CAMPAIGN,
    )
    assert delivered == by_kind[("wechat", True)] + by_kind[("tencent_vms", True)]
    twice = [a for r in received.values() for a, n in r["by_address"].items() if n > 1]
    assert twice == [], "no provider reached anyone twice"
    counts = await tally(pool, CAMPAIGN, received)
    # Reached on two channels: exactly those WeChat said it did not deliver to.
    assert counts.duplicates == moved_off_wechat
    assert counts.missing == 0, f"recorded as sent but never accepted: {counts.missing_by}"
