"""A self-registered seeker proves their mobile before anything is sent to them, on the real
platform (gateway, matching, notify and the provider simulator): the code arrives on the phone
(the simulator's inbox), the seeker verifies it and is then told of a recommended posting; one
who registers and never verifies is sent nothing but the code, is not a seeker matching knows,
and is not counted in 求人倍率."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from services.gateway.domain.access import Principal, PrincipalKind
from tests.support.data import credit_code, registration
from tests.support.notify_processes import Notify, notify_beside
from tests.support.postings import posting_body
from tests.support.seekers import MINHANG, seeker_body
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

WAREHOUSE = credit_code(52, MINHANG)
PROVED, NEVER_PROVED = "+8613912345601", "+8613912345602"
REGISTER = "/v1/job-seekers/self-registration"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    """The stack the `client` fixture talks to: gateway and matching."""
    tmp = tmp_path_factory.mktemp("self-registration")
    async with running_stack(tmp, with_monitoring=False, with_matching=True) as running:
        yield running


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def notify(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Notify]:
    async with notify_beside(stack, tmp_path_factory.mktemp("notify")) as beside:
        yield beside


async def test_only_a_seeker_who_proved_their_mobile_is_sent_recommendations(
    stack: Stack, notify: Notify, client: httpx.AsyncClient
) -> None:
    async with httpx.AsyncClient(base_url=notify.simulator.url) as phones:
        proved = await _register(client, PROVED)
        never = await _register(client, NEVER_PROVED)
        code = (await _texts(phones, PROVED, "the verification code on the seeker's phone"))[0]
        assert len(code["values"]) == 1
        verified = await client.post(
            f"{REGISTER}/verify", json={"seeker_id": proved, "code": code["values"][0]}
        )
        assert verified.status_code == 201, verified.text
        key = {"X-API-Key": verified.json()["api_key"]}

        await stack.register(
            client, registration(WAREHOUSE, district=MINHANG, division="59", key_enterprise=True)
        )
        enterprise = await stack.key_for(Principal(PrincipalKind.ENTERPRISE, credit_code=WAREHOUSE))
        opened = await client.post(
            "/v1/postings",
            json={**posting_body(title="叉车司机", occupation_code="4-02-06-03",
                                 district_code=MINHANG, required_certificates=["叉车证", "健康证"],
                                 skills=["叉车"]), "credit_code": WAREHOUSE},
            headers=enterprise,
        )  # fmt: skip
        assert opened.status_code == 202, opened.text

        texts = await eventually(
            lambda: _inbox(phones, PROVED),
            lambda inbox: any("叉车司机" in text["values"] for text in inbox),
            what="the verified seeker's recommendation SMS",
        )
        assert texts[0] == code  # the code came first, then the notice
        own = await client.get(f"/v1/job-seekers/{proved}/recommendations", headers=key)
        assert [r["title"] for r in own.json()["recommendations"]] == ["叉车司机"]

        # The one who never verified: only the code reached their phone; matching never heard
        # of them; the city counts one job seeker in 闵行区, not two.
        never_texts = await _inbox(phones, NEVER_PROVED)
        assert len(never_texts) == 1
        assert len(never_texts[0]["values"]) == 1
        assistant = await stack.key_for(
            Principal(PrincipalKind.ASSISTANT, district_code=MINHANG, staff_id="A0032")
        )
        unknown = await client.get(f"/v1/job-seekers/{never}", headers=assistant)
        assert unknown.status_code == 404
        listed = await client.get("/v1/job-seekers", params={"district": MINHANG},
                                  headers=assistant)  # fmt: skip
        assert [s["seeker_id"] for s in listed.json()["seekers"]] == [proved]
        official = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code=MINHANG))
        ratio = await client.get(
            "/v1/indicators/job-seeker-ratio", params={"district": MINHANG}, headers=official
        )
        assert ratio.status_code == 200, ratio.text
        assert ratio.json()["total"]["active_job_seekers"] == 1


async def _register(client: httpx.AsyncClient, mobile: str) -> str:
    body = seeker_body(district_code=MINHANG, mobile=mobile.removeprefix("+86"))
    response = await client.post(REGISTER, json=body)
    assert response.status_code == 202, response.text
    seeker_id: str = response.json()["seeker_id"]
    return seeker_id


async def _inbox(phones: httpx.AsyncClient, number: str) -> list[dict[str, Any]]:
    response = await phones.get(f"/_sim/inbox/{number}")
    response.raise_for_status()
    texts: list[dict[str, Any]] = response.json()
    return texts


async def _texts(phones: httpx.AsyncClient, number: str, what: str) -> list[dict[str, Any]]:
    return await eventually(lambda: _inbox(phones, number), lambda inbox: len(inbox) > 0, what=what)
