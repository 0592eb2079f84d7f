"""The console's 共享用工 and 线上招聘会 pages in headless Chromium on the real platform (gateway,
monitoring, matching): a restaurant in 徐汇区 lends staff to a canteen in 浦东新区 and another
restaurant reported surplus staff it has not declared; 浦东新区's bureau runs an online fair with
seekers registered from two regions. Each page shows the API's rows for the official signed in,
counts only for the fair, and no errors in the browser console. Screenshots in
.artifacts/screenshots/."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio

from services.contracts.fairs import labour_regions
from services.gateway.domain.access import Principal, PrincipalKind
from tests.support.console_browser import ConsolePage
from tests.support.data import credit_code, registration, weekly_report
from tests.support.fairs import fair_body, registrant_body
from tests.support.postings import json_of, open_posting, posting_body, posting_statuses
from tests.support.sharing import shortage_body, surplus_body
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

XUHUI, PUDONG = "310104", "310115"
RESTAURANT = credit_code(51, XUHUI)  # 餐饮业 (62): lends
CANTEEN = credit_code(52, PUDONG)  # 餐饮业 (62): lacks staff, runs a posting at the fair
SILENT = credit_code(53, XUHUI)  # reported surplus staff, declared none
REGIONS = ("510000", "653100")  # 四川省, a partner prefecture of 新疆


@dataclass
class Platform:
    stack: Stack
    xuhui: str
    pudong: str
    fair_id: str


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    tmp = tmp_path_factory.mktemp("console-sharing-fairs")
    async with running_stack(tmp, with_matching=True) as running:
        yield running


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def platform(stack: Stack) -> Platform:
    async with httpx.AsyncClient(base_url=stack.gateway.url, timeout=30) as client:
        keys = {}
        for code, district in ((RESTAURANT, XUHUI), (CANTEEN, PUDONG), (SILENT, XUHUI)):
            await stack.register(client, registration(code, district=district, division="62"))
            keys[code] = await stack.key_for(Principal(PrincipalKind.ENTERPRISE, credit_code=code))
        xuhui = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code=XUHUI))
        pudong = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code=PUDONG))
        await _sharing(client, keys, xuhui)
        fair_id = await _fair(client, keys[CANTEEN], pudong)
    return Platform(stack, xuhui["X-API-Key"], pudong["X-API-Key"], fair_id)


async def _sharing(
    client: httpx.AsyncClient, keys: dict[str, dict[str, str]], xuhui: dict[str, str]
) -> None:
    report = {**weekly_report(SILENT), "surplus_staff_available": 12}
    assert (await client.post("/v1/weekly-reports", json=report, headers=keys[SILENT])).is_success
    for code, kind, body in (
        (RESTAURANT, "surplus", surplus_body(count=20, district_code=XUHUI)),
        (CANTEEN, "shortages", shortage_body(count=15, district_code=PUDONG)),
    ):
        sent = await client.post(
            f"/v1/sharing/{kind}", json={**body, "credit_code": code}, headers=keys[code]
        )
        assert sent.status_code == 202, sent.text
    await eventually(
        lambda: json_of(client.get("/v1/sharing/proposals", headers=xuhui)),
        lambda body: len(body["proposals"]) == 1,
        what="the restaurant's surplus paired with the canteen's shortage",
    )
    await eventually(
        lambda: json_of(client.get("/v1/sharing/declarations", headers=xuhui)),
        lambda body: [h["credit_code"] for h in body["hints"]] == [SILENT],
        what="徐汇区's hint for the enterprise that reported surplus staff",
    )


async def _fair(client: httpx.AsyncClient, canteen: dict[str, str], pudong: dict[str, str]) -> str:
    now = datetime.now(UTC)
    window = {"starts_at": (now - timedelta(minutes=1)).isoformat(),
              "ends_at": (now + timedelta(hours=2)).isoformat()}  # fmt: skip
    scheduled = await client.post("/v1/fairs", json=fair_body(**window), headers=pudong)
    assert scheduled.status_code == 202, scheduled.text
    fair_id: str = scheduled.json()["fair_id"]
    posting = await open_posting(client, canteen, CANTEEN, posting_body(headcount=10))
    await eventually(
        lambda: posting_statuses(client, canteen),
        lambda found: found == {posting: "published"},
        what="screening to publish the canteen's posting",
    )
    await eventually(
        lambda: client.get(f"/v1/fairs/{fair_id}", headers=canteen),
        lambda response: response.status_code == 200,
        what="matching to record the fair",
    )
    joining = f"/v1/fairs/{fair_id}/enterprises/{CANTEEN}"
    joined = await client.put(joining, json={"posting_ids": [posting]}, headers=canteen)
    assert joined.status_code == 202, joined.text
    await eventually(
        lambda: json_of(client.get(f"/v1/fairs/{fair_id}", headers=pudong)),
        lambda body: [p["posting_id"] for p in body["postings_shown"]] == [posting],
        what="the fair to show the canteen's posting",
    )
    for region in REGIONS:
        registered = await client.post(
            f"/v1/fairs/{fair_id}/registrants",
            json=registrant_body(origin_region=region),
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        assert registered.status_code == 202, registered.text
        seeker = {"X-Registrant-Key": registered.json()["registrant_key"]}

        async def me(seeker: dict[str, str] = seeker) -> httpx.Response:
            return await client.get(f"/v1/fairs/{fair_id}/registrants/me", headers=seeker)

        await eventually(
            me,
            lambda response: response.status_code == 200,
            what="matching to record the registration",
        )
        marked = await client.post(
            f"/v1/fairs/{fair_id}/registrants/me/interests",
            json={"posting_id": posting},
            headers=seeker,
        )
        assert marked.status_code == 202, marked.text
    await eventually(
        lambda: json_of(client.get(f"/v1/fairs/{fair_id}/counts", headers=pudong)),
        lambda body: sum(c["interests"] for c in body["by_enterprise"]) == len(REGIONS),
        what="the fair's counts with both seekers' interest",
    )
    return fair_id


async def _values(tab: ConsolePage, table: str, column: str) -> list[str]:
    cells = tab.page.locator(f"table[data-table='{table}'] td[data-column='{column}']")
    return [await cell.get_attribute("data-value") or "" for cell in await cells.all()]


async def _api(platform: Platform, path: str, key: str) -> Any:
    async with httpx.AsyncClient(base_url=platform.stack.gateway.url, timeout=30) as client:
        return await json_of(client.get(path, headers={"X-API-Key": key}))


async def test_the_sharing_page_shows_the_districts_proposals_and_hints(
    tab: ConsolePage, platform: Platform
) -> None:
    proposals = (await _api(platform, "/v1/sharing/proposals", platform.xuhui))["proposals"]
    await tab.sign_in(platform.xuhui)
    await tab.open("/console/sharing")

    assert await _values(tab, "proposals", "proposal_id") == [p["proposal_id"] for p in proposals]
    assert await _values(tab, "proposals", "lender_credit_code") == [RESTAURANT]
    assert await _values(tab, "proposals", "borrower_district_name") == ["浦东新区"]
    assert await _values(tab, "proposals", "count") == [str(proposals[0]["count"])]
    assert await _values(tab, "proposals", "status_name") == ["待双方确认"]
    assert await _values(tab, "hints", "credit_code") == [SILENT]
    shown = tab.page.locator("[data-total='open_proposals'] .value")
    assert await shown.get_attribute("data-value") == "1"
    download = await tab.page.request.get(f"{tab.base_url}/console/sharing/tables/proposals.csv")
    assert download.ok
    assert RESTAURANT in (await download.body()).decode("utf-8-sig")
    await tab.shot("sharing")


async def test_the_fair_page_shows_the_organisers_fair_and_its_counts_only(
    tab: ConsolePage, platform: Platform
) -> None:
    counts = await _api(platform, f"/v1/fairs/{platform.fair_id}/counts", platform.pudong)
    await tab.sign_in(platform.pudong)
    await tab.open("/console/fairs")

    assert await _values(tab, "fairs", "fair_id") == [platform.fair_id]
    assert await _values(tab, "fairs", "state") == ["进行中"]
    assert await _values(tab, "fairs", "registrations") == [str(len(REGIONS))]
    by_region = {
        labour_regions()[c["value"]][0]: str(c["registrations"]) for c in counts["by_origin_region"]
    }
    shown = dict(
        zip(
            await _values(tab, "by-region", "region_name"),
            await _values(tab, "by-region", "registrations"),
            strict=True,
        )
    )
    assert shown == by_region
    assert sorted(shown) == sorted(labour_regions()[r][0] for r in REGIONS)
    assert await _values(tab, "by-enterprise", "interests") == [
        str(c["interests"]) for c in counts["by_enterprise"]
    ]
    assert registrant_body()["name"] not in await tab.page.content()
    await tab.shot("fairs")
