"""The officials' console in-process on the fakes: sign-in and sessions, CSRF, scope, the
figures shown against the API's, reminders, acknowledgements and downloads."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import pytest_asyncio
from openpyxl import load_workbook

from services.contracts.topics import NOTIFY_REQUESTS, WARNING_ACKNOWLEDGEMENTS
from services.gateway.adapters.memory_sessions import InMemoryConsoleSessions
from services.gateway.console.security import SESSION_COOKIE
from services.gateway.console.tables import Column, Kind, Table, as_csv, as_xlsx
from services.gateway.domain.access import PrincipalKind
from services.gateway.settings import GatewaySettings
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes
from tests.unit.gateway.console_forms import csrf_token, official, sign_in

PUDONG, MINHANG = "310115", "310112"
WEEK, EARLIER = "2020-W08", "2020-W07"
WARNING_ID = "0f3c5f8e-7a52-5b44-9c1d-2f1e3b4a5c6d"


def _row(week: str, district: str | None, section: str | None, rate: float) -> dict[str, Any]:
    scope = "cell" if district and section else "district" if district else "section"
    return {
        "week": week,
        "scope": "city" if not district and not section else scope,
        "district_code": district,
        "industry_section": section,
        "enterprises_expected": 10,
        "enterprises_reporting": 8,
        "return_rate": rate,
        "resumption_rate": rate + 0.1,
        "staffing_gap": int(rate * 1000),
        "fill_rate": rate / 2,
        "separation_rate": 0.01,
        "return_rate_change": 0.05 if week == WEEK else None,
    }


def _figures() -> list[dict[str, Any]]:
    rows = []
    for week, shift in ((EARLIER, 0.0), (WEEK, 0.05)):
        rows += [
            _row(week, None, None, 0.5 + shift),
            _row(week, PUDONG, None, 0.6 + shift),
            _row(week, MINHANG, None, 0.4 + shift),
            _row(week, None, "C", 0.55 + shift),
            _row(week, PUDONG, "C", 0.65 + shift),
            _row(week, MINHANG, "C", 0.45 + shift),
        ]
    return rows


def _compliance(code: str, district: str, status: str) -> dict[str, Any]:
    return {
        "week": WEEK,
        "credit_code": code,
        "name": "上海浦江精密机械有限公司",
        "district_code": district,
        "industry_section": "C",
        "status": status,
        "reported_at": None,
        "deadline": datetime(2020, 2, 24, 4, tzinfo=UTC),
        "reminded": False,
    }


@pytest_asyncio.fixture
async def console() -> AsyncIterator[Gateway]:
    async with gateway_on_fakes(GatewaySettings(_env_file=None)) as gateway:
        app: Any = gateway.transport.app
        app.state.console_sessions = InMemoryConsoleSessions(gateway.keys)
        gateway.views.indicator_rows += _figures()
        gateway.views.compliance_rows += [
            _compliance("91310115MA1FL5LX2W", PUDONG, "missing"),
            _compliance("91310115MA1H7XQB3K", PUDONG, "late"),
            _compliance("91310112MA1GB2RT4N", MINHANG, "missing"),
        ]
        gateway.views.compliance_summary_rows += [
            {"week": WEEK, "district_code": None, "expected": 3, "on_time": 0, "late": 1,
             "missing": 2, "reminded": 0},
            {"week": WEEK, "district_code": PUDONG, "expected": 2, "on_time": 0, "late": 1,
             "missing": 1, "reminded": 0},
        ]  # fmt: skip
        yield gateway


async def test_an_official_signs_in_and_the_browser_holds_a_session_id_never_the_key(
    console: Gateway,
) -> None:
    key = official(console)
    answer = await sign_in(console.http, key)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/overview"
    cookie = next(
        c for c in answer.headers.get_list("set-cookie") if c.startswith(f"{SESSION_COOKIE}=")
    )
    assert key not in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    assert "Path=/console" in cookie
    assert "Secure" not in cookie  # plain http in this test; https sets it
    page = await console.http.get("/console/overview")
    assert page.status_code == 200
    assert '<html lang="zh-CN">' in page.text
    assert key not in page.text


async def test_a_wrong_key_and_a_key_that_is_not_an_officials_are_refused(
    console: Gateway,
) -> None:
    enterprise = console.key(PrincipalKind.ENTERPRISE, credit_code="91310115MA1FL5LX2W")
    for key in ("fg_not-a-key", enterprise["X-API-Key"]):
        answer = await sign_in(console.http, key)
        assert answer.status_code == 401
        assert "密钥无效" in answer.text
        cookies = answer.headers.get_list("set-cookie")
        assert not any(c.startswith(f"{SESSION_COOKIE}=") for c in cookies)
        assert (await console.http.get("/console/overview")).status_code == 303


async def test_a_form_without_its_csrf_token_is_refused(console: Gateway) -> None:
    refused = await console.http.post(
        "/console/sign-in", data={"api_key": official(console), "csrf_token": "forged"}
    )
    assert refused.status_code == 400
    await sign_in(console.http, official(console))
    forged = await console.http.post(
        "/console/compliance/reminders",
        data={"week": WEEK, "request_id": "5b0c8a36-4b5e-4a53-9f2a-7c6d2a1e9b10",
              "csrf_token": "forged"},
    )  # fmt: skip
    assert forged.status_code == 400
    assert console.published(NOTIFY_REQUESTS) == []


async def test_sign_out_idle_expiry_and_a_revoked_key_end_the_session(console: Gateway) -> None:
    key = official(console)
    await sign_in(console.http, key)
    page = await console.http.get("/console/overview")
    out = await console.http.post("/console/sign-out", data={"csrf_token": csrf_token(page.text)})
    assert out.headers["location"] == "/console/sign-in"
    assert (await console.http.get("/console/overview")).status_code == 303

    await sign_in(console.http, key)
    sessions: InMemoryConsoleSessions = console.transport.app.state.console_sessions  # type: ignore[attr-defined]
    for held in sessions.held.values():
        held.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    assert (await console.http.get("/console/overview")).status_code == 303

    await sign_in(console.http, key)
    await console.keys.revoke(key)
    assert (await console.http.get("/console/overview")).status_code == 303


async def test_the_overview_shows_the_apis_figures_and_a_district_only_its_own(
    console: Gateway,
) -> None:
    city = official(console)
    api = (await console.http.get("/v1/indicators", params={"week": WEEK},
                                  headers={"X-API-Key": city})).json()  # fmt: skip
    await sign_in(console.http, city)
    page = (await console.http.get(f"/console/overview?week={WEEK}")).text
    shown = re.search(r'data-indicator="return_rate">.*?data-value="([^"]+)"', page, re.S)
    assert shown
    assert float(shown.group(1)) == api["total"]["return_rate"]
    assert "浦东新区" in page
    assert "闵行区" in page
    assert '"weeks": ["2020-W07", "2020-W08"]' in page

    console.http.cookies.clear()
    await sign_in(console.http, official(console, PUDONG))
    district_page = (await console.http.get(f"/console/overview?week={WEEK}")).text
    shown = re.search(r'data-indicator="return_rate">.*?data-value="([^"]+)"', district_page, re.S)
    assert shown
    assert float(shown.group(1)) == pytest.approx(0.65)
    assert "闵行区" not in district_page
    assert 'data-table="by-district"' not in district_page


async def test_the_reminder_button_asks_notify_once_per_missing_enterprise_in_scope(
    console: Gateway,
) -> None:
    await sign_in(console.http, official(console, PUDONG))
    page = (await console.http.get(f"/console/compliance?week={WEEK}")).text
    request_id = re.search(r'name="request_id" value="([^"]+)"', page)
    assert request_id
    form = {"week": WEEK, "request_id": request_id.group(1), "csrf_token": csrf_token(page)}
    for _ in range(2):  # a double click is one reminder per enterprise
        sent = await console.http.post("/console/compliance/reminders", data=form)
        assert sent.headers["location"] == f"/console/compliance?week={WEEK}&sent=1"
    requests = console.published(NOTIFY_REQUESTS)
    assert {r["id"] for r in requests} == {requests[0]["id"]}
    assert requests[0]["data"]["recipient"] == "91310115MA1FL5LX2W"
    assert requests[0]["data"]["template"] == "weekly_report_reminder"
    assert requests[0]["data"]["parameters"]["week"] == WEEK


async def test_an_official_acknowledges_a_warning_from_the_page(console: Gateway) -> None:
    console.views.warning_rows.append(
        {"warning_id": WARNING_ID, "rule": "fill_rate_falling", "week": EARLIER,
         "district_code": PUDONG, "industry_section": None,
         "figures": {"fill_rate": 0.2, "fill_rate_change": -0.3},
         "raised_at": datetime(2020, 2, 17, 4, 1, tzinfo=UTC), "status": "open",
         "acknowledged_by": None, "acknowledged_at": None, "note": None}
    )  # fmt: skip
    await sign_in(console.http, official(console, PUDONG))
    page = (await console.http.get("/console/warnings")).text
    assert "招聘满足率 20.00%；招聘满足率较上周 -30.00 个百分点" in page
    assert "招聘满足率较上周明显下降" in page
    request_id = re.search(r'name="request_id" value="([^"]+)"', page)
    assert request_id
    answer = await console.http.post(
        f"/console/warnings/{WARNING_ID}/acknowledgement",
        data={"csrf_token": csrf_token(page), "request_id": request_id.group(1), "note": "已处理"},
    )
    assert answer.status_code == 303
    [acknowledgement] = console.published(WARNING_ACKNOWLEDGEMENTS)
    assert acknowledgement["data"]["note"] == "已处理"
    assert acknowledgement["data"]["acknowledged_by"] == "official:310115"


async def test_every_table_downloads_as_csv_and_excel_with_the_shown_values(
    console: Gateway,
) -> None:
    await sign_in(console.http, official(console))
    as_csv = await console.http.get(f"/console/overview/tables/by-district.csv?week={WEEK}")
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["区", "报送企业数", "返岗率"]
    assert {r[0]: float(r[2]) for r in rows[1:]} == {"浦东新区": 0.65, "闵行区": 0.45}
    as_xlsx = await console.http.get(f"/console/overview/tables/by-district.xlsx?week={WEEK}")
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet is not None
    assert [c.value for c in sheet[2]][:3] == ["浦东新区", 8, 0.65]
    missing = await console.http.get(f"/console/compliance/tables/late-or-missing.csv?week={WEEK}")
    assert "91310112MA1GB2RT4N" in missing.text
    unknown = await console.http.get(f"/console/overview/tables/nothing.csv?week={WEEK}")
    assert unknown.status_code == 404


async def test_pages_run_no_inline_script_under_a_strict_policy(console: Gateway) -> None:
    await sign_in(console.http, official(console))
    for page in ("overview", "compliance", "warnings", "posters"):
        answer = await console.http.get(f"/console/{page}")
        assert answer.status_code == 200, page
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self';" in policy
        assert answer.headers["cache-control"] == "no-store"
        for script in re.findall(r"<script[^>]*>", answer.text):
            assert 'src="' in script or 'type="application/json"' in script, script


def test_downloads_keep_text_that_looks_like_a_formula_as_text() -> None:
    table = Table(
        "late-or-missing",
        "逾期与未报送企业",
        (Column("name", "企业名称"), Column("missing", "未报", Kind.COUNT)),
        [{"name": '=HYPERLINK("http://example.com","点此")', "missing": -1}],
    )
    rows = list(csv.reader(io.StringIO(as_csv(table).decode("utf-8-sig"))))
    assert rows[1] == ['\'=HYPERLINK("http://example.com","点此")', "-1"]
    sheet = load_workbook(io.BytesIO(as_xlsx(table))).active
    assert sheet is not None
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -1


async def test_a_stalled_return_warning_reads_in_chinese_with_each_weeks_change(
    console: Gateway,
) -> None:
    console.views.warning_rows.append(
        {"warning_id": WARNING_ID, "rule": "return_stalled", "week": WEEK,
         "district_code": PUDONG, "industry_section": "C",
         "figures": {"return_rate": 0.61, "return_rate_change_0_weeks_ago": 0.004,
                     "return_rate_change_1_weeks_ago": -0.01},
         "raised_at": datetime(2020, 2, 24, 4, 1, tzinfo=UTC), "status": "open",
         "acknowledged_by": None, "acknowledged_at": None, "note": None}
    )  # fmt: skip
    await sign_in(console.http, official(console, PUDONG))
    page = (await console.http.get("/console/warnings")).text
    assert "返岗率低于目标且连续数周几乎没有回升" in page
    assert (
        "返岗率 61.00%；返岗率本周较前一周 +0.40 个百分点；返岗率1周前较前一周 -1.00 个百分点"
    ) in page
    assert "C 制造业" in page
    assert "2020-02-24 12:01" in page  # Shanghai time
