"""Composition root of the gateway: settings in, a FastAPI application out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import structlog
from fastapi import FastAPI
from fastapi.routing import APIRoute

from services.gateway.adapters.api_keys import ApiKeyStore
from services.gateway.adapters.appointments import PostgresAppointments
from services.gateway.adapters.audit_log import PostgresAuditLog
from services.gateway.adapters.console_sessions import PostgresConsoleSessions
from services.gateway.adapters.enterprise_districts import PostgresEnterpriseDistricts
from services.gateway.adapters.idempotency_keys import IdempotencyKeys
from services.gateway.adapters.mobile_proofs import PostgresMobileProofs
from services.gateway.adapters.published_views import PublishedViews
from services.gateway.adapters.self_registrations import PostgresSelfRegistrations
from services.gateway.adapters.service_register import PostgresServiceRegister
from services.gateway.admission import Admission
from services.gateway.console.mount import mount_console
from services.gateway.dependencies import GatewayResources
from services.gateway.problems import (
    APPOINTMENT_RESPONSES,
    PROBLEM_RESPONSES,
    add_problem_handlers,
    document_problem_media_type,
)
from services.gateway.rate_limits import RateLimiter
from services.gateway.request_log import RequestLog
from services.gateway.routes import (
    appointments,
    audit,
    batch_models,
    batches,
    campaigns,
    compliance,
    demand_lists,
    fair_registrations,
    fairs,
    health,
    indicators,
    job_seekers,
    key_recovery,
    mobile_change,
    posting_reviews,
    postings,
    report_sheets,
    reports,
    rosters,
    self_registration,
    service_status,
    sharing,
    submissions,
    warnings,
)
from services.gateway.settings import GatewaySettings
from services.gateway.surfaces import PortSurfaces
from services.platform.kafka import (
    KafkaEventPublisher,
    KafkaProbe,
    idempotent_producer,
)
from services.platform.migrations import wait_for_schema
from services.platform.postgres import PostgresProbe, open_database
from services.platform.producers import ReplaceableProducer

SCHEMA = "gateway"

log = structlog.get_logger(__name__)


def create_app(settings: GatewaySettings, resources: GatewayResources | None = None) -> FastAPI:
    """The application; with `resources` given (fakes, in tests) nothing is opened."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if resources is not None:
            yield  # given ready-made (and already on app.state)
            return
        pool = await open_database(settings, max_size=10)
        await wait_for_schema(
            pool, SCHEMA, "services.gateway", timeout_seconds=settings.schema_wait_seconds
        )
        publisher = KafkaEventPublisher(
            ReplaceableProducer(
                lambda: idempotent_producer(settings.kafka_connection(), "fugong-gateway")
            ),
            timeout=settings.kafka_delivery_timeout_ms / 1000,
        )
        probe = KafkaProbe(settings.kafka_connection())
        app.state.resources = GatewayResources(
            settings=settings,
            publisher=publisher,
            api_keys=ApiKeyStore(
                pool,
                settings.api_key_pepper.get_secret_value(),
                settings.principal_cache_seconds,
            ),
            idempotency_keys=IdempotencyKeys(pool),
            views=PublishedViews(pool, settings.view_statement_timeout_seconds),
            database=PostgresProbe(pool),
            kafka=probe,
            audit=PostgresAuditLog(pool),
            service_register=PostgresServiceRegister(pool),
            appointments=PostgresAppointments(pool),
            enterprise_districts=PostgresEnterpriseDistricts(pool),
            self_registrations=PostgresSelfRegistrations(pool),
            mobile_proofs=PostgresMobileProofs(pool),
        )
        app.state.console_sessions = PostgresConsoleSessions(
            pool, settings.api_key_pepper.get_secret_value()
        )
        log.info(
            "gateway serving",
            host=settings.http_host,
            port=settings.http_port,
            admin_host=settings.admin_host,
            admin_port=settings.admin_port,
        )
        try:
            yield
        finally:
            await publisher.close()
            await probe.close()
            await pool.close()

    app = FastAPI(
        title="Fugong (复工) gateway",
        version="0.1.0",
        description="One authenticated API for enterprise systems and employment officials.",
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
    )
    if resources is not None:
        app.state.resources = resources
    app.state.rate_limiter = RateLimiter(settings.rate_limit_per_second, settings.rate_limit_burst)
    app.state.registration_limiter = RateLimiter(
        settings.self_registration_per_hour / 3600, settings.self_registration_burst
    )
    app.add_middleware(Admission)
    # Inside the request log, so that what it turns away is counted and logged as any 404.
    app.add_middleware(PortSurfaces, admin_port=settings.admin_port)
    app.add_middleware(RequestLog)  # outermost: it sees every answer, admission's refusals too
    app.include_router(health.router)
    app.include_router(submissions.router, responses=PROBLEM_RESPONSES)
    app.include_router(batches.router, responses=PROBLEM_RESPONSES)
    app.include_router(report_sheets.router, responses=PROBLEM_RESPONSES)
    app.include_router(reports.router, responses=PROBLEM_RESPONSES)
    app.include_router(indicators.router, responses=PROBLEM_RESPONSES)
    app.include_router(compliance.router, responses=PROBLEM_RESPONSES)
    app.include_router(warnings.router, responses=PROBLEM_RESPONSES)
    app.include_router(audit.router, responses=PROBLEM_RESPONSES)
    app.include_router(postings.router, responses=PROBLEM_RESPONSES)
    app.include_router(posting_reviews.router, responses=PROBLEM_RESPONSES)
    app.include_router(demand_lists.router, responses=PROBLEM_RESPONSES)
    app.include_router(fairs.router, responses=PROBLEM_RESPONSES)
    app.include_router(fair_registrations.router, responses=PROBLEM_RESPONSES)
    app.include_router(sharing.router, responses=PROBLEM_RESPONSES)
    app.include_router(self_registration.router, responses=PROBLEM_RESPONSES)
    app.include_router(key_recovery.router, responses=PROBLEM_RESPONSES)
    app.include_router(mobile_change.router, responses=PROBLEM_RESPONSES)
    app.include_router(job_seekers.router, responses=PROBLEM_RESPONSES)
    app.include_router(service_status.router, responses=PROBLEM_RESPONSES)
    app.include_router(
        appointments.router, responses={**PROBLEM_RESPONSES, **APPOINTMENT_RESPONSES}
    )
    app.include_router(rosters.router, responses=PROBLEM_RESPONSES)
    app.include_router(campaigns.router, responses=PROBLEM_RESPONSES)
    add_problem_handlers(app)
    mount_console(app)  # the officials' console (/console), on the same ports as the routes
    _document_extra_schemas(app)
    return app


def operation_id(route: APIRoute) -> str:
    """The route function's name (`submit_weekly_report`): what generated clients call the
    operation, rather than FastAPI's default of name, path and method run together."""
    return route.name


def _document_extra_schemas(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            batch_models.document_schemas(document)
            document_problem_media_type(document)
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
