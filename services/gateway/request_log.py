"""Every request: a request id, a log line and metrics, per route template.

Routes are named by their template (`/v1/enterprises/{credit_code}/weekly-reports`), never by the
raw path, so neither metric labels nor log lines carry identifiers from the URL.
"""

from __future__ import annotations

import re
import time
import uuid

import structlog
from prometheus_client import Counter, Histogram
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUESTS = Counter(
    "fugong_gateway_requests", "HTTP requests answered.", ["method", "route", "status"]
)
LATENCY = Histogram(
    "fugong_gateway_request_duration_seconds",
    "Time to answer an HTTP request.",
    ["method", "route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
QUIET_ROUTES = frozenset({"/healthz", "/readyz", "/metrics"})
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

log = structlog.get_logger(__name__)


def _principal_id(scope: Scope) -> str | None:
    """Who made the request, as admission found it (None: refused before, or not /v1): a
    principal's id names an enterprise, district or staff number, never a person's data."""
    principal = scope.get("state", {}).get("principal")
    return None if principal is None else str(principal.id)


KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
"""Metric labels take these only: a client cannot mint label values (and series) of its own."""


class RequestLog:
    """Pure ASGI middleware (no per-request task, unlike `@app.middleware`): it is on the path of
    every request, bulk ingestion's included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500  # what the server answers when a handler raises

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append("X-Request-Id", request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            structlog.contextvars.unbind_contextvars("request_id")
            elapsed = time.perf_counter() - started
            method = scope["method"] if scope["method"] in KNOWN_METHODS else "other"
            template = getattr(scope.get("route"), "path", "unmatched")
            LATENCY.labels(method, template).observe(elapsed)
            REQUESTS.labels(method, template, str(status)).inc()
            if template not in QUIET_ROUTES or status >= 500:
                log.info(
                    "request",
                    request_id=request_id,
                    principal=_principal_id(scope),
                    method=method,
                    route=template,
                    status=status,
                    seconds=round(elapsed, 4),
                )
