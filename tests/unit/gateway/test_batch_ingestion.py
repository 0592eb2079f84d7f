"""Bulk ingestion in-process: each entry answered on its own, only acknowledged entries published
and audited, idempotency per entry, the broker's refusal told entry by entry or as a 503."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import orjson

from services.contracts.topics import (
    COMMUNITY_POINTS,
    COMMUNITY_REPORTS,
    ENTERPRISE_REGISTRATIONS,
    ENTERPRISE_REPORTS,
)
from services.contracts.weekly_reports import WeeklyReport
from services.gateway.adapters.idempotency_keys import (
    event_id_for,
    request_digest,
    same_request,
)
from services.gateway.domain.access import PrincipalKind
from services.gateway.settings import GatewaySettings
from tests.support.data import credit_code, registration, weekly_report
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes

PUDONG_FOOD = credit_code(1, "310115")
XUHUI_SHOP = credit_code(3, "310104")
WEIFANG = "310115004"
BATCH = "/v1/submissions/batch"


def _entry(
    entry_id: str, data: dict[str, Any], kind: str = "weekly_report", **extra: Any
) -> dict[str, Any]:
    return {"id": entry_id, "kind": kind, "data": data, **extra}


def _reports(count: int, code: str = PUDONG_FOOD) -> list[dict[str, Any]]:
    weeks = [f"2020-W{week:02d}" for week in range(2, 2 + count)]
    return [_entry(f"r{i}", weekly_report(code, week=week)) for i, week in enumerate(weeks)]


async def test_each_entry_is_answered_on_its_own_and_only_the_good_ones_are_published(
    gateway: Gateway,
) -> None:
    gateway.views.registry[PUDONG_FOOD] = "310115"
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    entries = [
        _entry("good", weekly_report(PUDONG_FOOD)),
        _entry("too-many-on-duty", {**weekly_report(PUDONG_FOOD), "on_duty": 500}),
        _entry("someone-else", weekly_report(XUHUI_SHOP)),
        _entry("not-a-report", {"credit_code": PUDONG_FOOD}),
    ]

    response = await gateway.http.post(BATCH, json={"entries": entries}, headers=key)

    assert response.status_code == 207, response.text
    body = response.json()
    by_id = {result["id"]: result for result in body["entries"]}
    assert [r["id"] for r in body["entries"]] == [e["id"] for e in entries]
    assert (body["accepted"], body["refused"]) == (1, 3)
    assert by_id["good"]["status"] == 202
    assert by_id["too-many-on-duty"]["status"] == 422
    assert [p["field"] for p in by_id["too-many-on-duty"]["problems"]] == ["on_duty"]
    assert by_id["someone-else"]["status"] == 403
    assert XUHUI_SHOP not in by_id["someone-else"]["detail"]
    assert by_id["not-a-report"]["status"] == 422
    (event,) = gateway.published(ENTERPRISE_REPORTS)
    assert event["id"] == by_id["good"]["event_id"]
    assert event["data"]["on_duty"] == weekly_report(PUDONG_FOOD)["on_duty"]
    (audited,) = gateway.audit.kept.values()
    assert (audited.event_id, audited.district_code) == (event["id"], "310115")


async def test_entries_of_several_kinds_go_to_their_own_topics(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.COMMUNITY_POINT, town_code=WEIFANG)
    community_report = {
        "town_code": WEIFANG,
        "week": "2020-W07",
        "migrants_registered": 1200,
        "returned_to_shanghai": 800,
        "employed": 640,
        "seeking_work": 90,
        "in_quarantine": 40,
    }

    response = await gateway.http.post(
        BATCH,
        json={"entries": [_entry("c1", community_report, "community_report")]},
        headers=key,
    )

    assert response.status_code == 207, response.text
    (event,) = gateway.published(COMMUNITY_REPORTS)
    assert event["subject"] == WEIFANG
    assert gateway.published(ENTERPRISE_REPORTS) == []


async def test_a_batch_sent_again_gets_the_same_event_ids_and_a_reused_key_is_refused(
    gateway: Gateway,
) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    entries = [{**e, "idempotency_key": str(uuid.uuid4())} for e in _reports(3)]

    first = (await gateway.http.post(BATCH, json={"entries": entries}, headers=key)).json()
    again = (await gateway.http.post(BATCH, json={"entries": entries}, headers=key)).json()
    changed = [{**entries[0], "data": weekly_report(PUDONG_FOOD, week="2020-W02", on_duty=90)}]
    reused = (await gateway.http.post(BATCH, json={"entries": changed}, headers=key)).json()

    assert [r["event_id"] for r in first["entries"]] == [r["event_id"] for r in again["entries"]]
    assert reused["entries"][0]["status"] == 422
    assert "idempotency_key" in reused["entries"][0]["detail"]
    published_ids = {event["id"] for event in gateway.published(ENTERPRISE_REPORTS)}
    assert published_ids == {r["event_id"] for r in first["entries"]}


async def test_while_the_broker_is_down_the_whole_batch_gets_503_and_nothing_is_audited(
    gateway: Gateway,
) -> None:
    gateway.publisher.unavailable = True
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)

    response = await gateway.http.post(BATCH, json={"entries": _reports(2)}, headers=key)

    assert (response.status_code, response.headers["Retry-After"]) == (503, "5")
    assert response.headers["content-type"] == "application/problem+json"
    assert gateway.audit.kept == {}


async def test_entries_for_a_topic_the_broker_refused_are_answered_503_the_others_202(
    gateway: Gateway,
) -> None:
    gateway.publisher.refusing_topics.add(COMMUNITY_POINTS.name)
    key = gateway.key(PrincipalKind.OFFICIAL, district_code="310115")
    entries = [
        _entry("point", {"town_code": WEIFANG, "name": "潍坊新村街道"}, "community_point"),
        _entry("enterprise", registration(PUDONG_FOOD), "enterprise_registration"),
    ]

    response = await gateway.http.post(BATCH, json={"entries": entries}, headers=key)

    assert response.status_code == 207, response.text
    point, enterprise = response.json()["entries"]
    assert (point["status"], enterprise["status"]) == (503, 202)
    assert "send it again" in point["detail"]
    assert [e["id"] for e in gateway.published(ENTERPRISE_REGISTRATIONS)] == [
        enterprise["event_id"]
    ]
    assert list(gateway.audit.kept) == [enterprise["event_id"]]


async def test_the_batch_itself_must_be_well_formed(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    one = _reports(1)[0]

    too_many = await gateway.http.post(
        BATCH, json={"entries": [{**one, "id": str(i)} for i in range(1001)]}, headers=key
    )
    twice = await gateway.http.post(BATCH, json={"entries": [one, one]}, headers=key)
    empty = await gateway.http.post(BATCH, json={"entries": []}, headers=key)
    unknown_kind = await gateway.http.post(
        BATCH, json={"entries": [{**one, "kind": "payroll"}]}, headers=key
    )

    assert [r.status_code for r in (too_many, twice, empty, unknown_kind)] == [422] * 4
    assert too_many.json()["problems"][0]["field"] == "entries"
    assert "used twice" in twice.json()["detail"]
    assert unknown_kind.json()["problems"][0]["field"] == "entries.0.kind"
    assert not gateway.publisher.anything_published


async def test_a_batch_may_be_larger_than_a_single_submission_but_not_unbounded(
    gateway: Gateway,
) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    entries = [{**_reports(1)[0], "id": f"r{i}"} for i in range(1000)]
    body = orjson.dumps({"entries": entries})
    settings = GatewaySettings(_env_file=None)
    assert settings.max_body_bytes < len(body) < settings.batch_max_body_bytes
    headers = {**key, "content-type": "application/json"}

    taken = await gateway.http.post(BATCH, content=body, headers=headers)
    single = await gateway.http.post("/v1/weekly-reports", content=body, headers=headers)
    huge = await gateway.http.post(
        BATCH, content=b" " * (settings.batch_max_body_bytes + 1), headers=headers
    )

    assert taken.status_code == 207, taken.text[:500]
    assert taken.json()["accepted"] == 1000
    assert (single.status_code, huge.status_code) == (413, 413)


async def test_a_caller_over_its_rate_is_told_when_to_come_back_and_others_are_not_slowed() -> None:
    settings = GatewaySettings(_env_file=None, rate_limit_per_second=0.5, rate_limit_burst=3)
    async with gateway_on_fakes(settings) as gateway:
        noisy = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
        quiet = gateway.key(PrincipalKind.ENTERPRISE, credit_code=XUHUI_SHOP)
        url = f"/v1/enterprises/{PUDONG_FOOD}/weekly-reports"

        answers = [(await gateway.http.get(url, headers=noisy)).status_code for _ in range(4)]
        refused = await gateway.http.get(url, headers=noisy)
        other = await gateway.http.get(
            f"/v1/enterprises/{XUHUI_SHOP}/weekly-reports", headers=quiet
        )

    assert 429 not in answers[:3]
    assert answers[3] == 429
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["Retry-After"]) <= 2
    assert other.status_code != 429


def test_event_ids_derived_from_keys_are_the_uuid5_they_always_were() -> None:
    key = uuid.UUID("6f1c9a52-0d7e-4b8e-9a3f-2b61c0e4d7a1")
    expected = uuid.uuid5(
        uuid.UUID("3f0d2a4e-5b1c-4c7e-9a60-2020b0206048"), f"official:city|t.v1|{key}"
    )

    assert event_id_for("official:city", "t.v1", key) == str(expected)


def test_a_key_claimed_with_the_first_form_of_fingerprint_still_matches_its_request() -> None:
    report = WeeklyReport.model_validate(weekly_report(PUDONG_FOOD))
    first_form = orjson.dumps(report.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS)
    other = WeeklyReport.model_validate(weekly_report(PUDONG_FOOD, on_duty=90))

    assert same_request(hashlib.sha256(first_form).hexdigest(), report)
    assert same_request(request_digest(report), report)
    assert not same_request(request_digest(other), report)
