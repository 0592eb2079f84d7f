"""Every principal kind against every endpoint, allowed and refused, on the in-process gateway.

Objects belong to 浦东新区 (310115): the enterprise 上海浦江食品 (a key enterprise, with its
service officer and a job posting held for review), the point 潍坊新村街道 and a warning. Each
caller is the owner, someone of the same kind elsewhere, an official of the district, of another
district or of the city, one of the district's employment assistants or service officers, or
operations. A refusal publishes nothing;
an object outside the caller's scope is refused without a word about it (403 naming only the
caller's own scope, or 404 where the object's existence is the secret). An uploaded sheet answers
207 to whoever may upload, its row published only for a caller whose scope holds the enterprise.
Batch entries are allowed exactly when their single request is. The service hall 310115-001 has
two slots and the enterprise's booking in one (a slot at 徐汇区's hall stands for another
district's ids in bodies); no refusal shows the booked person's name or mobile.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from services.contracts.identifiers import SHANGHAI
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.domain.appointments import NewBooking, Person, Slot
from services.gateway.domain.service_halls import Hall, PublicService
from services.gateway.domain.spreadsheets import CSV_MEDIA_TYPE
from services.gateway.settings import GatewaySettings
from tests.support.data import credit_code, registration, weekly_report
from tests.support.postings import posting_body
from tests.support.sheets import csv_of, row_of
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes

PUDONG_FOOD = credit_code(1, "310115")
XUHUI_SHOP = credit_code(3, "310104")
WEIFANG, NANJING_EAST = "310115004", "310101002"
WARNING_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "matrix/fill_rate_falling/310115"))
WEEK = "2020-W07"

CALLERS: dict[str, tuple[PrincipalKind, dict[str, str]]] = {
    "enterprise": (PrincipalKind.ENTERPRISE, {"credit_code": PUDONG_FOOD}),
    "other-enterprise": (PrincipalKind.ENTERPRISE, {"credit_code": XUHUI_SHOP}),
    "point": (PrincipalKind.COMMUNITY_POINT, {"town_code": WEIFANG}),
    "other-point": (PrincipalKind.COMMUNITY_POINT, {"town_code": NANJING_EAST}),
    "official": (PrincipalKind.OFFICIAL, {"district_code": "310115"}),
    "other-official": (PrincipalKind.OFFICIAL, {"district_code": "310104"}),
    "city": (PrincipalKind.OFFICIAL, {}),
    "assistant": (PrincipalKind.ASSISTANT, {"district_code": "310115", "staff_id": "A0012"}),
    "officer": (PrincipalKind.OFFICER, {"district_code": "310115", "staff_id": "S0007"}),
    "other-officer": (PrincipalKind.OFFICER, {"district_code": "310115", "staff_id": "S0008"}),
    "operations": (PrincipalKind.OPERATIONS, {}),
    "other-assistant": (PrincipalKind.ASSISTANT, {"district_code": "310104", "staff_id": "A0456"}),
}
SHEET_ROW_IN_SCOPE = frozenset({"enterprise", "official", "city"})


@dataclass(frozen=True)
class Sheet:
    """A file sent as the body (an upload), where other writes send JSON."""

    content: bytes
    media_type: str


HALL, XUHUI_HALL = "310115-001", "310104-001"
DAY = date.today() + timedelta(days=7)
SLOT, OTHER_SLOT, XUHUI_SLOT = (
    uuid.uuid5(uuid.NAMESPACE_URL, f"matrix/slot/{n}") for n in range(3)
)
BOOKING = uuid.UUID("6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b")
DAY_PARAMS = {"date": DAY.isoformat()}
HALL_BODY = {"name": "浦东新区川沙人力资源服务窗口", "address": "上海市浦东新区川沙路1号"}
SLOT_BODY = {
    "starts_at": datetime.combine(DAY, time(15), SHANGHAI).isoformat(),
    "ends_at": datetime.combine(DAY, time(16), SHANGHAI).isoformat(),
    "capacity": 10,
}
STATUS_BODY = {"status": "resumed", "resumes_on": "2020-03-02"}


def _booking_of(slot: uuid.UUID) -> dict[str, Any]:
    person = {"name": "李强", "mobile": "13912345678"}
    return {"slot_id": str(slot), "service": "unemployment_registration", "person": person}


POINT_REPORT = {
    "town_code": WEIFANG,
    "week": WEEK,
    "migrants_registered": 900,
    "returned_to_shanghai": 600,
    "employed": 450,
    "seeking_work": 100,
    "in_quarantine": 20,
}
DISTRICT = {"week": WEEK, "district": "310115"}
CAMPAIGN = uuid.UUID("0b7e5c1e-6a43-4f0e-9a53-3c1b1f6b2a10")
ROSTER = {"members": [{"name": "王芳", "mobile": "138 1234 5678", "department": "生产部"}]}
CAMPAIGN_BODY = {
    "template": "return_to_work",
    "values": {
        "enterprise_name": "上海浦江食品有限公司",
        "return_date": "2月17日",
        "site": "二号车间",
        "instructions": "请携带健康码。",
    },
}
POSTING = "7d0c8b52-3f1e-5a6b-9c7d-2e4f6a8b0c1d"

# endpoint: (method, path, params, body, status for each caller in CALLERS' order)
MATRIX: dict[str, tuple[str, str, dict[str, str] | None, Any, tuple[int, ...]]] = {
    "register-enterprise": (
        "POST", "/v1/enterprises", None, {**registration(PUDONG_FOOD), "monitoring_roles": []},
        (202, 403, 403, 403, 202, 403, 202, 403, 403, 403, 403, 403),
    ),
    "weekly-report": (
        "POST", "/v1/weekly-reports", None, weekly_report(PUDONG_FOOD),
        (202, 403, 403, 403, 202, 403, 202, 403, 403, 403, 403, 403),
    ),
    "read-weekly-reports": (
        "GET", f"/v1/enterprises/{PUDONG_FOOD}/weekly-reports", None, None,
        (200, 403, 403, 403, 200, 403, 200, 403, 200, 403, 403, 403),
    ),
    "register-point": (
        "POST", "/v1/community-points", None, {"town_code": WEIFANG, "name": "潍坊新村街道"},
        (403, 403, 403, 403, 202, 403, 202, 403, 403, 403, 403, 403),
    ),
    "community-report": (
        "POST", "/v1/community-reports", None, POINT_REPORT,
        (403, 403, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "indicators": (
        "GET", "/v1/indicators", DISTRICT, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403),
    ),
    "return-to-work": (
        "GET", "/v1/indicators/return-to-work", DISTRICT, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403),
    ),
    "compliance": (
        "GET", "/v1/compliance", DISTRICT, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403),
    ),
    "warnings": (
        "GET", "/v1/warnings", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403),
    ),
    "audit": (
        "GET", "/v1/audit", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403),
    ),
    "acknowledge": (
        "POST", f"/v1/warnings/{WARNING_ID}/acknowledgement", None, {"note": "已处理"},
        (403, 403, 403, 403, 202, 404, 202, 403, 403, 403, 403, 403),
    ),
    "sheet-template-xlsx": (
        "GET", "/v1/weekly-reports/template.xlsx", None, None,
        (200, 200, 403, 403, 200, 200, 200, 403, 403, 403, 403, 403),
    ),
    "sheet-template-csv": (
        "GET", "/v1/weekly-reports/template.csv", None, None,
        (200, 200, 403, 403, 200, 200, 200, 403, 403, 403, 403, 403),
    ),
    "sheet-upload": (
        "POST", "/v1/weekly-reports/upload", None,
        Sheet(csv_of([row_of(weekly_report(PUDONG_FOOD))]), CSV_MEDIA_TYPE),
        (207, 207, 403, 403, 207, 207, 207, 403, 403, 403, 403, 403),
    ),
    "save-hall": (
        "PUT", "/v1/service-halls/310115-002", None, HALL_BODY,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403),
    ),
    "halls": (
        "GET", "/v1/service-halls", {"district": "310115"}, None,
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
    ),
    "open-slot": (
        "POST", f"/v1/service-halls/{HALL}/slots", None, SLOT_BODY,
        (403, 403, 403, 403, 201, 403, 201, 403, 403, 403, 403, 403),
    ),
    "set-status": (
        "PUT", f"/v1/service-halls/{HALL}/services/skills_training/status", None, STATUS_BODY,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403),
    ),
    "service-status": (
        "GET", "/v1/service-status", {"district": "310115"}, None,
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
    ),
    "status-history": (
        "GET", f"/v1/service-halls/{HALL}/status-history", None, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403),
    ),
    "slots": (
        "GET", f"/v1/service-halls/{HALL}/slots", DAY_PARAMS, None,
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
    ),
    "book": (
        "POST", "/v1/bookings", None, _booking_of(OTHER_SLOT),
        (201, 201, 201, 201, 403, 403, 403, 201, 403, 403, 403, 403),
    ),
    "book-in-another-district": (
        "POST", "/v1/bookings", None, _booking_of(XUHUI_SLOT),
        (201, 201, 201, 201, 403, 403, 403, 403, 403, 403, 403, 201),
    ),
    "read-booking": (
        "GET", f"/v1/bookings/{BOOKING}", None, None,
        (200, 404, 404, 404, 200, 404, 200, 404, 403, 403, 403, 404),
    ),
    "reschedule": (
        "POST", f"/v1/bookings/{BOOKING}/reschedule", None, {"slot_id": str(OTHER_SLOT)},
        (200, 404, 404, 404, 200, 404, 200, 404, 403, 403, 403, 404),
    ),
    "cancel": (
        "DELETE", f"/v1/bookings/{BOOKING}", None, None,
        (200, 404, 404, 404, 200, 404, 200, 404, 403, 403, 403, 404),
    ),
    "hall-bookings": (
        "GET", f"/v1/service-halls/{HALL}/bookings", DAY_PARAMS, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403),
    ),
    "upload-roster": (
        "POST", "/v1/rosters", None, ROSTER,
        (202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "record-opt-out": (
        "POST", "/v1/rosters/opt-outs", None, {"mobile": "138 1234 5678", "channels": ["voice"]},
        (202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "roster-summary": (
        "GET", "/v1/rosters", None, None,
        (200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "preview-campaign": (
        "POST", "/v1/campaigns/preview", None, CAMPAIGN_BODY,
        (200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "create-campaign": (
        "POST", "/v1/campaigns", None, CAMPAIGN_BODY,
        (202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "campaign-progress": (
        "GET", f"/v1/campaigns/{CAMPAIGN}", None, None,
        (200, 404, 404, 404, 200, 404, 200, 404, 404, 404, 404, 404),
    ),
    "cancel-campaign": (
        "DELETE", f"/v1/campaigns/{CAMPAIGN}", None, None,
        (202, 404, 404, 404, 403, 404, 403, 404, 404, 404, 404, 404),
    ),
    "open-posting": (
        "POST", "/v1/postings", None, {**posting_body(), "credit_code": PUDONG_FOOD},
        (202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "revise-posting": (
        "PUT", f"/v1/postings/{POSTING}", None, {**posting_body(), "version": 2},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "fill-posting": (
        "POST", f"/v1/postings/{POSTING}/fill", None, {"version": 2, "filled": 3},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "close-posting": (
        "POST", f"/v1/postings/{POSTING}/close", None, {"version": 2, "reason": "withdrawn"},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "read-posting": (
        "GET", f"/v1/postings/{POSTING}", None, None,
        (200, 404, 403, 403, 200, 404, 200, 200, 200, 404, 403, 404),
    ),
    "own-postings": (
        "GET", "/v1/postings", None, None,
        (200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "held-postings": (
        "GET", "/v1/posting-reviews", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403),
    ),
    "review-posting": (
        "POST", f"/v1/posting-reviews/{POSTING}", None,
        {"version": 1, "decision": "reject", "reason": "以来源地区拒绝劳动者"},
        (403, 403, 403, 403, 202, 404, 202, 403, 403, 403, 403, 403),
    ),
    "demand-list": (
        "GET", "/v1/demand-lists/key_enterprises", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 200, 403, 403, 403, 403),
    ),
    "assign-officer": (
        "PUT", f"/v1/enterprises/{PUDONG_FOOD}/service-officer", None, {"staff_id": "S0008"},
        (403, 403, 403, 403, 202, 403, 202, 403, 403, 403, 403, 403),
    ),
    "key-enterprises": (
        "GET", "/v1/key-enterprises", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403),
    ),
    "officer-enterprises": (
        "GET", "/v1/service-officer/enterprises", None, None,
        (403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403),
    ),
}  # fmt: skip

CASES = [
    pytest.param(endpoint, caller, expected, id=f"{endpoint}-{caller}")
    for endpoint, (*_, statuses) in MATRIX.items()
    for caller, expected in zip(CALLERS, statuses, strict=True)
]


async def _hall_slots_and_booking(gateway: Gateway) -> None:
    for code, name in ((HALL, "浦东新区就业促进中心"), (XUHUI_HALL, "徐汇区就业促进中心")):
        await gateway.register.save_hall(Hall(code, name, "上海市"), "official:city")
    for slot_id, hall, hour in (
        (SLOT, HALL, 9),
        (OTHER_SLOT, HALL, 10),
        (XUHUI_SLOT, XUHUI_HALL, 9),
    ):
        start = datetime.combine(DAY, time(hour), SHANGHAI)
        await gateway.appointments.add_slot(
            Slot(slot_id, hall, start, start + timedelta(minutes=30), 5), "official:city"
        )
    await gateway.appointments.book(
        NewBooking(
            BOOKING,
            SLOT,
            PublicService.UNEMPLOYMENT_REGISTRATION,
            f"enterprise:{PUDONG_FOOD}",
            Person("王芳", "+8613812345678"),
        ),
        datetime.now(UTC),
    )


def _objects_of_pudong(gateway: Gateway) -> None:
    gateway.views.registry[PUDONG_FOOD] = "310115"
    gateway.views.campaign_rows.append(
        {
            "campaign_id": CAMPAIGN,
            "credit_code": PUDONG_FOOD,
            "template": "return_to_work",
            "segments": 2,
            "send_at": datetime(2020, 2, 15, 1, tzinfo=UTC),
            "recipients": 1,
            "cancelled_at": None,
        }
    )
    gateway.views.failure_rows.append(
        {
            "campaign_id": CAMPAIGN,
            "channel": "sms",
            "status": "permanent_failure",
            "reason": "EmptyNumber",
            "phone": "+8613812345678",
        }
    )
    gateway.views.officers[PUDONG_FOOD] = "officer:310115:S0007"
    gateway.views.posting_rows.append(
        {
            "posting_id": POSTING,
            "credit_code": PUDONG_FOOD,
            "version": 1,
            "status": "held",
            "open_vacancies": 0,
            "filled": 0,
            "district_code": "310115",
            "details": posting_body(),
            "findings": [
                {"rule": "region.origin", "field": "description", "matched": "武汉", "reason": "…"}
            ],
            "decisions": [],
            "changed_at": datetime(2020, 2, 17, 1, 0, tzinfo=UTC),
        }
    )
    gateway.views.warning_rows.append(
        {
            "warning_id": WARNING_ID,
            "rule": "fill_rate_falling",
            "week": WEEK,
            "district_code": "310115",
            "industry_section": None,
            "figures": {"fill_rate": 0.2},
            "raised_at": datetime(2020, 2, 17, 4, 1, tzinfo=UTC),
            "status": "open",
            "acknowledged_by": None,
            "acknowledged_at": None,
            "note": None,
        }
    )


@pytest.mark.parametrize(("endpoint", "caller", "expected"), CASES)
async def test_every_principal_against_every_endpoint(
    gateway: Gateway, endpoint: str, caller: str, expected: int
) -> None:
    _objects_of_pudong(gateway)
    await _hall_slots_and_booking(gateway)
    method, path, params, body, _ = MATRIX[endpoint]
    kind, scope = CALLERS[caller]

    key = gateway.key(kind, **scope)
    if isinstance(body, Sheet):
        headers = {**key, "content-type": body.media_type}
        response = await gateway.http.request(method, path, content=body.content, headers=headers)
    else:
        response = await gateway.http.request(method, path, params=params, json=body, headers=key)

    assert response.status_code == expected, response.text
    if expected == 207:
        accepted = response.json()["accepted"]
        assert accepted == len(gateway.publisher.published) == (caller in SHEET_ROW_IN_SCOPE)
        assert "310115" not in response.text or caller in SHEET_ROW_IN_SCOPE
    if expected >= 400:
        assert not gateway.publisher.anything_published
        assert response.headers["content-type"] == "application/problem+json"
        assert "潍坊" not in response.text
        assert "0.2" not in response.text
        assert "王" not in response.text
        assert "13812345678" not in response.text
    if expected == 404:
        assert "310115" not in response.text  # not even where the warning is


BATCHED = {
    "register-enterprise": "enterprise_registration",
    "weekly-report": "weekly_report",
    "register-point": "community_point",
    "community-report": "community_report",
}
BATCH_CASES = [
    pytest.param(endpoint, caller, expected, id=f"batch-{endpoint}-{caller}")
    for endpoint in BATCHED
    for caller, expected in zip(CALLERS, MATRIX[endpoint][-1], strict=True)
]


@pytest.mark.parametrize(("endpoint", "caller", "expected"), BATCH_CASES)
async def test_a_batch_entry_is_allowed_exactly_when_its_single_request_is(
    gateway: Gateway, endpoint: str, caller: str, expected: int
) -> None:
    _objects_of_pudong(gateway)
    _, _, _, body, _ = MATRIX[endpoint]
    kind, scope = CALLERS[caller]
    entry = {"id": "e1", "kind": BATCHED[endpoint], "data": body}

    response = await gateway.http.post(
        "/v1/submissions/batch", json={"entries": [entry]}, headers=gateway.key(kind, **scope)
    )

    assert response.status_code == 207, response.text
    (result,) = response.json()["entries"]
    assert result["status"] == expected
    assert gateway.publisher.anything_published == (expected == 202)
    if expected >= 400:
        assert "潍坊" not in response.text


@pytest.mark.parametrize(
    ("caller", "expected"),
    [(caller, 200 if caller == "operations" else 403) for caller in CALLERS],
)
async def test_where_metrics_need_a_key_only_operations_read_them(
    caller: str, expected: int
) -> None:
    settings = GatewaySettings(_env_file=None, metrics_key_required=True)
    async with gateway_on_fakes(settings) as gateway:
        kind, scope = CALLERS[caller]
        key = gateway.keys.issue_now(Principal(kind, **scope))

        answer = await gateway.admin.get("/metrics", headers={"Authorization": f"Bearer {key}"})
        anonymous = await gateway.admin.get("/metrics")

    assert answer.status_code == expected
    assert anonymous.status_code == 401
    if expected == 200:
        assert "fugong_http_requests" in answer.text or "python_info" in answer.text
