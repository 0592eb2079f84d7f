"""The whole platform as real processes, for end-to-end tests: a gateway, a monitoring worker and
(on request) a matching worker on a database, roles and a topic prefix of their own, with API keys
for any principal.

As deployed: the migration step runs first, as the privileged role, and each service connects
as its own role, confined to its schema and the views it reads. On Kafka, each service is its
own user too (on the shared broker, kafka.sh's users, given the catalogue's ACLs on this stack's
prefixed topics and groups for as long as it runs); the test itself is the admin. When the stack
ends its topics and those ACLs go, so nothing of it is left on the broker."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.keys import issue_key
from services.gateway.settings import GatewaySettings
from services.platform.kafka_connection import KafkaConnection
from services.platform.topics import ensure_topics
from tests.support.data import credit_code
from tests.support.infra import (
    KAFKA,
    ServiceRoles,
    create_database,
    delete_topics_under,
    drop_database,
    service_roles,
    unique_name,
)
from tests.support.kafka_users import KafkaUsers, ServiceUsers, granted_service_users
from tests.support.processes import ServiceProcess, free_port, run_migration_step, service_env

PEPPER = "e2e-pepper-that-is-long-enough-for-anything"


@dataclass
class Stack:
    gateway: ServiceProcess
    worker: ServiceProcess | None
    settings: GatewaySettings
    prefix: str
    kafka_users: ServiceUsers
    """Every service's own Kafka user, granted its catalogue rights on the stack's topics."""
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
    def kafka_usernames(self) -> dict[str, str | None]:
        """The Kafka user each running service connects as (None: a plaintext broker's none)."""
        running = {"gateway": self.gateway, "monitoring": self.worker}
        running["matching"] = self.matching_worker
        return {
            name: process.env.get("FUGONG_KAFKA_SASL_USERNAME")
            for name, process in running.items()
            if process is not None
        }

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
    kafka: KafkaConnection = KAFKA,
    kafka_users: KafkaUsers | None = None,
    replication_factor: int = 1,
    min_insync_replicas: int = 1,
) -> AsyncIterator[Stack]:
    """Without the monitoring worker, its schema is still migrated: the gateway reads its views.

    On the shared broker, unless `kafka` names another (a test's private one, or the nodes
    of a private cluster, whose topics then take the replication settings given). Services
    connect as their own users, which `kafka_users` gives (default: the shared broker's users
    when `kafka` is the shared broker); only a broker without users (PLAINTEXT) has none.
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
                kafka,
                kafka_users,
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
    kafka: KafkaConnection,
    kafka_users: KafkaUsers | None,
    replication_factor: int,
    min_insync_replicas: int,
) -> AsyncIterator[Stack]:
    prefix = unique_name("e2e-") + "."
    async with AsyncExitStack() as cleanup:
        # Undone in reverse: processes stopped, then the ACLs, then the topics. A private
        # broker's topics go with it (and it may be down when a test of outages ends).
        if kafka is KAFKA:
            cleanup.push_async_callback(delete_topics_under, kafka, prefix)
        await ensure_topics(
            kafka,
            prefix=prefix,
            replication_factor=replication_factor,
            min_insync_replicas=min_insync_replicas,
        )
        # Every service's catalogue rights on this stack's topics and groups while it runs (one
        # started beside it, as notify by tests/support/notify_processes.py, runs as its own too).
        users = await cleanup.enter_async_context(
            granted_service_users(prefix, kafka=kafka, users=kafka_users)
        )

        def process(service: str, **options: Any) -> ServiceProcess:
            env = {
                **service_env(
                    roles.dsn(service, database), prefix, tmp, kafka=users.connection(service)
                ),
                "FUGONG_API_KEY_PEPPER": PEPPER,
                "FUGONG_LAG_INTERVAL_SECONDS": "1",
                "FUGONG_INDICATOR_GAUGES_INTERVAL_SECONDS": "1",
                **extra_env,
            }
            log = tmp / f"{service}.log"
            return ServiceProcess(service, free_port(), env, log, migrate=False, **options)

        monitoring = process("monitoring") if with_monitoring else None
        matching = process("matching") if with_matching else None
        gateway = process("gateway", admin_port=free_port())
        for started in (matching, monitoring, gateway):
            if started is not None:
                cleanup.callback(started.stop)
                await asyncio.to_thread(started.start)
        # The test's own view of the database (and the key tool's) is the privileged one.
        settings = GatewaySettings(
            _env_file=None,
            database_url=dsn,
            **kafka.settings(),
            api_key_pepper=PEPPER,
        )
        yield Stack(gateway, monitoring, settings, prefix, users, matching)
