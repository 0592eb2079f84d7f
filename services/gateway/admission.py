"""Admission: before any body is read, the caller's key must be known and the body of a size
and kind the API takes. A request with an unknown key, or a 15 MB body, costs a header lookup,
not a parse; what is admitted carries its principal on to the routes."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from fastapi import Request, Response, status
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.gateway.dependencies import GatewayResources
from services.gateway.domain.spreadsheets import MEDIA_TYPES as SPREADSHEET_MEDIA_TYPES
from services.gateway.problems import problem
from services.gateway.rate_limits import retry_after_header
from services.gateway.settings import GatewaySettings

WRITES = frozenset({"POST", "PUT", "PATCH"})
JSON = "application/json"
SPREADSHEET_UPLOADS = frozenset({"/v1/weekly-reports/upload"})
"""Writes that take a file (CSV or .xlsx) rather than JSON, and a larger one."""
BATCH_PATH = "/v1/submissions/batch"
OPEN_PATHS = re.compile(
    r"/v1/fairs/[^/]+/registrants(/me(/interests)?)?"
    r"|/v1/job-seekers/(self-registration|key-recovery)/verify"
)
"""Job seekers have no API key: they register for a fair, then act with the fair-scoped key
their registration answers (`fair_registrants.py`), or prove their mobile by the SMS code of
their self-registration or of a lost key's recovery; rate-limited per client address."""
SELF_REGISTRATION_PATH = "/v1/job-seekers/self-registration"
KEY_RECOVERY_PATH = "/v1/job-seekers/key-recovery"
CODE_SENDING_PATHS = frozenset(
    {SELF_REGISTRATION_PATH, f"{SELF_REGISTRATION_PATH}/resend", KEY_RECOVERY_PATH}
)
"""The writes without a key that text a code: a job seeker registers themselves, asks for a
new code, or asks for a new key for a lost one; all come out of the address's
self-registration allowance."""
ROSTER_PATH = "/v1/rosters"
"""A roster comes as JSON or as a sheet, as large as a sheet may be."""


@dataclass(frozen=True)
class BodyRule:
    """What a write's body may be: its content types and its largest size."""

    media_types: tuple[str, ...]
    limit: int


def body_rule(path: str, settings: GatewaySettings) -> BodyRule:
    if path in SPREADSHEET_UPLOADS:
        return BodyRule(SPREADSHEET_MEDIA_TYPES, settings.upload_max_bytes)
    if path == ROSTER_PATH:
        return BodyRule((JSON, *SPREADSHEET_MEDIA_TYPES), settings.upload_max_bytes)
    if path == BATCH_PATH:
        return BodyRule((JSON,), settings.batch_max_body_bytes)
    return BodyRule((JSON,), settings.max_body_bytes)


def api_key_of(request: Request) -> str | None:
    headers = request.headers
    bearer = headers.get("authorization", "")
    return headers.get("x-api-key") or (
        bearer[7:].strip() if bearer[:7].lower() == "bearer " else None
    )


class Admission:
    """Pure ASGI middleware: it answers from the headers alone, and never touches the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1/"):
            refused = await _refusal(Request(scope))
            if refused is not None:
                await refused(scope, receive, send)
                return
            if scope["method"] in WRITES:
                settings: GatewaySettings = scope["app"].state.resources.settings
                receive = body_deadline(receive, settings.body_read_timeout_seconds)
        await self.app(scope, receive, send)


BODY_TOO_SLOW = (
    "the body did not arrive in time; send it at once, or at least at a steady pace, and retry"
)


def body_deadline(receive: Receive, seconds: float) -> Receive:
    """`receive`, bounded: the whole body must arrive within `seconds` of the first call.

    uvicorn times out idle connections but not a body that trickles in a byte at a time, and
    each such request holds a connection and a task. Past the deadline the route's read fails
    with 408, which the problem handlers answer as any other refusal. Once the body is in,
    `receive` is the server's own again (waiting for a disconnect is not bounded).
    """
    deadline: float | None = None
    body_done = False

    async def receive_in_time() -> Message:
        nonlocal deadline, body_done
        if body_done:
            return await receive()
        if deadline is None:
            deadline = asyncio.get_running_loop().time() + seconds
        try:
            async with asyncio.timeout_at(deadline):
                message = await receive()
        except TimeoutError:
            raise HTTPException(status.HTTP_408_REQUEST_TIMEOUT, BODY_TOO_SLOW) from None
        if message["type"] != "http.request" or not message.get("more_body", False):
            body_done = True
        return message

    return receive_in_time


async def _refusal(request: Request) -> Response | None:
    """Why the request is not admitted, or None (its principal then on `request.state`)."""
    if OPEN_PATHS.fullmatch(request.url.path):
        return _refused_open(request)
    challenge = {"WWW-Authenticate": "Bearer"}
    if request.url.path in CODE_SENDING_PATHS and request.method == "POST":
        return _refused_self_registration(request)
    key = api_key_of(request)
    if not key:
        return problem(
            status.HTTP_401_UNAUTHORIZED,
            "an API key is required (header X-API-Key or Authorization: Bearer)",
            headers=challenge,
        )
    resources: GatewayResources = request.app.state.resources
    principal = await resources.api_keys.principal_for(key)
    if principal is None:
        return problem(
            status.HTTP_401_UNAUTHORIZED,
            "the API key is unknown, revoked or expired",
            headers=challenge,
        )
    request.state.principal = principal
    wait = request.app.state.rate_limiter.take(principal.id)
    if wait:
        return problem(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"this API key made more than {resources.settings.rate_limit_burst} requests at once "
            f"or {resources.settings.rate_limit_per_second:g} a second; slow down",
            headers=retry_after_header(wait),
        )
    if request.method in WRITES:
        return _refused_body(request, body_rule(request.url.path, resources.settings))
    return None


def _refused_open(request: Request) -> Response | None:
    resources: GatewayResources = request.app.state.resources
    address = request.client.host if request.client else "unknown"
    wait = request.app.state.rate_limiter.take(f"address:{address}")
    if wait:
        return problem(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"more than {resources.settings.rate_limit_burst} requests at once or "
            f"{resources.settings.rate_limit_per_second:g} a second from this address; slow down",
            headers=retry_after_header(wait),
        )
    if request.method in WRITES:
        return _refused_body(request, body_rule(request.url.path, resources.settings))
    return None


def _refused_body(request: Request, rule: BodyRule) -> Response | None:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in rule.media_types:
        return problem(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"send the body as {' or '.join(rule.media_types)} "
            f"(got {kind[:100] or 'no content-type'})",
        )
    length = request.headers.get("content-length")
    if length is None:
        return problem(
            status.HTTP_411_LENGTH_REQUIRED,
            "a write must say its length (Content-Length); chunked bodies are not taken",
        )
    if not length.isdecimal() or int(length) > rule.limit:
        return problem(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"the body may be at most {rule.limit} bytes",
        )
    return None


def _refused_self_registration(request: Request) -> Response | None:
    """Anyone may register as a job seeker (or ask for a new code, or a new key for a lost one),
    a few times an hour from one address: what a key does for every other write, the address
    does here (behind a balancer, run the server with its forwarded-address headers trusted, so
    the address is the caller's)."""
    settings: GatewaySettings = request.app.state.resources.settings
    address = request.client.host if request.client else "unknown"
    wait = request.app.state.registration_limiter.take(f"address:{address}")
    if wait:
        return problem(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"at most {settings.self_registration_per_hour:g} self-registrations, new codes or "
            "key recoveries an hour from one address; try again later",
            headers=retry_after_header(wait),
        )
    return _refused_body(request, body_rule(request.url.path, settings))
