"""The roster and campaign routes on the in-process gateway: what they publish on
notify.campaigns, what they refuse, and what each caller reads of a campaign's progress."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from services.contracts.topics import NOTIFY_CAMPAIGNS
from services.gateway.domain.access import PrincipalKind
from services.gateway.domain.spreadsheets import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE
from tests.support.data import credit_code, return_to_work_campaign
from tests.support.sheets import csv_of, xlsx_of
from tests.unit.gateway.conftest import Gateway

PUDONG_FOOD = credit_code(1, "310115")
HEADINGS = ["姓名", "手机号", "同意通知", "部门", "厂区", "首选渠道"]
CAMPAIGN = return_to_work_campaign()
VALUES: dict[str, str] = CAMPAIGN["values"]


def _owner(gateway: Gateway) -> dict[str, str]:
    return gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)


async def test_an_xlsx_roster_is_published_normalised_with_bad_rows_and_merges_reported(
    gateway: Gateway,
) -> None:
    rows: list[list[object]] = [
        ["王芳", 13800138000, "是", "生产部", "二号车间", "短信"],  # Excel keeps it a number
        ["李强", "1380013800", "是", "生产部", None, None],
        ["王芳", "+86 138-0013-8000", None, None, None, None],
        ["赵敏", "021-5888 1234", "否", "仓储部", None, "语音"],
    ]
    response = await gateway.http.post(
        "/v1/rosters",
        params={"mode": "append"},
        content=xlsx_of(rows, HEADINGS),
        headers={**_owner(gateway), "content-type": XLSX_MEDIA_TYPE},
    )

    assert response.status_code == 202, response.text
    answer = response.json()
    assert (answer["mode"], answer["members"], answer["landlines"]) == ("append", 2, 1)
    assert answer["merged"] == [{"row": 4, "merged_into": 2}]
    assert answer["refused"] == [
        {"row": 3, "errors": [{"field": "mobile", "reason": "not a valid number for its "
                               "country (digits missing or extra?)"}]}
    ]  # fmt: skip
    (event,) = gateway.published(NOTIFY_CAMPAIGNS)
    assert event["subject"] == PUDONG_FOOD
    members = event["data"]["members"]
    assert [(m["phone"], m["mobile"], m["consent"]) for m in members] == [
        ("+8613800138000", True, True),
        ("+862158881234", False, False),
    ]
    assert members[1]["preferred_channel"] == "voice"


async def test_a_sheet_s_opt_out_column_travels_with_its_members(gateway: Gateway) -> None:
    sheet = csv_of(
        [["王芳", "13800138000", "语音、短信"], ["李强", "13900139000", ""]],
        ["姓名", "手机号", "退订渠道"],
    )
    headers = {**_owner(gateway), "content-type": CSV_MEDIA_TYPE}
    response = await gateway.http.post("/v1/rosters", content=sheet, headers=headers)

    assert response.status_code == 202, response.text
    (event,) = gateway.published(NOTIFY_CAMPAIGNS)
    assert [sorted(m["opted_out"]) for m in event["data"]["members"]] == [["sms", "voice"], []]


async def test_an_unknown_channel_to_opt_out_of_is_refused_by_row_and_field(
    gateway: Gateway,
) -> None:
    body = {"members": [{"name": "王芳", "mobile": "13800138000", "opted_out": ["fax"]}]}
    response = await gateway.http.post(
        "/v1/rosters", params={"mode": "append"}, json=body, headers=_owner(gateway)
    )

    assert response.status_code == 202, response.text
    assert [e["field"] for e in response.json()["refused"][0]["errors"]] == ["opted_out.0"]


async def test_an_enterprise_records_an_employee_s_opt_out_by_number(gateway: Gateway) -> None:
    response = await gateway.http.post(
        "/v1/rosters/opt-outs",
        json={"mobile": "138 0013 8000", "channels": ["voice", "sms"]},
        headers=_owner(gateway),
    )

    assert response.status_code == 202, response.text
    assert response.json()["phone"] == "+8613800138000"
    (event,) = gateway.published(NOTIFY_CAMPAIGNS)
    assert event["type"] == "cn.fugong.notify.roster.member-opted-out.v1"
    assert event["subject"] == PUDONG_FOOD
    assert event["data"]["phone"] == "+8613800138000"
    assert sorted(event["data"]["channels"]) == ["sms", "voice"]


async def test_an_opt_out_of_no_number_or_no_channel_is_refused_naming_the_field(
    gateway: Gateway,
) -> None:
    wrong_number = await gateway.http.post(
        "/v1/rosters/opt-outs", json={"mobile": "12", "channels": ["voice"]},
        headers=_owner(gateway),
    )  # fmt: skip
    no_channel = await gateway.http.post(
        "/v1/rosters/opt-outs", json={"mobile": "13800138000", "channels": []},
        headers=_owner(gateway),
    )  # fmt: skip

    assert wrong_number.status_code == no_channel.status_code == 422
    assert [p["field"] for p in wrong_number.json()["problems"]] == ["mobile"]
    assert [p["field"] for p in no_channel.json()["problems"]] == ["channels"]
    assert not gateway.publisher.anything_published


async def test_an_enterprise_records_an_employee_s_renewed_consent_by_number(
    gateway: Gateway,
) -> None:
    consent = {
        "method": "written", "given_at": "2020-02-14T10:30:00+08:00", "reference": "同意书-17"
    }  # fmt: skip
    response = await gateway.http.post(
        "/v1/rosters/opt-ins",
        json={"mobile": "138 0013 8000", "channels": ["sms"], "consent": consent},
        headers=_owner(gateway),
    )

    assert response.status_code == 202, response.text
    assert response.json()["phone"] == "+8613800138000"
    (event,) = gateway.published(NOTIFY_CAMPAIGNS)
    assert event["type"] == "cn.fugong.notify.roster.member-opted-in.v1"
    assert event["subject"] == PUDONG_FOOD
    assert event["data"]["channels"] == ["sms"]
    assert event["data"]["consent"] == {
        "method": "written", "given_at": "2020-02-14T10:30:00+08:00", "reference": "同意书-17"
    }  # fmt: skip


async def test_an_opt_in_without_consent_or_with_consent_to_come_is_refused_naming_the_field(
    gateway: Gateway,
) -> None:
    no_consent = await gateway.http.post(
        "/v1/rosters/opt-ins", json={"mobile": "13800138000", "channels": ["sms"]},
        headers=_owner(gateway),
    )  # fmt: skip
    future = {"method": "phone", "given_at": "2099-01-01T00:00:00+08:00"}
    to_come = await gateway.http.post(
        "/v1/rosters/opt-ins",
        json={"mobile": "13800138000", "channels": ["sms"], "consent": future},
        headers=_owner(gateway),
    )

    assert no_consent.status_code == to_come.status_code == 422
    assert [p["field"] for p in no_consent.json()["problems"]] == ["consent"]
    assert [p["field"] for p in to_come.json()["problems"]] == ["consent.given_at"]
    assert not gateway.publisher.anything_published


async def test_the_same_file_uploaded_again_is_the_same_upload(gateway: Gateway) -> None:
    sheet = csv_of([["王芳", "13800138000", "", "", "", ""]], HEADINGS)
    headers = {**_owner(gateway), "content-type": CSV_MEDIA_TYPE}
    first = await gateway.http.post("/v1/rosters", content=sheet, headers=headers)
    again = await gateway.http.post("/v1/rosters", content=sheet, headers=headers)

    assert first.json()["upload_id"] == again.json()["upload_id"]


async def test_a_sheet_with_an_unknown_column_or_no_member_is_refused_whole(
    gateway: Gateway,
) -> None:
    headers = {**_owner(gateway), "content-type": CSV_MEDIA_TYPE}
    unknown = await gateway.http.post(
        "/v1/rosters", content=csv_of([["王芳", "1"]], ["姓名", "鞋码"]), headers=headers
    )
    empty = await gateway.http.post(
        "/v1/rosters", content=csv_of([["王芳", "12"]], ["姓名", "手机号"]), headers=headers
    )

    assert unknown.status_code == empty.status_code == 422
    assert "column B" in unknown.json()["detail"]
    assert "鞋码" not in unknown.text
    assert "nothing changed" in empty.json()["detail"]
    assert not gateway.publisher.anything_published


async def test_a_campaign_missing_a_value_is_refused_naming_it_and_nothing_is_sent(
    gateway: Gateway,
) -> None:
    values = {k: v for k, v in VALUES.items() if k != "site"}
    response = await gateway.http.post(
        "/v1/campaigns", json={**CAMPAIGN, "values": values}, headers=_owner(gateway)
    )

    assert response.status_code == 422
    assert [p["field"] for p in response.json()["problems"]] == ["values.site"]
    assert not gateway.publisher.anything_published


async def test_the_preview_shows_text_parts_and_cost_of_the_audience(gateway: Gateway) -> None:
    gateway.views.roster_rows.extend(
        [
            {"credit_code": PUDONG_FOOD, "department": "生产部", "site": "二号车间",
             "members": 120, "sms_reachable": 117, "landlines": 1, "without_consent": 2,
             "first_by_sms": 100, "first_by_wechat": 12, "first_by_voice": 5,
             "opted_out_of_all": 1},
            {"credit_code": PUDONG_FOOD, "department": "仓储部", "site": None,
             "members": 30, "sms_reachable": 30, "landlines": 0, "without_consent": 0,
             "first_by_sms": 30, "first_by_wechat": 0, "first_by_voice": 0,
             "opted_out_of_all": 0},
        ]
    )  # fmt: skip
    body = {**CAMPAIGN, "audience": {"departments": ["生产部"]}}

    response = await gateway.http.post("/v1/campaigns/preview", json=body, headers=_owner(gateway))

    assert response.status_code == 200, response.text
    preview = response.json()
    assert preview["text"].startswith(
        "【复工】上海浦江食品有限公司通知：请于2月17日到二号车间返岗。"
    )
    assert "https://rsj.sh.gov.cn/fugong/handbook" in preview["text"]
    assert (preview["recipients"], preview["landlines"], preview["without_consent"]) == (117, 1, 2)
    assert preview["opted_out_of_all"] == 1
    parts = preview["parts"]
    assert preview["by_channel"] == {
        "sms": {
            "recipients": 100,
            "units": 100 * parts,
            "cost_yuan": round(100 * parts * 0.045, 2),
        },
        "wechat": {"recipients": 12, "units": 12, "cost_yuan": 0.0},
        "voice": {"recipients": 5, "units": 5, "cost_yuan": 0.6},
    }
    assert preview["estimated_parts"] == 100 * parts
    assert preview["estimated_cost_yuan"] == round(round(100 * parts * 0.045, 2) + 0.6, 2)
    assert not gateway.publisher.anything_published


async def test_a_campaign_is_published_with_the_links_and_its_key_gives_one_id(
    gateway: Gateway,
) -> None:
    key = str(uuid.uuid4())
    headers = {**_owner(gateway), "Idempotency-Key": key}
    first = await gateway.http.post("/v1/campaigns", json=CAMPAIGN, headers=headers)
    again = await gateway.http.post("/v1/campaigns", json=CAMPAIGN, headers=headers)

    assert first.status_code == again.status_code == 202
    assert first.json()["campaign_id"] == again.json()["campaign_id"]
    data = gateway.published(NOTIFY_CAMPAIGNS)[0]["data"]
    assert data["values"]["guidance_url"] == "https://rsj.sh.gov.cn/fugong/guidance"
    assert data["requested_by"] == f"enterprise:{PUDONG_FOOD}"


async def test_progress_shows_numbers_to_the_enterprise_and_masks_them_for_officials(
    gateway: Gateway,
) -> None:
    campaign = uuid.uuid4()
    gateway.enterprise_districts.register_now(PUDONG_FOOD, "310115")
    gateway.views.campaign_rows.append(
        {"campaign_id": campaign, "credit_code": PUDONG_FOOD, "template": "return_to_work",
         "segments": 3, "send_at": datetime(2020, 2, 15, 1, tzinfo=UTC), "recipients": 3,
         "cancelled_at": None}
    )  # fmt: skip
    gateway.views.progress_rows.extend(
        [
            {"campaign_id": campaign, "channel": "sms", "status": "delivered", "messages": 2},
            {"campaign_id": campaign, "channel": "sms", "status": "permanent_failure",
             "messages": 1},
        ]
    )  # fmt: skip
    gateway.views.failure_rows.append(
        {"campaign_id": campaign, "channel": "sms", "status": "permanent_failure",
         "reason": "FailedOperation.PhoneNumberInBlacklist", "phone": "+8613812345678"}
    )  # fmt: skip
    path = f"/v1/campaigns/{campaign}"

    own = await gateway.http.get(path, headers=_owner(gateway))
    district = await gateway.http.get(
        path, headers=gateway.key(PrincipalKind.OFFICIAL, district_code="310115")
    )

    assert own.status_code == district.status_code == 200
    assert own.json()["channels"] == [
        {"channel": "sms", "statuses": {"delivered": 2, "permanent_failure": 1}}
    ]
    assert own.json()["failures"][0]["phone"] == "+8613812345678"
    assert district.json()["failures"][0]["phone"] == "+86138****5678"
    assert "13812345678" not in district.text
