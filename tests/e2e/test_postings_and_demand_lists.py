"""Matching through the gateway, on the real platform: a key enterprise gets its service officer,
posts jobs that screening publishes, holds or refuses (with the rule and matched text), an
official reviews the held one, and the live demand lists follow every opening, fill and close."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from services.gateway.domain.access import Principal, PrincipalKind
from tests.support.data import credit_code, registration
from tests.support.postings import json_of, open_posting, posting_body, posting_statuses
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

FOOD = credit_code(31, "310115")  # a key enterprise of 浦东新区
PUDONG = Principal(PrincipalKind.OFFICIAL, district_code="310115")
ASSISTANT = Principal(PrincipalKind.ASSISTANT, district_code="310115", staff_id="A0012")
OFFICER = Principal(PrincipalKind.OFFICER, district_code="310115", staff_id="S0007")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(
        tmp_path_factory.mktemp("matching"), with_monitoring=False, with_matching=True
    ) as running:
        yield running


async def test_a_key_enterprises_postings_from_screening_to_the_demand_lists(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    await stack.register(client, registration(FOOD, key_enterprise=True))
    food = await stack.key_for(Principal(PrincipalKind.ENTERPRISE, credit_code=FOOD))
    official, assistant, officer = (
        await stack.key_for(PUDONG), await stack.key_for(ASSISTANT), await stack.key_for(OFFICER)
    )  # fmt: skip

    assigned = await client.put(
        f"/v1/enterprises/{FOOD}/service-officer", json={"staff_id": "S0007"}, headers=official
    )
    assert assigned.status_code == 202, assigned.text
    mine = await eventually(
        lambda: json_of(client.get("/v1/service-officer/enterprises", headers=officer)),
        lambda body: len(body["enterprises"]) == 1,
        what="the officer to see the key enterprise assigned to them",
    )
    assert mine["enterprises"][0]["credit_code"] == FOOD
    register = (await client.get("/v1/key-enterprises", headers=official)).json()
    assert [
        (e["credit_code"], e["key_category"], e["officer_staff_id"])
        for e in register["enterprises"]
    ] == [(FOOD, "daily_necessities", "S0007")]

    lawful = await open_posting(client, food, FOOD, posting_body(headcount=10))
    refused = await open_posting(
        client, food, FOOD, posting_body(description="招聘分拣员，不招河南人")
    )
    held = await open_posting(
        client, food, FOOD, posting_body(headcount=3, description="本地人优先")
    )
    statuses = await eventually(
        lambda: posting_statuses(client, food),
        lambda found: set(found) == {lawful, refused, held},
        what="the three postings screened",
    )
    assert statuses == {lawful: "published", refused: "refused", held: "held"}

    refusal = (await client.get(f"/v1/postings/{refused}", headers=food)).json()
    assert refusal["findings"][0]["matched"] == "不招河南人"
    assert refusal["decisions"][0]["decided_by"] == "screening"

    queue = (await client.get("/v1/posting-reviews", headers=official)).json()
    assert [p["posting_id"] for p in queue["postings"]] == [held]
    reviewed = await client.post(
        f"/v1/posting-reviews/{held}",
        json={"version": 1, "decision": "approve", "reason": "本地指工作地点在本区，合法"},
        headers=official,
    )
    assert reviewed.status_code == 202, reviewed.text

    filled = await client.post(
        f"/v1/postings/{lawful}/fill", json={"version": 2, "filled": 4}, headers=food
    )
    assert filled.status_code == 202, filled.text
    key_list = await eventually(
        lambda: json_of(client.get("/v1/demand-lists/key_enterprises", headers=assistant)),
        lambda body: sum(c["open_vacancies"] for c in body["cells"]) == 6 + 3,
        what="the key-enterprise list to show the fill and the approved posting",
    )
    assert {(c["district_code"], c["industry_section"]) for c in key_list["cells"]} == {
        ("310115", "C")
    }
    public = (await client.get("/v1/demand-lists/public_service", headers=official)).json()
    assert public["cells"] == key_list["cells"]

    closed = await client.post(
        f"/v1/postings/{lawful}/close", json={"version": 3, "reason": "filled"}, headers=food
    )
    assert closed.status_code == 202, closed.text
    await eventually(
        lambda: json_of(client.get("/v1/service-officer/enterprises", headers=officer)),
        lambda body: body["enterprises"][0]["open_vacancies"] == 3,
        what="the officer to see the closed posting leave their enterprise's demand",
    )
    audit = (await client.get(f"/v1/postings/{held}", headers=official)).json()["decisions"]
    assert [(d["outcome"], d["decided_by"]) for d in audit] == [
        ("held", "screening"),
        ("published", "official:310115"),
    ]
