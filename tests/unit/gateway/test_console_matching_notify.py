"""The console's matching and notify pages in-process on the fakes: the demand lists and the
review queue as the API gives them, a review from the page published as the API publishes it
(audited under the official), campaign progress with numbers masked, and the compliance page
on a platform whose deadline has not been handled yet."""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest_asyncio

from services.contracts.postings import POSTING_REVIEWED
from services.contracts.topics import POSTINGS
from services.gateway.adapters.memory_sessions import InMemoryConsoleSessions
from services.gateway.console.notify_figures import STATUS_NAMES
from services.gateway.settings import GatewaySettings
from tests.support.data import credit_code
from tests.support.postings import posting_body
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes
from tests.unit.gateway.console_forms import csrf_token, official, sign_in

PUDONG, MINHANG = "310115", "310112"
FOOD, PARTS = credit_code(1, PUDONG), credit_code(2, MINHANG)
HELD_HERE = "7d1c2b3a-4e5f-5a6b-8c7d-9e0f1a2b3c4d"
HELD_THERE = "1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d"
CAMPAIGN = "3f2e1d0c-9b8a-5765-8432-10fedcba9876"
PHONE = "+8613812345678"
HOLD_FINDING = {
    "rule": "hukou",
    "field": "description",
    "matched": "本地户籍优先",
    "reason": "以户籍限制或排斥劳动者",
}


def _held(posting_id: str, code: str, district: str) -> dict[str, Any]:
    return {
        "posting_id": posting_id,
        "credit_code": code,
        "version": 2,
        "status": "held",
        "open_vacancies": 0,
        "filled": 0,
        "district_code": district,
        "details": posting_body(district_code=district, description="本地户籍优先，负责理货。"),
        "findings": [HOLD_FINDING],
        "decisions": [],
        "changed_at": datetime(2020, 2, 17, 1, 0, tzinfo=UTC),
    }


def _cell(demand_list: str, district: str, section: str, group: str, n: int) -> dict[str, Any]:
    return {
        "demand_list": demand_list,
        "district_code": district,
        "industry_section": section,
        "occupation_group": group,
        "open_postings": n,
        "open_vacancies": n * 9,
        "updated_at": datetime(2020, 2, 17, 1, 0, tzinfo=UTC),
    }


@pytest_asyncio.fixture
async def console() -> AsyncIterator[Gateway]:
    async with gateway_on_fakes(GatewaySettings(_env_file=None)) as gateway:
        app: Any = gateway.transport.app
        app.state.console_sessions = InMemoryConsoleSessions(gateway.keys)
        gateway.views.demand_rows += [
            _cell("key_enterprises", PUDONG, "C", "6", 2),
            _cell("key_enterprises", MINHANG, "G", "4", 3),
            _cell("public_service", PUDONG, "C", "6", 5),
        ]
        gateway.views.posting_rows += [
            _held(HELD_HERE, FOOD, PUDONG),
            _held(HELD_THERE, PARTS, MINHANG),
        ]
        gateway.views.registry |= {FOOD: PUDONG, PARTS: MINHANG}
        gateway.views.campaign_rows.append(
            {"campaign_id": uuid.UUID(CAMPAIGN), "credit_code": FOOD,
             "template": "return_to_work", "segments": 2, "recipients": 3,
             "send_at": datetime(2020, 2, 15, 1, tzinfo=UTC), "cancelled_at": None,
             "requested_at": datetime(2020, 2, 14, 9, tzinfo=UTC)}
        )  # fmt: skip
        gateway.views.progress_rows += [
            {"campaign_id": CAMPAIGN, "channel": "sms", "status": "delivered", "messages": 2},
            {"campaign_id": CAMPAIGN, "channel": "sms", "status": "permanent_failure",
             "messages": 1},
        ]  # fmt: skip
        gateway.views.failure_rows.append(
            {"campaign_id": CAMPAIGN, "channel": "sms", "status": "permanent_failure",
             "reason": "FailedOperation.PhoneNumberInBlacklist", "phone": PHONE}
        )  # fmt: skip
        yield gateway


def _cells(page: str, table: str, column: str) -> list[str]:
    body = page.split(f'data-table="{table}"', 1)[1].split("</table>", 1)[0]
    return re.findall(rf'data-column="{column}" data-value="([^"]*)"', body)


async def test_the_demand_lists_show_the_apis_cells_in_the_officials_scope(
    console: Gateway,
) -> None:
    city = official(console)
    api = (
        await console.http.get("/v1/demand-lists/key_enterprises", headers={"X-API-Key": city})
    ).json()
    await sign_in(console.http, city)
    page = (await console.http.get("/console/demand-lists")).text
    assert _cells(page, "key-enterprises", "open_vacancies") == [
        str(c["open_vacancies"]) for c in api["cells"]
    ]
    assert 'data-list="key_enterprises"' in page
    assert re.search(r'data-list="key_enterprises">.*?data-value="45"', page, re.S)  # 18 + 27
    assert "C 制造业" in page

    console.http.cookies.clear()
    await sign_in(console.http, official(console, PUDONG))
    own = (await console.http.get("/console/demand-lists")).text
    assert _cells(own, "key-enterprises", "district_name") == ["浦东新区"]
    download = await console.http.get("/console/demand-lists/tables/public-service.csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["区", "行业门类", "职业大类", "在招岗位", "岗位空缺（人）"]
    assert rows[1][3:5] == ["5", "45"]


async def test_the_review_queue_shows_the_rule_and_matched_text_of_the_districts_postings(
    console: Gateway,
) -> None:
    await sign_in(console.http, official(console, PUDONG))
    page = (await console.http.get("/console/reviews")).text
    assert _cells(page, "held", "posting_id") == [HELD_HERE]
    assert _cells(page, "held", "matched") == ["本地户籍优先"]
    assert _cells(page, "held", "rules") == ["户籍限制（岗位描述）"]
    assert 'for="reason-' in page  # each reason field has its label


async def test_a_review_from_the_page_is_published_as_the_api_publishes_it_and_audited(
    console: Gateway,
) -> None:
    await sign_in(console.http, official(console, PUDONG))
    page = (await console.http.get("/console/reviews")).text
    request_id = re.search(r'name="request_id" value="([^"]+)"', page)
    assert request_id
    form = {
        "csrf_token": csrf_token(page),
        "request_id": request_id.group(1),
        "version": "2",
        "decision": "approve",
        "reason": "系门店就近招聘的表述，已与企业核实不限户籍",
    }
    for _ in range(2):  # a double click is one decision
        answer = await console.http.post(f"/console/reviews/{HELD_HERE}", data=form)
        assert answer.status_code == 303
        assert answer.headers["location"] == (
            f"/console/reviews?reviewed={HELD_HERE}&decision=approve"
        )
    published = console.published(POSTINGS)
    assert {event["id"] for event in published} == {published[0]["id"]}  # sent again, same id
    review = published[0]
    assert review["type"] == POSTING_REVIEWED
    assert review["subject"] == HELD_HERE
    assert review["data"]["reviewed_by"] == "official:310115"
    assert review["data"]["version"] == 2
    assert review["data"]["decision"] == "approve"
    [audited] = console.audit.kept.values()
    assert (audited.principal, audited.district_code) == ("official:310115", PUDONG)
    shown = await console.http.get(answer.headers["location"])
    assert "通过并发布" in shown.text


async def test_a_review_without_a_reason_stale_or_out_of_scope_is_refused_on_the_page(
    console: Gateway,
) -> None:
    await sign_in(console.http, official(console, PUDONG))
    page = (await console.http.get("/console/reviews")).text
    form = {
        "csrf_token": csrf_token(page),
        "request_id": str(uuid.uuid4()),
        "version": "2",
        "decision": "reject",
        "reason": " ",
    }
    no_reason = await console.http.post(f"/console/reviews/{HELD_HERE}", data=form)
    assert no_reason.status_code == 422
    assert "审核理由" in no_reason.text
    stale = await console.http.post(
        f"/console/reviews/{HELD_HERE}", data={**form, "version": "1", "reason": "含户籍限制"}
    )
    assert stale.status_code == 409
    assert 'id="review-error"' in stale.text
    elsewhere = await console.http.post(
        f"/console/reviews/{HELD_THERE}", data={**form, "reason": "含户籍限制"}
    )
    assert elsewhere.status_code == 404
    forged = await console.http.post(
        f"/console/reviews/{HELD_HERE}", data={**form, "reason": "含户籍限制", "csrf_token": "x"}
    )
    assert forged.status_code == 400
    assert console.published(POSTINGS) == []


async def test_campaign_progress_shows_the_apis_counts_with_numbers_masked(
    console: Gateway,
) -> None:
    city = official(console)
    api = (await console.http.get(f"/v1/campaigns/{CAMPAIGN}", headers={"X-API-Key": city})).json()
    await sign_in(console.http, city)
    page = (await console.http.get("/console/campaigns")).text
    assert _cells(page, "campaigns", "campaign_id") == [CAMPAIGN]
    assert _cells(page, "campaigns", "delivered") == ["2"]
    assert _cells(page, "campaigns", "failed") == ["1"]
    shown = dict(
        zip(
            _cells(page, "by-channel", "status_name"),
            (int(n) for n in _cells(page, "by-channel", "messages")),
            strict=True,
        )
    )
    assert shown == {STATUS_NAMES[s]: n for s, n in api["channels"][0]["statuses"].items()}
    assert (
        _cells(page, "failures", "phone")
        == ["+86138****5678"]
        == [f["phone"] for f in api["failures"]]
    )
    assert PHONE not in page
    for kind in ("csv", "xlsx"):
        download = await console.http.get(f"/console/campaigns/tables/failures.{kind}")
        assert download.status_code == 200
        assert PHONE.encode() not in download.content

    console.http.cookies.clear()
    await sign_in(console.http, official(console, MINHANG))
    elsewhere = (await console.http.get("/console/campaigns")).text
    assert CAMPAIGN not in elsewhere


async def test_compliance_says_when_no_deadline_was_handled_and_else_shows_the_latest(
    console: Gateway,
) -> None:
    await sign_in(console.http, official(console))
    before = await console.http.get("/console/compliance")
    assert before.status_code == 200
    assert 'id="no-deadline-yet"' in before.text
    assert (await console.http.get("/console/compliance/tables/by-district.csv")).status_code == 404
    console.views.compliance_summary_rows += [
        {"week": week, "district_code": None, "expected": 2, "on_time": 1, "late": 0,
         "missing": 1, "reminded": 1}
        for week in ("2026-W46", "2026-W47")
    ]  # fmt: skip
    after = (await console.http.get("/console/compliance")).text
    assert "2026-W47 报送情况" in after
    assert '<option value="2026-W46">' in after


async def test_the_new_pages_run_no_inline_script_and_sit_in_the_navigation(
    console: Gateway,
) -> None:
    await sign_in(console.http, official(console))
    for page in ("demand-lists", "reviews", "sharing", "fairs", "campaigns"):
        answer = await console.http.get(f"/console/{page}")
        assert answer.status_code == 200, page
        assert "script-src 'self';" in answer.headers["content-security-policy"]
        for script in re.findall(r"<script[^>]*>", answer.text):
            assert 'src="' in script or 'type="application/json"' in script, script
        assert f'href="/console/{page}" aria-current="page"' in answer.text
    navigation = re.findall(r'<li><a href="/console/([a-z-]+)"', answer.text)
    assert navigation == [
        "overview", "compliance", "warnings", "demand-lists", "reviews", "sharing", "fairs",
        "campaigns", "posters",
    ]  # fmt: skip
