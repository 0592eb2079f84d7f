"""Composition root of the gateway: settings in, a FastAPI application out."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import asyncpg
import structlog
from fastapi import FastAPI, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.gateway.adapters.api_keys import ApiKeyStore
from services.gateway.adapters.idempotency_keys import IdempotencyKeyReused, IdempotencyKeys
from services.gateway.adapters.published_views import PublishedViews
from services.gateway.dependencies import GatewayResources
from services.gateway.domain.access import Forbidden
from services.gateway.request_log import log_and_measure
from services.gateway.routes import (
    compliance,
    health,
    indicators,
    reports,
    submissions,
    warnings,
)
from services.gateway.settings import GatewaySettings
from services.platform.kafka import (
    KafkaEventPublisher,
    KafkaProbe,
    PublishFailed,
    idempotent_producer,
)
from services.platform.migrations import migrate
from services.platform.postgres import PostgresProbe, open_pool

SCHEMA = "gateway"

log = structlog.get_logger(__name__)


def create_app(settings: GatewaySettings, resources: GatewayResources | None = None) -> FastAPI:
    """The application; with `resources` given (fakes, in tests) nothing is opened."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if resources is not None:
            yield  # given ready-made (and already on app.state)
            return
        pool = await open_pool(settings.database_url, max_size=10)
        await migrate(pool, SCHEMA, "services.gateway")
        producer = idempotent_producer(settings.kafka_bootstrap_servers, "fugong-gateway")
        await producer.start()
        probe = KafkaProbe(settings.kafka_bootstrap_servers)
        app.state.resources = GatewayResources(
            settings=settings,
            publisher=KafkaEventPublisher(producer),
            api_keys=ApiKeyStore(
                pool,
                settings.api_key_pepper.get_secret_value(),
                settings.principal_cache_seconds,
            ),
            idempotency_keys=IdempotencyKeys(pool),
            views=PublishedViews(pool, settings.view_statement_timeout_seconds),
            database=PostgresProbe(pool),
            kafka=probe,
        )
        log.info("gateway serving", host=settings.http_host, port=settings.http_port)
        try:
            yield
        finally:
            await producer.stop()
            await probe.close()
            await pool.close()

    app = FastAPI(
        title="Fugong (复工) gateway",
        version="0.1.0",
        description="One authenticated API for enterprise systems and employment officials.",
        lifespan=lifespan,
    )
    if resources is not None:
        app.state.resources = resources
    app.middleware("http")(require_a_key)
    app.middleware("http")(log_and_measure)
    app.include_router(health.router)
    app.include_router(submissions.router)
    app.include_router(reports.router)
    app.include_router(indicators.router)
    app.include_router(compliance.router)
    app.include_router(warnings.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(PublishFailed, _not_published)
    app.add_exception_handler(IdempotencyKeyReused, _key_reused)
    for unavailable in DATABASE_UNAVAILABLE:
        app.add_exception_handler(unavailable, _database_unavailable)
    return app


async def require_a_key(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Refuse keyless API calls before anything else, even before the body is read."""
    headers = request.headers
    if request.url.path.startswith("/v1/") and not (
        headers.get("x-api-key") or headers.get("authorization")
    ):
        return JSONResponse(
            {"message": "an API key is required (header X-API-Key or Authorization: Bearer)"},
            status_code=status.HTTP_401_UNAUTHORIZED,
            headers={"WWW-Authenticate": "Bearer"},
        )
    return await call_next(request)


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, RequestValidationError):  # registered for this type only
        raise exc
    # The caller's own input is not echoed back: it may hold personal data that proxies log.
    problems = [
        {
            "field": ".".join(str(part) for part in err["loc"][1:]) or err["loc"][0],
            "location": err["loc"][0],
            "rule": err["type"],
            "message": err["msg"].removeprefix("Value error, "),
        }
        for err in exc.errors()
    ]
    summary = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
    return JSONResponse(
        {"message": f"invalid request: {summary}", "problems": problems},
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    """Every error answer has the same shape: {"message": ...}."""
    if not isinstance(exc, StarletteHTTPException):  # registered for this type only
        raise exc
    return JSONResponse({"message": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def _forbidden(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"message": str(exc)}, status_code=status.HTTP_403_FORBIDDEN)


DATABASE_UNAVAILABLE: tuple[type[Exception], ...] = (
    OSError,
    TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.OperatorInterventionError,
    asyncpg.InsufficientResourcesError,
    asyncpg.QueryCanceledError,
)


async def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable", error=type(exc).__name__)
    return JSONResponse(
        {"message": "the service cannot reach its database now; nothing was accepted, retry later"},
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": "5"},
    )


async def _key_reused(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"message": str(exc)}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _not_published(request: Request, exc: Exception) -> JSONResponse:
    # The broker may still have stored it (a timeout is not a refusal): a retry with the same
    # Idempotency-Key is counted once either way.
    message = (
        "the event could not be confirmed as stored; retry with the same Idempotency-Key, "
        "which is counted once whatever happened"
    )
    return JSONResponse(
        {"message": message},
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": "5"},
    )
