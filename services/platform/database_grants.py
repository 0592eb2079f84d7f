"""Least privilege in PostgreSQL, derived from the database catalogue (`contracts/views.py`).

A service's role may read and write the rows of its own schema's tables, read its ledger and its
views, and SELECT exactly the views of other services the catalogue names it a reader of. It owns
nothing, so it can run no DDL: objects belong to the privileged role that runs the migration
step, and grants are re-asserted at every run of that step (idempotent; the caller serialises
runs, since concurrent GRANTs on one object conflict). Its sessions are capped too: a connection
limit and a default statement timeout (`RoleLimits`), where the step may alter roles.
"""

from __future__ import annotations

import re

import asyncpg
import structlog

from services.contracts.views import DATABASE_SERVICES, RoleLimits, role_name, views_published_by
from services.platform.postgres import Connection

log = structlog.get_logger(__name__)

_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
LEDGER = "schema_migrations"

_RIGHTS_BY_KIND = {
    "r": "SELECT, INSERT, UPDATE, DELETE",  # tables
    "p": "SELECT, INSERT, UPDATE, DELETE",  # partitioned tables
    "v": "SELECT",  # views
    "m": "SELECT",  # materialised views
    "S": "USAGE, SELECT",  # sequences (identity columns' included)
}


def _identifier(name: str) -> str:
    if not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"{name!r} is not a plain lower-case identifier")
    return name


async def role_exists(conn: Connection, role: str) -> bool:
    query = "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)"
    return bool(await conn.fetchval(query, role))


async def restrict_database_defaults(conn: Connection) -> None:
    """Take from PUBLIC what PostgreSQL gives every role by default: temporary tables and (before
    PostgreSQL 15) CREATE in `public`. Needs the database's owner; elsewhere PostgreSQL warns."""
    database = _identifier(await conn.fetchval("SELECT current_database()"))
    await conn.execute(f"REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC")
    await conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")


async def grant_own_schema(conn: Connection, service: str, role_prefix: str = "") -> bool:
    """Give the service's role the rows of its schema; False when the role does not exist."""
    schema, role = _identifier(service), _identifier(role_name(service, role_prefix))
    if not await role_exists(conn, role):
        log.warning("database role missing: its grants are skipped", role=role, schema=schema)
        return False
    await conn.execute(f"REVOKE ALL ON SCHEMA {schema} FROM PUBLIC")
    await conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
    await conn.execute(f"REVOKE CREATE ON SCHEMA {schema} FROM {role}")
    rows = await conn.fetch(
        "SELECT c.relname, c.relkind::text FROM pg_class c "
        "WHERE c.relnamespace = $1::regnamespace AND c.relkind::text = ANY($2::text[]) "
        "ORDER BY c.relname",
        schema,
        list(_RIGHTS_BY_KIND),
    )
    for row in rows:
        relation = f"{schema}.{_identifier(row['relname'])}"
        kind = "SEQUENCE" if row["relkind"] == "S" else "TABLE"
        rights = "SELECT" if row["relname"] == LEDGER else _RIGHTS_BY_KIND[row["relkind"]]
        # Re-asserted from nothing, so a right granted by hand does not outlive the next run.
        await conn.execute(f"REVOKE ALL ON {kind} {relation} FROM {role}")
        await conn.execute(f"GRANT {rights} ON {kind} {relation} TO {role}")
    return True


async def grant_published_views(conn: Connection, owner: str, role_prefix: str = "") -> list[str]:
    """SELECT on each view `owner` publishes to each reader the catalogue names; views not
    created yet and readers without a role are skipped. Returns the grants made."""
    schema = _identifier(owner)
    if await conn.fetchval("SELECT to_regnamespace($1)", schema) is None:
        return []
    # Rights no longer declared go: other services' roles start from nothing in this schema.
    for other in DATABASE_SERVICES:
        role = _identifier(role_name(other, role_prefix))
        if other != owner and await role_exists(conn, role):
            await conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}")
            await conn.execute(f"REVOKE ALL ON SCHEMA {schema} FROM {role}")
    granted: list[str] = []
    for view in views_published_by(owner):
        if await conn.fetchval("SELECT to_regclass($1)", view.name) is None:
            continue
        for reader in sorted(view.readers):
            role = _identifier(role_name(reader, role_prefix))
            if not await role_exists(conn, role):
                continue
            await conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
            await conn.execute(f"GRANT SELECT ON TABLE {view.name} TO {role}")
            granted.append(f"{view.name} -> {role}")
    return granted


async def limit_role(
    conn: Connection, service: str, limits: RoleLimits, role_prefix: str = ""
) -> bool:
    """Cap the service's role: its concurrent sessions and its statements' time. False when the
    role does not exist or the caller may not alter it (a CloudNativePG owner has no CREATEROLE:
    there the operator's managed roles carry the limits), and nothing changed."""
    role = _identifier(role_name(service, role_prefix))
    if not await role_exists(conn, role):
        return False
    try:
        # A savepoint: a refusal must not abort the step's transaction.
        async with conn.transaction():
            await conn.execute(f"ALTER ROLE {role} CONNECTION LIMIT {int(limits.connections)}")
            timeout = int(limits.statement_timeout_ms)
            await conn.execute(f"ALTER ROLE {role} SET statement_timeout = {timeout}")
    except asyncpg.InsufficientPrivilegeError:
        log.warning("role limits not set: the migration role may not alter roles", role=role)
        return False
    return True
