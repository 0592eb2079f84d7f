"""The console's labour-sharing and job fair pages in-process on the fakes: the rows the API gives
the official, a district's official seeing only their district (the city all), downloads with the
page's columns, and a fair's figures as counts only, no registrant named."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest_asyncio
from openpyxl import load_workbook

from services.contracts.identifiers import occupation_group
from services.gateway.adapters.memory_sessions import InMemoryConsoleSessions
from services.gateway.settings import GatewaySettings
from tests.support.data import credit_code
from tests.support.fairs import fair_body, registrant_body
from tests.support.sharing import declaration_id, sharing_rows
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes
from tests.unit.gateway.console_forms import official, sign_in

PUDONG, MINHANG = "310115", "310112"
CANTEEN, RESTAURANT = credit_code(71, PUDONG), credit_code(72, PUDONG)
WORKSHOP, HOTEL = credit_code(81, MINHANG), credit_code(82, MINHANG)
PROPOSAL_HERE = "8e2f4a6b-0c1d-5e3f-9a7b-1c3d5e7f9a0b"
PROPOSAL_THERE = "9f3a5b7c-1d2e-5f4a-8b1c-2d4e6f8a0b1c"
FAIR_HERE = "5e2b7c41-9d3a-4f6e-8b1c-2a7d9e0f4b36"
FAIR_THERE = "6f3c8d52-0e4b-4a7f-9c2d-3b8e0a1f5c47"
FAIR_CITY = "7a4d9e63-1f5c-4b8a-8d3e-4c9f1b2a6d58"
REGISTRANT = registrant_body()["name"]


def _sharing(gateway: Gateway) -> None:
    for borrower, lender, n, proposal, district in (
        (CANTEEN, RESTAURANT, 7, PROPOSAL_HERE, PUDONG),
        (WORKSHOP, HOTEL, 8, PROPOSAL_THERE, MINHANG),
    ):
        declarations, row, hint = sharing_rows(
            borrower, lender, declaration_id(n), proposal, district=district
        )
        # sharing_rows names one surplus id for both pairs: each district's lender its own
        declarations[1]["declaration_id"] = row["surplus_id"] = declaration_id(100 + n)
        gateway.views.sharing_declaration_rows += declarations
        gateway.views.sharing_proposal_rows.append(
            {**row, "borrower_answer": "accepted",
             "checks": [{"rule": "no_fee", "passed": True, "text": "不收取费用"},
                        {"rule": "consent", "passed": False, "text": "借出员工本人同意"}]}
        )  # fmt: skip
        gateway.views.hint_rows.append(hint)


def _fairs(gateway: Gateway) -> None:
    now = datetime.now(UTC)
    for fair_id, organiser, registrations in (
        (FAIR_HERE, PUDONG, 3),
        (FAIR_THERE, MINHANG, 5),
        (FAIR_CITY, None, 8),
    ):
        gateway.views.fair_rows.append(
            {"fair_id": fair_id, **fair_body(), "organiser_district": organiser,
             "starts_at": now - timedelta(hours=1), "ends_at": now + timedelta(hours=7),
             "enterprises": 2, "postings": 4, "registrations": registrations}
        )  # fmt: skip
        gateway.views.fair_count_rows += [
            {"fair_id": fair_id, "dimension": "origin_region", "value": "510000",
             "registrations": registrations, "interests": 2 * registrations},
            {"fair_id": fair_id, "dimension": "enterprise", "value": CANTEEN,
             "registrations": 0, "interests": 2 * registrations},
        ]  # fmt: skip
        gateway.views.fair_registration_rows.append(
            {**registrant_body(), "mobile": "+8613912345678", "fair_id": fair_id,
             "registration_id": f"{fair_id[:-4]}0001", "registered_at": now, "seeker_id": None}
        )  # fmt: skip


@pytest_asyncio.fixture
async def console() -> AsyncIterator[Gateway]:
    async with gateway_on_fakes(GatewaySettings(_env_file=None)) as gateway:
        app: Any = gateway.transport.app
        app.state.console_sessions = InMemoryConsoleSessions(gateway.keys)
        _sharing(gateway)
        _fairs(gateway)
        yield gateway


def _cells(page: str, table: str, column: str) -> list[str]:
    body = page.split(f'data-table="{table}"', 1)[1].split("</table>", 1)[0]
    return re.findall(rf'data-column="{column}" data-value="([^"]*)"', body)


def _total(page: str, key: str) -> str:
    found = re.search(rf'data-total="{key}">.*?data-value="([^"]*)"', page, re.S)
    assert found, f"no total {key} on the page"
    return found.group(1)


async def test_the_sharing_page_shows_the_apis_proposals_and_the_city_sees_every_district(
    console: Gateway,
) -> None:
    city = official(console)
    api = (await console.http.get("/v1/sharing/proposals", headers={"X-API-Key": city})).json()
    await sign_in(console.http, city)
    page = (await console.http.get("/console/sharing")).text

    assert _cells(page, "proposals", "proposal_id") == [p["proposal_id"] for p in api["proposals"]]
    assert set(_cells(page, "proposals", "lender_district_name")) == {"浦东新区", "闵行区"}
    assert _cells(page, "proposals", "borrower_answer_name") == ["同意", "同意"]
    assert _cells(page, "proposals", "lender_answer_name") == ["未答复", "未答复"]
    assert "待确认：借出员工本人同意" in _cells(page, "proposals", "checks")[0]
    group = occupation_group("4").name_zh
    assert _cells(page, "proposals", "occupation_name")[0] == f"4-03-02-05 {group}"
    assert _total(page, "open_proposals") == "2"
    assert set(_cells(page, "hints", "credit_code")) == {CANTEEN, WORKSHOP}
    assert _cells(page, "hints", "prompt")[0] == (
        "2020-W07周报显示有12名可调剂富余员工，尚未申报共享用工"
    )


async def test_a_district_official_sees_only_their_districts_sharing(console: Gateway) -> None:
    await sign_in(console.http, official(console, PUDONG))
    page = (await console.http.get("/console/sharing")).text

    assert _cells(page, "proposals", "proposal_id") == [PROPOSAL_HERE]
    assert set(_cells(page, "declarations", "credit_code")) == {CANTEEN, RESTAURANT}
    assert _cells(page, "hints", "credit_code") == [CANTEEN]
    assert WORKSHOP not in page
    assert HOTEL not in page
    download = await console.http.get("/console/sharing/tables/proposals.csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["借出企业", "借出区", "借入企业", "借入区"]
    assert [row[0] for row in rows[1:]] == [RESTAURANT]
    sheet = await console.http.get("/console/sharing/tables/declarations.xlsx")
    book = load_workbook(io.BytesIO(sheet.content))
    assert book.active is not None
    assert {row[1] for row in book.active.iter_rows(min_row=2, values_only=True)} == {
        CANTEEN,
        RESTAURANT,
    }


async def test_the_fair_page_shows_counts_only_of_the_officials_own_fairs(
    console: Gateway,
) -> None:
    pudong = official(console, PUDONG)
    api = (
        await console.http.get(f"/v1/fairs/{FAIR_HERE}/counts", headers={"X-API-Key": pudong})
    ).json()
    await sign_in(console.http, pudong)
    page = (await console.http.get("/console/fairs")).text

    assert _cells(page, "fairs", "fair_id") == [FAIR_HERE]
    assert _cells(page, "fairs", "state") == ["进行中"]
    assert _cells(page, "fairs", "organiser_name") == ["浦东新区人社局"]
    assert _cells(page, "by-region", "region_name") == ["四川省"]
    assert _cells(page, "by-region", "registrations") == [
        str(c["registrations"]) for c in api["by_origin_region"]
    ]
    assert _cells(page, "by-enterprise", "interests") == [
        str(c["interests"]) for c in api["by_enterprise"]
    ]
    assert _total(page, "registrations") == "3"
    assert REGISTRANT not in page
    assert "13912345678" not in page
    download = await console.http.get("/console/fairs/tables/by-region.csv")
    assert REGISTRANT.encode() not in download.content


async def test_the_city_bureau_reads_every_fairs_counts(console: Gateway) -> None:
    await sign_in(console.http, official(console))
    page = (await console.http.get("/console/fairs")).text

    assert set(_cells(page, "fairs", "fair_id")) == {FAIR_HERE, FAIR_THERE, FAIR_CITY}
    assert _total(page, "registrations") == "16"
    assert sorted(int(n) for n in _cells(page, "by-region", "registrations")) == [3, 5, 8]
    assert "市人社局" in _cells(page, "fairs", "organiser_name")
