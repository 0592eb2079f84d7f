"""The authorisation matrix's rows for monitoring and the gateway's own endpoints: enterprises and
their weekly reports, community points, indicators, warnings, audit, report sheets, service halls
and bookings. The service hall 310115-001 has two slots and the enterprise's booking in one;
a slot at 徐汇区's hall stands for another district's ids in bodies."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from services.contracts.identifiers import SHANGHAI
from services.gateway.domain.spreadsheets import CSV_MEDIA_TYPE
from tests.support.data import registration, weekly_report
from tests.support.sheets import csv_of, row_of
from tests.unit.gateway.authorisation_callers import PUDONG, PUDONG_FOOD, WEIFANG, Row, Sheet

WARNING_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "matrix/fill_rate_falling/310115"))
WEEK = "2020-W07"
SHEET_ROW_IN_SCOPE = frozenset({"enterprise", "official", "city"})

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

MONITORING_ROWS: dict[str, Row] = {
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
}  # fmt: skip
