"""Liveness, readiness and Prometheus metrics, for the platform: liveness and readiness are
unauthenticated; the metrics need an operations key where the settings say so (production)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import JSONResponse

from services.gateway.admission import api_key_of
from services.gateway.dependencies import ResourcesDep
from services.gateway.domain.access import PrincipalKind
from services.gateway.problems import problem
from services.platform.metrics import exposition

router = APIRouter(tags=["operations"], include_in_schema=False)


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is alive."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(resources: ResourcesDep) -> JSONResponse:
    """Ready when PostgreSQL and Kafka both answer."""
    checks = {
        "postgres": await resources.database.reachable(),
        "kafka": await resources.kafka.reachable(),
    }
    ready = all(checks.values())
    return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)


@router.get("/metrics")
async def metrics(request: Request, resources: ResourcesDep) -> Response:
    """Prometheus exposition; with `metrics_need_key`, for operations keys only (Bearer)."""
    if resources.settings.metrics_need_key:
        key = api_key_of(request)
        principal = await resources.api_keys.principal_for(key) if key else None
        if principal is None:
            return problem(
                status.HTTP_401_UNAUTHORIZED,
                "an operations API key is required (Authorization: Bearer)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if principal.kind is not PrincipalKind.OPERATIONS:
            return problem(status.HTTP_403_FORBIDDEN, "the metrics are for operations keys")
    body, content_type = exposition()
    return Response(body, media_type=content_type)
