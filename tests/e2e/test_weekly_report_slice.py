"""The slice over HTTP: gateway → Kafka → monitoring worker → PostgreSQL → gateway, all real."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from services.contracts.topics import ENTERPRISE_REPORTS, topic_name
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.keys import revoke_key
from tests.support.data import credit_code, registration, weekly_report
from tests.support.infra import KAFKA
from tests.support.stack import Stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

WEEK = "2020-W07"
DUPLICATES = 'fugong_stream_events_recorded_total{consumer="monitoring",outcome="duplicate"}'


async def figures(client: httpx.AsyncClient, headers: dict[str, str], district: str) -> Any:
    response = await client.get(
        "/v1/indicators/return-to-work",
        params={"week": WEEK, "district": district},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_report_becomes_the_district_return_rate(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    code, key = await stack.enterprise(1, "310112")
    official = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code="310112"))
    registered = await client.post(
        "/v1/enterprises", json=registration(code, district="310112"), headers=official
    )
    submitted = await client.post(
        "/v1/weekly-reports", json=weekly_report(code, employees=400, on_duty=300), headers=key
    )
    assert (registered.status_code, submitted.status_code) == (202, 202)
    assert uuid.UUID(submitted.json()["event_id"])

    answer = await eventually(
        lambda: figures(client, official, "310112"),
        lambda f: f["total"]["enterprises_reporting"] == 1,
        what="the report counted in 闵行区",
    )
    cell = answer["cells"][0]
    assert (cell["district_code"], cell["district_name"], cell["industry_section"]) == (
        "310112",
        "闵行区",
        "C",
    )
    assert (cell["on_duty"], cell["employees_before_holiday"]) == (300, 400)
    assert cell["return_rate"] == pytest.approx(0.75)
    assert answer["total"]["return_rate"] == pytest.approx(0.75)
    assert "返岗率" in answer["definitions"]["return_rate"]


async def test_a_resent_report_counts_once_and_a_correction_replaces_it(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    code, key = await stack.enterprise(2, "310114")
    city = await stack.key_for(Principal(PrincipalKind.OFFICIAL))
    await stack.register(client, registration(code, district="310114"))
    report = weekly_report(code, employees=100, on_duty=40)
    retry = {**key, "Idempotency-Key": str(uuid.uuid4())}
    first = await client.post("/v1/weekly-reports", json=report, headers=retry)
    again = await client.post("/v1/weekly-reports", json=report, headers=retry)
    assert first.json()["event_id"] == again.json()["event_id"]

    answer = await eventually(
        lambda: figures(client, city, "310114"),
        lambda f: f["total"]["enterprises_reporting"] == 1,
        what="the report counted in 宝山区",
    )
    assert (answer["total"]["on_duty"], answer["total"]["enterprises_reporting"]) == (40, 1)
    # The duplicate has been seen by now or will change nothing when it is: check both ways.
    await eventually(lambda: _duplicates_seen(stack), lambda n: n >= 1, what="a duplicate seen")
    assert (await figures(client, city, "310114"))["total"]["on_duty"] == 40

    corrected = await client.post(
        "/v1/weekly-reports", json=weekly_report(code, employees=100, on_duty=65), headers=key
    )
    assert corrected.status_code == 202
    answer = await eventually(
        lambda: figures(client, city, "310114"),
        lambda f: f["total"]["on_duty"] == 65,
        what="the correction standing",
    )
    assert (answer["total"]["on_duty"], answer["total"]["enterprises_reporting"]) == (65, 1)
    assert answer["total"]["return_rate"] == pytest.approx(0.65)


async def _metrics_text(url: str) -> str:
    async with httpx.AsyncClient() as http:
        return (await http.get(f"{url}/metrics")).text


async def _duplicates_seen(stack: Stack) -> float:
    async with httpx.AsyncClient() as http:
        text = (await http.get(f"{stack.monitoring.admin_url}/metrics")).text
    for line in text.splitlines():
        if line.startswith(
            'fugong_stream_events_recorded_total{consumer="monitoring",outcome="duplicate"}'
        ):
            return float(line.split()[-1])
    return 0.0


async def test_requests_without_a_valid_key_are_refused(client: httpx.AsyncClient) -> None:
    code = credit_code(3)
    missing = await client.post("/v1/weekly-reports", json=weekly_report(code))
    unknown = await client.post(
        "/v1/weekly-reports", json=weekly_report(code), headers={"X-API-Key": "fg_not-a-key"}
    )
    assert (missing.status_code, unknown.status_code) == (401, 401)
    assert "API key" in missing.json()["detail"]


async def test_a_keyless_call_is_refused_before_its_body_is_read(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/weekly-reports", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 401


async def test_an_idempotency_key_reused_for_another_report_is_refused(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    code, key = await stack.enterprise(8)
    await stack.register(client, registration(code))
    headers = {**key, "Idempotency-Key": str(uuid.uuid4())}
    first = await client.post(
        "/v1/weekly-reports", json=weekly_report(code, on_duty=40), headers=headers
    )
    other = await client.post(
        "/v1/weekly-reports", json=weekly_report(code, on_duty=90), headers=headers
    )
    assert (first.status_code, other.status_code) == (202, 422)
    assert "already used for a different request" in other.json()["detail"]


async def test_an_enterprise_cannot_report_for_another(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    _, key = await stack.enterprise(4)
    other = credit_code(5)
    response = await client.post("/v1/weekly-reports", json=weekly_report(other), headers=key)
    assert response.status_code == 403
    assert "may only report for enterprise" in response.json()["detail"]


async def test_officials_read_only_their_own_district(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    xuhui = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code="310104"))
    _, enterprise = await stack.enterprise(6)
    params = {"week": WEEK, "district": "310115"}
    other_district = await client.get("/v1/indicators/return-to-work", params=params, headers=xuhui)
    as_enterprise = await client.get(
        "/v1/indicators/return-to-work", params=params, headers=enterprise
    )
    assert (other_district.status_code, as_enterprise.status_code) == (403, 403)


async def test_an_invalid_report_is_refused_naming_the_field_and_nothing_is_published(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    code, key = await stack.enterprise(7)
    before = await _end_offsets(topic_name(ENTERPRISE_REPORTS, stack.prefix))
    bad = weekly_report(code, employees=100, on_duty=40)
    bad["on_duty"] = 140
    too_many = await client.post("/v1/weekly-reports", json=bad, headers=key)
    bad_week = await client.post(
        "/v1/weekly-reports", json={**weekly_report(code), "week": "2020-W60"}, headers=key
    )
    assert (too_many.status_code, bad_week.status_code) == (422, 422)
    assert (
        "on_duty (140) must not exceed employees_before_holiday (100)" in too_many.json()["detail"]
    )
    assert too_many.json()["problems"][0]["field"] == "on_duty"
    assert bad_week.json()["problems"][0]["field"] == "week"
    assert await _end_offsets(topic_name(ENTERPRISE_REPORTS, stack.prefix)) == before


async def _end_offsets(topic: str) -> int:
    consumer = AIOKafkaConsumer(**KAFKA.client_options())
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        if not partitions:
            partitions = [TopicPartition(topic, p) for p in range(ENTERPRISE_REPORTS.partitions)]
        offsets = await consumer.end_offsets(partitions)
        return sum(offsets.values())
    finally:
        await consumer.stop()


async def test_services_report_health_and_metrics(stack: Stack) -> None:
    async with httpx.AsyncClient() as http:
        for service in (stack.gateway, stack.monitoring):
            assert (await http.get(f"{service.admin_url}/healthz")).status_code == 200
            ready = await http.get(f"{service.admin_url}/readyz")
            assert all(ready.json()["checks"].values()), ready.text
        gateway_metrics = (await http.get(f"{stack.gateway.admin_url}/metrics")).text
    assert "fugong_gateway_requests_total" in gateway_metrics
    lag = 'fugong_stream_consumer_lag_records{consumer="monitoring",topic="monitoring.enterprise-'
    await eventually(
        lambda: _metrics_text(stack.monitoring.admin_url),
        lambda text: lag in text,
        what="a lag gauge",
    )
    assert 'fugong_events_published_total{topic="monitoring.enterprise-reports"}' in gateway_metrics


async def test_a_district_official_cannot_move_an_enterprise_into_their_district(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    code, key = await stack.enterprise(9, "310104")
    await stack.register(client, registration(code, district="310104"))
    city = await stack.key_for(Principal(PrincipalKind.OFFICIAL))
    await client.post("/v1/weekly-reports", json=weekly_report(code), headers=key)
    await eventually(
        lambda: figures(client, city, "310104"),
        lambda f: f["total"]["enterprises_reporting"] == 1,
        what="the enterprise registered in 徐汇区 (its report counted there)",
    )
    pudong = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code="310115"))
    moved = await client.post(
        "/v1/enterprises", json=registration(code, district="310115"), headers=pudong
    )
    assert moved.status_code == 403
    detail = moved.json()["detail"]
    assert "registered in another district" in detail
    assert "310104" not in detail.replace(code, "")  # what lies outside 浦东's scope is not said


async def test_an_enterprise_sees_which_of_its_submissions_stands_for_the_week(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    code, key = await stack.enterprise(10, "310101")
    await stack.register(client, registration(code, district="310101"))
    await client.post("/v1/weekly-reports", json=weekly_report(code, on_duty=50), headers=key)
    latest = await client.post(
        "/v1/weekly-reports", json=weekly_report(code, on_duty=80), headers=key
    )
    wanted = latest.json()["event_id"]

    async def recorded() -> Any:
        response = await client.get(f"/v1/enterprises/{code}/weekly-reports", headers=key)
        assert response.status_code == 200, response.text
        return response.json()["reports"]

    reports = await eventually(
        recorded, lambda r: bool(r) and r[0]["event_id"] == wanted, what="the later submission"
    )
    assert [(r["week"], r["event_id"], r["on_duty"]) for r in reports] == [(WEEK, wanted, 80)]
    assert reports[0]["return_rate"] == pytest.approx(0.4)
    huangpu = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code="310101"))
    xuhui = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code="310104"))
    path = f"/v1/enterprises/{code}/weekly-reports"
    assert (await client.get(path, headers=huangpu)).status_code == 200
    assert (await client.get(path, headers=xuhui)).status_code == 403


async def test_every_answer_carries_a_request_id_and_keeps_the_callers(
    client: httpx.AsyncClient,
) -> None:
    mine = await client.get("/healthz", headers={"X-Request-Id": "hr-system-20200210-0001"})
    theirs = await client.get("/healthz", headers={"X-Request-Id": "bad id!"})
    assert mine.headers["X-Request-Id"] == "hr-system-20200210-0001"
    assert len(theirs.headers["X-Request-Id"]) == 32


async def test_an_enterprise_registers_itself_but_cannot_give_itself_monitoring_roles(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    code, key = await stack.enterprise(11, "310113")
    city = await stack.key_for(Principal(PrincipalKind.OFFICIAL))
    own = {**registration(code, district="310113"), "monitoring_roles": []}
    assert (await client.post("/v1/enterprises", json=own, headers=key)).status_code == 202
    key_enterprise = registration(code, district="310113", key_enterprise=True)
    refused = await client.post("/v1/enterprises", json=key_enterprise, headers=key)
    assert refused.status_code == 403
    assert "assigned by the district bureau" in refused.json()["detail"]
    assert (
        await client.post("/v1/enterprises", json=key_enterprise, headers=city)
    ).status_code == 202


async def test_a_revoked_key_is_refused(stack: Stack, client: httpx.AsyncClient) -> None:
    code, key = await stack.enterprise(12)
    assert await revoke_key(stack.settings, key["X-API-Key"])
    assert not await revoke_key(stack.settings, key["X-API-Key"])
    # Never used before, so no gateway has it cached (a used key lasts up to 30 s in a cache).
    response = await client.post("/v1/weekly-reports", json=weekly_report(code), headers=key)
    assert response.status_code == 401


async def test_a_place_whose_designated_enterprises_are_silent_still_counts(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    reporting, key = await stack.enterprise(13, "310116")  # 金山区
    silent = credit_code(14, "310116")
    await stack.register(client, registration(reporting, district="310116", division="13"))
    await stack.register(client, registration(silent, district="310116", division="52"))
    await client.post("/v1/weekly-reports", json=weekly_report(reporting), headers=key)
    city = await stack.key_for(Principal(PrincipalKind.OFFICIAL))

    answer = await eventually(
        lambda: figures(client, city, "310116"),
        lambda f: (
            {c["industry_section"]: c["enterprises_reporting"] for c in f["cells"]}
            == {"C": 1, "F": 0}
        ),
        what="the report counted in 金山区 beside the silent place",
    )
    cells = {cell["industry_section"]: cell for cell in answer["cells"]}
    assert (cells["F"]["enterprises_expected"], cells["F"]["enterprises_reporting"]) == (1, 0)
    assert cells["F"]["resumption_rate"] == 0.0
    assert cells["F"]["return_rate"] is None
    assert answer["total"]["enterprises_expected"] == 2
    assert answer["total"]["resumption_rate"] == pytest.approx(0.5)


async def test_every_indicator_is_served_for_a_district_with_its_definition(
    stack: Stack, client: httpx.AsyncClient
) -> None:
    code, key = await stack.enterprise(15, "310117")  # 松江区
    await stack.register(client, registration(code, district="310117"))
    report = weekly_report(code, employees=300, on_duty=210, remote=30)
    assert (await client.post("/v1/weekly-reports", json=report, headers=key)).status_code == 202
    songjiang = await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code="310117"))

    async def indicators() -> Any:
        response = await client.get("/v1/indicators", params={"week": WEEK}, headers=songjiang)
        assert response.status_code == 200, response.text
        return response.json()

    answer = await eventually(
        indicators,
        lambda a: a["total"]["enterprises_reporting"] == 1,
        what="the report counted in 松江区's indicators",
    )
    total = answer["total"]
    assert (total["district_code"], total["district_name"]) == ("310117", "松江区")
    assert total["return_rate"] == pytest.approx(210 / 300)
    assert total["staffing_gap"] == 300 - 210
    assert total["fill_rate"] == pytest.approx(5 / 15)
    assert total["vacancies_per_seeker"] is None
    # A figure of now, served by its own route; the weekly answer says where to find it.
    assert "/v1/indicators/job-seeker-ratio" in answer["definitions"]["vacancies_per_seeker"]
    assert answer["previous_week"] == "2020-W06"
    assert [s["industry_section"] for s in answer["by_section"]] == ["C"]
    assert answer["by_district"] == []  # a district official sees their district only
    city_wide = await client.get(
        "/v1/indicators",
        params={"week": WEEK},
        headers=await stack.key_for(Principal(PrincipalKind.ENTERPRISE, credit_code=code)),
    )
    assert city_wide.status_code == 403
    gauge = 'fugong_monitoring_return_ratio{district="310117",section="all"}'
    await eventually(
        lambda: _metrics_text(stack.monitoring.admin_url),
        lambda text: gauge in text,
        what="松江区's return rate among the monitoring worker's gauges",
    )
