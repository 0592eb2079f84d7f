"""`python -m services.gateway.maintenance purge`: delete what the gateway no longer needs.

Run on a schedule (the CronJob `gateway-purge` in deploy/k8s, nightly) rather than in the
gateway's processes: one run per cluster, not one per replica and worker, and a failure shows as a
failed Job. It deletes
- Idempotency-Key records older than `FUGONG_IDEMPOTENCY_RETENTION_DAYS` (a retry that late is a
  new submission; a later weekly report of the same week replaces the earlier one anyway), and
- API keys expired or revoked more than `FUGONG_EXPIRED_KEY_RETENTION_DAYS` ago (until then they
  stay, for audits of who held a key when), and
- self-registrations never verified, a day after they were made (profile and mobile with them),
  and the count of codes sent to each number, after an hour.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
import structlog
from pydantic import Field

from services.gateway.adapters.mobile_proofs import PostgresMobileProofs
from services.gateway.adapters.self_registrations import PostgresSelfRegistrations
from services.gateway.app import SCHEMA
from services.gateway.domain.verification import Policy
from services.platform.migrations import wait_for_schema
from services.platform.postgres import open_database
from services.platform.settings import ServiceSettings
from services.platform.structured_logging import configure_logging

log = structlog.get_logger(__name__)


class MaintenanceSettings(ServiceSettings):
    """What the purge needs: the database and the retentions (not the key pepper, which only
    the serving gateway holds)."""

    idempotency_retention_days: int = Field(
        7, ge=1, le=3650, description="Idempotency-Key records are purged after this long"
    )
    expired_key_retention_days: int = Field(
        90, ge=0, le=3650, description="expired or revoked keys are purged after this long"
    )


@dataclass(frozen=True)
class Purged:
    idempotency_keys: int
    api_keys: int
    self_registrations: int = 0
    mobile_proofs: int = 0


async def purge(
    pool: asyncpg.Pool, idempotency_retention: timedelta, expired_key_retention: timedelta
) -> Purged:
    """Delete idempotency records and expired or revoked keys past their retention, and
    self-registrations and proofs of a number never verified (`domain/verification.py`'s
    lifetime), and the notices of a changed number after a day."""
    claims = await pool.execute(
        "DELETE FROM gateway.idempotency_keys WHERE created_at < now() - $1::interval",
        idempotency_retention,
    )
    keys = await pool.execute(
        "DELETE FROM gateway.api_keys WHERE least(expires_at, revoked_at) < now() - $1::interval",
        expired_key_retention,
    )
    unverified = await PostgresSelfRegistrations(pool).purge(datetime.now(UTC), Policy())
    unproved = await PostgresMobileProofs(pool).purge(datetime.now(UTC), Policy())
    return Purged(int(claims.split()[-1]), int(keys.split()[-1]), unverified, unproved)


async def _purge_with(settings: MaintenanceSettings) -> Purged:
    pool = await open_database(settings, max_size=1)
    try:
        await wait_for_schema(pool, SCHEMA, "services.gateway", timeout_seconds=0)
        return await purge(
            pool,
            timedelta(days=settings.idempotency_retention_days),
            timedelta(days=settings.expired_key_retention_days),
        )
    finally:
        await pool.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.gateway.maintenance")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("purge", help="delete old idempotency records and long-expired keys")
    parser.parse_args(argv)
    settings = MaintenanceSettings()
    configure_logging("gateway-maintenance", settings.log_level, settings.log_format)
    purged = asyncio.run(_purge_with(settings))
    log.info(
        "purged",
        idempotency_keys=purged.idempotency_keys,
        api_keys=purged.api_keys,
        self_registrations=purged.self_registrations,
        mobile_proofs=purged.mobile_proofs,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
