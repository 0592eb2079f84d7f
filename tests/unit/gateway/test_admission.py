"""Admission: the key is checked, and the body's size and kind, before any body is read."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import orjson
import pytest
import structlog
from starlette.types import Message

from services.gateway.domain.access import PrincipalKind
from services.gateway.settings import GatewaySettings
from tests.support.data import credit_code, weekly_report
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes

PUDONG_FOOD = credit_code(1, "310115")


async def test_an_unknown_key_is_refused_before_the_body_is_parsed(gateway: Gateway) -> None:
    response = await gateway.http.post(
        "/v1/weekly-reports",
        content=b"{not json at all",
        headers={"X-API-Key": "fg_unknown", "content-type": "application/json"},
    )
    # Parsed first, this body would have been a 422.
    assert response.status_code == 401
    assert response.json()["detail"] == "the API key is unknown, revoked or expired"


async def test_a_bearer_key_is_admitted_like_an_x_api_key(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)["X-API-Key"]
    response = await gateway.http.post(
        "/v1/weekly-reports",
        json=weekly_report(PUDONG_FOOD),
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 202, response.text


async def test_a_body_over_the_limit_is_refused_by_its_length(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    huge = {**weekly_report(PUDONG_FOOD), "difficulties_note": "很" * 200_000}

    response = await gateway.http.post("/v1/weekly-reports", json=huge, headers=key)

    assert response.status_code == 413
    assert "at most 262144 bytes" in response.json()["detail"]
    assert not gateway.publisher.anything_published


@pytest.mark.parametrize(
    ("content_type", "status"),
    [("text/csv", 415), ("", 415), ("application/json; charset=utf-8", 202)],
    ids=["csv", "none", "json-with-charset"],
)
async def test_writes_are_json_only(gateway: Gateway, content_type: str, status: int) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    body = gateway.http.build_request("POST", "/", json=weekly_report(PUDONG_FOOD)).content
    headers = {**key, "content-type": content_type} if content_type else key

    response = await gateway.http.post("/v1/weekly-reports", content=body, headers=headers)

    assert response.status_code == status, response.text


async def test_a_write_without_a_length_is_refused(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"credit_code": '
        yield b'"x"}'

    response = await gateway.http.post(
        "/v1/weekly-reports",
        content=chunks(),
        headers={**key, "content-type": "application/json"},
    )
    assert response.status_code == 411


async def test_every_answer_carries_a_request_id_and_metrics_take_known_methods_only(
    gateway: Gateway,
) -> None:
    refused = await gateway.http.request("BREW", "/v1/weekly-reports")
    given = await gateway.http.get("/healthz", headers={"X-Request-Id": "trace-0123456789"})
    metrics = (await gateway.admin.get("/metrics")).text

    assert refused.status_code == 401
    assert len(refused.headers["X-Request-Id"]) == 32
    assert given.headers["X-Request-Id"] == "trace-0123456789"
    assert 'method="other"' in metrics
    assert "BREW" not in metrics


async def test_a_client_that_sends_its_body_slowly_is_cut_off() -> None:
    settings = GatewaySettings(_env_file=None, body_read_timeout_seconds=0.3)
    async with gateway_on_fakes(settings) as slow_gateway:
        key = slow_gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)["X-API-Key"]
        body = orjson.dumps(weekly_report(PUDONG_FOOD))
        sent: list[Message] = []

        async def trickle() -> Message:
            if not sent:  # one byte, then nothing more: a client stalling mid-body
                sent.append({"type": "http.request", "body": body[:1], "more_body": True})
                return sent[-1]
            await asyncio.sleep(3600)
            raise AssertionError("not reached")

        async def answer(message: Message) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/v1/weekly-reports",
            "raw_path": b"/v1/weekly-reports",
            "query_string": b"",
            "root_path": "",
            "headers": [
                (b"host", b"gateway"),
                (b"x-api-key", key.encode()),
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
            "client": ("127.0.0.1", 50000),
            "server": ("gateway", 80),
        }
        async with asyncio.timeout(5):
            await slow_gateway.transport.app(scope, trickle, answer)

    start = next(m for m in sent if m["type"] == "http.response.start")
    assert start["status"] == 408
    assert (b"content-type", b"application/problem+json") in start["headers"]
    assert not slow_gateway.publisher.anything_published


async def test_the_request_log_names_the_principal_and_nothing_of_the_body(
    gateway: Gateway,
) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    with structlog.testing.capture_logs() as lines:
        await gateway.http.post("/v1/weekly-reports", json=weekly_report(PUDONG_FOOD), headers=key)
        await gateway.http.get("/v1/indicators", headers={"X-API-Key": "fg_unknown"})

    requests = [line for line in lines if line["event"] == "request"]
    assert [line.get("principal") for line in requests] == [f"enterprise:{PUDONG_FOOD}", None]
    assert "on_duty" not in str(requests)
