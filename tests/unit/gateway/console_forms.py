"""Signing in to the console in-process and reading its forms, for the console's unit tests."""

from __future__ import annotations

import re

import httpx

from services.gateway.domain.access import Principal, PrincipalKind
from tests.unit.gateway.conftest import Gateway


def csrf_token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page has no CSRF token"
    return found.group(1)


async def sign_in(http: httpx.AsyncClient, key: str) -> httpx.Response:
    form = await http.get("/console/sign-in")
    return await http.post(
        "/console/sign-in", data={"api_key": key, "csrf_token": csrf_token(form.text)}
    )


def official(gateway: Gateway, district: str | None = None) -> str:
    return gateway.keys.issue_now(Principal(PrincipalKind.OFFICIAL, district_code=district))
