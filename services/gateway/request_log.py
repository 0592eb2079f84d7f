"""Every request: a request id, a log line and metrics, per route template.

Routes are named by their template (`/v1/enterprises/{credit_code}/weekly-reports`), never by the
raw path, so neither metric labels nor log lines carry identifiers from the URL.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Awaitable, Callable

import structlog
from fastapi import Request, Response
from prometheus_client import Counter, Histogram

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


async def log_and_measure(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    given = request.headers.get("x-request-id", "")
    request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
    structlog.contextvars.bind_contextvars(request_id=request_id)
    started = time.perf_counter()
    status = 500  # what the server answers when a handler raises
    try:
        response = await call_next(request)
        status = response.status_code
    finally:
        structlog.contextvars.unbind_contextvars("request_id")
        elapsed = time.perf_counter() - started
        template = getattr(request.scope.get("route"), "path", "unmatched")
        LATENCY.labels(request.method, template).observe(elapsed)
        REQUESTS.labels(request.method, template, str(status)).inc()
        if template not in QUIET_ROUTES or status >= 500:
            log.info(
                "request",
                request_id=request_id,
                method=request.method,
                route=template,
                status=status,
                seconds=round(elapsed, 4),
            )
    response.headers["X-Request-Id"] = request_id
    return response
