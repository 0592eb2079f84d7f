"""Fixtures of matching's integration tests: its migrated schema on the test's own database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest_asyncio

from services.matching.app import SERVICE
from services.platform.migrations import migrate
from services.platform.postgres import open_pool


@pytest_asyncio.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    """A pool on the test's own database, matching's migrations applied."""
    pool = await open_pool(database, max_size=4)
    await migrate(pool, SERVICE, "services.matching")
    yield pool
    await pool.close()
