"""FastAPI dependencies: the caller's principal and the gateway's adapters, as Annotated aliases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from services.gateway.domain.access import Principal
from services.gateway.ports import (
    Appointments,
    AuditLog,
    EnterpriseDistricts,
    IdempotencyStore,
    PrincipalKeys,
    ReadinessProbe,
    ServiceRegister,
    Views,
)
from services.gateway.settings import GatewaySettings
from services.gateway.verification_ports import MobileProofs, SelfRegistrations
from services.platform.kafka import EventPublisher


@dataclass
class GatewayResources:
    """Everything the routes use: opened by the application's lifespan, or fakes in tests."""

    settings: GatewaySettings
    publisher: EventPublisher
    api_keys: PrincipalKeys
    idempotency_keys: IdempotencyStore
    views: Views
    database: ReadinessProbe
    kafka: ReadinessProbe
    audit: AuditLog
    service_register: ServiceRegister
    appointments: Appointments
    enterprise_districts: EnterpriseDistricts
    """Where enterprises are registered, as this gateway published it (scope on write)."""
    self_registrations: SelfRegistrations
    """Self-registrations waiting for their SMS code, and the numbers seekers proved."""
    mobile_proofs: MobileProofs
    """Numbers proved again: for a new key in place of a lost one, or to change number."""


def _resources(request: Request) -> GatewayResources:
    resources: GatewayResources = request.app.state.resources
    return resources


ResourcesDep = Annotated[GatewayResources, Depends(_resources)]

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="Fugong API key")
_bearer = HTTPBearer(auto_error=False, description="Fugong API key as a bearer token")


async def _principal(
    request: Request,
    resources: ResourcesDep,
    api_key: Annotated[str | None, Depends(_api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    admitted: Principal | None = getattr(request.state, "principal", None)
    if admitted is not None:  # looked up at admission, before the body was read
        return admitted
    key = api_key or (bearer.credentials if bearer else None)
    if not key:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "an API key is required (header X-API-Key or Authorization: Bearer)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    principal = await resources.api_keys.principal_for(key)
    if principal is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "the API key is unknown or revoked",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return principal


PrincipalDep = Annotated[Principal, Depends(_principal)]
