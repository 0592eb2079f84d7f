"""The service-status and appointment routes in-process on the fakes: what is answered, masked,
refused, and announced through notify."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from services.contracts.identifiers import SHANGHAI
from services.contracts.topics import NOTIFY_REQUESTS
from services.gateway.domain.access import PrincipalKind
from services.gateway.domain.appointments import Slot
from services.gateway.domain.service_halls import Hall
from tests.support.data import credit_code
from tests.unit.gateway.conftest import Gateway

PUDONG_FOOD = credit_code(1, "310115")
HALL = Hall("310115-001", "浦东新区就业促进中心", "上海市浦东新区合欢路2号")
DAY = date.today() + timedelta(days=7)


def _at(hour: int) -> datetime:
    return datetime.combine(DAY, time(hour), SHANGHAI)


async def _hall_with_slots(gateway: Gateway, *capacities: int) -> list[Slot]:
    await gateway.register.save_hall(HALL, "official:310115")
    slots = [
        Slot(uuid.uuid4(), HALL.code, _at(9 + n), _at(9 + n) + timedelta(minutes=30), c)
        for n, c in enumerate(capacities)
    ]
    for slot in slots:
        await gateway.appointments.add_slot(slot, "official:310115")
    return slots


def _booking(
    slot: Slot, mobile: str = "13812345678", service: str = "skills_assessment"
) -> dict[str, object]:
    return {
        "slot_id": str(slot.slot_id),
        "service": service,
        "person": {"name": "王芳", "mobile": mobile},
    }


async def test_an_official_opens_a_hall_and_a_slot_and_anyone_sees_its_places(
    gateway: Gateway,
) -> None:
    pudong = gateway.key(PrincipalKind.OFFICIAL, district_code="310115")
    point = gateway.key(PrincipalKind.COMMUNITY_POINT, town_code="310115004")
    hall = {"name": HALL.name, "address": HALL.address, "opens_at": "08:30", "closes_at": "17:00"}

    saved = await gateway.http.put("/v1/service-halls/310115-001", json=hall, headers=pudong)
    slot = {"starts_at": _at(9).isoformat(), "ends_at": _at(10).isoformat(), "capacity": 12}
    opened = await gateway.http.post(
        "/v1/service-halls/310115-001/slots", json=slot, headers=pudong
    )
    again = await gateway.http.post("/v1/service-halls/310115-001/slots", json=slot, headers=pudong)
    listed = await gateway.http.get(
        "/v1/service-halls/310115-001/slots",
        params={"date": DAY.isoformat(), "service": "unemployment_registration"},
        headers=point,
    )

    assert saved.json()["district_name"] == "浦东新区"
    assert (opened.status_code, again.status_code) == (201, 409)
    body = listed.json()
    assert [(s["capacity"], s["remaining"]) for s in body["slots"]] == [(12, 12)]
    assert body["online_alternative"]["channel"] == "一网通办"


async def test_a_slot_outside_opening_hours_is_refused_naming_the_hours(gateway: Gateway) -> None:
    await gateway.register.save_hall(HALL, "official:310115")
    evening = {"starts_at": _at(18).isoformat(), "ends_at": _at(19).isoformat(), "capacity": 5}

    response = await gateway.http.post(
        "/v1/service-halls/310115-001/slots",
        json=evening,
        headers=gateway.key(PrincipalKind.OFFICIAL),
    )

    assert response.status_code == 422
    assert "09:00-17:00" in response.json()["detail"]


async def test_a_status_change_is_kept_and_announced_to_the_district_s_public(
    gateway: Gateway,
) -> None:
    await gateway.register.save_hall(HALL, "official:310115")
    pudong = gateway.key(PrincipalKind.OFFICIAL, district_code="310115")

    changed = await gateway.http.put(
        "/v1/service-halls/310115-001/services/skills_training/status",
        json={"status": "resumed", "resumes_on": "2020-03-02", "note": "请提前预约，错峰办理"},
        headers=pudong,
    )
    listed = await gateway.http.get(
        "/v1/service-status",
        params={"district": "310115"},
        headers=gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD),
    )

    assert changed.status_code == 200, changed.text
    (announcement,) = gateway.published(NOTIFY_REQUESTS)
    assert announcement["id"] == changed.json()["announcement_event_id"]
    assert announcement["subject"] == "310115"
    assert announcement["data"]["recipient_kind"] == "district_public"
    assert announcement["data"]["template"] == "service_status_changed"
    assert announcement["data"]["parameters"]["status_name"] == "已恢复"
    assert announcement["data"]["parameters"]["date"] == "2020-03-02"
    (status,) = listed.json()["statuses"]
    assert (status["service_name"], status["status_name"]) == ("线下职业技能培训", "已恢复")


async def test_a_resumption_without_a_date_is_refused_and_nothing_announced(
    gateway: Gateway,
) -> None:
    await gateway.register.save_hall(HALL, "official:310115")

    response = await gateway.http.put(
        "/v1/service-halls/310115-001/services/skills_training/status",
        json={"status": "resumed"},
        headers=gateway.key(PrincipalKind.OFFICIAL),
    )

    assert response.status_code == 422
    assert "resumes_on" in response.json()["detail"]
    assert gateway.publisher.published == []


async def test_a_full_slot_is_refused_with_the_least_busy_slots_instead(gateway: Gateway) -> None:
    full, busy, quiet = await _hall_with_slots(gateway, 1, 10, 4)
    for n in range(6):
        await gateway.http.post(
            "/v1/bookings",
            json=_booking(busy, f"1390000000{n}"),
            headers=gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD),
        )
    point = gateway.key(PrincipalKind.COMMUNITY_POINT, town_code="310115004")
    first = await gateway.http.post("/v1/bookings", json=_booking(full), headers=point)

    refused = await gateway.http.post(
        "/v1/bookings", json=_booking(full, "13711112222"), headers=point
    )

    assert first.status_code == 201, first.text
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert "已约满" in problem["detail"]
    assert [s["slot_id"] for s in problem["suggested"]] == [str(quiet.slot_id), str(busy.slot_id)]
    assert "13711112222" not in refused.text


async def test_the_booker_sees_the_person_in_full_the_hall_s_officials_masked(
    gateway: Gateway,
) -> None:
    (slot,) = await _hall_with_slots(gateway, 5)
    own = gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
    booked = await gateway.http.post(
        "/v1/bookings", json=_booking(slot, service="unemployment_registration"), headers=own
    )
    booking_id = booked.json()["booking_id"]

    official = await gateway.http.get(
        f"/v1/bookings/{booking_id}",
        headers=gateway.key(PrincipalKind.OFFICIAL, district_code="310115"),
    )
    day = await gateway.http.get(
        "/v1/service-halls/310115-001/bookings",
        params={"date": DAY.isoformat()},
        headers=gateway.key(PrincipalKind.OFFICIAL),
    )

    assert booked.json()["person"] == {"name": "王芳", "mobile": "+8613812345678", "masked": False}
    assert booked.json()["online_alternative"]["url"] == "https://zwdt.sh.gov.cn"
    assert official.json()["person"] == {"name": "王*", "mobile": "+86138****5678", "masked": True}
    assert [b["person"]["mobile"] for b in day.json()["bookings"]] == ["+86138****5678"]
    (confirmation,) = gateway.published(NOTIFY_REQUESTS)
    assert confirmation["data"]["recipient_kind"] == "booking"
    assert confirmation["data"]["recipient"] == booking_id
    assert "13812345678" not in str(confirmation)  # notify reads the contact from the view


async def test_a_service_suspended_at_the_hall_is_not_booked_and_says_where_online(
    gateway: Gateway,
) -> None:
    (slot,) = await _hall_with_slots(gateway, 5)
    await gateway.http.put(
        "/v1/service-halls/310115-001/services/training_subsidy/status",
        json={"status": "online_only", "online_url": "https://zwdt.sh.gov.cn"},
        headers=gateway.key(PrincipalKind.OFFICIAL),
    )

    response = await gateway.http.post(
        "/v1/bookings",
        json=_booking(slot, service="training_subsidy"),
        headers=gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD),
    )

    assert response.status_code == 409
    assert "仅线上办理" in response.json()["detail"]
    assert "https://zwdt.sh.gov.cn" in response.json()["detail"]


async def test_a_cancellation_frees_the_place_and_a_reschedule_moves_it(gateway: Gateway) -> None:
    morning, afternoon = await _hall_with_slots(gateway, 1, 1)
    own = gateway.key(PrincipalKind.ASSISTANT, district_code="310115", staff_id="A0123")
    booking_id = (
        await gateway.http.post("/v1/bookings", json=_booking(morning), headers=own)
    ).json()["booking_id"]

    moved = await gateway.http.post(
        f"/v1/bookings/{booking_id}/reschedule",
        json={"slot_id": str(afternoon.slot_id)},
        headers=own,
    )
    cancelled = await gateway.http.delete(f"/v1/bookings/{booking_id}", headers=own)

    assert moved.json()["slot"]["slot_id"] == str(afternoon.slot_id)
    assert cancelled.json()["status"] == "cancelled"
    assert [s.booked for s in await gateway.appointments.slots(HALL.code, DAY)] == [0, 0]
    templates = [e["data"]["template"] for e in gateway.published(NOTIFY_REQUESTS)]
    assert templates == ["appointment_booked", "appointment_rescheduled", "appointment_cancelled"]


async def test_a_booking_retried_with_its_idempotency_key_is_one_booking(gateway: Gateway) -> None:
    (slot,) = await _hall_with_slots(gateway, 5)
    headers = {
        **gateway.key(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD),
        "Idempotency-Key": str(uuid.uuid4()),
    }

    first = await gateway.http.post("/v1/bookings", json=_booking(slot), headers=headers)
    retry = await gateway.http.post("/v1/bookings", json=_booking(slot), headers=headers)
    other = await gateway.http.post(
        "/v1/bookings", json=_booking(slot, "13911112222"), headers=headers
    )

    assert first.json()["booking_id"] == retry.json()["booking_id"]
    assert other.status_code == 422
    assert (await gateway.appointments.slots(HALL.code, DAY))[0].booked == 1
    assert len({e["id"] for e in gateway.published(NOTIFY_REQUESTS)}) == 1
