"""Real Kafka and PostgreSQL for integration and end-to-end tests, isolated per test.

Each test gets its own database (created from the local server's `fugong` role) and its own
topic prefix, so tests never see each other's events or rows and leave nothing behind.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from services.platform.settings import LOCAL_DATABASE_URL

KAFKA = os.environ.get("FUGONG_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
SERVER_DSN = os.environ.get(
    "FUGONG_DATABASE_URL", os.environ.get("DATABASE_URL", LOCAL_DATABASE_URL)
)


def unique_name(prefix: str) -> str:
    return f"{prefix}{secrets.token_hex(4)}"


def dsn_for(database: str) -> str:
    parts = urlsplit(SERVER_DSN)
    return urlunsplit(parts._replace(path=f"/{database}"))


async def create_database() -> tuple[str, str]:
    """Create an empty database; return its name and DSN."""
    name = unique_name("fugong_test_")
    conn = await asyncpg.connect(SERVER_DSN)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return name, dsn_for(name)


async def drop_database(name: str) -> None:
    """Drop it, waiting out autovacuum (a superuser process FORCE may not end) for up to 60 s."""
    conn = await asyncpg.connect(SERVER_DSN)
    try:
        for _ in range(120):
            try:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                return
            except asyncpg.InsufficientPrivilegeError:
                await asyncio.sleep(0.5)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()
