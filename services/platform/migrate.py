"""The migration step: `python -m services.platform.migrate [service...] [--role-prefix P]`.

Run by a privileged role (the database's owner: `make migrate` locally, the `migrate` Job in
Kubernetes) before the services start, never by a serving process. In one transaction, under
one advisory lock (so concurrent runs queue and the later ones find nothing to do):

1. takes from PUBLIC the defaults that would let any role create objects (temporary tables);
2. applies each service's new migrations (objects belong to this privileged role);
3. confines each service's role to the rows of its schema, and grants the published views of
   the database catalogue (`services/contracts/views.py`) to their readers;
4. caps each service's role: its connection limit and statement timeout (`ROLE_LIMITS`).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import sys
from collections.abc import Mapping
from importlib import resources

import asyncpg
import structlog
from pydantic import AliasChoices, Field

from services.contracts.views import DATABASE_SERVICES, ROLE_LIMITS, RoleLimits
from services.platform.database_grants import (
    grant_own_schema,
    grant_published_views,
    limit_role,
    restrict_database_defaults,
)
from services.platform.migrations import MigrationError, apply_migrations, load_migrations
from services.platform.postgres import Connection, open_database
from services.platform.settings import LOCAL_DATABASE_URL, DatabaseSettings, LogFormat, LogLevel
from services.platform.structured_logging import configure_logging

log = structlog.get_logger(__name__)

LOCK = "fugong:migration-step"


class MigrationSettings(DatabaseSettings):
    """The privileged connection: FUGONG_MIGRATION_DATABASE_URL (else FUGONG_DATABASE_URL), so a
    service's environment never needs to hold the privileged URL."""

    database_url: str = Field(
        LOCAL_DATABASE_URL,
        validation_alias=AliasChoices(
            "FUGONG_MIGRATION_DATABASE_URL", "FUGONG_DATABASE_URL", "DATABASE_URL"
        ),
        pattern=r"^postgres(ql)?://",
    )
    log_level: LogLevel = "INFO"
    log_format: LogFormat = "json"


def services_with_migrations() -> tuple[str, ...]:
    """The catalogue's services that ship migrations (one still to come, or whose first slice
    holds no schema yet, has none)."""
    return tuple(s for s in DATABASE_SERVICES if _ships_migrations(f"services.{s}"))


def _ships_migrations(package: str) -> bool:
    if importlib.util.find_spec(package) is None:
        return False
    return resources.files(package).joinpath("migrations").is_dir()


async def run_migration_step(
    conn: Connection,
    services: tuple[str, ...],
    *,
    role_prefix: str = "",
    role_limits: Mapping[str, RoleLimits] = ROLE_LIMITS,
) -> dict[str, list[int]]:
    """Migrate and grant; return the versions applied now, per service."""
    applied: dict[str, list[int]] = {}
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", LOCK)
        await restrict_database_defaults(conn)
        for service in services:
            applied[service] = await apply_migrations(
                conn, service, load_migrations(f"services.{service}")
            )
            await grant_own_schema(conn, service, role_prefix)
        # Every owner's, not only those migrated now: a reader's role may be newer than the view.
        for owner in DATABASE_SERVICES:
            await grant_published_views(conn, owner, role_prefix)
            await limit_role(conn, owner, role_limits[owner], role_prefix)
    return applied


async def migrate_database(
    settings: DatabaseSettings, services: tuple[str, ...], *, role_prefix: str = ""
) -> dict[str, list[int]]:
    pool = await open_database(settings, max_size=1)
    try:
        async with pool.acquire() as conn:
            return await run_migration_step(conn, services, role_prefix=role_prefix)
    finally:
        await pool.close()


def main(argv: list[str] | None = None) -> int:
    known = services_with_migrations()
    parser = argparse.ArgumentParser(prog="python -m services.platform.migrate")
    parser.add_argument(
        "services", nargs="*", help=f"services to migrate: {', '.join(known)} (default: all)"
    )
    parser.add_argument(
        "--role-prefix",
        default="",
        help="roles are <prefix><service> (tests give each run roles of its own)",
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.services) - set(known))
    if unknown:
        parser.error(f"no migrations for {', '.join(unknown)}; known: {', '.join(known)}")
    settings = MigrationSettings()
    configure_logging("migrate", settings.log_level, settings.log_format)
    services = tuple(args.services) or known
    try:
        applied = asyncio.run(migrate_database(settings, services, role_prefix=args.role_prefix))
    except (MigrationError, asyncpg.PostgresError) as error:
        print(f"migrate: {error}", file=sys.stderr)
        return 1
    for service, versions in applied.items():
        done = ", ".join(f"{v:03d}" for v in versions) or "nothing new"
        print(f"{service}: {done}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
