"""Signing in to the console with an official's API key, and signing out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, status
from fastapi.responses import RedirectResponse, Response

from services.gateway.console.rendering import render
from services.gateway.console.security import (
    PREFIX,
    SESSION_COOKIE,
    SIGN_IN_COOKIE,
    SessionDep,
    check_csrf,
    check_form_size,
    cookie_is_secure,
    session_times,
    sessions_of,
)
from services.gateway.console.sessions import new_csrf_token
from services.gateway.dependencies import ResourcesDep
from services.gateway.domain.access import PrincipalKind

router = APIRouter(prefix=PREFIX, include_in_schema=False)

REFUSED = "密钥无效、已吊销或已过期，或不是人社部门官员的密钥。"


@router.get("")
async def console_home() -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/overview", status.HTTP_303_SEE_OTHER)


@router.get("/sign-in")
async def sign_in_form(request: Request) -> Response:
    return _sign_in_page(request)


def _sign_in_page(request: Request, error: str | None = None, code: int = 200) -> Response:
    token = new_csrf_token()
    page = render(request, "sign_in.html", None, sign_in_token=token, error=error, status_code=code)
    page.set_cookie(
        SIGN_IN_COOKIE,
        token,
        max_age=600,
        path=PREFIX,
        httponly=True,
        secure=cookie_is_secure(request),
        samesite="strict",
    )
    return page


@router.post("/sign-in", dependencies=[Depends(check_form_size)])
async def sign_in(
    request: Request,
    resources: ResourcesDep,
    api_key: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str, Form(max_length=100)],
) -> Response:
    check_csrf(request.cookies.get(SIGN_IN_COOKIE), csrf_token)
    key = api_key.strip()
    principal = await resources.api_keys.principal_for(key)
    if principal is None or principal.kind is not PrincipalKind.OFFICIAL:
        return _sign_in_page(request, REFUSED, status.HTTP_401_UNAUTHORIZED)
    session_id = await sessions_of(request).open(key, session_times(request))
    answer = RedirectResponse(f"{PREFIX}/overview", status.HTTP_303_SEE_OTHER)
    answer.delete_cookie(SIGN_IN_COOKIE, path=PREFIX, httponly=True, samesite="strict")
    answer.set_cookie(
        SESSION_COOKIE,
        session_id,
        path=PREFIX,
        httponly=True,
        secure=cookie_is_secure(request),
        samesite="strict",
    )  # no max-age: it ends with the browser, and the server ends it sooner when idle
    return answer


@router.post("/sign-out", dependencies=[Depends(check_form_size)])
async def sign_out(
    request: Request,
    session: SessionDep,
    csrf_token: Annotated[str, Form(max_length=100)],
) -> Response:
    check_csrf(session.csrf_token, csrf_token)
    await sessions_of(request).close(request.cookies[SESSION_COOKIE])
    answer = RedirectResponse(f"{PREFIX}/sign-in", status.HTTP_303_SEE_OTHER)
    answer.delete_cookie(SESSION_COOKIE, path=PREFIX, httponly=True, samesite="strict")
    return answer
