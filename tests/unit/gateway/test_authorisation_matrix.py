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
The table of endpoints and the status each caller gets is authorisation_cases.py, the union of
each service's rows (authorisation_monitoring_rows.py, _notify_rows.py, _matching_rows.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from services.contracts.identifiers import SHANGHAI
from services.gateway.domain.access import Principal
from services.gateway.domain.appointments import NewBooking, Person, Slot
from services.gateway.domain.service_halls import Hall, PublicService
from services.gateway.domain.verification import number_hash
from services.gateway.settings import GatewaySettings
from tests.support.fairs import fair_body
from tests.support.postings import posting_body
from tests.support.seekers import seeker_body
from tests.support.sharing import sharing_rows
from tests.unit.gateway.authorisation_callers import CALLERS, PUDONG_FOOD, SEEKER, Sheet
from tests.unit.gateway.authorisation_cases import BATCH_CASES, BATCHED, CASES, MATRIX
from tests.unit.gateway.authorisation_matching_rows import (
    DECLARATION,
    FAIR,
    POSTING,
    PROPOSAL,
    PUDONG_LENDER,
)
from tests.unit.gateway.authorisation_monitoring_rows import (
    BOOKING,
    DAY,
    HALL,
    OTHER_SLOT,
    SHEET_ROW_IN_SCOPE,
    SLOT,
    WARNING_ID,
    WEEK,
    XUHUI_HALL,
    XUHUI_SLOT,
)
from tests.unit.gateway.authorisation_notify_rows import CAMPAIGN
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes


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
    now = datetime.now(UTC)
    gateway.views.fair_rows.append(
        {
            "fair_id": FAIR, **fair_body(), "organiser_district": "310115",
            "starts_at": now - timedelta(hours=1), "ends_at": now + timedelta(days=1),
            "enterprises": 1, "postings": 0, "registrations": 1,
        }
    )  # fmt: skip
    gateway.views.fair_interest_rows.append(
        {
            "fair_id": FAIR, "posting_id": POSTING, "credit_code": PUDONG_FOOD,
            "registration_id": str(BOOKING), "name": "王芳", "mobile": "+8613812345678",
            "origin_region": "510000", "desired_occupation": "4-02-06-03", "consent": True,
            "expressed_at": now,
        }
    )  # fmt: skip
    declarations, proposal, hint = sharing_rows(
        PUDONG_FOOD, PUDONG_LENDER, DECLARATION, PROPOSAL, district="310115"
    )
    gateway.views.sharing_declaration_rows += declarations
    gateway.views.sharing_proposal_rows.append(proposal)
    gateway.views.hint_rows.append(hint)
    # The seeker registered themselves and proved +8613912345678.
    pepper = gateway.transport.app.state.resources.settings.api_key_pepper  # type: ignore[attr-defined]
    number = number_hash(pepper.get_secret_value().encode(), "+8613912345678")
    gateway.self_registrations.numbers[SEEKER] = number
    gateway.views.seeker_rows.append(
        {
            "seeker_id": SEEKER,
            "active": True,
            "district_code": "310115",
            "occupation_group": "4",
            "profile": {**seeker_body(district_code="310115"), "mobile": None},
            "mobile_masked": "+86139****5678",
            "registered_by": "assistant",
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
