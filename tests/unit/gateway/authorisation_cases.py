"""The authorisation matrix's table: who calls (`CALLERS`), what each endpoint is asked
(`MATRIX`: method, path, query, body) and the status each caller gets, in `CALLERS`' order.
The objects the table names belong to 浦东新区 (310115); test_authorisation_matrix.py puts
them in place and runs every case. The last caller is a job seeker of 浦东新区 (their own key);
anyone may register themselves."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

from services.contracts.identifiers import SHANGHAI
from services.gateway.domain.access import PrincipalKind
from services.gateway.domain.spreadsheets import CSV_MEDIA_TYPE
from tests.support.data import credit_code, registration, weekly_report
from tests.support.fairs import registrant_body, upcoming_fair_body
from tests.support.postings import posting_body
from tests.support.seekers import seeker_body
from tests.support.sharing import declaration_id, shortage_body, surplus_body
from tests.support.sheets import csv_of, row_of

PUDONG_FOOD = credit_code(1, "310115")
XUHUI_SHOP = credit_code(3, "310104")
WEIFANG, NANJING_EAST = "310115004", "310101002"
WARNING_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "matrix/fill_rate_falling/310115"))
WEEK = "2020-W07"
SEEKER = "3b8f2c1d-6e4a-5b7c-8d9e-0f1a2b3c4d5e"  # a job seeker of 浦东新区

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
    "job-seeker": (PrincipalKind.JOB_SEEKER, {"seeker_id": SEEKER}),
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
PUDONG_LENDER = credit_code(5, "310115")
DECLARATION = declaration_id(1)
PROPOSAL = "8e2f4a6b-0c1d-5e3f-9a7b-1c3d5e7f9a0b"
PUDONG = {"district": "310115"}
FAIR = "5e2b7c41-9d3a-4f6e-8b1c-2a7d9e0f4b36"  # 浦东新区's, open now

# endpoint: (method, path, params, body, status for each caller in CALLERS' order)
MATRIX: dict[str, tuple[str, str, dict[str, str] | None, Any, tuple[int, ...]]] = {
    "register-enterprise": (
        "POST", "/v1/enterprises", None, {**registration(PUDONG_FOOD), "monitoring_roles": []},
        (202, 403, 403, 403, 202, 403, 202, 403, 403, 403, 403, 403, 403),
    ),
    "weekly-report": (
        "POST", "/v1/weekly-reports", None, weekly_report(PUDONG_FOOD),
        (202, 403, 403, 403, 202, 403, 202, 403, 403, 403, 403, 403, 403),
    ),
    "read-weekly-reports": (
        "GET", f"/v1/enterprises/{PUDONG_FOOD}/weekly-reports", None, None,
        (200, 403, 403, 403, 200, 403, 200, 403, 200, 403, 403, 403, 403),
    ),
    "register-point": (
        "POST", "/v1/community-points", None, {"town_code": WEIFANG, "name": "潍坊新村街道"},
        (403, 403, 403, 403, 202, 403, 202, 403, 403, 403, 403, 403, 403),
    ),
    "community-report": (
        "POST", "/v1/community-reports", None, POINT_REPORT,
        (403, 403, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "indicators": (
        "GET", "/v1/indicators", DISTRICT, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "return-to-work": (
        "GET", "/v1/indicators/return-to-work", DISTRICT, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "job-seeker-ratio": (
        "GET", "/v1/indicators/job-seeker-ratio", PUDONG, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "compliance": (
        "GET", "/v1/compliance", DISTRICT, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "warnings": (
        "GET", "/v1/warnings", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "audit": (
        "GET", "/v1/audit", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "acknowledge": (
        "POST", f"/v1/warnings/{WARNING_ID}/acknowledgement", None, {"note": "已处理"},
        (403, 403, 403, 403, 202, 404, 202, 403, 403, 403, 403, 403, 403),
    ),
    "sheet-template-xlsx": (
        "GET", "/v1/weekly-reports/template.xlsx", None, None,
        (200, 200, 403, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    ),
    "sheet-template-csv": (
        "GET", "/v1/weekly-reports/template.csv", None, None,
        (200, 200, 403, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    ),
    "sheet-upload": (
        "POST", "/v1/weekly-reports/upload", None,
        Sheet(csv_of([row_of(weekly_report(PUDONG_FOOD))]), CSV_MEDIA_TYPE),
        (207, 207, 403, 403, 207, 207, 207, 403, 403, 403, 403, 403, 403),
    ),
    "save-hall": (
        "PUT", "/v1/service-halls/310115-002", None, HALL_BODY,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "halls": (
        "GET", "/v1/service-halls", {"district": "310115"}, None,
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200),
    ),
    "open-slot": (
        "POST", f"/v1/service-halls/{HALL}/slots", None, SLOT_BODY,
        (403, 403, 403, 403, 201, 403, 201, 403, 403, 403, 403, 403, 403),
    ),
    "set-status": (
        "PUT", f"/v1/service-halls/{HALL}/services/skills_training/status", None, STATUS_BODY,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "service-status": (
        "GET", "/v1/service-status", {"district": "310115"}, None,
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200),
    ),
    "status-history": (
        "GET", f"/v1/service-halls/{HALL}/status-history", None, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "slots": (
        "GET", f"/v1/service-halls/{HALL}/slots", DAY_PARAMS, None,
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200),
    ),
    "book": (
        "POST", "/v1/bookings", None, _booking_of(OTHER_SLOT),
        (201, 201, 201, 201, 403, 403, 403, 201, 403, 403, 403, 403, 403),
    ),
    "book-in-another-district": (
        "POST", "/v1/bookings", None, _booking_of(XUHUI_SLOT),
        (201, 201, 201, 201, 403, 403, 403, 403, 403, 403, 403, 201, 403),
    ),
    "read-booking": (
        "GET", f"/v1/bookings/{BOOKING}", None, None,
        (200, 404, 404, 404, 200, 404, 200, 404, 403, 403, 403, 404, 403),
    ),
    "reschedule": (
        "POST", f"/v1/bookings/{BOOKING}/reschedule", None, {"slot_id": str(OTHER_SLOT)},
        (200, 404, 404, 404, 200, 404, 200, 404, 403, 403, 403, 404, 403),
    ),
    "cancel": (
        "DELETE", f"/v1/bookings/{BOOKING}", None, None,
        (200, 404, 404, 404, 200, 404, 200, 404, 403, 403, 403, 404, 403),
    ),
    "hall-bookings": (
        "GET", f"/v1/service-halls/{HALL}/bookings", DAY_PARAMS, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "upload-roster": (
        "POST", "/v1/rosters", None, ROSTER,
        (202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "record-opt-out": (
        "POST", "/v1/rosters/opt-outs", None, {"mobile": "138 1234 5678", "channels": ["voice"]},
        (202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "record-opt-in": (
        "POST", "/v1/rosters/opt-ins", None,
        {
            "mobile": "138 1234 5678", "channels": ["voice"],
            "consent": {"method": "written", "given_at": "2020-02-14T10:30:00+08:00"},
        },
        (202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "roster-summary": (
        "GET", "/v1/rosters", None, None,
        (200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "preview-campaign": (
        "POST", "/v1/campaigns/preview", None, CAMPAIGN_BODY,
        (200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "create-campaign": (
        "POST", "/v1/campaigns", None, CAMPAIGN_BODY,
        (202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "campaign-progress": (
        "GET", f"/v1/campaigns/{CAMPAIGN}", None, None,
        (200, 404, 404, 404, 200, 404, 200, 404, 404, 404, 404, 404, 404),
    ),
    "cancel-campaign": (
        "DELETE", f"/v1/campaigns/{CAMPAIGN}", None, None,
        (202, 404, 404, 404, 403, 404, 403, 404, 404, 404, 404, 404, 404),
    ),
    "open-posting": (
        "POST", "/v1/postings", None, {**posting_body(), "credit_code": PUDONG_FOOD},
        (202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "revise-posting": (
        "PUT", f"/v1/postings/{POSTING}", None, {**posting_body(), "version": 2},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "fill-posting": (
        "POST", f"/v1/postings/{POSTING}/fill", None, {"version": 2, "filled": 3},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "close-posting": (
        "POST", f"/v1/postings/{POSTING}/close", None, {"version": 2, "reason": "withdrawn"},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "read-posting": (
        "GET", f"/v1/postings/{POSTING}", None, None,
        (200, 404, 403, 403, 200, 404, 200, 200, 200, 404, 403, 404, 403),
    ),
    "own-postings": (
        "GET", "/v1/postings", None, None,
        (200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "held-postings": (
        "GET", "/v1/posting-reviews", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "review-posting": (
        "POST", f"/v1/posting-reviews/{POSTING}", None,
        {"version": 1, "decision": "reject", "reason": "以来源地区拒绝劳动者"},
        (403, 403, 403, 403, 202, 404, 202, 403, 403, 403, 403, 403, 403),
    ),
    "demand-list": (
        "GET", "/v1/demand-lists/key_enterprises", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 200, 403, 403, 403, 403, 403),
    ),
    "assign-officer": (
        "PUT", f"/v1/enterprises/{PUDONG_FOOD}/service-officer", None, {"staff_id": "S0008"},
        (403, 403, 403, 403, 202, 403, 202, 403, 403, 403, 403, 403, 403),
    ),
    "key-enterprises": (
        "GET", "/v1/key-enterprises", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "schedule-fair": (
        "POST", "/v1/fairs", None, upcoming_fair_body(),
        (403, 403, 403, 403, 202, 202, 202, 403, 403, 403, 403, 403, 403),
    ),
    "fairs": (
        "GET", "/v1/fairs", None, None,
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200),
    ),
    "read-fair": (
        "GET", f"/v1/fairs/{FAIR}", None, None,
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200),
    ),
    "join-fair": (
        "PUT", f"/v1/fairs/{FAIR}/enterprises/{PUDONG_FOOD}", None, {"posting_ids": []},
        (202, 403, 403, 403, 202, 403, 202, 403, 403, 403, 403, 403, 403),
    ),
    "fair-interests": (
        "GET", f"/v1/fairs/{FAIR}/interests", None, None,
        (200, 200, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "fair-counts": (
        "GET", f"/v1/fairs/{FAIR}/counts", None, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    # Seekers register with no API key; an API key is no registrant key.
    "register-for-fair": (
        "POST", f"/v1/fairs/{FAIR}/registrants", None, registrant_body(),
        (202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202),
    ),
    "registrant-reads": (
        "GET", f"/v1/fairs/{FAIR}/registrants/me", None, None,
        (401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
    ),
    "officer-enterprises": (
        "GET", "/v1/service-officer/enterprises", None, None,
        (403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403, 403),
    ),
    "register-seeker": (
        "POST", "/v1/job-seekers", None, seeker_body(district_code="310115"),
        (403, 403, 403, 403, 403, 403, 403, 202, 403, 403, 403, 403, 403),
    ),
    "self-registration": (
        "POST", "/v1/job-seekers/self-registration", None, seeker_body(district_code="310115"),
        (201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201),
    ),
    "read-seeker": (
        "GET", f"/v1/job-seekers/{SEEKER}", None, None,
        (403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 404, 200),
    ),
    "update-seeker": (
        "PUT", f"/v1/job-seekers/{SEEKER}", None, seeker_body(district_code="310115"),
        (403, 403, 403, 403, 403, 403, 403, 202, 403, 403, 403, 404, 202),
    ),
    "withdraw-seeker": (
        "POST", f"/v1/job-seekers/{SEEKER}/withdrawal", None, {"reason": "已就业"},
        (403, 403, 403, 403, 403, 403, 403, 202, 403, 403, 403, 404, 202),
    ),
    "district-seekers": (
        "GET", "/v1/job-seekers", {"district": "310115"}, None,
        (403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403),
    ),
    "seeker-recommendations": (
        "GET", f"/v1/job-seekers/{SEEKER}/recommendations", None, None,
        (403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 404, 200),
    ),
    "posting-recommendations": (
        "GET", f"/v1/postings/{POSTING}/recommendations", None, None,
        (403, 403, 403, 403, 403, 403, 403, 200, 200, 404, 403, 404, 403),
    ),
    "declare-surplus": (
        "POST", "/v1/sharing/surplus", None, {**surplus_body(), "credit_code": PUDONG_FOOD},
        (202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "declare-shortage": (
        "POST", "/v1/sharing/shortages", None, {**shortage_body(), "credit_code": PUDONG_FOOD},
        (202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "close-declaration": (
        "POST", f"/v1/sharing/declarations/{DECLARATION}/close", None, {"reason": "withdrawn"},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "sharing-declarations": (
        "GET", "/v1/sharing/declarations", PUDONG, None,
        (200, 200, 403, 403, 200, 403, 200, 200, 200, 200, 403, 403, 403),
    ),
    "sharing-proposals": (
        "GET", "/v1/sharing/proposals", PUDONG, None,
        (200, 200, 403, 403, 200, 403, 200, 200, 200, 200, 403, 403, 403),
    ),
    "read-proposal": (
        "GET", f"/v1/sharing/proposals/{PROPOSAL}", None, None,
        (200, 404, 403, 403, 200, 404, 200, 200, 200, 404, 403, 404, 403),
    ),
    "answer-proposal": (
        "POST", f"/v1/sharing/proposals/{PROPOSAL}/answer", None, {"answer": "accept"},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
}  # fmt: skip

CASES = [
    pytest.param(endpoint, caller, expected, id=f"{endpoint}-{caller}")
    for endpoint, (*_, statuses) in MATRIX.items()
    for caller, expected in zip(CALLERS, statuses, strict=True)
]


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
