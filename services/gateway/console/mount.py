"""The console on the gateway's application: its routers, static files, headers and errors."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request, status
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from services.gateway.console import (
    auth_routes,
    downloads,
    fair_pages,
    matching_pages,
    monitoring_pages,
    notify_pages,
    poster_routes,
    sharing_pages,
)
from services.gateway.console.rendering import STATIC, NavEntry, register_page, render
from services.gateway.console.security import (
    PREFIX,
    SESSION_COOKIE,
    ConsoleHeaders,
    FormRefused,
    SignInRequired,
)

PAGES: tuple[tuple[APIRouter, tuple[NavEntry, ...]], ...] = (
    (monitoring_pages.router, monitoring_pages.NAV),
    (matching_pages.router, matching_pages.NAV),
    (sharing_pages.router, sharing_pages.NAV),
    (fair_pages.router, fair_pages.NAV),
    (notify_pages.router, notify_pages.NAV),
    (poster_routes.router, poster_routes.NAV),
)
"""Every page module's router and navigation entries, in the navigation's order."""


def mount_console(app: FastAPI) -> None:
    """Serve the console under /console; its sessions are `app.state.console_sessions`, a
    `ConsoleSessions` the lifespan (or an in-process test) puts there."""
    app.include_router(auth_routes.router)
    for router, entries in PAGES:
        app.include_router(router)
        for entry in entries:
            register_page(entry)
    app.include_router(downloads.router)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=STATIC), name="console-static")
    app.add_exception_handler(SignInRequired, _to_sign_in)
    app.add_exception_handler(FormRefused, _form_refused)
    app.add_middleware(ConsoleHeaders)


async def _to_sign_in(request: Request, exc: Exception) -> Response:
    answer = RedirectResponse(f"{PREFIX}/sign-in", status.HTTP_303_SEE_OTHER)
    answer.delete_cookie(SESSION_COOKIE, path=PREFIX, httponly=True, samesite="strict")
    return answer


async def _form_refused(request: Request, exc: Exception) -> Response:
    return render(request, "refused.html", None, reason=str(exc), status_code=400)
