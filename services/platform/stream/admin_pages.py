"""A stream worker's admin port: liveness, readiness and Prometheus metrics, nothing else.

faust's own web stack (aiohttp) would serve its default pages beside these (`/` and, by
default, `/router` and `/table`; `/graph`, `/stats` and `/performance` when switched on): the
worker registers this application as its web server instead (`faust.contrib.asgi.serve_asgi`),
which leaves faust's pages unmounted. A stream worker has no public port.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from services.platform.metrics import exposition

Readiness = Callable[[], Awaitable[dict[str, bool]]]
"""What readiness checks and whether each passed (`{"postgres": True, ...}`)."""


def admin_pages(readiness: Readiness) -> Starlette:
    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        checks = await readiness()
        ready = all(checks.values())
        return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)

    async def metrics(request: Request) -> Response:
        body, content_type = exposition()
        return Response(body, media_type=content_type)

    return Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
        ]
    )
