"""The migration runner against a real PostgreSQL."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from services.platform.migrations import Migration, MigrationError, apply_migrations

pytestmark = pytest.mark.integration

FIRST = Migration(1, "districts", "CREATE TABLE ledger_test.districts (code char(6) PRIMARY KEY)")
SECOND = Migration(2, "names", "ALTER TABLE ledger_test.districts ADD COLUMN name_zh text")


async def test_migrations_apply_once_in_order(database: str) -> None:
    conn = await asyncpg.connect(database)
    try:
        assert await apply_migrations(conn, "ledger_test", [FIRST, SECOND]) == [1, 2]
        assert await apply_migrations(conn, "ledger_test", [FIRST, SECOND]) == []
        await conn.execute("INSERT INTO ledger_test.districts VALUES ('310115', '浦东新区')")
    finally:
        await conn.close()


async def test_a_migration_edited_after_it_was_applied_stops_the_service(database: str) -> None:
    conn = await asyncpg.connect(database)
    try:
        await apply_migrations(conn, "ledger_test", [FIRST])
        edited = Migration(1, "districts", FIRST.sql + " -- tweaked")
        with pytest.raises(MigrationError, match="changed after it was applied"):
            await apply_migrations(conn, "ledger_test", [edited])
    finally:
        await conn.close()


async def test_a_failing_migration_leaves_nothing_half_applied(database: str) -> None:
    broken = Migration(2, "broken", "ALTER TABLE ledger_test.no_such_table ADD COLUMN x int")
    conn = await asyncpg.connect(database)
    try:
        with pytest.raises(asyncpg.UndefinedTableError):
            await apply_migrations(conn, "ledger_test", [FIRST, broken])
        assert await conn.fetchval("SELECT to_regclass('ledger_test.districts')") is None
    finally:
        await conn.close()


async def test_replicas_starting_together_apply_each_migration_once(database: str) -> None:
    conns = [await asyncpg.connect(database) for _ in range(4)]
    try:
        results = await asyncio.gather(
            *(apply_migrations(c, "ledger_test", [FIRST, SECOND]) for c in conns)
        )
        assert sorted(results) == [[], [], [], [1, 2]]
    finally:
        for c in conns:
            await c.close()
