"""What a bureau enters after the fact: its register with the monitoring period it drew up, and
reports with when they reached it. Only the bureaus may state those dates; each is checked, and a
refusal names the field."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest_asyncio

from services.contracts.topics import ENTERPRISE_REGISTRATIONS, ENTERPRISE_REPORTS
from services.gateway.domain.access import PrincipalKind
from services.gateway.domain.spreadsheets import XLSX_MEDIA_TYPE
from services.gateway.settings import GatewaySettings
from tests.support.data import credit_code, registration, weekly_report
from tests.support.sheets import row_of, xlsx_of
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes

PUDONG_FOOD = credit_code(31, "310115")
PERIOD = {"monitored_from": "2020-02-03", "monitored_until": "2020-03-22"}
RECEIVED = "2020-02-14T17:30:00+08:00"
RECEIVED_W08 = "2020-02-21T09:00:00+08:00"


@pytest_asyncio.fixture
async def gateway() -> AsyncIterator[Gateway]:
    async with gateway_on_fakes(GatewaySettings(_env_file=None)) as on_fakes:
        yield on_fakes


def _fields(answer: dict[str, Any]) -> list[str]:
    return [p["field"] for p in answer["problems"]]


async def test_a_bureau_enters_its_register_and_received_reports_on_the_record(
    gateway: Gateway,
) -> None:
    city = gateway.key(PrincipalKind.OFFICIAL)
    registered = await gateway.http.post(
        "/v1/enterprises", json={**registration(PUDONG_FOOD), **PERIOD}, headers=city
    )
    reported = await gateway.http.post(
        "/v1/weekly-reports",
        json={**weekly_report(PUDONG_FOOD, week="2020-W07"), "received_at": RECEIVED},
        headers=city,
    )

    assert (registered.status_code, reported.status_code) == (202, 202), reported.text
    [event] = gateway.published(ENTERPRISE_REGISTRATIONS)
    assert (event["data"]["monitored_from"], event["data"]["monitored_until"]) == (
        "2020-02-03",
        "2020-03-22",
    )
    [report] = gateway.published(ENTERPRISE_REPORTS)
    assert datetime.fromisoformat(report["data"]["received_at"]) == datetime.fromisoformat(RECEIVED)
    # On the record, beside each write (a batch's likewise): who back-dated what.
    entries = [
        {
            "id": "late-form",
            "kind": "weekly_report",
            "data": {**weekly_report(PUDONG_FOOD, week="2020-W08"), "received_at": RECEIVED_W08},
        }
    ]
    batch = await gateway.http.post(
        "/v1/submissions/batch", json={"entries": entries}, headers=city
    )
    assert batch.json()["entries"][0]["status"] == 202, batch.text
    audit = (await gateway.http.get("/v1/audit", headers=city)).json()["entries"]
    assert {e["event_id"]: e["stated"] for e in audit} == {
        event["id"]: PERIOD,
        report["id"]: {"received_at": RECEIVED},
        batch.json()["entries"][0]["event_id"]: {"received_at": RECEIVED_W08},
    }


async def test_an_enterprise_may_not_back_date_its_registration_or_its_report(
    gateway: Gateway,
) -> None:
    own = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    body = {**registration(PUDONG_FOOD), "monitoring_roles": [], "monitored_from": "2020-02-03"}
    registered = await gateway.http.post("/v1/enterprises", json=body, headers=own)
    reported = await gateway.http.post(
        "/v1/weekly-reports",
        json={**weekly_report(PUDONG_FOOD), "received_at": RECEIVED},
        headers=own,
    )

    assert registered.status_code == 403
    assert "monitored_from: stated by the bureaus only" in registered.text
    assert reported.status_code == 403
    assert "received_at: stated by the bureaus only" in reported.text
    assert not gateway.published(ENTERPRISE_REGISTRATIONS)
    assert not gateway.published(ENTERPRISE_REPORTS)


async def test_dates_out_of_reason_are_refused_naming_the_field(gateway: Gateway) -> None:
    city = gateway.key(PrincipalKind.OFFICIAL)
    tomorrow = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    cases = {
        "monitored_from": {**registration(PUDONG_FOOD), "monitored_from": tomorrow},
        "monitored_until": {
            **registration(PUDONG_FOOD),
            "monitored_from": "2020-03-02",
            "monitored_until": "2020-02-28",
        },
    }
    for field, body in cases.items():
        answer = await gateway.http.post("/v1/enterprises", json=body, headers=city)
        assert answer.status_code == 422, answer.text
        assert field in _fields(answer.json()), answer.text
    before_campaign = await gateway.http.post(
        "/v1/enterprises",
        json={**registration(PUDONG_FOOD), "monitored_from": "2019-12-01"},
        headers=city,
    )
    assert before_campaign.status_code == 422
    assert "monitored_from (2019-12-01) is before the campaign's first week" in before_campaign.text
    for received in ("2020-02-09T23:00:00+08:00", "2020-02-14T17:30:00"):  # before W07; no zone
        answer = await gateway.http.post(
            "/v1/weekly-reports",
            json={**weekly_report(PUDONG_FOOD, week="2020-W07"), "received_at": received},
            headers=city,
        )
        assert answer.status_code == 422, answer.text
        assert "received_at" in _fields(answer.json()), answer.text
    assert not gateway.published(ENTERPRISE_REGISTRATIONS)
    assert not gateway.published(ENTERPRISE_REPORTS)


async def test_a_district_sheet_carries_when_each_report_reached_it(gateway: Gateway) -> None:
    row = row_of(weekly_report(PUDONG_FOOD, week="2020-W07"), received_at="2020-02-17 09:05")
    sheet = xlsx_of([row])  # as typed: Shanghai time
    upload = await gateway.http.post(
        "/v1/weekly-reports/upload",
        content=sheet,
        headers={**gateway.key(PrincipalKind.OFFICIAL), "content-type": XLSX_MEDIA_TYPE},
    )

    assert upload.json()["accepted"] == 1, upload.text
    [published] = gateway.published(ENTERPRISE_REPORTS)
    assert datetime.fromisoformat(published["data"]["received_at"]) == datetime.fromisoformat(
        "2020-02-17T09:05:00+08:00"
    )


async def test_a_bureau_makes_a_period_open_ended_again_by_stating_no_end(
    gateway: Gateway,
) -> None:
    city = gateway.key(PrincipalKind.OFFICIAL)
    body = {**registration(PUDONG_FOOD), "monitored_from": "2020-02-03"}

    cleared = await gateway.http.post(
        "/v1/enterprises", json={**body, "monitored_until": None}, headers=city
    )
    left_out = await gateway.http.post("/v1/enterprises", json=body, headers=city)
    batched = await gateway.http.post(
        "/v1/submissions/batch",
        json={
            "entries": [
                {
                    "id": "reopened",
                    "kind": "enterprise_registration",
                    "data": {**body, "monitored_until": None},
                }
            ]
        },
        headers=city,
    )

    assert (cleared.status_code, left_out.status_code) == (202, 202), cleared.text
    assert batched.json()["entries"][0]["status"] == 202, batched.text
    events = gateway.published(ENTERPRISE_REGISTRATIONS)
    assert [
        (e["data"]["monitored_until"], e["data"]["monitored_until_cleared"]) for e in events
    ] == [
        (None, True),
        (None, False),
        (None, True),
    ]
    audit = (await gateway.http.get("/v1/audit", headers=city)).json()["entries"]
    assert {e["event_id"]: e["stated"] for e in audit} == {
        events[0]["id"]: {"monitored_from": "2020-02-03", "monitored_until": None},
        events[1]["id"]: {"monitored_from": "2020-02-03"},
        events[2]["id"]: {"monitored_from": "2020-02-03", "monitored_until": None},
    }


async def test_only_the_bureaus_may_make_a_period_open_ended(gateway: Gateway) -> None:
    own = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    body = {**registration(PUDONG_FOOD), "monitoring_roles": [], "monitored_until": None}

    refused = await gateway.http.post("/v1/enterprises", json=body, headers=own)
    batched = await gateway.http.post(
        "/v1/submissions/batch",
        json={"entries": [{"id": "e1", "kind": "enterprise_registration", "data": body}]},
        headers=own,
    )
    forged = await gateway.http.post(
        "/v1/enterprises",
        json={**registration(PUDONG_FOOD), "monitored_until_cleared": True},
        headers=gateway.key(PrincipalKind.OFFICIAL),
    )

    assert refused.status_code == 403
    assert "monitored_until: stated by the bureaus only" in refused.text
    assert batched.json()["entries"][0]["status"] == 403
    assert forged.status_code == 422  # the gateway's field, never the client's
    assert "monitored_until_cleared" in forged.text
    assert not gateway.published(ENTERPRISE_REGISTRATIONS)
