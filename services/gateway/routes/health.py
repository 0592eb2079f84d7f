"""Liveness, readiness and Prometheus metrics: unauthenticated, for the platform only."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from services.gateway.dependencies import ResourcesDep
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
async def metrics() -> Response:
    body, content_type = exposition()
    return Response(body, media_type=content_type)
