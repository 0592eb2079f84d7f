"""Uploading a sheet of weekly reports, in-process on the fakes: the good rows are published as
POST /v1/weekly-reports publishes them, the bad ones listed by row, field and reason; a re-upload
is counted once; nobody's rows leak into another's scope."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from services.contracts.topics import ENTERPRISE_REPORTS
from services.contracts.weekly_reports import WeeklyReport
from services.gateway.domain.access import PrincipalKind
from services.gateway.domain.spreadsheets import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE
from services.platform.kafka import PublishFailed
from tests.support.data import credit_code, weekly_report
from tests.support.sheets import csv_of, row_of, xlsx_of
from tests.unit.gateway.conftest import Gateway

UPLOAD = "/v1/weekly-reports/upload"
PUDONG_FOOD = credit_code(1, "310115")
PUDONG_HOTEL = credit_code(4, "310115")
XUHUI_SHOP = credit_code(3, "310104")


async def _upload(
    gateway: Gateway, key: dict[str, str], data: bytes, media_type: str = XLSX_MEDIA_TYPE
) -> Any:
    return await gateway.http.post(
        UPLOAD, content=data, headers={**key, "content-type": media_type}
    )


def _payloads(gateway: Gateway) -> list[dict[str, Any]]:
    return [event["data"] for event in gateway.published(ENTERPRISE_REPORTS)]


def _as_published(report: dict[str, Any]) -> dict[str, Any]:
    return WeeklyReport.model_validate(report).model_dump(mode="json")


@pytest.mark.parametrize("media_type", [XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE], ids=["xlsx", "csv"])
async def test_good_rows_are_published_and_bad_rows_listed(
    gateway: Gateway, media_type: str
) -> None:
    gateway.views.registry[PUDONG_FOOD] = "310115"
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    week_7, week_8 = weekly_report(PUDONG_FOOD), weekly_report(PUDONG_FOOD, week="2020-W08")
    rows = [
        row_of(week_7),
        row_of(week_7, on_duty=500),
        row_of(week_8),
        row_of(week_8, hires="五个"),
    ]
    data = xlsx_of(rows) if media_type == XLSX_MEDIA_TYPE else csv_of(rows)

    response = await _upload(gateway, key, data, media_type)

    assert response.status_code == 207, response.text
    body = response.json()
    assert (body["accepted"], body["refused"]) == (2, 2)
    assert _payloads(gateway) == [_as_published(week_7), _as_published(week_8)]
    events = gateway.published(ENTERPRISE_REPORTS)
    assert [row["row"] for row in body["rows"]] == [2, 3, 4, 5]
    assert [row.get("event_id") for row in body["rows"]] == [
        events[0]["id"],
        None,
        events[1]["id"],
        None,
    ]
    assert body["rows"][1]["errors"] == [
        {
            "field": "on_duty",
            "heading": "本周在岗人数",
            "message": "on_duty (500) must not exceed employees_before_holiday (200)",
        }
    ]
    assert body["rows"][3]["errors"][0]["field"] == "hires"
    assert body["rows"][3]["errors"][0]["heading"] == "本周新招人数"
    assert {e.district_code for e in gateway.audit.kept.values()} == {"310115"}


async def test_a_gb18030_csv_as_chinese_excel_saves_it_is_accepted(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    report = weekly_report(PUDONG_FOOD) | {"difficulties_note": "部分员工仍在湖北"}

    response = await _upload(
        gateway, key, csv_of([row_of(report)], encoding="gb18030"), CSV_MEDIA_TYPE
    )

    assert response.json()["accepted"] == 1, response.text
    assert _payloads(gateway) == [_as_published(report)]


async def test_uploading_the_same_file_again_gives_the_same_event_ids(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    data = xlsx_of(
        [row_of(weekly_report(PUDONG_FOOD)), row_of(weekly_report(PUDONG_FOOD, week="2020-W08"))]
    )

    first = (await _upload(gateway, key, data)).json()
    again = (await _upload(gateway, key, data)).json()

    assert first == again
    assert len({row["event_id"] for row in first["rows"]}) == 2
    assert len(gateway.audit.kept) == 2  # kept once per event id


async def test_a_broker_failure_part_way_answers_503_and_the_retry_is_counted_once(
    gateway: Gateway,
) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    weeks = ("2020-W07", "2020-W08", "2020-W09")
    data = csv_of([row_of(weekly_report(PUDONG_FOOD, week=week)) for week in weeks])
    publish, calls = gateway.publisher.publish, 0

    async def down_after_the_first(topic: str, event: Any) -> None:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise PublishFailed("broker did not acknowledge")
        await publish(topic, event)

    setattr(gateway.publisher, "publish", down_after_the_first)  # noqa: B010
    failed = await _upload(gateway, key, data, CSV_MEDIA_TYPE)
    setattr(gateway.publisher, "publish", publish)  # noqa: B010
    retried = await _upload(gateway, key, data, CSV_MEDIA_TYPE)

    assert failed.status_code == 503
    assert failed.headers["content-type"] == "application/problem+json"
    assert "upload the same file again" in failed.json()["detail"]
    assert retried.status_code == 207
    first_id = gateway.published(ENTERPRISE_REPORTS)[0]["id"]
    assert retried.json()["rows"][0]["event_id"] == first_id
    assert len({event["id"] for event in gateway.published(ENTERPRISE_REPORTS)}) == 3


async def test_an_enterprises_row_for_another_enterprise_is_refused_alone(
    gateway: Gateway,
) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    data = xlsx_of([row_of(weekly_report(XUHUI_SHOP)), row_of(weekly_report(PUDONG_FOOD))])

    body = (await _upload(gateway, key, data)).json()

    assert (body["accepted"], body["refused"]) == (1, 1)
    assert body["rows"][0]["errors"] == [
        {
            "field": "credit_code",
            "heading": "统一社会信用代码",
            "message": f"this API key may only report for enterprise {PUDONG_FOOD}",
        }
    ]
    assert [p["credit_code"] for p in _payloads(gateway)] == [PUDONG_FOOD]


async def test_a_district_official_uploads_its_districts_rows_and_learns_nothing_of_others(
    gateway: Gateway,
) -> None:
    gateway.views.registry.update({PUDONG_FOOD: "310115", PUDONG_HOTEL: "310115"})
    gateway.views.registry[XUHUI_SHOP] = "310104"
    unregistered = credit_code(9, "310115")
    key = gateway.key(PrincipalKind.OFFICIAL, district_code="310115")
    codes = (PUDONG_FOOD, XUHUI_SHOP, PUDONG_HOTEL, unregistered)
    data = xlsx_of([row_of(weekly_report(code)) for code in codes])

    response = await _upload(gateway, key, data)

    body = response.json()
    assert [row["status"] for row in body["rows"]] == ["accepted", "refused", "accepted", "refused"]
    refusals = {error["message"] for row in body["rows"] for error in row.get("errors", [])}
    assert refusals == {
        "this API key submits reports of enterprises registered in district 310115 only"
    }
    assert "310104" not in response.text
    assert [p["credit_code"] for p in _payloads(gateway)] == [PUDONG_FOOD, PUDONG_HOTEL]
    assert {e.principal for e in gateway.audit.kept.values()} == {"official:310115"}


async def test_a_city_official_uploads_rows_of_any_enterprise(gateway: Gateway) -> None:
    gateway.views.registry.update({PUDONG_FOOD: "310115", XUHUI_SHOP: "310104"})
    key = gateway.key(PrincipalKind.OFFICIAL)
    data = csv_of([row_of(weekly_report(PUDONG_FOOD)), row_of(weekly_report(XUHUI_SHOP))])

    body = (await _upload(gateway, key, data, CSV_MEDIA_TYPE)).json()

    assert body["accepted"] == 2
    assert sorted(e.district_code or "" for e in gateway.audit.kept.values()) == [
        "310104",
        "310115",
    ]


@pytest.mark.parametrize(
    ("template", "media_type"),
    [("template.xlsx", XLSX_MEDIA_TYPE), ("template.csv", CSV_MEDIA_TYPE)],
)
async def test_an_enterprises_template_uploads_as_it_is(
    gateway: Gateway, template: str, media_type: str
) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)

    downloaded = await gateway.http.get(f"/v1/weekly-reports/{template}", headers=key)
    assert downloaded.status_code == 200
    assert downloaded.headers["content-type"].startswith(media_type)
    assert "attachment" in downloaded.headers["content-disposition"]
    response = await _upload(gateway, key, downloaded.content, media_type)

    assert response.json()["accepted"] == 1, response.text
    assert [p["credit_code"] for p in _payloads(gateway)] == [PUDONG_FOOD]


async def test_an_upload_over_its_limit_is_refused_before_it_is_read(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    read = False

    async def body() -> AsyncIterator[bytes]:
        nonlocal read
        read = True
        yield b"x"

    limit = 4 * 1024 * 1024
    response = await gateway.http.post(
        UPLOAD,
        content=body(),
        headers={**key, "content-type": XLSX_MEDIA_TYPE, "content-length": str(limit + 1)},
    )

    assert response.status_code == 413
    assert f"at most {limit} bytes" in response.json()["detail"]
    assert not read


async def test_a_sheet_larger_than_a_json_body_is_admitted(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    note = "员工返岗情况说明" * 60
    report = weekly_report(PUDONG_FOOD) | {"difficulties_note": note[:500]}
    data = csv_of([row_of(report)] * 700, encoding="utf-8")
    assert len(data) > 256 * 1024

    response = await _upload(gateway, key, data, CSV_MEDIA_TYPE)

    assert response.json()["accepted"] == 700, response.text


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/vnd.ms-excel", "multipart/form-data", ""]
)
async def test_an_upload_of_another_kind_is_refused(gateway: Gateway, content_type: str) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    headers = {**key, "content-type": content_type} if content_type else key

    response = await gateway.http.post(UPLOAD, content=b"{}", headers=headers)

    assert response.status_code == 415
    assert "text/csv or application/vnd.openxmlformats" in response.json()["detail"]


async def test_a_file_that_is_not_a_sheet_of_reports_is_refused_whole(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    data = csv_of([["13812345678"]], headings=["手机号码"])

    response = await _upload(gateway, key, data, CSV_MEDIA_TYPE)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith("the file cannot be read: unknown headings in")
    assert "手机" not in response.text
    assert "138" not in response.text
    assert gateway.publisher.published == []
