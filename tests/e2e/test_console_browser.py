"""The officials' console in headless Chromium (Debian's, driven by Playwright) on a real gateway
and monitoring worker with reports loaded: sign-in, every page, the figures against the API's,
live refresh, a reminder from the page on notify's topic, and no errors in the browser console.
Screenshots go to .artifacts/screenshots/ (git-ignored)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import pytest_asyncio
from aiokafka import AIOKafkaConsumer
from playwright.async_api import expect

from services.contracts.identifiers import week_of_instant
from services.contracts.topics import NOTIFY_REQUESTS, topic_name
from services.gateway.domain.access import Principal, PrincipalKind
from tests.support.console_browser import WAIT_MS, ConsolePage
from tests.support.data import credit_code, registration, weekly_report
from tests.support.deadlines import after_deadline_job, raise_warnings_as_of
from tests.support.infra import KAFKA
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

WEEKS = ("2020-W07", "2020-W08")
PUDONG, MINHANG, XUHUI = "310115", "310112", "310104"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    refresh = {"FUGONG_CONSOLE_REFRESH_SECONDS": "1"}
    async with running_stack(tmp_path_factory.mktemp("console"), extra_env=refresh) as running:
        yield running


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def city_key(stack: Stack) -> str:
    """An official of the city, once two districts' enterprises reported for both weeks."""
    headers = await stack.key_for(Principal(PrincipalKind.OFFICIAL))
    async with httpx.AsyncClient(base_url=stack.gateway.url, timeout=30) as client:
        for serial, district in enumerate((PUDONG, PUDONG, MINHANG, MINHANG)):
            code, key = await stack.enterprise(100 + serial, district)
            await stack.register(client, registration(code, district=district))
            for week, on_duty in zip(WEEKS, (80 + serial * 10, 120 + serial * 10), strict=True):
                body = weekly_report(code, week=week, on_duty=on_duty)
                answer = await client.post("/v1/weekly-reports", json=body, headers=key)
                assert answer.status_code == 202, answer.text
        await eventually(
            lambda: _api_total(client, headers, WEEKS[1]),
            lambda total: total["enterprises_reporting"] == 4 and total["previous_week_reported"],
            what="both weeks of four enterprises' reports in the city's figures",
        )
    return headers["X-API-Key"]


async def _api_total(
    client: httpx.AsyncClient, headers: dict[str, str], week: str
) -> dict[str, Any]:
    answer = await client.get("/v1/indicators", params={"week": week}, headers=headers)
    assert answer.status_code == 200, answer.text
    total: dict[str, Any] = answer.json()["total"]
    return total


async def test_a_wrong_key_is_refused_and_an_officials_key_signs_in(
    tab: ConsolePage, city_key: str
) -> None:
    await tab.sign_in("fg_this-key-was-never-issued")
    await tab.page.wait_for_selector("#sign-in-error", timeout=WAIT_MS)
    tab.errors.clear()  # the refusal is a 401 page, which Chromium logs as a failed load
    await tab.shot("sign-in-refused")
    await tab.sign_in(city_key)
    await tab.page.wait_for_url("**/console/overview", timeout=WAIT_MS)
    cookies = await tab.page.context.cookies()
    assert all(city_key not in cookie["value"] for cookie in cookies)
    assert city_key not in tab.page.url


async def test_the_overview_shows_the_apis_figures_and_refreshes_by_itself(
    tab: ConsolePage, stack: Stack, city_key: str
) -> None:
    await tab.sign_in(city_key)
    await tab.open(f"/console/overview?week={WEEKS[1]}")
    await tab.page.wait_for_selector("body[data-chart-weeks='2']", timeout=WAIT_MS)
    headers = {"X-API-Key": city_key}
    async with httpx.AsyncClient(base_url=stack.gateway.url, timeout=30) as client:
        api = (
            await client.get("/v1/indicators", params={"week": WEEKS[1]}, headers=headers)
        ).json()
        for name in ("return_rate", "resumption_rate", "staffing_gap", "fill_rate"):
            shown = tab.page.locator(f"[data-indicator='{name}'] .value")
            assert float(await shown.get_attribute("data-value") or "nan") == api["total"][name]
        change = tab.page.locator("[data-indicator='return_rate'] .change")
        expected = api["total"]["change"]["return_rate"]
        assert float(await change.get_attribute("data-value") or "nan") == expected
        pudong = tab.page.locator("table[data-table='by-district'] tr[data-key='浦东新区']")
        by_district = {row["district_name"]: row for row in api["by_district"]}
        shown_rate = await pudong.locator("td[data-column='return_rate']").inner_text()
        assert shown_rate == f"{by_district['浦东新区']['return_rate'] * 100:.2f}%"
        await tab.shot("overview")

        code, own = await stack.enterprise(200, PUDONG)
        await stack.register(client, registration(code, district=PUDONG))
        body = weekly_report(code, week=WEEKS[1], on_duty=170)
        assert (await client.post("/v1/weekly-reports", json=body, headers=own)).status_code == 202
        fresh = await eventually(
            lambda: _api_total(client, headers, WEEKS[1]),
            lambda total: total["enterprises_reporting"] == 5,
            what="the fifth report in the city's figures",
        )
    # Not reloaded: the page fetches its figures again by itself.
    selector = f"[data-indicator='return_rate'] .value[data-value='{fresh['return_rate']}']"
    await tab.page.wait_for_selector(selector, timeout=WAIT_MS)


async def test_a_reminder_sent_from_the_compliance_page_reaches_notify(
    tab: ConsolePage, stack: Stack, city_key: str
) -> None:
    this_week = week_of_instant(datetime.now(UTC))
    reporting, key = await stack.enterprise(300, MINHANG)
    silent = credit_code(301, MINHANG)
    async with httpx.AsyncClient(base_url=stack.gateway.url, timeout=30) as client:
        for code in (reporting, silent):
            await stack.register(client, registration(code, district=MINHANG))
        body = weekly_report(reporting, week=this_week)
        assert (await client.post("/v1/weekly-reports", json=body, headers=key)).status_code == 202

        async def compliance() -> Any:
            answer = await client.get(
                "/v1/compliance", params={"week": this_week}, headers={"X-API-Key": city_key}
            )
            return answer.json()

        answer = await after_deadline_job(
            stack,
            this_week,
            compliance,
            lambda a: a["total"]["on_time"] == 1,
            what="the deadline job's run, with the report on time",
        )
    missing = {e["credit_code"] for e in answer["late_or_missing"] if e["status"] == "missing"}
    assert silent in missing
    assert reporting not in missing
    topic = topic_name(NOTIFY_REQUESTS, stack.prefix)
    await tab.sign_in(city_key)
    await tab.open(f"/console/compliance?week={this_week}")
    row = tab.page.locator(f"table[data-table='late-or-missing'] tr[data-key='{silent}']")
    assert await row.locator("td[data-column='status_name']").inner_text() == "未报送"
    await tab.page.get_by_role("button", name="发送催报提醒").click()
    await tab.page.wait_for_selector("#reminders-sent", timeout=WAIT_MS)
    assert f"{len(missing)} 家" in await tab.page.locator("#reminders-sent").inner_text()
    shown = tab.page.locator("[data-count='missing'] .value")
    assert await shown.get_attribute("data-value") == str(answer["total"]["missing"])
    await tab.shot("compliance")
    sent = await eventually(
        lambda: _requests_from_gateway(topic),
        lambda found: len(found) == len(missing),
        what="the console's reminders on notify.requests",
    )
    assert {r["data"]["recipient"] for r in sent} == missing
    assert {r["data"]["parameters"]["week"] for r in sent} == {this_week}


async def _requests_from_gateway(topic: str) -> list[dict[str, Any]]:
    """Every notification the gateway (not monitoring's deadline job) asked for on the topic."""
    consumer = AIOKafkaConsumer(
        topic, **KAFKA.client_options(), auto_offset_reset="earliest", enable_auto_commit=False
    )
    await consumer.start()
    try:
        batches = await consumer.getmany(timeout_ms=2000)
        await asyncio.sleep(0)
    finally:
        await consumer.stop()
    events = [json.loads(r.value) for records in batches.values() for r in records]
    return [e for e in events if e["data"]["requested_by"] == "gateway"]


async def test_an_official_acknowledges_a_warning_from_the_page(
    tab: ConsolePage, stack: Stack, city_key: str
) -> None:
    xuhui = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code=XUHUI))
    async with httpx.AsyncClient(base_url=stack.gateway.url, timeout=30) as client:
        for serial in range(3):
            code, key = await stack.enterprise(400 + serial, XUHUI)
            await stack.register(client, registration(code, district=XUHUI))
            for week, hires in zip(WEEKS, (12, 3), strict=True):  # 招聘满足率 0.8, then 0.2
                body = {**weekly_report(code, week=week), "hires": hires}
                answer = await client.post("/v1/weekly-reports", json=body, headers=key)
                assert answer.status_code == 202, answer.text

        async def district() -> Any:
            params = {"week": WEEKS[1], "district": XUHUI}
            return (await client.get("/v1/indicators", params=params, headers=xuhui)).json()

        await eventually(
            district,
            lambda a: (
                a["total"]["enterprises_reporting"] == 3 and a["total"]["previous_week_reported"]
            ),
            what="both weeks of 徐汇区's reports",
        )
        await raise_warnings_as_of(WEEKS[1], stack)

        async def open_warnings() -> Any:
            answer = await client.get("/v1/warnings", params={"district": XUHUI}, headers=xuhui)
            return answer.json()["warnings"]

        before = await open_warnings()
        await tab.sign_in(xuhui["X-API-Key"])
        await tab.open("/console/warnings")
        rows = tab.page.locator("table[data-table='open-warnings'] tbody tr")
        assert await rows.count() == len(before) > 0
        assert (
            "招聘满足率" in await rows.first.locator("td[data-column='figures_text']").inner_text()
        )
        await tab.shot("warnings")
        await rows.first.get_by_label("处理说明").fill("已约谈区内制造业企业")
        await rows.first.get_by_role("button", name="确认").click()
        await tab.page.wait_for_selector("#acknowledged", timeout=WAIT_MS)
        after = await eventually(
            open_warnings, lambda w: len(w) == len(before) - 1, what="the acknowledgement"
        )
    # The page drops the acknowledged warning by itself, as monitoring records it.
    # A locator's expectation polls the DOM from outside the page: no script is evaluated in it,
    # which the console's Content-Security-Policy (script-src 'self') would refuse.
    await expect(rows).to_have_count(max(len(after), 1), timeout=WAIT_MS)


async def test_warnings_and_posters_render_for_a_district_official(
    tab: ConsolePage, stack: Stack, city_key: str
) -> None:
    minhang = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code=MINHANG))
    await tab.sign_in(minhang["X-API-Key"])
    await tab.page.wait_for_url("**/console/overview", timeout=WAIT_MS)
    assert await tab.page.locator("#scope").inner_text() == "闵行区人社局"
    assert await tab.page.locator("table[data-table='by-district']").count() == 0
    await tab.open("/console/warnings")
    await tab.page.wait_for_selector("table[data-table='open-warnings']", timeout=WAIT_MS)
    await tab.open("/console/posters")
    links = tab.page.locator("table.posters a[href$='.pdf']")
    assert await links.count() == 7  # one district's seven services
    await tab.shot("posters")
    await tab.page.keyboard.press("Tab")
    focused = await tab.page.evaluate("document.activeElement.textContent")
    assert focused == "跳到正文"  # keyboard users reach the skip link first
