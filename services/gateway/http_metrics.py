"""Request counts and latencies per route template (never per raw path: ids are not labels)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

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


async def record_request_metrics(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    started = time.perf_counter()
    response = await call_next(request)
    route = request.scope.get("route")
    template = getattr(route, "path", "unmatched")
    LATENCY.labels(request.method, template).observe(time.perf_counter() - started)
    REQUESTS.labels(request.method, template, str(response.status_code)).inc()
    return response
