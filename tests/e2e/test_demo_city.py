"""The demo city loaded into a real platform through the gateway, twice: its figures appear (the
return rate climbing from W06 to W12), screening holds and refuses some postings, key enterprises
have their officers, every job seeker has recommendations in an occupation group they want, the
labour-sharing declarations are paired into proposals, the job fair is open with its postings,
and the second load changes nothing."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from typing import Any

import httpx
import pytest
import pytest_asyncio

from services.demo_city.city import generate
from services.demo_city.enterprises import HELD, REFUSED
from services.demo_city.keys import issue_demo_keys
from services.demo_city.labour import generate as generate_labour
from services.demo_city.labour_loader import LabourLoaded, load_with_labour
from services.demo_city.loader import DemoKeys
from services.demo_city.recovery import HIRING_SLUMP, MIGRANTS_LAID_OFF, WEEKS
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

CITY = generate(seed=11, enterprises=150, today=date.today())
LABOUR = generate_labour(CITY, date.today())


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(
        tmp_path_factory.mktemp("demo-city"),
        with_matching=True,
        extra_env={"FUGONG_WARNINGS_INTERVAL_SECONDS": "1"},
    ) as running:
        yield running


async def _json(answer: Any) -> Any:
    response = await answer
    assert response.status_code == 200, response.text
    return response.json()


def _get(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], **params: str
) -> Callable[[], Awaitable[Any]]:
    return lambda: _json(client.get(path, params=params, headers=headers))


def reporting(week: str) -> int:
    return sum(1 for _, w, _ in CITY.reports if w == week)


def _reporting_all(week: str) -> Callable[[Any], bool]:
    return lambda body: bool(body["total"]["enterprises_reporting"] == reporting(week))


def _warns(rule: str, district: str) -> Callable[[Any], bool]:
    return lambda body: any(
        w["rule"] == rule
        and w["week"] == WEEKS[-1]
        and w["district_code"] == district
        and w["industry_section"] is None
        for w in body["warnings"]
    )


def _has_status(status: str) -> Callable[[Any], bool]:
    return lambda body: bool(body["status"] == status)


async def test_the_demo_city_loads_shows_its_recovery_and_loads_again_without_change(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    keys, _ = await issue_demo_keys(stack.settings, CITY, LABOUR)
    city = {"X-API-Key": keys.city}
    started = time.monotonic()
    loaded, market = await load_with_labour(client, CITY, LABOUR, keys)
    print(
        f"demo city of {len(CITY.enterprises)} with {len(market.seekers)} job seekers, "
        f"{len(market.declarations)} declarations and a job fair loaded in "
        f"{time.monotonic() - started:.1f} s"
    )
    assert loaded.registrations == len(CITY.enterprises)
    assert loaded.weekly_reports == len(CITY.reports)
    assert loaded.community_reports == len(CITY.community_reports)
    assert len(set(loaded.postings)) == len(CITY.postings)
    assert loaded.roster_members == len(CITY.roster)

    rates = {}
    for week in (WEEKS[0], WEEKS[-1]):
        figures = await eventually(
            _get(client, "/v1/indicators/return-to-work", city, week=week),
            _reporting_all(week),
            what=f"every report of {week} in the figures",
        )
        rates[week] = figures["total"]["return_rate"]
    assert 0.2 < rates[WEEKS[0]] < 0.5 < 0.8 < rates[WEEKS[-1]]

    held = [
        pid
        for pid, (_, b) in zip(loaded.postings, CITY.postings, strict=True)
        if b["description"] == HELD
    ]
    refused = [
        pid
        for pid, (_, b) in zip(loaded.postings, CITY.postings, strict=True)
        if b["description"] == REFUSED
    ]
    published = [p for p in loaded.postings if p not in held + refused]
    for ids, status in ((held, "held"), (refused, "refused"), (published[:3], "published")):
        for posting_id in ids:
            await eventually(
                _get(client, f"/v1/postings/{posting_id}", city),
                _has_status(status),
                what=f"posting {posting_id} {status}",
            )
    register = await eventually(
        _get(client, "/v1/key-enterprises", city),
        lambda body: (
            sum(e["officer_staff_id"] is not None for e in body["enterprises"])
            == len(CITY.officers)
        ),
        what="every key enterprise with its service officer",
    )
    assert {(e["credit_code"], e["officer_staff_id"]) for e in register["enterprises"]} == set(
        CITY.officers
    )

    for district, rule in (
        (HIRING_SLUMP, "fill_rate_falling"),
        (MIGRANTS_LAID_OFF, "migrant_employment_falling"),
    ):
        await eventually(
            _get(client, "/v1/warnings", city, district=district),
            _warns(rule, district),
            within=60,
            what=f"{rule} raised for {district} in {WEEKS[-1]}",
        )

    await _every_seeker_has_recommendations(client, keys, market)
    await _declarations_are_paired(client, city, market)
    await _the_fair_is_open_with_its_postings(client, city, market)

    again, market_again = await load_with_labour(client, CITY, LABOUR, keys)
    assert again.postings == loaded.postings
    assert again.campaign_id == loaded.campaign_id
    assert market_again == market
    figures = await _json(
        client.get("/v1/indicators/return-to-work", params={"week": WEEKS[-1]}, headers=city)
    )
    assert figures["total"]["enterprises_reporting"] == reporting(WEEKS[-1])
    assert figures["total"]["return_rate"] == rates[WEEKS[-1]]


async def _every_seeker_has_recommendations(
    client: httpx.AsyncClient, keys: DemoKeys, market: LabourLoaded
) -> None:
    assert len(set(market.seekers)) == len(LABOUR.seekers) >= 30
    for seeker_id, body in zip(market.seekers, LABOUR.seekers, strict=True):
        assistant = {"X-API-Key": keys.assistants[body["district_code"]]}
        found = await eventually(
            _get(client, f"/v1/job-seekers/{seeker_id}/recommendations", assistant),
            lambda answer: bool(answer["recommendations"]),
            what=f"recommendations for job seeker {seeker_id}",
        )
        groups = {code[0] for code in body["desired_occupations"]}
        for recommended in found["recommendations"]:
            assert recommended["occupation_code"][0] in groups
            assert recommended["salary_max"] >= body["salary_floor"]


async def _declarations_are_paired(
    client: httpx.AsyncClient, city: dict[str, str], market: LabourLoaded
) -> None:
    assert len(set(market.declarations)) == len(LABOUR.declarations)
    lenders = {b["credit_code"] for kind, b in LABOUR.declarations if kind == "surplus"}
    borrowers = {b["credit_code"] for kind, b in LABOUR.declarations if kind == "shortage"}
    assert lenders
    assert borrowers
    found = await eventually(
        _get(client, "/v1/sharing/proposals", city),
        lambda body: {p["lender_credit_code"] for p in body["proposals"]} == lenders,
        what="a proposal for every surplus declared",
    )
    for proposal in found["proposals"]:
        assert proposal["borrower_credit_code"] in borrowers
        assert proposal["status"] == "open"
    declarations = await _json(client.get("/v1/sharing/declarations", headers=city))
    assert {d["status"] for d in declarations["declarations"]} == {"open"}


async def _the_fair_is_open_with_its_postings(
    client: httpx.AsyncClient, city: dict[str, str], market: LabourLoaded
) -> None:
    assert len(market.fair_postings) == len(LABOUR.fair_postings) >= 3
    fair = await eventually(
        _get(client, f"/v1/fairs/{market.fair_id}", city),
        lambda body: len(body["postings_shown"]) == len(market.fair_postings),
        what="the fair showing every posting brought",
    )
    assert fair["open"] is True
    assert {p["posting_id"] for p in fair["postings_shown"]} == set(market.fair_postings)
