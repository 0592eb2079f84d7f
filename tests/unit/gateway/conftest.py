"""The gateway in-process on fakes of its ports (services/gateway/adapters/memory.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest_asyncio

from services.contracts.topics import TopicSpec
from services.gateway.adapters.memory import (
    InMemoryAuditLog,
    InMemoryEnterpriseDistricts,
    InMemoryIdempotency,
    InMemoryKeys,
    InMemoryViews,
    Reachable,
    RecordingPublisher,
)
from services.gateway.adapters.memory_halls import InMemoryAppointments, InMemoryServiceRegister
from services.gateway.adapters.memory_proofs import InMemoryMobileProofs
from services.gateway.adapters.memory_registrations import InMemorySelfRegistrations
from services.gateway.app import create_app
from services.gateway.dependencies import GatewayResources
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.settings import GatewaySettings


@dataclass
class Gateway:
    http: httpx.AsyncClient
    publisher: RecordingPublisher
    keys: InMemoryKeys
    views: InMemoryViews
    database: Reachable
    audit: InMemoryAuditLog
    register: InMemoryServiceRegister
    appointments: InMemoryAppointments
    transport: httpx.ASGITransport
    """The application itself, for clients that make their own httpx client."""
    enterprise_districts: InMemoryEnterpriseDistricts
    """The gateway's own register of where enterprises are (`views.registry` is monitoring's)."""
    admin: httpx.AsyncClient
    """A client of the admin port: probes, metrics, the API documents."""
    self_registrations: InMemorySelfRegistrations
    mobile_proofs: InMemoryMobileProofs

    def key(self, kind: PrincipalKind, **scope: str) -> dict[str, str]:
        return {"X-API-Key": self.keys.issue_now(Principal(kind, **scope))}

    def published(self, topic: TopicSpec) -> list[dict[str, Any]]:
        return self.publisher.on(topic.name)


@pytest_asyncio.fixture
async def gateway() -> AsyncIterator[Gateway]:
    async with gateway_on_fakes(GatewaySettings(_env_file=None)) as on_fakes:
        yield on_fakes


@asynccontextmanager
async def gateway_on_fakes(settings: GatewaySettings) -> AsyncIterator[Gateway]:
    """The application on fresh fakes, with these settings."""
    publisher, keys, views, database = (
        RecordingPublisher(), InMemoryKeys(), InMemoryViews(), Reachable()
    )  # fmt: skip
    audit, register, appointments = (
        InMemoryAuditLog(), InMemoryServiceRegister(), InMemoryAppointments()
    )  # fmt: skip
    enterprise_districts = InMemoryEnterpriseDistricts()
    self_registrations = InMemorySelfRegistrations()
    mobile_proofs = InMemoryMobileProofs(self_registrations)
    resources = GatewayResources(
        settings=settings,
        publisher=publisher,
        api_keys=keys,
        idempotency_keys=InMemoryIdempotency(),
        views=views,
        database=database,
        kafka=Reachable(),
        audit=audit,
        service_register=register,
        appointments=appointments,
        enterprise_districts=enterprise_districts,
        self_registrations=self_registrations,
        mobile_proofs=mobile_proofs,
    )
    app = create_app(settings, resources)
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://gateway") as http,
        httpx.AsyncClient(
            transport=transport, base_url=f"http://gateway:{settings.admin_port}"
        ) as admin,
    ):
        yield Gateway(
            http,
            publisher,
            keys,
            views,
            database,
            audit,
            register,
            appointments,
            transport,
            enterprise_districts,
            admin,
            self_registrations,
            mobile_proofs,
        )
