"""The rules of the service-status register and of off-peak appointments, pure."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest

from services.contracts.identifiers import SHANGHAI
from services.gateway.domain.access import Forbidden, Principal, PrincipalKind
from services.gateway.domain.appointments import (
    AppointmentRefused,
    Booking,
    BookingStatus,
    InvalidSlot,
    Person,
    Slot,
    check_new_slot,
    ensure_may_book,
    ensure_may_manage_hall,
    ensure_may_read_public_information,
    ensure_may_see_bookings,
    ensure_same_hall,
    ensure_window_open,
    mask_mobile,
    mask_name,
    may_see,
    sees_in_full,
    suggest,
)
from services.gateway.domain.service_halls import (
    ONE_NET_URL,
    Hall,
    InvalidServiceStatus,
    PublicService,
    ServiceState,
    ServiceStatus,
    district_of_hall,
    online_alternative,
)
from tests.support.data import credit_code

PUDONG_HALL = Hall("310115-001", "浦东新区就业促进中心", "上海市浦东新区合欢路2号")
NOW = datetime(2020, 2, 17, 8, 0, tzinfo=SHANGHAI)
TOMORROW = date(2020, 2, 18)
ENTERPRISE = Principal(PrincipalKind.ENTERPRISE, credit_code=credit_code(1, "310115"))


def _at(hour: int, minute: int = 0, day: date = TOMORROW) -> datetime:
    return datetime.combine(day, time(hour, minute), SHANGHAI)


def _slot(hour: int, capacity: int = 10, booked: int = 0, hall: str = "310115-001") -> Slot:
    return Slot(uuid.uuid4(), hall, _at(hour), _at(hour) + timedelta(hours=1), capacity, booked)


def _status(
    state: ServiceState, resumes_on: date | None = None, online_url: str | None = None
) -> ServiceStatus:
    return ServiceStatus(
        "310115-001",
        PublicService.SKILLS_TRAINING,
        state,
        "official:310115",
        NOW,
        resumes_on=resumes_on,
        online_url=online_url,
    )


def test_a_hall_code_carries_its_district() -> None:
    assert district_of_hall("310104-002") == "310104"
    assert PUDONG_HALL.district_code == "310115"
    with pytest.raises(ValueError, match="three digits"):
        Hall("浦东-1", "浦东新区就业促进中心", "合欢路2号")


def test_a_resumed_service_needs_its_resumption_date() -> None:
    with pytest.raises(InvalidServiceStatus, match="resumes_on"):
        _status(ServiceState.RESUMED)
    assert _status(ServiceState.RESUMED, resumes_on=date(2020, 3, 2)).resumes_on


def test_an_online_only_service_says_where_online() -> None:
    with pytest.raises(InvalidServiceStatus, match="online_url"):
        _status(ServiceState.ONLINE_ONLY)
    with pytest.raises(InvalidServiceStatus, match="https"):
        _status(ServiceState.ONLINE_ONLY, online_url="http://zwdt.sh.gov.cn")


def test_registrations_can_be_handled_online_but_offline_training_cannot() -> None:
    channel = online_alternative(PublicService.UNEMPLOYMENT_REGISTRATION)
    assert channel is not None
    assert (channel.name, channel.url) == ("一网通办", ONE_NET_URL)
    assert online_alternative(PublicService.SKILLS_TRAINING) is None


def test_a_window_opens_for_bookings_on_the_resumption_date_not_before() -> None:
    resumed = _status(ServiceState.RESUMED, resumes_on=TOMORROW)
    ensure_window_open(resumed, PublicService.SKILLS_TRAINING, TOMORROW)
    ensure_window_open(None, PublicService.SKILLS_TRAINING, TOMORROW)  # never suspended
    with pytest.raises(AppointmentRefused, match="resumed"):
        ensure_window_open(resumed, PublicService.SKILLS_TRAINING, TOMORROW - timedelta(days=1))


def test_an_online_only_service_is_not_booked_and_the_refusal_says_where_online() -> None:
    online = _status(ServiceState.ONLINE_ONLY, online_url=ONE_NET_URL)
    with pytest.raises(AppointmentRefused, match=r"仅线上办理.*zwdt\.sh\.gov\.cn"):
        ensure_window_open(online, PublicService.SKILLS_TRAINING, TOMORROW)
    with pytest.raises(AppointmentRefused, match="暂停"):
        ensure_window_open(_status(ServiceState.SUSPENDED), PublicService.SKILLS_TRAINING, TOMORROW)


@pytest.mark.parametrize(
    ("start", "end", "capacity", "rule"),
    [
        (_at(8, 30), _at(9, 30), 10, "opening hours"),
        (_at(16, 30), _at(17, 30), 10, "opening hours"),
        (_at(10), _at(10, 5), 10, "10 minutes"),
        (_at(10), _at(11), 0, "capacity"),
        (_at(10), _at(11), 501, "capacity"),
        (_at(10, day=date(2020, 2, 16)), _at(11, day=date(2020, 2, 16)), 10, "future"),
    ],
)
def test_a_slot_lies_in_opening_hours_in_the_future_for_at_least_one(
    start: datetime, end: datetime, capacity: int, rule: str
) -> None:
    with pytest.raises(InvalidSlot, match=rule):
        check_new_slot(PUDONG_HALL, Slot(uuid.uuid4(), "310115-001", start, end, capacity), NOW)


def test_a_slot_in_opening_hours_is_accepted_whatever_the_caller_s_time_zone() -> None:
    utc_start = _at(9).astimezone(UTC)
    slot = Slot(uuid.uuid4(), "310115-001", utc_start, utc_start + timedelta(hours=1), 10)
    assert check_new_slot(PUDONG_HALL, slot, NOW) is slot


def test_the_least_busy_slots_come_first_by_share_left_then_by_time() -> None:
    busy, quiet_small, quiet_late, quiet_early, full = (
        _slot(9, capacity=20, booked=12),  # 8 of 20 left: 0.4
        _slot(10, capacity=6, booked=1),  # 5 of 6 left: 0.83
        _slot(14, capacity=10, booked=0),  # 1.0, later
        _slot(11, capacity=10, booked=0),  # 1.0, earlier
        _slot(15, capacity=10, booked=10),
    )
    passed = Slot(uuid.uuid4(), "310115-001", NOW - timedelta(hours=1), NOW, 10)

    chosen = suggest([busy, quiet_small, quiet_late, quiet_early, full, passed], NOW, limit=4)

    assert chosen == [quiet_early, quiet_late, quiet_small, busy]


def test_personal_data_is_masked_for_everyone_but_the_booker() -> None:
    assert mask_mobile("+8613812345678") == "+86138****5678"
    assert (mask_name("王芳"), mask_name("欧阳明华")) == ("王*", "欧***")
    assert Person("王芳", "+8613812345678").masked() == Person("王*", "+86138****5678")


def _booking(by: Principal = ENTERPRISE, hall: str = "310115-001") -> Booking:
    return Booking(
        uuid.uuid4(),
        _slot(10, hall=hall),
        PublicService.UNEMPLOYMENT_REGISTRATION,
        by.id,
        Person("王芳", "+8613812345678"),
        BookingStatus.BOOKED,
        NOW,
    )


def test_a_booking_is_seen_by_its_booker_in_full_and_by_its_hall_s_officials_masked() -> None:
    booking = _booking()
    pudong, xuhui, city = (
        Principal(PrincipalKind.OFFICIAL, district_code="310115"),
        Principal(PrincipalKind.OFFICIAL, district_code="310104"),
        Principal(PrincipalKind.OFFICIAL),
    )
    other = Principal(PrincipalKind.ENTERPRISE, credit_code=credit_code(3, "310104"))

    assert may_see(ENTERPRISE, booking)
    assert sees_in_full(ENTERPRISE, booking)
    assert may_see(pudong, booking)
    assert may_see(city, booking)
    assert not sees_in_full(pudong, booking)
    assert not may_see(xuhui, booking)
    assert not may_see(other, booking)


def test_assistants_book_at_their_own_district_s_halls_enterprises_and_points_anywhere() -> None:
    assistant = Principal(PrincipalKind.ASSISTANT, district_code="310115", staff_id="A0123")
    point = Principal(PrincipalKind.COMMUNITY_POINT, town_code="310104003")
    ensure_may_book(assistant, "310115-001")
    ensure_may_book(point, "310115-001")
    ensure_may_book(ENTERPRISE, "310104-001")
    with pytest.raises(Forbidden, match="310115 only"):
        ensure_may_book(assistant, "310104-001")
    for kind, scope in (
        (PrincipalKind.OFFICIAL, {}),
        (PrincipalKind.OFFICER, {"district_code": "310115", "staff_id": "S01"}),
        (PrincipalKind.OPERATIONS, {}),
    ):
        with pytest.raises(Forbidden, match="booked by"):
            ensure_may_book(Principal(kind, **scope), "310115-001")


def test_halls_are_managed_by_their_district_s_officials_and_the_city() -> None:
    ensure_may_manage_hall(Principal(PrincipalKind.OFFICIAL, district_code="310115"), "310115-001")
    ensure_may_manage_hall(Principal(PrincipalKind.OFFICIAL), "310104-001")
    with pytest.raises(Forbidden, match="310104 only"):
        ensure_may_manage_hall(
            Principal(PrincipalKind.OFFICIAL, district_code="310104"), "310115-001"
        )
    with pytest.raises(Forbidden, match="district bureau"):
        ensure_may_manage_hall(ENTERPRISE, "310115-001")


def test_statuses_are_public_but_not_to_operations_keys_and_nor_are_bookings() -> None:
    ensure_may_read_public_information(ENTERPRISE)
    operations = Principal(PrincipalKind.OPERATIONS)
    with pytest.raises(Forbidden, match="metrics"):
        ensure_may_read_public_information(operations)
    with pytest.raises(Forbidden, match="who booked"):
        ensure_may_see_bookings(operations)


def test_a_reschedule_stays_at_the_same_hall() -> None:
    booking = _booking()
    ensure_same_hall(booking, _slot(14))
    with pytest.raises(AppointmentRefused, match="same hall"):
        ensure_same_hall(booking, _slot(14, hall="310115-002"))
