"""What officials do after the figures: community points' migrant reports, the weekly deadline
and its reminders, early warnings and their acknowledgement — over HTTP, on the real platform."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from services.contracts.identifiers import week_of_instant
from services.gateway.domain.access import Principal, PrincipalKind
from tests.support.data import credit_code, registration, weekly_report
from tests.support.deadlines import after_deadline_job, raise_warnings_as_of
from tests.support.stack import Stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

WEEK = "2020-W07"


async def test_a_community_point_reports_migrants_and_its_district_sees_the_shares(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    fengxian = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code="310120"))
    nanqiao, other_town = "310120101", "310120102"  # 南桥镇, 奉贤区
    point = await stack.key_for(Principal(PrincipalKind.COMMUNITY_POINT, town_code=nanqiao))
    registered = await client.post(
        "/v1/community-points", json={"town_code": nanqiao, "name": "南桥镇"}, headers=fengxian
    )
    assert registered.status_code == 202, registered.text
    report = {
        "town_code": nanqiao,
        "week": WEEK,
        "migrants_registered": 5000,
        "returned_to_shanghai": 3000,
        "employed": 2400,
        "seeking_work": 500,
        "in_quarantine": 300,
    }
    assert (
        await client.post("/v1/community-reports", json=report, headers=point)
    ).status_code == 202
    elsewhere = await client.post(
        "/v1/community-reports", json={**report, "town_code": other_town}, headers=point
    )
    assert elsewhere.status_code == 403
    bad = await client.post(
        "/v1/community-reports", json={**report, "employed": 3100}, headers=point
    )
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["field"] == "employed"

    async def community() -> Any:
        response = await client.get(
            "/v1/indicators", params={"week": WEEK, "district": "310120"}, headers=fengxian
        )
        assert response.status_code == 200, response.text
        return response.json()["community"]["total"]

    total = await eventually(
        community, lambda c: c["points_reporting"] == 1, what="南桥镇's report in 奉贤区"
    )
    assert (total["district_name"], total["points_registered"]) == ("奉贤区", 1)
    assert total["migrant_return_rate"] == pytest.approx(3000 / 5000)
    assert total["migrant_employment_rate"] == pytest.approx(2400 / 3000)


async def test_officials_see_who_missed_the_deadline_and_who_was_reminded(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    this_week = week_of_instant(datetime.now(UTC))
    reporting, key = await stack.enterprise(16, "310118")  # 青浦区
    silent = credit_code(17, "310118")
    for code in (reporting, silent):
        await stack.register(client, registration(code, district="310118"))
    report = weekly_report(reporting, week=this_week)
    assert (await client.post("/v1/weekly-reports", json=report, headers=key)).status_code == 202
    qingpu = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code="310118"))

    async def recorded() -> Any:
        response = await client.get(f"/v1/enterprises/{reporting}/weekly-reports", headers=key)
        return response.json()["reports"]

    await eventually(recorded, lambda r: bool(r), what="青浦区's report recorded")

    async def compliance() -> Any:
        response = await client.get(
            "/v1/compliance", params={"week": this_week, "district": "310118"}, headers=qingpu
        )
        assert response.status_code == 200, response.text
        return response.json()

    # The deadline job, run as a worker runs it, with a clock a week ahead.
    answer = await after_deadline_job(
        stack,
        this_week,
        compliance,
        lambda a: a["total"]["expected"] == 2,
        what="the deadline job's run",
    )
    assert answer["total"] == {"expected": 2, "on_time": 1, "late": 0, "missing": 1, "reminded": 1}
    (missing,) = answer["late_or_missing"]
    assert (missing["credit_code"], missing["status"], missing["reminded"]) == (
        silent,
        "missing",
        True,
    )
    assert missing["district_name"] == "青浦区"
    other = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code="310101"))
    refused = await client.get(
        "/v1/compliance", params={"week": this_week, "district": "310118"}, headers=other
    )
    assert refused.status_code == 403


async def test_an_official_reads_a_warning_in_their_district_and_acknowledges_it(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    codes = [credit_code(40 + i, "310112") for i in range(3)]  # 闵行区 manufacturers
    for code in codes:
        await stack.register(client, registration(code, district="310112"))
    for code in codes:
        key = await stack.key_for(Principal(PrincipalKind.ENTERPRISE, credit_code=code))
        for week, hires in (("2020-W06", 12), ("2020-W07", 3)):  # 招聘满足率 0.8, then 0.2
            body = {**weekly_report(code, week=week), "hires": hires}
            response = await client.post("/v1/weekly-reports", json=body, headers=key)
            assert response.status_code == 202, response.text
    minhang = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code="310112"))

    async def district_fill_rate_change() -> Any:
        response = await client.get(
            "/v1/indicators", params={"week": "2020-W07", "district": "310112"}, headers=minhang
        )
        return response.json()["total"]

    await eventually(
        district_fill_rate_change,
        lambda t: t["enterprises_reporting"] == 3 and t["previous_week_reported"],
        what="both weeks of 闵行区's reports recorded",
    )
    await raise_warnings_as_of("2020-W07", stack)

    listed = await client.get("/v1/warnings", params={"district": "310112"}, headers=minhang)
    assert listed.status_code == 200, listed.text
    warnings = listed.json()["warnings"]
    assert {(w["rule"], w["industry_section"]) for w in warnings} == {
        ("fill_rate_falling", None),
        ("fill_rate_falling", "C"),
    }
    district_wide = next(w for w in warnings if w["industry_section"] is None)
    assert district_wide["figures"]["fill_rate_change"] == pytest.approx(0.2 - 0.8)
    assert "招聘满足率" in district_wide["rule_description"]

    path = f"/v1/warnings/{district_wide['warning_id']}/acknowledgement"
    xuhui = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code="310104"))
    assert (await client.post(path, json={}, headers=xuhui)).status_code == 404
    acknowledged = await client.post(path, json={"note": "已约谈企业"}, headers=minhang)
    assert acknowledged.status_code == 202, acknowledged.text

    async def open_warnings() -> Any:
        response = await client.get("/v1/warnings", params={"district": "310112"}, headers=minhang)
        return response.json()["warnings"]

    still_open = await eventually(
        open_warnings, lambda w: len(w) == 1, what="the acknowledgement recorded"
    )
    assert still_open[0]["industry_section"] == "C"
    every = await client.get(
        "/v1/warnings", params={"district": "310112", "status": "acknowledged"}, headers=minhang
    )
    (done,) = every.json()["warnings"]
    assert (done["acknowledged_by"], done["note"]) == ("official:310112", "已约谈企业")
