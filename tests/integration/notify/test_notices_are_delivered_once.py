"""Notices that already flow (reminders, announcements) go from notify.requests to the SMS
provider and back, each once in effect: redelivered requests, transient refusals, answers that
never come and a worker killed mid-batch neither double nor lose one."""

from __future__ import annotations

import asyncio
import signal
import uuid
from typing import Any

import pytest

from services.contracts.notifications import NotificationRequest, RecipientKind, Template
from services.platform.migrations import migrate
from tests.integration.notify.conftest import NotifyRig
from tests.support.data import credit_code, registration
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

DEADLINE = "2020-02-17T12:00:00+08:00"

ANNOUNCEMENT = NotificationRequest(
    recipient_kind=RecipientKind.DISTRICT_PUBLIC,
    recipient="310115",
    template=Template.SERVICE_STATUS_CHANGED,
    parameters={
        "hall_name": "浦东新区就业服务中心",
        "service_name": "失业登记",
        "status_name": "恢复办理",
        "date": "2020-03-02",
        "online_url": "",
    },
    requested_by="gateway",
)


def _phone(serial: int) -> str:
    return f"+86138{serial:08d}"


def _reminder(code: str, week: str = "2020-W07", **parameters: str) -> NotificationRequest:
    return NotificationRequest(
        recipient_kind=RecipientKind.ENTERPRISE,
        recipient=code,
        template=Template.WEEKLY_REPORT_REMINDER,
        parameters={"week": week, "deadline": DEADLINE, **parameters},
        requested_by="monitoring",
    )


async def _register(rig: NotifyRig, serials: range) -> list[str]:
    codes = []
    for serial in serials:
        code = credit_code(serial)
        body = registration(code)
        body["contact"] = {"name": "王芳", "phone": _phone(serial)}
        await rig.publisher.register(body)
        codes.append(code)
    return codes


async def _settled(rig: NotifyRig, expected: int, within: float) -> dict[str, int]:
    unsettled = {"created", "sending", "sent", "temporary_failure", "waiting_for_contact"}
    return await eventually(
        rig.statuses,
        lambda seen: sum(seen.values()) == expected and not unsettled & set(seen),
        within=within,
        what=f"{expected} messages in a final status",
    )


def _assert_each_phone_once(received: dict[str, Any], phones: set[str]) -> None:
    by_phone = received["by_address"]
    duplicates = {p: n for p, n in by_phone.items() if n > 1}
    assert not duplicates, f"{len(duplicates)} numbers got the notice more than once"
    assert set(by_phone) == phones, f"missing: {len(phones - set(by_phone))}"


async def test_every_reminder_is_delivered_once_through_refusals_and_lost_answers(
    rig: NotifyRig,
) -> None:
    await rig.configure(transient_rate=0.15, unanswered_rate=0.1, unanswered_hold_seconds=3)
    late = credit_code(999)  # its reminder comes before its registration: it waits
    await rig.publisher.request_notice(_reminder(late))
    codes = await _register(rig, range(1, 81))
    for code in codes:
        await rig.publisher.request_notice(_reminder(code))
    redelivered = await rig.publisher.request_notice(_reminder(codes[0], "2020-W08"), times=3)
    await rig.publisher.request_notice(ANNOUNCEMENT)
    holed = NotificationRequest(
        recipient_kind=RecipientKind.ENTERPRISE,
        recipient=codes[1],
        template=Template.WEEKLY_REPORT_REMINDER,
        parameters={"week": "2020-W09"},
        requested_by="monitoring",
    )
    await rig.publisher.request_notice(holed)
    await _register(rig, range(999, 1000))

    statuses = await _settled(rig, expected=84, within=40)

    assert statuses == {"delivered": 82, "no_channel_yet": 1, "permanent_failure": 1}
    received = await rig.received()
    # Every registered number got its week-7 reminder, and the first its week-8 one, once each.
    phones = {_phone(s) for s in [*range(1, 81), 999]}
    per_phone_and_week = {
        (e["address"], e["reference"]) for e in received["by_reference_and_address"]
    }
    assert all(e["count"] == 1 for e in received["by_reference_and_address"])
    assert received["by_address"][_phone(1)] == 2
    received["by_address"][_phone(1)] = 1
    _assert_each_phone_once(received, phones)
    assert len(per_phone_and_week) == 82
    reason = await rig.pool.fetchval(
        "SELECT reason FROM notify.messages WHERE status = 'permanent_failure'"
    )
    assert reason == "template values missing: deadline"
    assert (
        await rig.pool.fetchval(
            "SELECT count(*) FROM notify.messages WHERE event_id = $1", redelivered
        )
        == 1
    )


async def test_a_worker_killed_mid_batch_neither_doubles_nor_loses_a_notice(
    rig: NotifyRig,
) -> None:
    # Slow answers: the kill lands while requests the provider accepted are unanswered.
    await rig.configure(latency_seconds=1.0)
    codes = await _register(rig, range(1, 301))
    for code in codes:
        await rig.publisher.request_notice(_reminder(code))
    await eventually(
        rig.received,
        lambda seen: seen["accepted"] >= 50,
        within=30,
        every=0.05,
        what="the provider accepting the first requests",
    )
    await asyncio.to_thread(rig.notify.kill, signal.SIGKILL)
    in_flight = await rig.pool.fetchval(
        "SELECT count(*) FROM notify.messages WHERE status = 'sending'"
    )
    assert in_flight > 0, "the kill came too late to catch a send in flight"
    await rig.configure(latency_seconds=0.05)
    await asyncio.to_thread(rig.notify.start)

    statuses = await _settled(rig, expected=300, within=40)

    assert statuses == {"delivered": 300}
    _assert_each_phone_once(await rig.received(), {_phone(s) for s in range(1, 301)})


async def _book(rig: NotifyRig, mobile: str) -> str:
    """A booking as the gateway records it (its schema migrated into the test's database)."""
    await migrate(rig.pool, "gateway", "services.gateway")
    booking_id, slot_id = uuid.uuid4(), uuid.uuid4()
    await rig.pool.execute(
        "INSERT INTO gateway.service_halls (hall_code, district_code, name, address, opens_at, "
        "closes_at, updated_by) VALUES ('310115-001', '310115', '浦东新区就业服务中心', "
        "'浦东新区梅花路1号', '09:00', '17:00', 'tests')"
    )
    await rig.pool.execute(
        "INSERT INTO gateway.appointment_slots (slot_id, hall_code, starts_at, ends_at, capacity, "
        "booked, created_by) VALUES ($1, '310115-001', '2020-03-02T09:30:00+08:00', "
        "'2020-03-02T10:00:00+08:00', 5, 1, 'tests')",
        slot_id,
    )
    await rig.pool.execute(
        "INSERT INTO gateway.bookings (booking_id, slot_id, hall_code, day, service, booked_by, "
        "person_name, mobile, status) VALUES ($1, $2, '310115-001', '2020-03-02', "
        "'unemployment_registration', 'tests', '王芳', $3, 'booked')",
        booking_id,
        slot_id,
        mobile,
    )
    return str(booking_id)


async def test_a_booking_notice_reaches_the_person_through_the_gateway_view(
    rig: NotifyRig,
) -> None:
    booking = await _book(rig, _phone(7))
    request = NotificationRequest(
        recipient_kind=RecipientKind.BOOKING,
        recipient=booking,
        template=Template.APPOINTMENT_BOOKED,
        parameters={
            "hall": "310115-001",
            "service_name": "失业登记",
            "starts_at": "2020-03-02T09:30:00+08:00",
            "ends_at": "2020-03-02T10:00:00+08:00",
            "remind_at": "2020-03-01T18:00:00+08:00",
            "online_url": "",
        },
        requested_by="gateway",
    )
    await rig.publisher.request_notice(request, times=2)

    assert await _settled(rig, expected=1, within=20) == {"delivered": 1}
    _assert_each_phone_once(await rig.received(), {_phone(7)})
    body = await rig.pool.fetchval("SELECT body FROM notify.messages")
    assert "浦东新区就业服务中心（浦东新区梅花路1号）" in body


RECOMMENDATION = {
    "title": "叉车司机",
    "district_name": "闵行区",
    "salary": "5500-7000",
    "reason": "职业完全对口（4-02-06-03）",
}


async def _seeker(
    rig: NotifyRig, serial: int, *, consent: bool = True, channel: str = "sms"
) -> str:
    """A seeker as matching keeps them (its schema migrated into the test's database)."""
    seeker = str(uuid.uuid4())
    await rig.pool.execute(
        "INSERT INTO matching.job_seekers (seeker_id, active, district_code, occupation_group,"
        " desired_groups, salary_floor, profile, mobile, consent_to_contact, registered_by, "
        "changed_at, event_id) VALUES ($1::uuid, true, '310112', '4', '{4}', 5000, "
        "jsonb_build_object('preferred_channel', $4::text), $2, $3, 'self', now(), $1::text)",
        seeker,
        _phone(serial),
        consent,
        channel,
    )
    return seeker


async def _recommend(rig: NotifyRig, seeker: str) -> None:
    await rig.publisher.request_notice(
        NotificationRequest(
            recipient_kind=RecipientKind.JOB_SEEKER,
            recipient=seeker,
            template=Template.JOB_RECOMMENDED,
            parameters=RECOMMENDATION,
            requested_by="matching",
        )
    )


async def test_a_recommendation_reaches_only_the_seeker_who_consented(rig: NotifyRig) -> None:
    """Matching's view of consenting seekers is how notify reaches them: a seeker who did not
    consent is refused with a reason, never sent to."""
    await migrate(rig.pool, "matching", "services.matching")
    consenting = await _seeker(rig, 8)
    silent = await _seeker(rig, 9, consent=False)
    for seeker in (consenting, silent):
        await _recommend(rig, seeker)

    statuses = await _settled(rig, expected=2, within=20)

    assert statuses == {"delivered": 1, "permanent_failure": 1}
    _assert_each_phone_once(await rig.received(), {_phone(8)})
    reason = await rig.pool.fetchval(
        "SELECT reason FROM notify.messages WHERE status = 'permanent_failure'"
    )
    assert reason == "the job seeker is unknown or did not consent"


async def test_a_seeker_who_prefers_calls_is_called_and_a_wechat_one_texted(
    rig: NotifyRig,
) -> None:
    """The preferred channel in matching's view orders the seeker's channels, as a roster
    member's does; WeChat needs an openid, which a seeker's profile does not carry, so SMS."""
    await migrate(rig.pool, "matching", "services.matching")
    callee = await _seeker(rig, 10, channel="voice")
    wechat_user = await _seeker(rig, 11, channel="wechat")
    for seeker in (callee, wechat_user):
        await _recommend(rig, seeker)

    # Nothing pushes the call's outcome here: `sent` is as far as it goes.
    await eventually(
        rig.statuses,
        lambda seen: seen == {"sent": 1, "delivered": 1},
        within=20,
        what="the call placed and the SMS delivered",
    )

    channels = await rig.pool.fetch(
        "SELECT recipient, channel, channels, provider, address FROM notify.messages"
    )
    assert {(r[0], r[1], tuple(r[2]), r[3], r[4]) for r in channels} == {
        (callee, "voice", ("voice", "sms", "wechat"), "tencent_vms", _phone(10)),
        (wechat_user, "sms", ("wechat", "sms", "voice"), "tencent_sms", _phone(11)),
    }
    assert set((await rig.received("tencent_vms"))["by_address"]) == {_phone(10)}  # called
    assert set((await rig.received())["by_address"]) == {_phone(11)}  # the callee not texted


async def test_a_self_registration_code_goes_to_the_number_the_gateway_holds(
    rig: NotifyRig,
) -> None:
    await migrate(rig.pool, "gateway", "services.gateway")
    waiting, expired = str(uuid.uuid4()), str(uuid.uuid4())
    for seeker, serial, minutes in ((waiting, 12, 10), (expired, 13, -1)):
        await rig.pool.execute(
            "INSERT INTO gateway.self_registrations (seeker_id, profile, mobile, code_hash, "
            "code_expires_at) VALUES ($1::uuid, '{}'::jsonb, $2, '\\x00'::bytea, "
            "now() + make_interval(mins => $3))",
            seeker,
            _phone(serial),
            minutes,
        )
        await rig.publisher.request_notice(
            NotificationRequest(
                recipient_kind=RecipientKind.SELF_REGISTRATION,
                recipient=seeker,
                template=Template.VERIFICATION_CODE,
                parameters={"code": "042917"},
                requested_by="gateway",
            )
        )

    statuses = await _settled(rig, expected=2, within=20)

    assert statuses == {"delivered": 1, "permanent_failure": 1}
    _assert_each_phone_once(await rig.received(), {_phone(12)})
    reason = await rig.pool.fetchval(
        "SELECT reason FROM notify.messages WHERE status = 'permanent_failure'"
    )
    assert reason == "the self-registration is unknown to the gateway or its code has expired"
