"""Jobs a stream worker runs on a timer (a deadline, a rule evaluation), as worker extensions.

Every worker of a service runs them; a job that must not run twice at once takes a lock of its
own (e.g. a transaction-level advisory lock) and is idempotent. A job's failure never leaves
its job: whatever it raises is logged (the exception's type and where, never its message, which
may quote a row), counted (`fugong_stream_periodic_failures_total{consumer, job}`) and retried
after a backoff that doubles from the job's interval up to `FUGONG_PERIODIC_MAX_BACKOFF_SECONDS`.
After `FUGONG_PERIODIC_FAILURES_BEFORE_UNREADY` failures in a row the job reports itself failing
(`fugong_stream_periodic_failing`, the worker's `/readyz` check `job:<name>`) until a run
succeeds; the worker goes on consuming meanwhile.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import asyncpg
import faust
import structlog
from aiokafka import AIOKafkaProducer

from services.platform.kafka import PublishFailed
from services.platform.stream import metrics
from services.platform.stream.settings import StreamSettings
from services.platform.stream.worker import Extension, StreamWorker

log = structlog.get_logger(__name__)

TRANSIENT = (asyncpg.PostgresError, OSError, TimeoutError, PublishFailed)
"""Failures that are not the job's fault (the database or broker away): a warning, not an error."""


class Job(Protocol):
    async def run(self) -> object: ...


Build = Callable[[asyncpg.Pool, AIOKafkaProducer, StreamSettings], Job]
"""Makes the job from the worker's pool, producer and settings, once they are open."""


class PeriodicRunner:
    """Runs one job when a tick finds it due, and contains whatever the run raises."""

    def __init__(
        self,
        consumer: str,
        job: str,
        interval_seconds: float,
        *,
        failures_before_unready: int,
        max_backoff_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._consumer, self._job = consumer, job
        self._interval = interval_seconds
        self._failures_before_unready = failures_before_unready
        self._max_backoff = max(max_backoff_seconds, interval_seconds)
        self._clock = clock
        self._due = 0.0
        self.failures = 0
        """Failed runs since the last one that succeeded."""
        metrics.PERIODIC_FAILING.labels(consumer, job).set(0)

    @property
    def healthy(self) -> bool:
        return self.failures < self._failures_before_unready

    async def tick(self, run: Callable[[], Awaitable[object]]) -> None:
        now = self._clock()
        if now < self._due:
            return  # backing off
        try:
            await run()
        except Exception as exc:  # contained: the worker goes on consuming
            self._failed(exc, now)
            return
        if self.failures:
            log.info("periodic job recovered", consumer=self._consumer, job=self._job,
                     failures=self.failures)  # fmt: skip
        self.failures, self._due = 0, 0.0
        metrics.PERIODIC_FAILING.labels(self._consumer, self._job).set(0)

    def _failed(self, exc: Exception, now: float) -> None:
        self.failures += 1
        backoff = min(self._interval * 2 ** (self.failures - 1), self._max_backoff)
        self._due = now + backoff
        metrics.PERIODIC_FAILURES.labels(self._consumer, self._job).inc()
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        fields: dict[str, Any] = {
            "consumer": self._consumer,
            "job": self._job,
            "error": type(exc).__name__,
            "where": f"{frame.filename}:{frame.lineno}" if frame else None,
            "failures": self.failures,
            "retry_in_seconds": round(backoff, 3),
        }
        if not self.healthy:
            metrics.PERIODIC_FAILING.labels(self._consumer, self._job).set(1)
            log.error("periodic job keeps failing; the worker reports itself unready", **fields)
        elif isinstance(exc, TRANSIENT):
            log.warning("periodic job failed; it is retried", **fields)
        else:
            log.error("periodic job failed; it is retried", **fields)


def periodic_job(name: str, interval_seconds: float, build: Build) -> Extension:
    """An extension running the built job every `interval_seconds` (failures contained)."""

    def extend(app: faust.App, worker: StreamWorker[Any]) -> None:
        job: Job | None = None
        runner = PeriodicRunner(
            worker.spec.service,
            name,
            interval_seconds,
            failures_before_unready=worker.settings.periodic_failures_before_unready,
            max_backoff_seconds=worker.settings.periodic_max_backoff_seconds,
        )
        worker.readiness_checks[f"job:{name}"] = lambda: runner.healthy

        async def tick() -> None:
            pool, producer = worker.pool, worker.producer
            if pool is None or producer is None:
                return  # still starting

            async def run() -> object:
                nonlocal job
                job = job or build(pool, producer, worker.settings)  # a failed build is retried
                return await job.run()

            await runner.tick(run)

        tick.__qualname__ = tick.__name__ = name
        app.timer(interval=interval_seconds, name=name)(tick)

    return extend
