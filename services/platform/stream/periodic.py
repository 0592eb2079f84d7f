"""Jobs a stream worker runs on a timer (a deadline, a rule evaluation), as worker extensions.

Every worker of a service runs them; a job that must not run twice at once takes a lock of its
own (e.g. a transaction-level advisory lock) and is idempotent. A failure that is not the job's
fault (the database or broker away) is logged and the next tick tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import asyncpg
import faust
import structlog
from aiokafka import AIOKafkaProducer

from services.platform.kafka import PublishFailed
from services.platform.stream.settings import StreamSettings
from services.platform.stream.worker import Extension, StreamWorker

log = structlog.get_logger(__name__)

TRANSIENT = (asyncpg.PostgresError, OSError, TimeoutError, PublishFailed)


class Job(Protocol):
    async def run(self) -> object: ...


Build = Callable[[asyncpg.Pool, AIOKafkaProducer, StreamSettings], Job]
"""Makes the job from the worker's pool, producer and settings, once they are open."""


def periodic_job(name: str, interval_seconds: float, build: Build) -> Extension:
    """An extension running the built job every `interval_seconds`."""

    def extend(app: faust.App, worker: StreamWorker[Any]) -> None:
        job: Job | None = None

        async def tick() -> None:
            nonlocal job
            if worker.pool is None or worker.producer is None:
                return  # still starting
            job = job or build(worker.pool, worker.producer, worker.settings)
            try:
                await job.run()
            except TRANSIENT as exc:
                log.warning("periodic job failed; the next tick retries", job=name,
                            error=type(exc).__name__)  # fmt: skip

        tick.__qualname__ = tick.__name__ = name
        app.timer(interval=interval_seconds, name=name)(tick)

    return extend
