"""Fixtures for tests on real infrastructure (`make test` starts Kafka and PostgreSQL first)."""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import pytest
import pytest_asyncio

from services.platform.topics import ensure_topics
from tests.support.infra import (
    KAFKA,
    SERVER_DSN,
    ServiceRoles,
    create_database,
    delete_topics_under,
    drop_database,
    service_roles,
    unique_name,
)
from tests.support.kafka_users import ServiceUsers, granted_service_users

# Settings made in tests (`GatewaySettings(...)` and the like) reach the shared broker as the
# rest of the suite does: its security protocol and credentials come from infra.py alone.
for _name, _value in KAFKA.environment().items():
    os.environ.setdefault(_name, _value)


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def infrastructure() -> None:
    """Fail fast, and say what to do, when Kafka or PostgreSQL is not running."""
    kafka_host, _, kafka_port = KAFKA.bootstrap_servers.split(",")[0].rpartition(":")
    db = urlsplit(SERVER_DSN)
    missing = [
        name
        for name, host, port in (
            ("Kafka", kafka_host, int(kafka_port)),
            ("PostgreSQL", db.hostname or "127.0.0.1", db.port or 5432),
        )
        if not _reachable(host, port)
    ]
    if missing:
        pytest.fail(f"{' and '.join(missing)} not reachable: run `make infra` (or `make test`)")


@pytest_asyncio.fixture
async def roles(infrastructure: None) -> AsyncIterator[ServiceRoles]:
    """A login role per catalogue service, of this test only. Ask for it before `database`:
    a role holding rights in a database can be dropped only once the database is."""
    async with service_roles() as made:
        yield made


@pytest_asyncio.fixture
async def database(infrastructure: None) -> AsyncIterator[str]:
    """DSN of a new, empty database, dropped after the test."""
    name, dsn = await create_database()
    yield dsn
    await drop_database(name)


@pytest_asyncio.fixture
async def topic_prefix(infrastructure: None) -> AsyncIterator[str]:
    """A prefix under which every catalogue topic exists for this test only."""
    prefix = unique_name("test-") + "."
    await ensure_topics(KAFKA, prefix=prefix)
    yield prefix
    await delete_topics_under(KAFKA, prefix)


@pytest_asyncio.fixture
async def kafka_users(topic_prefix: str) -> AsyncIterator[ServiceUsers]:
    """Every service as its own user of the shared broker, allowed the catalogue's rights on this
    test's topics and groups until it ends: what a service the test starts connects as."""
    async with granted_service_users(topic_prefix) as users:
        yield users
