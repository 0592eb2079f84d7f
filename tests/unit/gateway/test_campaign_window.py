"""Weeks before the campaign's first (FUGONG_EARLIEST_WEEK) are refused wherever reports come in:
nobody creates years of back-dated rows, by mistake or on purpose."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from services.contracts.topics import COMMUNITY_REPORTS, ENTERPRISE_REPORTS
from services.gateway.domain.access import PrincipalKind
from services.gateway.domain.spreadsheets import XLSX_MEDIA_TYPE
from services.gateway.settings import GatewaySettings
from services.gateway.submission_models import COMMUNITY_REPORT_EXAMPLE
from tests.support.data import credit_code, weekly_report
from tests.support.sheets import row_of, xlsx_of
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes

PUDONG_FOOD = credit_code(1, "310115")
REFUSAL = "week 2019-W52 is before the campaign's first week, 2020-W01"


@pytest_asyncio.fixture
async def gateway() -> AsyncIterator[Gateway]:
    async with gateway_on_fakes(GatewaySettings(_env_file=None)) as on_fakes:
        yield on_fakes


async def test_a_report_of_a_week_before_the_campaign_is_refused(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)

    early = await gateway.http.post(
        "/v1/weekly-reports", json=weekly_report(PUDONG_FOOD, week="2019-W52"), headers=key
    )
    first = await gateway.http.post(
        "/v1/weekly-reports", json=weekly_report(PUDONG_FOOD, week="2020-W01"), headers=key
    )

    assert early.status_code == 422
    assert REFUSAL in early.text
    assert first.status_code == 202, first.text
    assert [e["data"]["week"] for e in gateway.published(ENTERPRISE_REPORTS)] == ["2020-W01"]


async def test_the_campaign_window_is_a_setting() -> None:
    settings = GatewaySettings(_env_file=None, earliest_week="2020-W06")
    async with gateway_on_fakes(settings) as gateway:
        key = gateway.key(PrincipalKind.COMMUNITY_POINT, town_code="310115004")
        report = {**COMMUNITY_REPORT_EXAMPLE, "week": "2020-W05"}
        answer = await gateway.http.post("/v1/community-reports", json=report, headers=key)

    assert answer.status_code == 422, answer.text
    assert "before the campaign's first week, 2020-W06" in answer.text
    assert not gateway.published(COMMUNITY_REPORTS)


async def test_batch_entries_and_sheet_rows_before_the_campaign_are_refused_alone(
    gateway: Gateway,
) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    entries = [
        {"id": w, "kind": "weekly_report", "data": weekly_report(PUDONG_FOOD, week=w)}
        for w in ("2019-W52", "2020-W07")
    ]
    batch = await gateway.http.post("/v1/submissions/batch", json={"entries": entries}, headers=key)
    sheet = xlsx_of([row_of(weekly_report(PUDONG_FOOD, week=w)) for w in ("2019-W52", "2020-W08")])
    upload = await gateway.http.post(
        "/v1/weekly-reports/upload",
        content=sheet,
        headers={**key, "content-type": XLSX_MEDIA_TYPE},
    )

    assert [e["status"] for e in batch.json()["entries"]] == [422, 202]
    assert batch.json()["entries"][0]["problems"][0]["rule"] == "week_before_campaign"
    assert (upload.json()["accepted"], upload.json()["refused"]) == (1, 1)
    assert upload.json()["rows"][0]["errors"][0]["message"] == REFUSAL
