"""One error model: every failure answers `application/problem+json` (RFC 9457).

Members: `type` (`about:blank`: the status says what kind of failure), `title` (the status's
phrase), `status`, `detail` (what went wrong and what to do, naming fields and rules, never the
caller's input values: they may hold personal data that proxies log), and for invalid requests
the extension member `problems`: one entry per field (`field`, `location`, `rule`, `message`).
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

import asyncpg
import structlog
from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.gateway.adapters.idempotency_keys import IdempotencyKeyReused
from services.gateway.api_examples import SLOT_ID, examples
from services.gateway.domain.access import Forbidden
from services.gateway.domain.appointments import AppointmentRefused, Slot
from services.platform.kafka import PublishFailed

log = structlog.get_logger(__name__)

MEDIA_TYPE = "application/problem+json"
RETRY_LATER = {"Retry-After": "5"}

DATABASE_UNAVAILABLE: tuple[type[Exception], ...] = (
    OSError,
    TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.OperatorInterventionError,
    asyncpg.InsufficientResourcesError,
    asyncpg.QueryCanceledError,
)


FIELD_PROBLEM_EXAMPLE: dict[str, Any] = {
    "field": "on_duty",
    "location": "body",
    "rule": "exceeds_employees",
    "message": "on_duty (230) must not exceed employees_before_holiday (200)",
}
SUGGESTED_SLOT_EXAMPLE: dict[str, Any] = {
    "slot_id": SLOT_ID,
    "starts_at": "2020-03-02T10:00:00+08:00",
    "ends_at": "2020-03-02T10:30:00+08:00",
    "remaining": 7,
}


class FieldProblem(BaseModel):
    """What is wrong with one field, named as the client sent it (`not_yet_returned.other`)."""

    model_config = examples(FIELD_PROBLEM_EXAMPLE)

    field: str
    location: str
    rule: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document, as every failure is answered."""

    model_config = examples(
        {
            "type": "about:blank",
            "title": "Unprocessable Content",
            "status": 422,
            "detail": "invalid request: on_duty: on_duty (230) must not exceed "
            "employees_before_holiday (200)",
            "problems": [FIELD_PROBLEM_EXAMPLE],
        },
        {
            "type": "about:blank",
            "title": "Forbidden",
            "status": 403,
            "detail": "this API key may only report for enterprise 91310115632184514N",
        },
    )

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    problems: list[FieldProblem] | None = None


class SuggestedSlot(BaseModel):
    """A slot with places left, offered instead of a full one."""

    model_config = examples(SUGGESTED_SLOT_EXAMPLE)

    slot_id: str
    starts_at: str
    ends_at: str
    remaining: int


class AppointmentProblem(Problem):
    """A booking refused (409): the slot is full, has passed, the person is booked that day, or
    the window is closed for the service; `suggested` lists the least busy slots instead."""

    model_config = examples(
        {
            "type": "about:blank",
            "title": "Conflict",
            "status": 409,
            "detail": "该时段已约满 (the slot is full); choose one of the suggested slots",
            "suggested": [SUGGESTED_SLOT_EXAMPLE],
        }
    )

    suggested: list[SuggestedSlot] | None = None


APPOINTMENT_RESPONSES: dict[int | str, dict[str, Any]] = {
    409: {"model": AppointmentProblem, "content": {MEDIA_TYPE: {}}, "description": "Conflict"}
}

PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "content": {MEDIA_TYPE: {}}, "description": HTTPStatus(code).phrase}
    for code in (401, 403, 404, 411, 413, 415, 422, 429, 503)
}
"""What the OpenAPI document says of failures: the same problem document for each."""


def document_problem_media_type(openapi: dict[str, Any]) -> None:
    """FastAPI documents every response model under application/json; failures are answered as
    application/problem+json, so their schema is documented there alone (clients generated
    from the document then parse them)."""
    for path in openapi["paths"].values():
        for operation in path.values():
            for response in operation.get("responses", {}).values():
                content = response.get("content", {})
                if MEDIA_TYPE in content and "application/json" in content:
                    content[MEDIA_TYPE] = content.pop("application/json")


def problem(
    status_code: int,
    detail: str,
    *,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
        **extensions,
    }
    return JSONResponse(body, status_code=status_code, headers=headers, media_type=MEDIA_TYPE)


class FieldRefused(Exception):
    """A request refused because of one field's value, answered naming the field (never its
    value) in `problems`, as invalid requests are."""

    def __init__(
        self,
        status_code: int,
        field: str,
        rule: str,
        message: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{field}: {message}")
        self.status_code = status_code
        self.problem = {"field": field, "location": "body", "rule": rule, "message": message}
        self.headers = headers


def add_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(PublishFailed, _not_published)
    app.add_exception_handler(IdempotencyKeyReused, _key_reused)
    app.add_exception_handler(AppointmentRefused, _appointment_refused)
    app.add_exception_handler(FieldRefused, _field_refused)
    for unavailable in DATABASE_UNAVAILABLE:
        app.add_exception_handler(unavailable, _database_unavailable)


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, RequestValidationError):  # registered for this type only
        raise exc
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
    return problem(
        status.HTTP_422_UNPROCESSABLE_CONTENT, f"invalid request: {summary}", problems=problems
    )


async def _field_refused(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, FieldRefused):  # registered for this type only
        raise exc
    return problem(exc.status_code, str(exc), headers=exc.headers, problems=[exc.problem])


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, StarletteHTTPException):  # registered for this type only
        raise exc
    return problem(exc.status_code, str(exc.detail), headers=exc.headers)


async def _forbidden(request: Request, exc: Exception) -> JSONResponse:
    return problem(status.HTTP_403_FORBIDDEN, str(exc))


async def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable", error=type(exc).__name__)
    return problem(
        status.HTTP_503_SERVICE_UNAVAILABLE,
        "the service cannot reach its database now; nothing was accepted, retry later",
        headers=RETRY_LATER,
    )


async def _appointment_refused(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, AppointmentRefused):  # registered for this type only
        raise exc
    extensions: dict[str, Any] = (
        {"suggested": [_suggested(slot) for slot in exc.suggested]} if exc.suggested else {}
    )
    return problem(status.HTTP_409_CONFLICT, exc.detail, **extensions)


def _suggested(slot: Slot) -> dict[str, Any]:
    return SuggestedSlot(
        slot_id=str(slot.slot_id),
        starts_at=slot.starts_at.isoformat(),
        ends_at=slot.ends_at.isoformat(),
        remaining=slot.remaining,
    ).model_dump()


async def _key_reused(request: Request, exc: Exception) -> JSONResponse:
    return problem(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc))


async def _not_published(request: Request, exc: Exception) -> JSONResponse:
    # The broker may still have stored it (a timeout is not a refusal): a retry with the same
    # Idempotency-Key is counted once either way.
    return problem(
        status.HTTP_503_SERVICE_UNAVAILABLE,
        "the event could not be confirmed as stored; retry with the same Idempotency-Key, "
        "which is counted once whatever happened",
        headers=RETRY_LATER,
    )
