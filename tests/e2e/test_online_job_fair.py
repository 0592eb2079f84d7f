"""An online job fair (线上招聘会) through the gateway and matching on the real platform: 浦东新区's
bureau organises it, a key enterprise joins with its published posting (a held one is refused),
a migrant worker from 四川 registers remotely with no API key and marks interest with the key the
registration gave; the enterprise sees who, in full; the organisers see the figures, no one
named; and a posting that screening refuses on revision leaves the fair."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import pytest_asyncio

from services.gateway.domain.access import Principal, PrincipalKind
from tests.support.data import credit_code, registration
from tests.support.fairs import fair_body, registrant_body
from tests.support.postings import json_of, open_posting, posting_body, posting_statuses
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

FOOD = credit_code(71, "310115")  # a key enterprise of 浦东新区
PUDONG = Principal(PrincipalKind.OFFICIAL, district_code="310115")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(
        tmp_path_factory.mktemp("fairs"), with_monitoring=False, with_matching=True
    ) as running:
        yield running


async def test_a_remote_seeker_meets_an_enterprise_at_an_online_fair(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    await stack.register(client, registration(FOOD, key_enterprise=True))
    food = await stack.key_for(Principal(PrincipalKind.ENTERPRISE, credit_code=FOOD))
    official = await stack.key_for(PUDONG)
    now = datetime.now(UTC)
    window = {"starts_at": (now - timedelta(minutes=1)).isoformat(),
              "ends_at": (now + timedelta(hours=2)).isoformat()}  # fmt: skip

    scheduled = await client.post("/v1/fairs", json=fair_body(**window), headers=official)
    assert scheduled.status_code == 202, scheduled.text
    fair_id = scheduled.json()["fair_id"]
    lawful = await open_posting(client, food, FOOD, posting_body(headcount=10))
    held = await open_posting(
        client, food, FOOD, posting_body(headcount=3, description="本地人优先")
    )
    await eventually(
        lambda: posting_statuses(client, food),
        lambda found: found == {lawful: "published", held: "held"},
        what="screening to publish one posting and hold the other",
    )
    fair = await eventually(
        lambda: client.get(f"/v1/fairs/{fair_id}", headers=food),
        lambda response: response.status_code == 200,
        what="matching to record the fair",
    )
    assert fair.json()["open"] is True

    joining = f"/v1/fairs/{fair_id}/enterprises/{FOOD}"
    refused = await client.put(joining, json={"posting_ids": [held]}, headers=food)
    assert refused.status_code == 409, refused.text
    joined = await client.put(joining, json={"posting_ids": [lawful]}, headers=food)
    assert joined.status_code == 202, joined.text
    await eventually(
        lambda: json_of(client.get(f"/v1/fairs/{fair_id}", headers=official)),
        lambda body: [p["posting_id"] for p in body["postings_shown"]] == [lawful],
        what="the fair to show the enterprise's published posting",
    )

    # A migrant worker from 四川 registers from home: no API key, a key of the fair's own back.
    registered = await client.post(
        f"/v1/fairs/{fair_id}/registrants",
        json=registrant_body(),
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert registered.status_code == 202, registered.text
    seeker = {"X-Registrant-Key": registered.json()["registrant_key"]}
    await eventually(
        lambda: client.get(f"/v1/fairs/{fair_id}/registrants/me", headers=seeker),
        lambda response: response.status_code == 200,
        what="matching to record the registration",
    )
    for _ in range(2):  # marking twice counts once
        marked = await client.post(
            f"/v1/fairs/{fair_id}/registrants/me/interests",
            json={"posting_id": lawful},
            headers=seeker,
        )
        assert marked.status_code == 202, marked.text

    interests = await eventually(
        lambda: json_of(client.get(f"/v1/fairs/{fair_id}/interests", headers=food)),
        lambda body: len(body["interests"]) == 1,
        what="the enterprise to see the interest in its posting",
    )
    (interest,) = interests["interests"]
    assert (interest["name"], interest["mobile"], interest["origin_region"]) == (
        "张伟",
        "+8613912345678",
        "510000",
    )
    masked = await json_of(client.get(f"/v1/fairs/{fair_id}/interests", headers=official))
    assert [(i["name"], i["mobile"]) for i in masked["interests"]] == [("张*", "+86139****5678")]
    counts = await json_of(client.get(f"/v1/fairs/{fair_id}/counts", headers=official))
    assert counts["by_origin_region"] == [{"value": "510000", "registrations": 1, "interests": 1}]
    assert counts["by_enterprise"] == [{"value": FOOD, "registrations": 0, "interests": 1}]
    mine = await json_of(client.get(f"/v1/fairs/{fair_id}/registrants/me", headers=seeker))
    assert mine["interests"] == [lawful]

    revised = await client.put(
        f"/v1/postings/{lawful}",
        json={**posting_body(headcount=10, description="招聘分拣员，不招河南人"), "version": 2},
        headers=food,
    )
    assert revised.status_code == 202, revised.text
    await eventually(
        lambda: json_of(client.get(f"/v1/fairs/{fair_id}", headers=official)),
        lambda body: body["postings_shown"] == [],
        what="the refused posting to leave the fair",
    )
