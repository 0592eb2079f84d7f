"""notify and the provider simulator as processes beside a running stack (tests/support/stack.py),
on its database and topic prefix, notify as its own Kafka user with the rights the stack granted
it, every provider pointed at the simulator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.processes import ServiceProcess, free_port, service_env
from tests.support.stack import Stack

NOTIFY_ENV = {
    "FUGONG_SEND_INTERVAL_SECONDS": "0.2",
    "FUGONG_SEND_BATCH_SIZE": "50",
    "FUGONG_SEND_BATCHES_PER_TICK": "4",
    "FUGONG_SEND_TIMEOUT_SECONDS": "1",
    "FUGONG_RESOLVE_AFTER_SECONDS": "2",
    "FUGONG_RETRY_BACKOFF_SECONDS": "0.2",
    "FUGONG_MAX_ATTEMPTS": "10",
    "FUGONG_SIM_UNANSWERED_HOLD_SECONDS": "3",
    "FUGONG_CAMPAIGN_GAUGES_INTERVAL_SECONDS": "0.5",
    # Off unless a test sets a window (an empty window: start == end).
    "FUGONG_QUIET_HOURS_START": "00:00",
    "FUGONG_QUIET_HOURS_END": "00:00",
}


@dataclass
class Notify:
    simulator: ServiceProcess
    worker: ServiceProcess
    env: dict[str, str]
    """The worker's environment (a test may change it before `start_worker`)."""


@asynccontextmanager
async def notify_beside(
    stack: Stack, tmp: Path, *, start_worker: bool = True, **notify_env: str
) -> AsyncIterator[Notify]:
    """The simulator started, and the notify worker too unless `start_worker` is False (a test
    that sets the worker's environment from the simulator's start starts it itself)."""
    own_user = stack.kafka_users.connection("notify")
    env = {
        **service_env(stack.database_url, stack.prefix, tmp, kafka=own_user),
        **NOTIFY_ENV,
        **notify_env,
    }
    simulator = ServiceProcess("notify.simulator", free_port(), env, tmp / "simulator.log")
    host = f"127.0.0.1:{simulator.port}"  # every provider on this test's own simulator
    env["FUGONG_SMS_ENDPOINT"] = env["FUGONG_ALIYUN_ENDPOINT"] = host
    env["FUGONG_VOICE_ENDPOINT"] = host
    env["FUGONG_WECHAT_API_BASE"] = f"http://{host}/cgi-bin/"
    worker = ServiceProcess("notify", free_port(), env, tmp / "notify.log")
    try:
        await asyncio.to_thread(simulator.start)
        if start_worker:
            await asyncio.to_thread(worker.start)
        yield Notify(simulator, worker, env)
    finally:
        worker.stop()
        simulator.stop()
