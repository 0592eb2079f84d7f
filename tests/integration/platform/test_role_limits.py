"""Each service's role is capped by the server: a connection over its limit is refused, and a
statement that outlives its timeout is cancelled. The migration step sets both from the
catalogue (`ROLE_LIMITS`)."""

from __future__ import annotations

from urllib.parse import urlsplit

import asyncpg
import pytest

from services.contracts.views import DATABASE_SERVICES, ROLE_LIMITS, RoleLimits, role_name
from services.platform.migrate import run_migration_step, services_with_migrations
from tests.support.infra import ServiceRoles

pytestmark = pytest.mark.integration

TIGHT = RoleLimits(connections=2, statement_timeout_ms=300)
"""Small enough to reach in a test on a server others share."""


async def _migrate(database: str, roles: ServiceRoles, limits: dict[str, RoleLimits]) -> None:
    conn = await asyncpg.connect(database)
    try:
        await run_migration_step(
            conn, services_with_migrations(), role_prefix=roles.prefix, role_limits=limits
        )
    finally:
        await conn.close()


def _name(database: str) -> str:
    return urlsplit(database).path.lstrip("/")


async def test_the_step_gives_every_role_the_catalogues_limits(
    roles: ServiceRoles, database: str
) -> None:
    await _migrate(database, roles, ROLE_LIMITS)
    conn = await asyncpg.connect(database)
    try:
        for service in DATABASE_SERVICES:
            row = await conn.fetchrow(
                "SELECT rolconnlimit, rolconfig FROM pg_roles WHERE rolname = $1",
                role_name(service, roles.prefix),
            )
            assert row is not None, service
            limits = ROLE_LIMITS[service]
            assert row["rolconnlimit"] == limits.connections, service
            assert f"statement_timeout={limits.statement_timeout_ms}" in row["rolconfig"], service
    finally:
        await conn.close()
    gateway = await asyncpg.connect(roles.dsn("gateway", _name(database)))
    try:
        expected = ROLE_LIMITS["gateway"].statement_timeout_ms
        assert await gateway.fetchval("SHOW statement_timeout") == f"{expected // 1000}s"
    finally:
        await gateway.close()


async def test_a_role_over_its_connection_limit_is_refused(
    roles: ServiceRoles, database: str
) -> None:
    await _migrate(database, roles, dict.fromkeys(DATABASE_SERVICES, TIGHT))
    dsn = roles.dsn("monitoring", _name(database))
    held = [await asyncpg.connect(dsn) for _ in range(TIGHT.connections)]
    try:
        with pytest.raises(asyncpg.TooManyConnectionsError, match="too many connections"):
            await asyncpg.connect(dsn)
        # Another role's sessions are its own: the monitoring role's limit leaves it alone.
        other = await asyncpg.connect(roles.dsn("gateway", _name(database)))
        await other.close()
    finally:
        for conn in held:
            await conn.close()
    # A session given back is a session free again.
    again = await asyncpg.connect(dsn)
    await again.close()


async def test_a_statement_past_the_roles_timeout_is_cancelled(
    roles: ServiceRoles, database: str
) -> None:
    await _migrate(database, roles, dict.fromkeys(DATABASE_SERVICES, TIGHT))
    conn = await asyncpg.connect(roles.dsn("gateway", _name(database)))
    try:
        with pytest.raises(asyncpg.QueryCanceledError, match="statement timeout"):
            await conn.execute("SELECT pg_sleep(5)")
        assert await conn.fetchval("SELECT 1") == 1  # the session itself survives
    finally:
        await conn.close()
