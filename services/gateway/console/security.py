"""The console's guards: the session cookie, CSRF tokens on every form, and the headers every
console answer carries (a Content-Security-Policy that runs only the console's own scripts)."""

from __future__ import annotations

import hmac
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.gateway.console.sessions import ConsoleSession, ConsoleSessions, SessionTimes
from services.gateway.dependencies import ResourcesDep

PREFIX = "/console"
SESSION_COOKIE = "fugong_console"
SIGN_IN_COOKIE = "fugong_console_sign_in"
"""Holds the sign-in form's CSRF token (double submit) before there is a session."""
FORM_MAX_BYTES = 16 * 1024

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
"""Scripts only from the console's own files (no inline script); ECharts sets inline styles."""

HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class SignInRequired(Exception):
    """No live session: the browser is sent to the sign-in page."""


class FormRefused(Exception):
    """A console form that fails its CSRF check or is too large; the message says which."""


class ConsoleHeaders:
    """Pure ASGI middleware: the console's security headers, and no caching of its pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith(f"{PREFIX}/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if not static:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def session_times(request: Request) -> SessionTimes:
    settings = request.app.state.resources.settings
    return SessionTimes(
        idle=timedelta(minutes=settings.console_session_idle_minutes),
        longest=timedelta(hours=settings.console_session_hours),
    )


def sessions_of(request: Request) -> ConsoleSessions:
    sessions: ConsoleSessions = request.app.state.console_sessions
    return sessions


def cookie_is_secure(request: Request) -> bool:
    """Secure when the console is reached over https (or always, in production)."""
    settings = request.app.state.resources.settings
    return request.url.scheme == "https" or settings.env == "prod"


async def _signed_in(request: Request, resources: ResourcesDep) -> ConsoleSession:
    session_id = request.cookies.get(SESSION_COOKIE)
    if not session_id or len(session_id) > 100:
        raise SignInRequired
    session = await sessions_of(request).session(session_id, session_times(request))
    if session is None:
        raise SignInRequired
    return session


SessionDep = Annotated[ConsoleSession, Depends(_signed_in)]


def check_form_size(request: Request) -> None:
    length = request.headers.get("content-length", "")
    if not length.isdecimal() or int(length) > FORM_MAX_BYTES:
        raise FormRefused(f"表单须注明长度且不超过 {FORM_MAX_BYTES} 字节")


def check_csrf(expected: str | None, sent: str | None) -> None:
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        raise FormRefused("表单已过期或来源不明，请刷新页面后重试")
