"""A small migration runner: numbered SQL files per service schema, applied once, in order.

Each service keeps `migrations/NNN_description.sql` in its package. They are applied by the
privileged migration step (`python -m services.platform.migrate`), never by a serving process:
a service only checks at start-up that its schema is at its version (`wait_for_schema`). The
ledger lives in the service's own schema; an advisory lock lets several runs start at once; a
changed checksum of an applied file stops the run rather than drifting silently.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from dataclasses import dataclass
from importlib import resources

import asyncpg
import structlog

from services.platform.postgres import Connection

log = structlog.get_logger(__name__)

_FILE_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations(package: str) -> list[Migration]:
    """The migrations shipped in `<package>/migrations/`, ordered by version."""
    found: list[Migration] = []
    for entry in resources.files(package).joinpath("migrations").iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _FILE_NAME.match(entry.name)
        if match is None:
            raise MigrationError(f"migration file {entry.name} is not named NNN_description.sql")
        found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"duplicate migration versions in {package}: {versions}")
    return found


async def apply_migrations(conn: Connection, schema: str, migrations: list[Migration]) -> list[int]:
    """Apply migrations not yet recorded in `<schema>.schema_migrations`; return their versions."""
    if not re.fullmatch(r"[a-z_]+", schema):
        raise MigrationError(f"invalid schema name {schema!r}")
    applied_now: list[int] = []
    async with conn.transaction():
        # Held to the end of the transaction: concurrent starters wait, then find nothing to do.
        await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", f"migrations:{schema}")
        await conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        await conn.execute(
            f"""CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())"""
        )
        ledger = f"{schema}.schema_migrations"
        rows = await conn.fetch(f"SELECT version, checksum FROM {ledger}")  # noqa: S608
        recorded = {row["version"]: row["checksum"] for row in rows}
        for migration in migrations:
            checksum = recorded.get(migration.version)
            if checksum is not None:
                if checksum != migration.checksum:
                    raise MigrationError(
                        f"migration {schema}/{migration.version:03d}_{migration.name} was changed "
                        "after it was applied; add a new migration instead"
                    )
                continue
            await conn.execute(migration.sql)
            await conn.execute(
                f"INSERT INTO {ledger} (version, name, checksum) VALUES ($1, $2, $3)",  # noqa: S608
                migration.version,
                migration.name,
                migration.checksum,
            )
            applied_now.append(migration.version)
    return applied_now


async def migrate(pool: asyncpg.Pool, schema: str, package: str) -> list[int]:
    async with pool.acquire() as conn:
        return await apply_migrations(conn, schema, load_migrations(package))


async def schema_problem(conn: Connection, schema: str, migrations: list[Migration]) -> str | None:
    """Why the schema does not fit this build (a migration missing or changed), or None.

    A schema ahead of the build (a newer release migrated it, mid-rollout) fits: migrations add,
    and the build finds everything it needs.
    """
    ledger = f"{schema}.schema_migrations"
    try:
        rows = await conn.fetch(f"SELECT version, checksum FROM {ledger}")  # noqa: S608
    except asyncpg.UndefinedTableError:
        rows = []
    except asyncpg.InsufficientPrivilegeError:
        return f"this role may not read {ledger} (run the migration step, which grants it)"
    recorded = {row["version"]: row["checksum"] for row in rows}
    missing = [m for m in migrations if m.version not in recorded]
    if missing:
        at = max(recorded, default=0)
        absent = ", ".join(f"{m.version:03d}" for m in missing)
        return (
            f"schema {schema} is at version {at:03d}, this build needs "
            f"{migrations[-1].version:03d} (missing {absent})"
        )
    changed = [m for m in migrations if recorded[m.version] != m.checksum]
    if changed:
        return f"migration {schema}/{changed[0].version:03d} differs from the one applied"
    return None


async def wait_for_schema(
    pool: asyncpg.Pool, schema: str, package: str, *, timeout_seconds: float
) -> None:
    """Return once the schema fits this build; raise MigrationError (naming the migration step
    to run) if it still does not after `timeout_seconds`. Meanwhile the service is not ready."""
    migrations = load_migrations(package)
    deadline = time.monotonic() + timeout_seconds
    while True:
        async with pool.acquire() as conn:
            problem = await schema_problem(conn, schema, migrations)
        if problem is None:
            return
        if time.monotonic() >= deadline:
            raise MigrationError(
                f"{problem}; run the migration step first: python -m services.platform.migrate "
                f"{schema}"
            )
        log.warning("waiting for the migration step", schema=schema, problem=problem)
        await asyncio.sleep(min(2.0, max(0.0, deadline - time.monotonic())))
