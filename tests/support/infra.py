"""Real Kafka and PostgreSQL for integration and end-to-end tests, isolated per test.

Each test gets its own database (created from the local server's `fugong` role) and its own
topic prefix, so tests never see each other's events or rows and leave nothing behind. A test
that runs services under their own roles makes roles of its own too (`service_roles`): roles are
the cluster's, so they take a unique prefix, as topics do.

The shared broker is reached as `deploy/local/kafka.sh` set it up: it writes the admin
principal's settings to `<state>/kafka/clients/admin.env` (SASL_SSL by default), and the whole
suite uses them: in-process clients, settings objects (tests/conftest.py puts them in the
environment) and the services it starts. `FUGONG_KAFKA_SECURITY_PROTOCOL` and its fellows in the
environment win over that file; with neither, the broker is a PLAINTEXT development one.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import asyncpg
from aiokafka.admin import AIOKafkaAdminClient
from dotenv import dotenv_values

from services.contracts.views import DATABASE_SERVICES, role_name
from services.platform.kafka_connection import KafkaConnection
from services.platform.settings import LOCAL_DATABASE_URL
from services.platform.topics import TopicSettings

REPO_DIR = Path(__file__).resolve().parents[2]
STATE_DIR = Path(os.environ.get("FUGONG_STATE_DIR", REPO_DIR / ".state"))


def connection_from_file(path: Path) -> KafkaConnection:
    """A connection as `kafka.sh` writes it for one user (`<state>/kafka/clients/<user>.env`)."""
    values: dict[str, Any] = {
        name.removeprefix("FUGONG_").lower(): value
        for name, value in dotenv_values(path).items()
        if name.startswith("FUGONG_KAFKA_")
    }
    return TopicSettings(_env_file=None, **values).kafka_connection()


_CLIENT_ENV = Path(
    os.environ.get("FUGONG_KAFKA_CLIENT_ENV", STATE_DIR / "kafka" / "clients" / "admin.env")
)
_SETTINGS_FROM_ENVIRONMENT = "FUGONG_KAFKA_SECURITY_PROTOCOL" in os.environ


def _shared_broker() -> KafkaConnection:
    if _SETTINGS_FROM_ENVIRONMENT:
        return TopicSettings(_env_file=None).kafka_connection()
    if _CLIENT_ENV.is_file():
        return connection_from_file(_CLIENT_ENV)
    return KafkaConnection.plaintext(
        os.environ.get("FUGONG_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
    )


KAFKA = _shared_broker()
"""The shared broker, as the suite's admin principal (it creates and deletes test topics)."""


SHARED_BROKER_USERS = not _SETTINGS_FROM_ENVIRONMENT and KAFKA.security_protocol != "PLAINTEXT"
"""Whether the suite knows the shared broker's service users: not on a PLAINTEXT broker (it has
none), nor on one given in the environment (their settings are not there)."""


def shared_broker_as(user: str) -> KafkaConnection | None:
    """The shared broker as one of the users kafka.sh made (`fugong-gateway`, ...), from the
    settings it wrote beside the admin's; None when there are none (see SHARED_BROKER_USERS)."""
    if not SHARED_BROKER_USERS:
        return None
    path = _CLIENT_ENV.parent / f"{user}.env"
    return connection_from_file(path) if path.is_file() else None


async def delete_topics_under(kafka: KafkaConnection, prefix: str) -> None:
    """Delete every topic whose name starts with a test's prefix: left behind, a test's topics
    add up to thousands of partitions, which the shared broker holds in memory."""
    admin = AIOKafkaAdminClient(**kafka.client_options(), client_id="fugong-tests")
    await admin.start()
    try:
        doomed = [topic for topic in await admin.list_topics() if topic.startswith(prefix)]
        if doomed:
            await admin.delete_topics(doomed)
    finally:
        await admin.close()


SERVER_DSN = os.environ.get(
    "FUGONG_DATABASE_URL", os.environ.get("DATABASE_URL", LOCAL_DATABASE_URL)
)


def unique_name(prefix: str) -> str:
    return f"{prefix}{secrets.token_hex(4)}"


def dsn_for(database: str) -> str:
    parts = urlsplit(SERVER_DSN)
    return urlunsplit(parts._replace(path=f"/{database}"))


def dsn_as(role: str, password: str, database: str) -> str:
    """The server's URL for another role and database."""
    parts = urlsplit(SERVER_DSN)
    host = parts.hostname or "127.0.0.1"
    netloc = f"{quote(role)}:{quote(password)}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc, path=f"/{database}"))


@dataclass(frozen=True)
class ServiceRoles:
    """Login roles `<prefix><service>` for every service of the database catalogue."""

    prefix: str
    passwords: dict[str, str]

    def dsn(self, service: str, database: str) -> str:
        return dsn_as(role_name(service, self.prefix), self.passwords[service], database)


@asynccontextmanager
async def service_roles() -> AsyncIterator[ServiceRoles]:
    """Roles of the test's own, dropped afterwards (drop the test's databases first: a role
    holding rights in a database cannot be dropped)."""
    prefix = unique_name("t") + "_"
    passwords = {service: secrets.token_urlsafe(18) for service in DATABASE_SERVICES}
    conn = await asyncpg.connect(SERVER_DSN)
    try:
        for service, password in passwords.items():
            # The password is random URL-safe text; LOGIN only: no CREATEDB, no CREATEROLE.
            await conn.execute(
                f"CREATE ROLE {role_name(service, prefix)} LOGIN PASSWORD '{password}'"
            )
        yield ServiceRoles(prefix, passwords)
    finally:
        for service in passwords:
            await conn.execute(f"DROP ROLE IF EXISTS {role_name(service, prefix)}")
        await conn.close()


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
