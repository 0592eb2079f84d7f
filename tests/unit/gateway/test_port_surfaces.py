"""Which port serves what, in-process: every route the application has is served on exactly
the port it belongs to, and a page asked of the other port is a plain 404."""

from __future__ import annotations

import pytest
from starlette.routing import Route

from services.gateway.app import create_app
from services.gateway.domain.access import PrincipalKind
from services.gateway.routes import health
from services.gateway.settings import GatewaySettings
from services.gateway.surfaces import served_on
from tests.unit.gateway.conftest import Gateway

APP = create_app(GatewaySettings(_env_file=None))
ADMIN_ONLY = ("/readyz", "/metrics", "/openapi.json", "/docs", "/redoc")


def test_every_api_route_is_public_and_never_on_the_admin_port() -> None:
    api = list(APP.openapi()["paths"])

    assert len(api) > 10, "the document lists the API's paths"
    for path in api:
        assert served_on(path, admin=False), path
        assert not served_on(path, admin=True), path


def test_every_page_outside_the_api_is_served_on_some_port() -> None:
    """A page added later must be placed on a port, or nobody could reach it."""
    documents = [route.path for route in APP.routes if isinstance(route, Route)]
    operations = [route.path for route in health.router.routes if isinstance(route, Route)]
    pages = documents + operations

    assert {"/openapi.json", "/metrics"} <= set(pages)
    for path in pages:
        assert served_on(path, admin=True) or served_on(path, admin=False), path


@pytest.mark.parametrize("page", ADMIN_ONLY)
async def test_operations_pages_are_on_the_admin_port_only(gateway: Gateway, page: str) -> None:
    public = await gateway.http.get(page)
    admin = await gateway.admin.get(page)

    assert public.status_code == 404
    assert public.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "Not Found",
    }
    assert admin.status_code == 200


async def test_both_ports_answer_liveness(gateway: Gateway) -> None:
    assert (await gateway.http.get("/healthz")).status_code == 200
    assert (await gateway.admin.get("/healthz")).status_code == 200


async def test_the_api_is_not_served_on_the_admin_port_even_with_a_good_key(
    gateway: Gateway,
) -> None:
    city = gateway.key(PrincipalKind.OFFICIAL)

    assert (await gateway.http.get("/v1/service-halls", headers=city)).status_code == 200
    assert (await gateway.admin.get("/v1/service-halls", headers=city)).status_code == 404
