"""The gateway's routes in-process, on fakes of its ports: what is published, to which topic,
for whom, and what is refused (and then never published)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from http import HTTPStatus

import pytest

from services.contracts.topics import (
    COMMUNITY_REPORTS,
    ENTERPRISE_REGISTRATIONS,
    ENTERPRISE_REPORTS,
    WARNING_ACKNOWLEDGEMENTS,
)
from services.gateway.domain.access import PrincipalKind
from tests.support.data import credit_code, registration, weekly_report
from tests.unit.gateway.conftest import Gateway

PUDONG_FOOD = credit_code(1, "310115")
XUHUI_SHOP = credit_code(3, "310104")
WEIFANG = "310115004"
WARNING_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "fill_rate_falling/2020-W07/310112/all"))


async def test_a_report_is_published_on_its_topic_keyed_by_the_enterprise(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)

    response = await gateway.http.post(
        "/v1/weekly-reports", json=weekly_report(PUDONG_FOOD), headers=key
    )

    assert response.status_code == 202, response.text
    (event,) = gateway.published(ENTERPRISE_REPORTS)
    assert event["id"] == response.json()["event_id"]
    assert (event["subject"], event["data"]["credit_code"]) == (PUDONG_FOOD, PUDONG_FOOD)


async def test_who_registers_travels_with_the_registration(gateway: Gateway) -> None:
    city = gateway.key(PrincipalKind.OFFICIAL)
    own = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    by_itself = {**registration(PUDONG_FOOD), "monitoring_roles": []}

    assert (
        await gateway.http.post("/v1/enterprises", json=registration(PUDONG_FOOD), headers=city)
    ).status_code == 202
    assert (
        await gateway.http.post("/v1/enterprises", json=by_itself, headers=own)
    ).status_code == 202

    assert [e["data"]["registered_by"] for e in gateway.published(ENTERPRISE_REGISTRATIONS)] == [
        "bureau",
        "enterprise",
    ]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        (weekly_report(XUHUI_SHOP), 403, None),
        ({**weekly_report(PUDONG_FOOD), "on_duty": 500}, 422, "on_duty"),
        ({**weekly_report(PUDONG_FOOD), "week": "2020-W60"}, 422, "week"),
    ],
    ids=["another-enterprise", "rule-broken", "no-such-week"],
)
async def test_a_refused_report_is_never_published(
    gateway: Gateway, body: dict[str, object], status: int, field: str | None
) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)

    response = await gateway.http.post("/v1/weekly-reports", json=body, headers=key)

    assert response.status_code == status
    assert not gateway.publisher.anything_published
    if field:
        assert response.json()["problems"][0]["field"] == field


async def test_a_retry_gets_the_same_event_id_and_a_reused_key_is_refused(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    headers = {**key, "Idempotency-Key": str(uuid.uuid4())}

    first = await gateway.http.post(
        "/v1/weekly-reports", json=weekly_report(PUDONG_FOOD), headers=headers
    )
    again = await gateway.http.post(
        "/v1/weekly-reports", json=weekly_report(PUDONG_FOOD), headers=headers
    )
    other = await gateway.http.post(
        "/v1/weekly-reports", json=weekly_report(PUDONG_FOOD, on_duty=90), headers=headers
    )

    assert first.json()["event_id"] == again.json()["event_id"]
    assert other.status_code == 422
    assert {e["id"] for e in gateway.published(ENTERPRISE_REPORTS)} == {first.json()["event_id"]}


async def test_while_the_broker_is_down_a_submission_gets_503_with_retry_after(
    gateway: Gateway,
) -> None:
    gateway.publisher.unavailable = True
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)

    response = await gateway.http.post(
        "/v1/weekly-reports", json=weekly_report(PUDONG_FOOD), headers=key
    )

    assert (response.status_code, response.headers["Retry-After"]) == (503, "5")
    assert "Idempotency-Key" in response.json()["detail"]


async def test_without_a_known_key_nothing_is_read_or_written(gateway: Gateway) -> None:
    revoked = gateway.key(PrincipalKind.OFFICIAL)
    assert await gateway.keys.revoke(revoked["X-API-Key"])
    for headers in ({}, {"X-API-Key": "fg_unknown"}, revoked):
        response = await gateway.http.get(
            "/v1/indicators", params={"week": "2020-W07"}, headers=headers
        )
        assert response.status_code == 401


async def test_a_community_point_reports_for_its_town_only(gateway: Gateway) -> None:
    point = gateway.key(PrincipalKind.COMMUNITY_POINT, town_code=WEIFANG)
    report = {
        "town_code": WEIFANG,
        "week": "2020-W07",
        "migrants_registered": 900,
        "returned_to_shanghai": 600,
        "employed": 450,
        "seeking_work": 100,
        "in_quarantine": 20,
    }

    mine = await gateway.http.post("/v1/community-reports", json=report, headers=point)
    other = await gateway.http.post(
        "/v1/community-reports", json={**report, "town_code": "310101002"}, headers=point
    )

    assert (mine.status_code, other.status_code) == (202, 403)
    assert [e["subject"] for e in gateway.published(COMMUNITY_REPORTS)] == [WEIFANG]


def _warning(district: str, status: str = "open") -> dict[str, object]:
    return {
        "warning_id": WARNING_ID,
        "rule": "fill_rate_falling",
        "week": "2020-W07",
        "district_code": district,
        "industry_section": None,
        "figures": {"fill_rate": 0.2, "fill_rate_change": -0.3},
        "raised_at": datetime(2020, 2, 17, 4, 1, tzinfo=UTC),
        "status": status,
        "acknowledged_by": None,
        "acknowledged_at": None,
        "note": None,
    }


async def test_a_warning_outside_the_callers_district_reads_as_unknown(gateway: Gateway) -> None:
    gateway.views.warning_rows.append(_warning("310112"))
    xuhui = gateway.key(PrincipalKind.OFFICIAL, district_code="310104")
    minhang = gateway.key(PrincipalKind.OFFICIAL, district_code="310112")
    path = f"/v1/warnings/{WARNING_ID}/acknowledgement"

    refused = await gateway.http.post(path, json={}, headers=xuhui)
    done = await gateway.http.post(path, json={"note": "已约谈"}, headers=minhang)

    assert refused.status_code == 404
    assert "310112" not in refused.text
    assert done.status_code == 202
    (event,) = gateway.published(WARNING_ACKNOWLEDGEMENTS)
    assert event["data"] == {
        "warning_id": WARNING_ID,
        "acknowledged_by": "official:310112",
        "note": "已约谈",
    }


async def test_an_enterprise_reads_no_warnings_and_an_official_only_theirs(
    gateway: Gateway,
) -> None:
    gateway.views.warning_rows += [_warning("310112")]
    enterprise = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    xuhui = gateway.key(PrincipalKind.OFFICIAL, district_code="310104")

    assert (await gateway.http.get("/v1/warnings", headers=enterprise)).status_code == 403
    listed = await gateway.http.get("/v1/warnings", headers=xuhui)
    assert listed.json() == {"warnings": []}


async def test_readiness_follows_the_database_and_the_broker(gateway: Gateway) -> None:
    assert (await gateway.admin.get("/readyz")).status_code == 200
    gateway.database.up = False
    answer = await gateway.admin.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["checks"] == {"postgres": False, "kafka": True}


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/v1/weekly-reports", {"credit_code": PUDONG_FOOD}, 422),
        ("/v1/weekly-reports", weekly_report(XUHUI_SHOP), 403),
        (f"/v1/warnings/{WARNING_ID}/acknowledgement", {}, 404),
    ],
    ids=["invalid", "forbidden", "not-found"],
)
async def test_every_failure_is_a_problem_document(
    gateway: Gateway, path: str, body: dict[str, object], status: int
) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    if "warnings" in path:
        key = gateway.key(PrincipalKind.OFFICIAL)

    response = await gateway.http.post(path, json=body, headers=key)

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["type"], problem["status"]) == ("about:blank", status)
    assert problem["title"] == HTTPStatus(status).phrase
    assert problem["detail"]
    if status == 422:
        assert {p["field"] for p in problem["problems"]} >= {"week", "on_duty"}


async def test_a_keyless_call_is_a_problem_document_too(gateway: Gateway) -> None:
    response = await gateway.http.post("/v1/weekly-reports", content=b"{not json")
    assert (response.status_code, response.headers["content-type"]) == (
        401,
        "application/problem+json",
    )
    assert response.json()["title"] == "Unauthorized"


async def test_every_accepted_write_is_audited_under_its_district(gateway: Gateway) -> None:
    gateway.views.registry[PUDONG_FOOD] = "310115"
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    headers = {**key, "Idempotency-Key": str(uuid.uuid4())}
    for _ in range(2):  # a retry is one write
        await gateway.http.post(
            "/v1/weekly-reports", json=weekly_report(PUDONG_FOOD), headers=headers
        )
    refused = await gateway.http.post(
        "/v1/weekly-reports", json=weekly_report(XUHUI_SHOP), headers=key
    )
    assert refused.status_code == 403

    pudong = gateway.key(PrincipalKind.OFFICIAL, district_code="310115")
    xuhui = gateway.key(PrincipalKind.OFFICIAL, district_code="310104")
    (entry,) = (await gateway.http.get("/v1/audit", headers=pudong)).json()["entries"]
    assert (entry["principal"], entry["district_code"], entry["topic"], entry["subject"]) == (
        f"enterprise:{PUDONG_FOOD}",
        "310115",
        "monitoring.enterprise-reports",
        PUDONG_FOOD,
    )
    assert (await gateway.http.get("/v1/audit", headers=xuhui)).json()["entries"] == []
