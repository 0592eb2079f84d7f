"""Job seekers and targeted recommendations through the gateway, on the real platform: an
assistant registers a seeker, another registers themselves, proves their mobile by the code
asked of notify and gets a key, an enterprise opens postings, each seeker reads the right
posting first with its reasons (ineligible ones never), the officer sees whom a posting is
recommended to, and only the consenting seeker's notice reaches notify's requests topic."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest
import pytest_asyncio

from services.contracts.topics import NOTIFY_REQUESTS, topic_name
from services.gateway.domain.access import Principal, PrincipalKind
from services.platform.dead_letters import read_records
from tests.support.data import credit_code, registration
from tests.support.infra import KAFKA
from tests.support.postings import posting_body
from tests.support.seekers import MINHANG, XUHUI, seeker_body
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

WAREHOUSE = credit_code(51, MINHANG)  # a key enterprise of 闵行区
ASSISTANT = Principal(PrincipalKind.ASSISTANT, district_code=MINHANG, staff_id="A0031")
OFFICER = Principal(PrincipalKind.OFFICER, district_code=MINHANG, staff_id="S0031")
CITY = Principal(PrincipalKind.OFFICIAL)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(
        tmp_path_factory.mktemp("seekers"), with_monitoring=False, with_matching=True
    ) as running:
        yield running


async def test_seekers_read_the_right_postings_and_consenting_ones_are_told(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    await stack.register(
        client, registration(WAREHOUSE, district=MINHANG, division="59", key_enterprise=True)
    )
    enterprise = await stack.key_for(Principal(PrincipalKind.ENTERPRISE, credit_code=WAREHOUSE))
    assistant, officer, city = (
        await stack.key_for(ASSISTANT), await stack.key_for(OFFICER), await stack.key_for(CITY)
    )  # fmt: skip
    assigned = await client.put(
        f"/v1/enterprises/{WAREHOUSE}/service-officer", json={"staff_id": "S0031"}, headers=city
    )
    assert assigned.status_code == 202, assigned.text

    registered = await client.post(
        "/v1/job-seekers", json=seeker_body(district_code=MINHANG), headers=assistant
    )
    assert registered.status_code == 202, registered.text
    forklift = registered.json()["seeker_id"]
    graduate_body = seeker_body(
        desired_occupations=["2-02-10-03"], district_code=XUHUI, salary_floor=8000,
        skills=["Python", "SQL"], certificates=[], priority_group="高校毕业生",
        origin_region="湖北省武汉市", consent_to_contact=False, mobile="13812345670",
    )  # fmt: skip
    self_registered = await client.post("/v1/job-seekers/self-registration", json=graduate_body)
    assert self_registered.status_code == 202, self_registered.text
    graduate = self_registered.json()["seeker_id"]
    asked = await eventually(
        lambda: _notices(stack.prefix),
        lambda found: any(d["recipient"] == graduate for d in found),
        what="the graduate's verification code asked of notify",
    )
    (code,) = [d["parameters"]["code"] for d in asked if d["recipient"] == graduate]
    verified = await client.post(
        "/v1/job-seekers/self-registration/verify", json={"seeker_id": graduate, "code": code}
    )
    assert verified.status_code == 201, verified.text
    graduate_key = {"X-API-Key": verified.json()["api_key"]}

    warehouse = await _open(client, enterprise, title="叉车司机", occupation_code="4-02-06-03",
                            district_code=MINHANG, required_certificates=["叉车证", "健康证"],
                            skills=["叉车"])  # fmt: skip
    hazmat = await _open(client, enterprise, title="危险品仓管员", occupation_code="4-02-06-03",
                         district_code=MINHANG, required_certificates=["危险货物运输从业资格证"],
                         salary_min=7000, salary_max=9000)  # fmt: skip
    developer = await _open(client, enterprise, title="数据开发工程师",
                            occupation_code="2-02-10-03", district_code=XUHUI, salary_min=9000,
                            salary_max=14000, skills=["Python"], required_certificates=[],
                            target_groups=["高校毕业生"])  # fmt: skip

    theirs = await eventually(
        lambda: _json(client.get(f"/v1/job-seekers/{forklift}/recommendations", headers=assistant)),
        lambda body: len(body["recommendations"]) >= 1,
        what="the assistant's seeker to be recommended the warehouse posting",
    )
    first = theirs["recommendations"][0]
    assert first["posting_id"] == warehouse
    assert "职业完全对口（4-02-06-03）" in first["reasons"]
    assert "重点企业岗位" in first["reasons"]
    assert hazmat not in {r["posting_id"] for r in theirs["recommendations"]}

    profile = await eventually(
        lambda: client.get(f"/v1/job-seekers/{graduate}", headers=graduate_key),
        lambda response: response.status_code == 200,
        what="matching to record the self-registered seeker",
    )
    assert profile.json()["mobile_masked"] == "+86138****5670"
    own = await eventually(
        lambda: _json(
            client.get(f"/v1/job-seekers/{graduate}/recommendations", headers=graduate_key)
        ),
        lambda body: len(body["recommendations"]) >= 1,
        what="the self-registered seeker to read their recommendation with their key",
    )
    assert [r["posting_id"] for r in own["recommendations"]] == [developer]
    assert "面向高校毕业生的岗位" in own["recommendations"][0]["reasons"]
    refused = await client.get(f"/v1/job-seekers/{forklift}", headers=graduate_key)
    assert refused.status_code == 404

    seen = await _json(client.get(f"/v1/postings/{warehouse}/recommendations", headers=officer))
    assert [s["seeker_id"] for s in seen["seekers"]] == [forklift]
    assert "mobile" not in str(seen)

    told = await eventually(
        lambda: _notices(stack.prefix, kind="job_seeker"),
        lambda found: any(d["recipient"] == forklift for d in found),
        what="the consenting seeker's notice on notify.requests",
    )
    assert {d["recipient"] for d in told} == {forklift}  # the graduate did not consent
    notice = next(d for d in told if d["recipient"] == forklift)
    assert notice["recipient_kind"] == "job_seeker"
    assert notice["template"] == "job_recommended"
    assert notice["parameters"]["title"] == "叉车司机"
    assert "+86" not in str(told)


async def _open(client: httpx.AsyncClient, headers: dict[str, str], **fields: Any) -> str:
    body = {**posting_body(**fields), "credit_code": WAREHOUSE}
    response = await client.post("/v1/postings", json=body, headers=headers)
    assert response.status_code == 202, response.text
    posting_id: str = response.json()["posting_id"]
    return posting_id


async def _notices(prefix: str, kind: str | None = None) -> list[dict[str, Any]]:
    records = await read_records(KAFKA, topic_name(NOTIFY_REQUESTS, prefix))
    requests = [orjson.loads(r.value)["data"] for r in records]
    return [r for r in requests if kind is None or r["recipient_kind"] == kind]


async def _json(request: Any) -> Any:
    response = await request
    assert response.status_code == 200, response.text
    return response.json()
