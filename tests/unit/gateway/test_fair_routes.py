"""Online job fairs at the gateway, in-process: a seeker from 四川 registers with no API key and
acts with the fair-scoped key the registration answers; enterprises join only with their own
published postings; contacts are shown in full only to the enterprise concerned, with consent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from services.contracts.topics import FAIRS
from services.gateway.domain.access import PrincipalKind
from services.gateway.settings import GatewaySettings
from tests.support.data import credit_code
from tests.support.fairs import fair_body, registrant_body
from tests.support.postings import posting_body
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes

FAIR = "5e2b7c41-9d3a-4f6e-8b1c-2a7d9e0f4b36"
OTHER_FAIR = "6f3c8d52-0e4b-4a7f-9c2d-3b8e0a1f5c47"
FOOD, SHOP = credit_code(61, "310115"), credit_code(62, "310104")
SORTER = "7d0c8b52-3f1e-5a6b-9c7d-2e4f6a8b0c1d"
HELD = "8e1d9c63-4a2f-4b7c-8d3e-3f5a7b9c1d2e"
IDEMPOTENCY = {"Idempotency-Key": "0d9f5a1e-2b3c-4d5e-8f6a-7b8c9d0e1f2a"}


def _fair(
    gateway: Gateway, fair_id: str = FAIR, *, opens_in: timedelta = -timedelta(hours=1)
) -> None:
    now = datetime.now(UTC)
    gateway.views.fair_rows.append(
        {
            "fair_id": fair_id, **fair_body(), "organiser_district": "310115",
            "starts_at": now + opens_in, "ends_at": now + opens_in + timedelta(hours=8),
            "enterprises": 2, "postings": 1, "registrations": 0,
        }
    )  # fmt: skip


def _postings(gateway: Gateway) -> None:
    for posting_id, status in ((SORTER, "published"), (HELD, "held")):
        gateway.views.posting_rows.append(
            {"posting_id": posting_id, "credit_code": FOOD, "status": status,
             "district_code": "310115", "details": posting_body()}
        )  # fmt: skip
    gateway.views.fair_posting_rows.append(
        {"fair_id": FAIR, "posting_id": SORTER, "credit_code": FOOD, "title": "冷链仓储分拣员",
         "occupation_code": "4-02-06-03", "district_code": "310115", "open_vacancies": 10}
    )  # fmt: skip


def _recorded(gateway: Gateway, registration_id: str, **overrides: Any) -> None:
    body = {**registrant_body(), "mobile": "+8613912345678", **overrides}
    gateway.views.fair_registration_rows.append(
        {**body, "fair_id": FAIR, "registration_id": registration_id,
         "registered_at": datetime.now(UTC), "seeker_id": None}
    )  # fmt: skip


async def _register(gateway: Gateway, **overrides: Any) -> dict[str, Any]:
    response = await gateway.http.post(
        f"/v1/fairs/{FAIR}/registrants", json=registrant_body(**overrides), headers=IDEMPOTENCY
    )
    assert response.status_code == 202, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def test_a_remote_seeker_registers_without_an_api_key_and_a_retry_is_the_same(
    gateway: Gateway,
) -> None:
    _fair(gateway)

    first = await _register(gateway)
    again = await _register(gateway)

    assert again == first
    assert first["registrant_key"].startswith("fgr_")
    event, retried = gateway.published(FAIRS)
    assert retried["id"] == event["id"] == first["event_id"]  # matching records it once
    assert event["type"] == "cn.fugong.matching.fair.seeker-registered.v1"
    assert event["subject"] == FAIR
    assert event["data"]["mobile"] == "+8613912345678"
    assert event["data"]["origin_region"] == "510000"


async def test_a_registrant_key_opens_its_own_registration_at_its_own_fair_only(
    gateway: Gateway,
) -> None:
    _fair(gateway)
    _fair(gateway, OTHER_FAIR)
    answer = await _register(gateway)
    _recorded(gateway, answer["registration_id"])
    key = answer["registrant_key"]

    mine = await gateway.http.get(
        f"/v1/fairs/{FAIR}/registrants/me", headers={"X-Registrant-Key": key}
    )
    elsewhere = await gateway.http.get(
        f"/v1/fairs/{OTHER_FAIR}/registrants/me", headers={"X-Registrant-Key": key}
    )
    forged = await gateway.http.get(
        f"/v1/fairs/{FAIR}/registrants/me", headers={"X-Registrant-Key": key[:-2] + "AA"}
    )

    assert mine.status_code == 200, mine.text
    assert (mine.json()["name"], mine.json()["mobile"]) == ("张伟", "+8613912345678")
    assert elsewhere.status_code == forged.status_code == 401
    assert "张伟" not in elsewhere.text + forged.text


async def test_registration_is_refused_outside_the_window_and_names_a_bad_field_only(
    gateway: Gateway,
) -> None:
    _fair(gateway, opens_in=timedelta(days=1))

    early = await gateway.http.post(f"/v1/fairs/{FAIR}/registrants", json=registrant_body())
    bad = await gateway.http.post(
        f"/v1/fairs/{FAIR}/registrants", json=registrant_body(mobile="021 6888 0000")
    )

    assert early.status_code == 409
    assert "is not open" in early.json()["detail"]
    assert bad.status_code == 422
    assert [p["field"] for p in bad.json()["problems"]] == ["mobile"]
    assert "6888" not in bad.text
    assert not gateway.publisher.anything_published


async def test_interest_is_taken_in_the_fairs_postings_once_the_registration_is_recorded(
    gateway: Gateway,
) -> None:
    _fair(gateway)
    _postings(gateway)
    answer = await _register(gateway)
    key = {"X-Registrant-Key": answer["registrant_key"]}
    path = f"/v1/fairs/{FAIR}/registrants/me/interests"

    too_soon = await gateway.http.post(path, json={"posting_id": SORTER}, headers=key)
    _recorded(gateway, answer["registration_id"])
    not_shown = await gateway.http.post(path, json={"posting_id": HELD}, headers=key)
    marked = await gateway.http.post(path, json={"posting_id": SORTER}, headers=key)

    assert too_soon.status_code == 404
    assert "not recorded (yet)" in too_soon.json()["detail"]
    assert not_shown.status_code == 404
    assert marked.status_code == 202, marked.text
    interest = gateway.published(FAIRS)[-1]
    assert interest["type"] == "cn.fugong.matching.fair.interest-expressed.v1"
    assert interest["data"] == {
        "fair_id": FAIR,
        "registration_id": answer["registration_id"],
        "posting_id": SORTER,
    }


async def test_an_enterprise_joins_with_its_own_published_postings_only(gateway: Gateway) -> None:
    _fair(gateway)
    _postings(gateway)
    food = gateway.key(PrincipalKind.ENTERPRISE, credit_code=FOOD)
    shop = gateway.key(PrincipalKind.ENTERPRISE, credit_code=SHOP)
    official = gateway.key(PrincipalKind.OFFICIAL, district_code="310115")

    held = await gateway.http.put(
        f"/v1/fairs/{FAIR}/enterprises/{FOOD}", json={"posting_ids": [HELD]}, headers=food
    )
    not_theirs = await gateway.http.put(
        f"/v1/fairs/{FAIR}/enterprises/{SHOP}", json={"posting_ids": [SORTER]}, headers=shop
    )
    for_them = await gateway.http.put(
        f"/v1/fairs/{FAIR}/enterprises/{FOOD}", json={"posting_ids": [SORTER]}, headers=official
    )
    joined = await gateway.http.put(
        f"/v1/fairs/{FAIR}/enterprises/{FOOD}",
        json={"posting_ids": [SORTER, SORTER]},
        headers=food,
    )

    assert held.status_code == 409
    assert "only published postings" in held.json()["detail"]
    assert not_theirs.status_code == 404
    assert for_them.status_code == 403
    assert joined.status_code == 202, joined.text
    (event,) = gateway.published(FAIRS)
    assert event["data"]["posting_ids"] == [SORTER]
    assert event["data"]["joined_by"] == f"enterprise:{FOOD}"


async def test_contacts_are_in_full_for_the_enterprise_with_consent_and_masked_otherwise(
    gateway: Gateway,
) -> None:
    _fair(gateway)
    now = datetime.now(UTC)
    for registration, name, mobile, consent in (
        ("a1b2c3d4-0000-4000-8000-000000000001", "张伟", "+8613912345678", True),
        ("a1b2c3d4-0000-4000-8000-000000000002", "古丽娜", "+8613812345678", False),
    ):
        gateway.views.fair_interest_rows.append(
            {"fair_id": FAIR, "posting_id": SORTER, "credit_code": FOOD,
             "registration_id": registration, "name": name, "mobile": mobile,
             "origin_region": "653100", "desired_occupation": "4-02-06-03",
             "consent": consent, "expressed_at": now}
        )  # fmt: skip
    food = gateway.key(PrincipalKind.ENTERPRISE, credit_code=FOOD)
    shop = gateway.key(PrincipalKind.ENTERPRISE, credit_code=SHOP)
    official = gateway.key(PrincipalKind.OFFICIAL, district_code="310115")

    def people(response: Any) -> list[tuple[str, str]]:
        return [(i["name"], i["mobile"]) for i in response.json()["interests"]]

    path = f"/v1/fairs/{FAIR}/interests"
    assert people(await gateway.http.get(path, headers=food)) == [
        ("张伟", "+8613912345678"),
        ("古**", "+86138****5678"),
    ]
    assert people(await gateway.http.get(path, headers=official)) == [
        ("张*", "+86139****5678"),
        ("古**", "+86138****5678"),
    ]
    assert people(await gateway.http.get(path, headers=shop)) == []


async def test_organisers_read_the_figures_by_posting_enterprise_and_origin(
    gateway: Gateway,
) -> None:
    _fair(gateway)
    gateway.views.fair_count_rows.extend(
        [
            {"fair_id": FAIR, "dimension": "origin_region", "value": "510000",
             "registrations": 3, "interests": 5},
            {"fair_id": FAIR, "dimension": "posting", "value": SORTER,
             "registrations": 0, "interests": 5},
            {"fair_id": FAIR, "dimension": "enterprise", "value": FOOD,
             "registrations": 0, "interests": 5},
        ]
    )  # fmt: skip
    city = gateway.key(PrincipalKind.OFFICIAL)

    counts = (await gateway.http.get(f"/v1/fairs/{FAIR}/counts", headers=city)).json()

    assert counts["by_origin_region"] == [{"value": "510000", "registrations": 3, "interests": 5}]
    assert counts["by_posting"] == [{"value": SORTER, "registrations": 0, "interests": 5}]
    assert counts["by_enterprise"] == [{"value": FOOD, "registrations": 0, "interests": 5}]


async def test_the_open_registration_is_rate_limited_per_client_address() -> None:
    settings = GatewaySettings(_env_file=None, rate_limit_burst=2, rate_limit_per_second=0.01)
    async with gateway_on_fakes(settings) as gateway:
        _fair(gateway)
        answers = [
            await gateway.http.post(f"/v1/fairs/{FAIR}/registrants", json=registrant_body())
            for _ in range(3)
        ]

        assert [a.status_code for a in answers] == [202, 202, 429]
        assert "from this address" in answers[2].json()["detail"]
        assert int(answers[2].headers["Retry-After"]) >= 1


async def test_a_fair_that_has_already_ended_is_not_scheduled(gateway: Gateway) -> None:
    official = gateway.key(PrincipalKind.OFFICIAL, district_code="310115")

    past = await gateway.http.post("/v1/fairs", json=fair_body(), headers=official)  # in 2020

    assert past.status_code == 422
    assert [p["field"] for p in past.json()["problems"]] == ["ends_at"]
    assert not gateway.publisher.anything_published
