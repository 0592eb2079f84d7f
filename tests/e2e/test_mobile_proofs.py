"""A self-registered seeker proves a number again, on the real platform (gateway, matching,
notify and the provider simulator): one who lost their key gets a new one by the code texted to
the number they proved (the old key stops working; a number nobody proved is answered alike and
texted nothing); then they move to a new number, which only its code makes theirs: the old
number is told of the change, matching keeps the new one, and the next recommendation reaches
the new phone, not the old."""

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

WAREHOUSE = credit_code(53, MINHANG)
PROVED, NEW, NOBODYS = "+8613912345611", "+8613698765412", "+8613912345613"
REGISTER, RECOVER = "/v1/job-seekers/self-registration", "/v1/job-seekers/key-recovery"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    """Gateway and matching; codes to one number need not wait a minute apart here."""
    tmp = tmp_path_factory.mktemp("mobile-proofs")
    env = {"FUGONG_VERIFICATION_CODE_GAP_SECONDS": "0", "FUGONG_SELF_REGISTRATION_BURST": "10"}
    async with running_stack(
        tmp, with_monitoring=False, with_matching=True, extra_env=env
    ) as running:
        yield running


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def notify(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Notify]:
    async with notify_beside(stack, tmp_path_factory.mktemp("notify")) as beside:
        yield beside


async def test_a_seeker_recovers_their_key_then_moves_to_a_new_number(
    stack: Stack, notify: Notify, client: httpx.AsyncClient
) -> None:
    async with httpx.AsyncClient(base_url=notify.simulator.url) as phones:
        started = await client.post(
            REGISTER, json=seeker_body(district_code=MINHANG, mobile=PROVED.removeprefix("+86"))
        )
        seeker_id = started.json()["seeker_id"]
        code = await _code_texted(phones, PROVED, 1, "the registration's code")
        verified = await client.post(
            f"{REGISTER}/verify", json={"seeker_id": seeker_id, "code": code}
        )
        assert verified.status_code == 201, verified.text
        lost_key = {"X-API-Key": verified.json()["api_key"]}
        await eventually(
            lambda: client.get(f"/v1/job-seekers/{seeker_id}", headers=lost_key),
            lambda answer: answer.status_code == 200 and answer.json()["active"],
            what="matching holding the verified seeker",
        )

        # The key is lost: the number proved gets a code, a number nobody proved nothing.
        asked = await client.post(RECOVER, json={"mobile": PROVED})
        nobodys = await client.post(RECOVER, json={"mobile": NOBODYS})
        assert (asked.status_code, nobodys.status_code) == (202, 202), nobodys.text
        assert asked.json()["status"] == nobodys.json()["status"] == "code_sent_if_registered"
        code = await _code_texted(phones, PROVED, 2, "the recovery's code")
        recovered = await client.post(
            f"{RECOVER}/verify", json={"recovery_id": asked.json()["recovery_id"], "code": code}
        )
        assert recovered.status_code == 201, recovered.text
        assert recovered.json()["seeker_id"] == seeker_id
        key = {"X-API-Key": recovered.json()["api_key"]}
        own = f"/v1/job-seekers/{seeker_id}"
        assert (await client.get(own, headers=lost_key)).status_code == 401
        assert (await client.get(own, headers=key)).status_code == 200

        # A new number: until its code is typed, matching keeps the old one.
        change = f"/v1/job-seekers/{seeker_id}/mobile-change"
        asked = await client.post(
            change, json={"current_mobile": PROVED, "new_mobile": NEW}, headers=key
        )
        assert asked.status_code == 202, asked.text
        code = await _code_texted(phones, NEW, 1, "the new number's code")
        before = await client.get(f"/v1/job-seekers/{seeker_id}", headers=key)
        assert before.json()["mobile_masked"] == "+86139****5611"
        proved = await client.post(
            f"{change}/verify", json={"change_id": asked.json()["change_id"], "code": code},
            headers=key,
        )  # fmt: skip
        assert proved.status_code == 202, proved.text
        told = await eventually(
            lambda: _inbox(phones, PROVED),
            lambda inbox: len(inbox) == 3,
            what="the old number told of the change",
        )
        assert told[-1]["values"] == []  # mobile_changed: no number in it
        await eventually(
            lambda: client.get(f"/v1/job-seekers/{seeker_id}", headers=key),
            lambda answer: answer.json()["mobile_masked"] == "+86136****5412",
            what="matching holding the new number",
        )

        # The next recommendation reaches the new phone only.
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
        await eventually(
            lambda: _inbox(phones, NEW),
            lambda inbox: any("叉车司机" in text["values"] for text in inbox),
            what="the recommendation SMS on the new phone",
        )
        assert len(await _inbox(phones, PROVED)) == 3
        assert await _inbox(phones, NOBODYS) == []


async def _inbox(phones: httpx.AsyncClient, number: str) -> list[dict[str, Any]]:
    response = await phones.get(f"/_sim/inbox/{number}")
    response.raise_for_status()
    texts: list[dict[str, Any]] = response.json()
    return texts


async def _code_texted(phones: httpx.AsyncClient, number: str, nth: int, what: str) -> str:
    """The code in the `nth` text the number received."""
    inbox = await eventually(
        lambda: _inbox(phones, number), lambda texts: len(texts) >= nth, what=what
    )
    (code,) = inbox[nth - 1]["values"]
    assert isinstance(code, str)
    return code
