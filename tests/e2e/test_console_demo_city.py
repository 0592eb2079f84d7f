"""Every console page on the demo city, in headless Chromium: a small seeded city loaded through
the gateway into a gateway, monitoring, matching, notify and the provider simulator, as `make run`
does with its 2,000 enterprises. The figures on each page equal the API's; the compliance page
lists the enterprises of the city's 2020 register that were late or sent nothing in W12, and a
reminder sent from it reaches them through notify; a held posting approved
from the review queue is published by matching; the campaign's progress shows the API's counts
with numbers masked; no errors in the browser console. Screenshots in .artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
import pytest_asyncio
from playwright.async_api import expect

from services.demo_city.city import generate
from services.demo_city.enterprises import HELD, registration
from services.demo_city.keys import issue_demo_keys
from services.demo_city.loader import DemoKeys, Loaded, load
from services.demo_city.recovery import WEEKS
from services.gateway.console.notify_figures import CHANNEL_NAMES, STATUS_NAMES
from tests.support.console_browser import WAIT_MS, ConsolePage
from tests.support.notify_processes import notify_beside
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

CITY = generate(seed=11, enterprises=150, today=date.today())
PENDING = ("created", "sending", "temporary_failure")


@dataclass
class Demo:
    stack: Stack
    keys: DemoKeys
    pudong_key: str
    loaded: Loaded
    campaign: dict[str, Any]
    """The campaign's progress from the API (the city's view), once every message is final."""
    simulator_url: str

    def headers(self, key: str | None = None) -> dict[str, str]:
        return {"X-API-Key": key or self.keys.city}


async def _get(http: httpx.AsyncClient, path: str, key: str, **params: str) -> Any:
    answer = await http.get(path, params=params, headers={"X-API-Key": key})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _settled(progress: dict[str, Any]) -> bool:
    statuses = [(c["channel"], s) for c in progress["channels"] for s in c["statuses"]]
    return bool(statuses) and not any(
        s in PENDING or (channel == "sms" and s == "sent") for channel, s in statuses
    )


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def demo(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Demo]:
    tmp = tmp_path_factory.mktemp("console-demo")
    env = {"FUGONG_CONSOLE_REFRESH_SECONDS": "1", "FUGONG_WARNINGS_INTERVAL_SECONDS": "1"}
    async with (
        running_stack(tmp, with_matching=True, extra_env=env) as stack,
        notify_beside(stack, tmp) as notify,
    ):
        async with httpx.AsyncClient(base_url=notify.simulator.url) as sim:
            # Some numbers refused for good on every channel, so the campaign has failures.
            answer = await sim.post("/_sim/config", json={"permanent_rate": 0.3})
            answer.raise_for_status()
        keys, pudong_key = await issue_demo_keys(stack.settings, CITY)
        async with httpx.AsyncClient(base_url=stack.gateway.url, timeout=60) as http:
            loaded = await load(http, CITY, keys)
            latest = sum(1 for _, week, _ in CITY.reports if week == WEEKS[-1])
            await eventually(
                lambda: _get(http, "/v1/indicators", keys.city, week=WEEKS[-1]),
                lambda body: body["total"]["enterprises_reporting"] == latest,
                within=60,
                what=f"every report of {WEEKS[-1]} in the city's figures",
            )
            campaign = await eventually(
                lambda: _get(http, f"/v1/campaigns/{loaded.campaign_id}", keys.city),
                _settled,
                within=90,
                what="every message of the demo campaign final",
            )
        yield Demo(stack, keys, pudong_key, loaded, campaign, notify.simulator.url)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(demo: Demo) -> Stack:
    """The demo's stack, whose console the shared `tab` fixture opens."""
    return demo.stack


async def _values(tab: ConsolePage, table: str, column: str) -> list[str]:
    cells = tab.page.locator(f"table[data-table='{table}'] td[data-column='{column}']")
    return [await cell.get_attribute("data-value") or "" for cell in await cells.all()]


async def test_the_overview_warnings_and_posters_show_the_demo_city(
    tab: ConsolePage, demo: Demo
) -> None:
    await tab.sign_in(demo.keys.city)
    await tab.page.wait_for_url("**/console/overview", timeout=WAIT_MS)
    await tab.page.wait_for_selector(f"body[data-chart-weeks='{len(WEEKS)}']", timeout=WAIT_MS)
    async with httpx.AsyncClient(base_url=demo.stack.gateway.url, timeout=30) as http:
        api = await _get(http, "/v1/indicators", demo.keys.city, week=WEEKS[-1])
        # Without a week the overview shows the latest reported one: the demo's last.
        assert WEEKS[-1] in await tab.page.locator("h1").inner_text()
        for name in ("return_rate", "resumption_rate", "staffing_gap", "fill_rate"):
            shown = tab.page.locator(f"[data-indicator='{name}'] .value")
            assert float(await shown.get_attribute("data-value") or "nan") == api["total"][name]
        assert len(await _values(tab, "by-district", "return_rate")) == 16
        await tab.shot("demo-overview")

        # The W12 signs are raised within a minute of the figures.
        warnings = await eventually(
            lambda: _get(http, "/v1/warnings", demo.keys.city),
            lambda body: len(body["warnings"]) >= 2,
            within=60,
            what="the demo's early warnings",
        )
    await tab.open("/console/warnings")
    rows = tab.page.locator("table[data-table='open-warnings'] tbody tr")
    await expect(rows).to_have_count(len(warnings["warnings"]), timeout=WAIT_MS)
    await tab.shot("demo-warnings")
    await tab.open("/console/posters")
    assert await tab.page.locator("table.posters a[href$='.png']").count() == 16 * 7


async def test_the_compliance_page_lists_who_was_late_or_missing_and_reminds_them_through_notify(
    tab: ConsolePage, demo: Demo
) -> None:
    async with httpx.AsyncClient(base_url=demo.stack.gateway.url, timeout=30) as http:
        api = await _get(http, "/v1/compliance", demo.keys.city, week=WEEKS[-1])
    missing = {e["credit_code"] for e in api["late_or_missing"] if e["status"] == "missing"}
    expected_missing = {e.credit_code for e in CITY.enterprises} - {
        code for code, week, _ in CITY.reports if week == WEEKS[-1]
    }
    assert missing == expected_missing, "everyone of the register without a W12 report"
    assert api["total"]["late"] > 0
    assert api["total"]["expected"] == len(CITY.enterprises)

    # Without a week the page shows the latest whose deadline has passed: the demo's last.
    await tab.sign_in(demo.keys.city)
    await tab.open("/console/compliance")
    assert WEEKS[-1] in await tab.page.locator("h1").inner_text()
    assert await _values(tab, "late-or-missing", "credit_code") == [
        e["credit_code"] for e in api["late_or_missing"]
    ]
    for count in ("expected", "on_time", "late", "missing"):
        shown = tab.page.locator(f"[data-count='{count}'] .value")
        assert await shown.get_attribute("data-value") == str(api["total"][count])
    # Every demo week is in the picker, and no week of today: the register's period has ended.
    picker = await tab.page.locator("select[name='week'] option").all_inner_texts()
    assert picker == list(reversed(WEEKS))
    await tab.shot("demo-compliance")

    async with httpx.AsyncClient(base_url=demo.simulator_url) as sim:
        # Every provider accepts from now on: each reminder reaches its enterprise's contact.
        (await sim.post("/_sim/config", json={"permanent_rate": 0})).raise_for_status()
        await tab.page.get_by_role("button", name="发送催报提醒").click()
        await tab.page.wait_for_selector("#reminders-sent", timeout=WAIT_MS)
        assert f"{len(missing)} 家" in await tab.page.locator("#reminders-sent").inner_text()
        contacts = {
            e.credit_code: registration(e, n)["contact"]["phone"]
            for n, e in enumerate(CITY.enterprises)
        }
        reminded = await eventually(
            lambda: _contacts_texted(sim, set(contacts.values())),
            lambda found: found == {contacts[code] for code in missing},
            within=60,
            what="a reminder at the contact of every enterprise missing in W12",
        )
    assert reminded


async def _contacts_texted(sim: httpx.AsyncClient, phones: set[str]) -> set[str]:
    """The enterprises' contact phones any simulated provider accepted a message for."""
    answer: dict[str, Any] = (await sim.get("/_sim/received")).raise_for_status().json()
    addresses = {a for provider in answer.values() for a in provider["by_address"]}
    return {phone for phone in phones if any(a.endswith(phone) for a in addresses)}


async def test_the_demand_lists_show_the_apis_open_vacancies(tab: ConsolePage, demo: Demo) -> None:
    lists = {}
    async with httpx.AsyncClient(base_url=demo.stack.gateway.url, timeout=30) as http:
        for which in ("key_enterprises", "public_service"):

            async def cells(which: str = which) -> Any:
                return await _get(http, f"/v1/demand-lists/{which}", demo.keys.city)

            lists[which] = await eventually(
                cells, lambda body: len(body["cells"]) > 0, what=f"the {which} demand list"
            )
    await tab.sign_in(demo.keys.city)
    await tab.open("/console/demand-lists")
    for which, body in lists.items():
        total = sum(cell["open_vacancies"] for cell in body["cells"])
        shown = tab.page.locator(f"[data-list='{which}'] .value")
        assert await shown.get_attribute("data-value") == str(total)
        table = which.replace("_", "-")
        assert await _values(tab, table, "open_vacancies") == [
            str(cell["open_vacancies"]) for cell in body["cells"]
        ]
    await tab.shot("demo-demand-lists")


async def test_a_posting_approved_from_the_review_queue_is_published_by_matching(
    tab: ConsolePage, demo: Demo
) -> None:
    held_ids = [
        pid
        for pid, (_, body) in zip(demo.loaded.postings, CITY.postings, strict=True)
        if body["description"] == HELD
    ]
    assert held_ids, "the demo city holds some postings for review"
    async with httpx.AsyncClient(base_url=demo.stack.gateway.url, timeout=30) as http:
        queue = await eventually(
            lambda: _get(http, "/v1/posting-reviews", demo.keys.city),
            lambda body: {p["posting_id"] for p in body["postings"]} >= set(held_ids),
            what="the demo's held postings in the review queue",
        )
        await tab.sign_in(demo.keys.city)
        await tab.open("/console/reviews")
        assert await _values(tab, "held", "posting_id") == [
            p["posting_id"] for p in queue["postings"]
        ]
        posting_id = held_ids[0]
        row = tab.page.locator(f"table[data-table='held'] tr[data-key='{posting_id}']")
        assert "本地户籍优先" in await row.locator("td[data-column='matched']").inner_text()
        await tab.shot("demo-reviews")
        await row.get_by_label("审核理由").fill("系门店就近招聘的表述，已与企业核实不限户籍")
        await row.get_by_role("button", name="通过并发布").click()
        await tab.page.wait_for_selector("#reviewed", timeout=WAIT_MS)
        posting = await eventually(
            lambda: _get(http, f"/v1/postings/{posting_id}", demo.keys.city),
            lambda body: body["status"] == "published",
            what=f"posting {posting_id} published after the official's approval",
        )
    official = posting["decisions"][-1]
    assert (official["outcome"], official["decided_by"]) == ("published", "official:city")
    assert "不限户籍" in official["reason"]
    # The queue drops it by itself as matching records the decision.
    await expect(row).to_have_count(0, timeout=WAIT_MS)


async def test_campaign_progress_shows_the_apis_counts_and_masked_failures(
    tab: ConsolePage, demo: Demo
) -> None:
    await tab.sign_in(demo.pudong_key)  # the campaign's enterprise is in 浦东新区
    await tab.open("/console/campaigns")
    campaign = demo.campaign
    assert await _values(tab, "campaigns", "campaign_id") == [campaign["campaign_id"]]
    statuses = await _values(tab, "by-channel", "status_name")
    messages = [int(n) for n in await _values(tab, "by-channel", "messages")]
    channels = await _values(tab, "by-channel", "channel_name")
    shown = {(c, s): n for c, s, n in zip(channels, statuses, messages, strict=True)}
    assert shown == {
        (CHANNEL_NAMES[c["channel"]], STATUS_NAMES[s]): n
        for c in campaign["channels"]
        for s, n in c["statuses"].items()
    }
    phones = await _values(tab, "failures", "phone")
    assert phones == [f["phone"] for f in campaign["failures"]]
    assert phones, "the simulator refused some numbers for good"
    assert all("****" in phone for phone in phones)
    await tab.shot("demo-campaigns")
