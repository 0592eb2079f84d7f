"""Each service's PostgreSQL role against a real, migrated database: the rows of its own schema,
the published views the catalogue gives it, and nothing else; no DDL at all."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlsplit

import asyncpg
import pytest
import pytest_asyncio
from pydantic import SecretStr

from services.contracts.views import PUBLISHED_VIEWS, role_name, views_read_by
from services.platform.migrate import run_migration_step, services_with_migrations
from services.platform.migrations import load_migrations
from services.platform.postgres import open_database
from services.platform.settings import ServiceSettings
from tests.support.infra import ServiceRoles

pytestmark = pytest.mark.integration

SERVICES = services_with_migrations()


@dataclass(frozen=True)
class Migrated:
    dsn: str
    roles: ServiceRoles

    @property
    def database(self) -> str:
        return urlsplit(self.dsn).path.lstrip("/")

    async def connect_as(self, service: str) -> asyncpg.Connection:
        return await asyncpg.connect(self.roles.dsn(service, self.database))


@pytest_asyncio.fixture
async def migrated(roles: ServiceRoles, database: str) -> Migrated:
    """Roles first, so they are dropped after the database (which holds their rights)."""
    conn = await asyncpg.connect(database)
    try:
        await run_migration_step(conn, SERVICES, role_prefix=roles.prefix)
    finally:
        await conn.close()
    return Migrated(database, roles)


async def _relations(dsn: str, kinds: str) -> list[tuple[str, str]]:
    """(schema, name) of the services' relations of the given pg_class kinds."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = ANY($1::text[]) "
            "AND c.relkind::text = ANY($2::text[]) ORDER BY 1, 2",
            list(SERVICES),
            list(kinds),
        )
    finally:
        await conn.close()
    return [(row[0], row[1]) for row in rows]


async def test_the_gateway_cannot_write_monitorings_tables(migrated: Migrated) -> None:
    gateway = await migrated.connect_as("gateway")
    try:
        for statement in (
            "INSERT INTO monitoring.enterprises DEFAULT VALUES",
            "UPDATE monitoring.enterprises SET district_code = '310115'",
            "DELETE FROM monitoring.weekly_reports",
            "TRUNCATE monitoring.return_to_work_cells",
            "INSERT INTO monitoring.schema_migrations (version, name, checksum) "
            "VALUES (999, 'forged', 'x')",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await gateway.execute(statement)
    finally:
        await gateway.close()


async def test_a_role_reads_only_the_views_published_to_it_of_other_schemas(
    migrated: Migrated,
) -> None:
    relations = await _relations(migrated.dsn, "rvm")
    assert ("monitoring", "enterprises") in relations  # the test looks at the real schema
    for service in SERVICES:
        readable = {v.name for v in views_read_by(service)}
        conn = await migrated.connect_as(service)
        try:
            for schema, name in relations:
                if schema == service:
                    continue
                query = f"SELECT * FROM {schema}.{name} LIMIT 1"  # noqa: S608
                if f"{schema}.{name}" in readable:
                    await conn.fetch(query)
                else:
                    with pytest.raises(asyncpg.InsufficientPrivilegeError):
                        await conn.fetch(query)
        finally:
            await conn.close()


async def test_every_published_view_that_exists_is_readable_by_its_readers(
    migrated: Migrated,
) -> None:
    existing = {f"{s}.{n}" for s, n in await _relations(migrated.dsn, "v")}
    shipped = [v for v in PUBLISHED_VIEWS if v.owner in SERVICES]
    assert shipped
    assert all(v.name in existing for v in shipped)
    for view in shipped:
        for reader in sorted(view.readers):
            conn = await migrated.connect_as(reader)
            try:
                await conn.fetch(f"SELECT * FROM {view.name} LIMIT 1")  # noqa: S608
            finally:
                await conn.close()


@pytest.mark.parametrize("service", SERVICES)
async def test_no_service_role_can_run_ddl(migrated: Migrated, service: str) -> None:
    other = next(s for s in SERVICES if s != service)
    own_table = {
        "gateway": "api_keys",
        "monitoring": "enterprises",
        "notify": "messages",
        "matching": "postings",
    }[service]
    conn = await migrated.connect_as(service)
    try:
        for statement in (
            f"CREATE TABLE {service}.smuggled (id int)",
            "CREATE TABLE public.smuggled (id int)",
            "CREATE TEMPORARY TABLE smuggled (id int)",
            "CREATE SCHEMA smuggled",
            f"CREATE VIEW {service}.smuggled_v AS SELECT 1 AS one",
            f"CREATE FUNCTION {service}.smuggled() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            f"ALTER TABLE {service}.{own_table} ADD COLUMN smuggled text",
            f"CREATE INDEX smuggled ON {service}.{own_table} (created_at)",
            f"TRUNCATE {service}.{own_table}",
            f"DROP TABLE {service}.{own_table}",
            f"DROP TABLE {service}.schema_migrations",
            f"DROP SCHEMA {other} CASCADE",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.execute(statement)
    finally:
        await conn.close()


@pytest.mark.parametrize("service", SERVICES)
async def test_each_role_reads_and_writes_its_own_tables(migrated: Migrated, service: str) -> None:
    admin = await asyncpg.connect(migrated.dsn)
    try:
        tables = await admin.fetch(
            "SELECT table_name, array_agg(column_name::text ORDER BY ordinal_position) "
            "FILTER (WHERE is_identity = 'NO' AND is_generated = 'NEVER') AS columns "
            "FROM information_schema.columns c JOIN information_schema.tables t "
            "USING (table_schema, table_name) WHERE table_schema = $1 "
            "AND t.table_type = 'BASE TABLE' GROUP BY table_name ORDER BY table_name",
            service,
        )
    finally:
        await admin.close()
    assert len(tables) >= 3
    conn = await migrated.connect_as(service)
    try:
        for table, columns in tables:
            relation = f"{service}.{table}"
            cols = ", ".join(columns)
            await conn.fetch(f"SELECT * FROM {relation} LIMIT 1")  # noqa: S608
            # Names from the schema itself; WHERE false: rights are checked, nothing changes.
            writes = (
                f"INSERT INTO {relation} ({cols}) SELECT {cols} FROM {relation} WHERE false",  # noqa: S608
                f"UPDATE {relation} SET {columns[0]} = {columns[0]} WHERE false",  # noqa: S608
                f"DELETE FROM {relation} WHERE false",  # noqa: S608
            )
            for statement in writes:
                if table == "schema_migrations":  # the ledger is the migration step's alone
                    with pytest.raises(asyncpg.InsufficientPrivilegeError):
                        await conn.execute(statement)
                else:
                    await conn.execute(statement)
    finally:
        await conn.close()


async def test_the_gateway_role_records_and_reads_a_district_claim(migrated: Migrated) -> None:
    """A real row, identity columns and all, through the role's own rights."""
    gateway = await migrated.connect_as("gateway")
    try:
        await gateway.execute(
            "INSERT INTO gateway.enterprise_districts (credit_code, district_code, claim_token) "
            "VALUES ('91310115MA1K4ABC1X', '310115', gen_random_uuid())"
        )
        assert (
            await gateway.fetchval(
                "SELECT district_code::text FROM gateway.enterprise_districts "
                "WHERE credit_code = '91310115MA1K4ABC1X'"
            )
            == "310115"
        )
    finally:
        await gateway.close()


async def _grants(dsn: str) -> list[tuple[str, ...]]:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT grantee::text, table_schema::text, table_name::text, privilege_type::text "
            "FROM information_schema.role_table_grants "
            "WHERE table_schema = ANY($1::text[]) ORDER BY 1, 2, 3, 4",
            list(SERVICES),
        )
    finally:
        await conn.close()
    return [tuple(row) for row in rows]


async def test_the_migration_step_is_idempotent_and_safe_to_run_concurrently(
    roles: ServiceRoles, database: str
) -> None:
    conns = [await asyncpg.connect(database) for _ in range(3)]
    try:
        results = await asyncio.gather(
            *(run_migration_step(c, SERVICES, role_prefix=roles.prefix) for c in conns)
        )
        first = await _grants(database)
        again = await run_migration_step(conns[0], SERVICES, role_prefix=roles.prefix)
    finally:
        for conn in conns:
            await conn.close()
    applied = [sum(len(v) for v in result.values()) for result in results]
    shipped = sum(len(load_migrations(f"services.{s}")) for s in SERVICES)
    assert sorted(applied) == [0, 0, shipped]  # one run applied them all, the others waited
    assert again == {service: [] for service in SERVICES}
    assert first == await _grants(database)
    assert any(g[0] == f"{roles.prefix}gateway" and g[1] == "monitoring" for g in first)


async def test_a_view_published_later_is_granted_by_the_next_run(migrated: Migrated) -> None:
    """A view declared before its owner ships it: the step passes over it, and grants it on the
    first run after the owner's migrations create it. Here matching ships late: its schema is
    dropped, a step without it succeeds, then the step with it grants the gateway its view."""
    admin = await asyncpg.connect(migrated.dsn)
    gateway = await migrated.connect_as("gateway")
    view = "matching.key_enterprise_officers_v"
    try:
        await admin.execute("DROP SCHEMA matching CASCADE")
        others = tuple(s for s in SERVICES if s != "matching")
        await run_migration_step(admin, others, role_prefix=migrated.roles.prefix)
        assert await gateway.fetchval("SELECT to_regclass($1)", view) is None

        applied = await run_migration_step(admin, SERVICES, role_prefix=migrated.roles.prefix)

        assert applied["matching"], "matching's migrations ran again on the empty schema"
        assert await gateway.fetch(f"SELECT * FROM {view}") == []  # noqa: S608
    finally:
        await gateway.close()
        await admin.close()


async def test_a_service_connects_as_the_role_its_settings_name(migrated: Migrated) -> None:
    """As in Kubernetes: a URL without credentials, the role and password from its Secret."""
    url = urlsplit(migrated.dsn)
    bare = url._replace(netloc=f"{url.hostname}:{url.port}").geturl()
    settings = ServiceSettings(
        _env_file=None,
        database_url=bare,
        database_user=role_name("notify", migrated.roles.prefix),
        database_password=SecretStr(migrated.roles.passwords["notify"]),
        database_sslmode="disable",
    )
    pool = await open_database(settings, max_size=1)
    try:
        assert await pool.fetchval("SELECT current_user") == f"{migrated.roles.prefix}notify"
        await pool.fetch("SELECT * FROM gateway.appointment_contacts_v LIMIT 1")
    finally:
        await pool.close()
