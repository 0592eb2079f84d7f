"""Which port serves what. The public port serves the API (`/v1/...`), the officials' console
(`/console`, its pages and static files) and liveness, nothing else; the admin port serves what
operations read (probes, metrics) and the API's documents, and never the API itself. One
application, two sockets: a page asked of the wrong port is answered 404 exactly as a page that
does not exist, so the public port does not reveal what it hides."""

from __future__ import annotations

from fastapi import status
from starlette.types import ASGIApp, Receive, Scope, Send

from services.gateway.problems import problem

API_PREFIX = "/v1/"
CONSOLE = "/console"
PUBLIC_PAGES = frozenset({"/healthz"})
ADMIN_PAGES = frozenset(
    {"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
)


def served_on(path: str, *, admin: bool) -> bool:
    """Whether the admin port (`admin`) or the public port serves `path`."""
    if admin:
        return path in ADMIN_PAGES
    is_console = path == CONSOLE or path.startswith(CONSOLE + "/")
    return path.startswith(API_PREFIX) or is_console or path in PUBLIC_PAGES


class PortSurfaces:
    """Pure ASGI middleware: it tells the ports apart by the local port a request came in on
    (the socket's own, which neither the client nor a proxy header can change)."""

    def __init__(self, app: ASGIApp, admin_port: int) -> None:
        self.app = app
        self.admin_port = admin_port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            server = scope.get("server")
            admin = server is not None and server[1] == self.admin_port
            if not served_on(scope["path"], admin=admin):
                await problem(status.HTTP_404_NOT_FOUND, "Not Found")(scope, receive, send)
                return
        await self.app(scope, receive, send)
