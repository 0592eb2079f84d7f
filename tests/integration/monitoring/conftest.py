"""Fixtures of monitoring's integration tests: its migrated schema, and a producer."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest_asyncio
from aiokafka import AIOKafkaProducer

from services.monitoring.app import SCHEMA
from services.platform.kafka import idempotent_producer
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.infra import KAFKA


@pytest_asyncio.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    """A pool on the test's own database, monitoring's migrations applied."""
    pool = await open_pool(database, max_size=3)
    await migrate(pool, SCHEMA, "services.monitoring")
    yield pool
    await pool.close()


@pytest_asyncio.fixture
async def producer() -> AsyncIterator[AIOKafkaProducer]:
    producer = idempotent_producer(KAFKA, "fugong-tests")
    await producer.start()
    yield producer
    await producer.stop()
