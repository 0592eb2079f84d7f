"""The whole platform as real processes, for end-to-end tests: a gateway, a monitoring worker and
(on request) a matching worker on a database, roles and a topic prefix of their own, with API keys
for any principal.

As deployed: the migration step runs first, as the privileged role, and each service connects
as its own role, confined to its schema and the views it reads."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.keys import issue_key
from services.gateway.settings import GatewaySettings
from services.platform.topics import ensure_topics
from tests.support.data import credit_code
from tests.support.infra import (
    KAFKA,
    ServiceRoles,
    create_database,
    drop_database,
    service_roles,
    unique_name,
)
from tests.support.processes import ServiceProcess, free_port, run_migration_step, service_env

PEPPER = "e2e-pepper-that-is-long-enough-for-anything"


@dataclass
class Stack:
    gateway: ServiceProcess
    worker: ServiceProcess | None
    settings: GatewaySettings
    prefix: str
    matching_worker: ServiceProcess | None = None

    @property
    def matching(self) -> ServiceProcess:
        if self.matching_worker is None:
            raise RuntimeError("this stack was started without the matching worker")
        return self.matching_worker

    @property
    def monitoring(self) -> ServiceProcess:
        if self.worker is None:
            raise RuntimeError("this stack was started without the monitoring worker")
        return self.worker

    @property
    def database_url(self) -> str:
        return self.settings.database_url

    async def key_for(self, principal: Principal) -> dict[str, str]:
        key = await issue_key(self.settings, principal, "e2e")
        return {"X-API-Key": key}

    async def register(self, client: httpx.AsyncClient, body: dict[str, Any]) -> None:
        """Register as the city bureau does: monitoring roles are the bureaus' to assign."""
        city = await self.key_for(Principal(PrincipalKind.OFFICIAL))
        response = await client.post("/v1/enterprises", json=body, headers=city)
        assert response.status_code == 202, response.text

    async def enterprise(self, serial: int, district: str = "310115") -> tuple[str, dict[str, str]]:
        code = credit_code(serial, district)
        return code, await self.key_for(Principal(PrincipalKind.ENTERPRISE, credit_code=code))


@asynccontextmanager
async def running_stack(
    tmp: Path,
    *,
    with_monitoring: bool = True,
    with_matching: bool = False,
    extra_env: dict[str, str] | None = None,
    bootstrap: str = KAFKA,
    replication_factor: int = 1,
    min_insync_replicas: int = 1,
) -> AsyncIterator[Stack]:
    """Without the monitoring worker, its schema is still migrated: the gateway reads its views.

    On the shared broker, unless `bootstrap` names another (a test's private one, or the nodes
    of a private cluster, whose topics then take the replication settings given).
    """
    async with service_roles() as roles:
        name, dsn = await create_database()
        try:
            await asyncio.to_thread(run_migration_step, dsn, role_prefix=roles.prefix)
            async with _processes(
                tmp,
                name,
                dsn,
                roles,
                with_monitoring,
                with_matching,
                extra_env or {},
                bootstrap,
                replication_factor,
                min_insync_replicas,
            ) as stack:
                yield stack
        finally:
            await drop_database(name)


@asynccontextmanager
async def _processes(
    tmp: Path,
    database: str,
    dsn: str,
    roles: ServiceRoles,
    with_monitoring: bool,
    with_matching: bool,
    extra_env: dict[str, str],
    bootstrap: str,
    replication_factor: int,
    min_insync_replicas: int,
) -> AsyncIterator[Stack]:
    prefix = unique_name("e2e-") + "."
    await ensure_topics(
        bootstrap,
        prefix=prefix,
        replication_factor=replication_factor,
        min_insync_replicas=min_insync_replicas,
    )

    def env(service: str) -> dict[str, str]:
        return {
            **service_env(roles.dsn(service, database), prefix, tmp, bootstrap=bootstrap),
            "FUGONG_API_KEY_PEPPER": PEPPER,
            "FUGONG_LAG_INTERVAL_SECONDS": "1",
            "FUGONG_INDICATOR_GAUGES_INTERVAL_SECONDS": "1",
            **extra_env,
        }

    monitoring = (
        ServiceProcess(
            "monitoring", free_port(), env("monitoring"), tmp / "monitoring.log", migrate=False
        )
        if with_monitoring
        else None
    )
    matching = (
        ServiceProcess(
            "matching", free_port(), env("matching"), tmp / "matching.log", migrate=False
        )
        if with_matching
        else None
    )
    gateway = ServiceProcess(
        "gateway",
        free_port(),
        env("gateway"),
        tmp / "gateway.log",
        admin_port=free_port(),
        migrate=False,
    )
    try:
        if matching is not None:
            await asyncio.to_thread(matching.start)
        if monitoring is not None:
            await asyncio.to_thread(monitoring.start)
        await asyncio.to_thread(gateway.start)
        # The test's own view of the database (and the key tool's) is the privileged one.
        settings = GatewaySettings(
            _env_file=None,
            database_url=dsn,
            kafka_bootstrap_servers=bootstrap,
            api_key_pepper=PEPPER,
        )
        yield Stack(gateway, monitoring, settings, prefix, matching)
    finally:
        gateway.stop()
        if monitoring is not None:
            monitoring.stop()
        if matching is not None:
            matching.stop()
