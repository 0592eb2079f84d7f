"""Labour sharing through the gateway, on the real platform (monitoring, matching, Kafka,
PostgreSQL): a restaurant's weekly report shows surplus staff and its district sees the hint; a fee
is refused; a lawful surplus is paired with two shortages, the same industry division first; each
side's officer and officials see what is theirs; the lender accepts only with its workers'
consent; both accepting make an arrangement, of which both are told; withdrawing retires the
rest."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest
import pytest_asyncio
from aiokafka import AIOKafkaConsumer, TopicPartition

from services.contracts.topics import NOTIFY_REQUESTS, topic_name
from services.gateway.domain.access import Principal, PrincipalKind
from tests.support.data import credit_code, registration, weekly_report
from tests.support.infra import KAFKA
from tests.support.sharing import shortage_body, surplus_body
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

RESTAURANT = credit_code(41, "310104")  # 徐汇区 餐饮业 (62): lends
CANTEEN = credit_code(42, "310115")  # 浦东新区 餐饮业 (62), a key enterprise: lacks staff
HOTEL = credit_code(43, "310101")  # 黄浦区 住宿业 (61): lacks staff
XUHUI = Principal(PrincipalKind.OFFICIAL, district_code="310104")
PUDONG = Principal(PrincipalKind.OFFICIAL, district_code="310115")
HUANGPU = Principal(PrincipalKind.OFFICIAL, district_code="310101")
OFFICER = Principal(PrincipalKind.OFFICER, district_code="310115", staff_id="S0042")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("sharing"), with_matching=True) as running:
        yield running


async def test_surplus_staff_lent_to_the_closest_shortage_under_the_guidance(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    for code, district, division, key in (
        (RESTAURANT, "310104", "62", False),
        (CANTEEN, "310115", "62", True),
        (HOTEL, "310101", "61", False),
    ):
        await stack.register(
            client, registration(code, district=district, division=division, key_enterprise=key)
        )
    restaurant, canteen, hotel = [
        await stack.key_for(Principal(PrincipalKind.ENTERPRISE, credit_code=code))
        for code in (RESTAURANT, CANTEEN, HOTEL)
    ]
    xuhui, pudong, huangpu, officer = [
        await stack.key_for(p) for p in (XUHUI, PUDONG, HUANGPU, OFFICER)
    ]
    assigned = await client.put(
        f"/v1/enterprises/{CANTEEN}/service-officer", json={"staff_id": "S0042"}, headers=pudong
    )
    assert assigned.status_code == 202, assigned.text

    # Monitoring's weekly report says the restaurant has 12 staff to spare: a hint for Xuhui.
    report = {**weekly_report(RESTAURANT), "surplus_staff_available": 12}
    sent = await client.post("/v1/weekly-reports", json=report, headers=restaurant)
    assert sent.status_code == 202, sent.text
    hinted = await eventually(
        lambda: _json(client.get("/v1/sharing/declarations", headers=xuhui)),
        lambda body: len(body["hints"]) == 1,
        what="Xuhui's officials to see the restaurant's reported surplus as a hint",
    )
    assert hinted["hints"][0]["credit_code"] == RESTAURANT
    assert hinted["hints"][0]["surplus_staff_available"] == 12

    # A fee beyond wages and social insurance is refused, with the reason.
    with_fee = await _declare(client, restaurant, "surplus", RESTAURANT,
                              surplus_body(fee_per_worker_month=300))  # fmt: skip
    refused = await eventually(
        lambda: _declaration(client, restaurant, with_fee),
        lambda row: row is not None and row["status"] == "refused",
        what="the surplus with a fee to be refused",
    )
    assert refused is not None
    assert "除工资和社会保险费外不得向借入企业收取费用" in refused["refusals"][0]

    surplus = await _declare(client, restaurant, "surplus", RESTAURANT,
                             surplus_body(count=20, district_code="310104"))  # fmt: skip
    await _declare(client, canteen, "shortages", CANTEEN,
                   shortage_body(count=15, district_code="310115"))  # fmt: skip
    await _declare(client, hotel, "shortages", HOTEL,
                   shortage_body(count=10, district_code="310101",
                                 occupation_code="4-03-02-05"))  # fmt: skip
    proposals = await eventually(
        lambda: _proposals(client, restaurant),
        lambda found: len(found) == 2,
        what="the surplus paired with both shortages",
    )
    # The same division (餐饮业) ranks first, though the hotel is nearer with the exact job.
    assert [p["borrower_credit_code"] for p in proposals] == [CANTEEN, HOTEL]
    first, second = proposals
    assert first["employer_credit_code"] == RESTAURANT
    assert first["reasons"][0] == "同属行业大类62"
    assert [c["rule"] for c in first["checks"]] == [
        "consent", "employer", "no_fee", "within_contract"
    ]  # fmt: skip
    no_hint = (await client.get("/v1/sharing/declarations", headers=xuhui)).json()
    assert no_hint["hints"] == []

    # Each side's officials and the key enterprise's officer see what is theirs.
    assert [p["proposal_id"] for p in await _proposals(client, officer)] == [first["proposal_id"]]
    assert [p["proposal_id"] for p in await _proposals(client, pudong)] == [first["proposal_id"]]
    assert [p["proposal_id"] for p in await _proposals(client, huangpu)] == [second["proposal_id"]]
    assert len(await _proposals(client, xuhui)) == 2
    outside = await client.get(f"/v1/sharing/proposals/{second['proposal_id']}", headers=canteen)
    assert outside.status_code == 404

    answer = f"/v1/sharing/proposals/{first['proposal_id']}/answer"
    assert (
        await client.post(answer, json={"answer": "accept"}, headers=canteen)
    ).status_code == 202
    without_consent = await client.post(answer, json={"answer": "accept"}, headers=restaurant)
    assert without_consent.status_code == 422
    assert without_consent.json()["problems"][0]["field"] == "workers_consented"
    consented = {"answer": "accept", "workers_consented": True}
    assert (await client.post(answer, json=consented, headers=restaurant)).status_code == 202

    agreed = await eventually(
        lambda: _proposals(client, restaurant),
        lambda found: found[0]["status"] == "agreed" or found[-1]["status"] == "agreed",
        what="both acceptances to make an arrangement",
    )
    by_borrower = {p["borrower_credit_code"]: p for p in agreed}
    assert by_borrower[CANTEEN]["status"] == "agreed"
    assert by_borrower[CANTEEN]["count"] == 15
    assert all(c["passed"] for c in by_borrower[CANTEEN]["checks"])
    assert by_borrower[HOTEL]["count"] == 5  # what is left of the 20
    late = await client.post(answer, json={"answer": "decline"}, headers=canteen)
    assert late.status_code == 409

    closed = await client.post(
        f"/v1/sharing/declarations/{surplus}/close", json={"reason": "withdrawn"},
        headers=restaurant,
    )  # fmt: skip
    assert closed.status_code == 202, closed.text
    after = await eventually(
        lambda: _proposals(client, xuhui),
        lambda found: {p["status"] for p in found} == {"agreed", "retired"},
        what="withdrawing the surplus to retire the proposal not agreed",
    )
    assert {p["borrower_credit_code"]: p["status"] for p in after} == {
        CANTEEN: "agreed",
        HOTEL: "retired",
    }

    # Both enterprises' contacts are told of each proposal and of the arrangement, once each.
    topic = topic_name(NOTIFY_REQUESTS, stack.prefix)
    told = await eventually(
        lambda: notification_requests(topic),
        lambda found: len(found) >= 6,
        what="notices of the proposals and the agreement on notify.requests",
    )
    assert sorted(told) == sorted([
        ("sharing_proposed", RESTAURANT), ("sharing_proposed", CANTEEN),
        ("sharing_proposed", RESTAURANT), ("sharing_proposed", HOTEL),
        ("sharing_agreed", RESTAURANT), ("sharing_agreed", CANTEEN),
    ])  # fmt: skip


async def _declare(
    client: httpx.AsyncClient, headers: dict[str, str], kind: str, code: str, body: dict[str, Any]
) -> str:
    response = await client.post(
        f"/v1/sharing/{kind}", json={**body, "credit_code": code}, headers=headers
    )
    assert response.status_code == 202, response.text
    declaration_id: str = response.json()["declaration_id"]
    return declaration_id


async def _declaration(
    client: httpx.AsyncClient, headers: dict[str, str], declaration_id: str
) -> dict[str, Any] | None:
    body = await _json(client.get("/v1/sharing/declarations", headers=headers))
    return next((d for d in body["declarations"] if d["declaration_id"] == declaration_id), None)


async def _proposals(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    body = await _json(client.get("/v1/sharing/proposals", headers=headers))
    proposals: list[dict[str, Any]] = body["proposals"]
    return proposals


async def _json(request: Any) -> Any:
    response = await request
    assert response.status_code == 200, response.text
    return response.json()


async def notification_requests(topic: str) -> list[tuple[str, str]]:
    """(template, recipient) of every request the shared broker holds on `topic`."""
    consumer = AIOKafkaConsumer(**KAFKA.client_options(), enable_auto_commit=False)
    await consumer.start()
    found: list[tuple[str, str]] = []
    try:
        partitions = [TopicPartition(topic, p) for p in range(NOTIFY_REQUESTS.partitions)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        async with asyncio.timeout(30):
            while [tp for tp in partitions if await consumer.position(tp) < ends[tp]]:
                for batch in (await consumer.getmany(timeout_ms=500)).values():
                    for record in batch:
                        data = orjson.loads(record.value)["data"]
                        found.append((data["template"], data["recipient"]))
    finally:
        await consumer.stop()
    return found
