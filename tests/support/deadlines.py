"""Running monitoring's deadline jobs (reminders, early warnings) as a worker runs them, with a
clock just past a week's deadline, until what they should have changed is seen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

import asyncpg

from services.contracts.topics import EARLY_WARNINGS, NOTIFY_REQUESTS, topic_name
from services.monitoring.compliance import ComplianceJob
from services.monitoring.domain.compliance import DeadlinePolicy
from services.monitoring.domain.warnings import WarningRules
from services.monitoring.early_warnings import EarlyWarningJob
from services.platform.kafka import KafkaEventPublisher, idempotent_producer
from tests.support.infra import KAFKA
from tests.support.stack import Stack
from tests.support.waiting import eventually

T = TypeVar("T")


async def after_deadline_job(
    stack: Stack,
    week: str,
    probe: Callable[[], Awaitable[T]],
    until: Callable[[T], bool],
    *,
    what: str,
) -> T:
    """Run the job (it does nothing while the worker's own run holds the lock) and `probe`,
    until `until` holds; the last probe's value, or `WaitTimedOut`."""
    policy = DeadlinePolicy()
    pool = await asyncpg.create_pool(stack.database_url, min_size=1, max_size=2)
    producer = idempotent_producer(KAFKA, "fugong-e2e")
    await producer.start()
    job = ComplianceJob(
        pool,
        KafkaEventPublisher(producer),
        topic=topic_name(NOTIFY_REQUESTS, stack.prefix),
        policy=policy,
        clock=lambda: policy.deadline(week) + timedelta(minutes=1),
    )

    async def handled() -> T:
        await job.run()
        return await probe()

    try:
        return await eventually(handled, until, what=what)
    finally:
        await producer.stop()
        await pool.close()


async def raise_warnings_as_of(week: str, stack: Stack) -> None:
    """Run the early-warning job as a worker does, with a clock just past the week's deadline."""
    policy = DeadlinePolicy()
    pool = await asyncpg.create_pool(stack.database_url, min_size=1, max_size=2)
    producer = idempotent_producer(KAFKA, "fugong-e2e")
    await producer.start()
    job = EarlyWarningJob(
        pool,
        KafkaEventPublisher(producer),
        topic=topic_name(EARLY_WARNINGS, stack.prefix),
        rules=WarningRules(),
        policy=policy,
        clock=lambda: policy.deadline(week) + timedelta(minutes=1),
    )

    async def raised() -> int:
        await job.run()  # does nothing while a worker's own run holds the lock
        count: int = await pool.fetchval(
            "SELECT count(*) FROM monitoring.warnings WHERE week = $1", week
        )
        return count

    try:
        await eventually(raised, lambda n: n > 0, what=f"warnings raised for {week}")
    finally:
        await producer.stop()
        await pool.close()
