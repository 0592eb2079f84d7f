"""FastAPI dependencies: the caller's principal and the gateway's adapters, as Annotated aliases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import asyncpg
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from services.gateway.adapters.api_keys import ApiKeyStore
from services.gateway.adapters.idempotency_keys import IdempotencyKeys
from services.gateway.adapters.published_views import PublishedViews
from services.gateway.domain.access import Principal
from services.gateway.settings import GatewaySettings
from services.platform.kafka import EventPublisher, KafkaProbe


@dataclass
class GatewayResources:
    """Everything the routes use, opened once by the application's lifespan."""

    settings: GatewaySettings
    pool: asyncpg.Pool
    publisher: EventPublisher
    api_keys: ApiKeyStore
    idempotency_keys: IdempotencyKeys
    views: PublishedViews
    kafka_probe: KafkaProbe


def _resources(request: Request) -> GatewayResources:
    resources: GatewayResources = request.app.state.resources
    return resources


ResourcesDep = Annotated[GatewayResources, Depends(_resources)]

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="Fugong API key")
_bearer = HTTPBearer(auto_error=False, description="Fugong API key as a bearer token")


async def _principal(
    resources: ResourcesDep,
    api_key: Annotated[str | None, Depends(_api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
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
