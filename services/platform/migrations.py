"""A small migration runner: numbered SQL files per service schema, applied once, in order.

Each service keeps `migrations/NNN_description.sql` in its package and applies them at start-up.
The ledger lives in the service's own schema; an advisory lock lets several replicas start at
once; a changed checksum of an applied file stops the service rather than drifting silently.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources

import asyncpg

from services.platform.postgres import Connection

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
