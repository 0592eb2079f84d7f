"""What a request becomes: sendable, waiting for its contact, kept without a channel, or
refused with its reason; never dropped."""

from __future__ import annotations

from datetime import UTC, datetime

from services.contracts.notifications import RecipientKind, Template
from services.notify.domain.intake import Reach, intake, preferred_first
from services.notify.domain.messages import MessageStatus
from services.notify.domain.records import RecordRequest
from services.notify.domain.routing import Channel

PHONE = "+8613812345678"
REMINDER = {"week": "2020-W07", "deadline": "2020-02-17T12:00:00+08:00"}
BOOKING = {
    "hall": "310115-001",
    "service_name": "失业登记",
    "starts_at": "2020-03-02T09:30:00+08:00",
    "ends_at": "2020-03-02T10:00:00+08:00",
    "remind_at": "2020-03-01T18:00:00+08:00",
    "online_url": "",
}
HALL = {"hall_name": "浦东新区就业服务中心", "address": "浦东新区梅花路1号"}


def _request(
    kind: RecipientKind = RecipientKind.ENTERPRISE,
    template: Template = Template.WEEKLY_REPORT_REMINDER,
    parameters: dict[str, str] | None = None,
) -> RecordRequest:
    return RecordRequest(
        event_id="request-1",
        recipient_kind=kind,
        recipient="91310115MA1K4AAA7Q",
        template=template,
        parameters=REMINDER if parameters is None else parameters,
        requested_by="monitoring",
        requested_at=datetime(2020, 2, 17, 4, tzinfo=UTC),
    )


def test_an_enterprise_with_a_contact_gets_a_sendable_sms() -> None:
    made = intake(_request(), Reach(PHONE))

    assert (made.status, made.phone, made.segments) == (MessageStatus.CREATED, PHONE, 1)
    assert made.slots == ("2020-W07", "2月17日12:00")


def test_an_enterprise_without_a_contact_yet_waits_for_its_registration() -> None:
    made = intake(_request(), None)

    assert made.status is MessageStatus.WAITING_FOR_CONTACT
    assert made.body is not None


def test_a_booking_notice_names_the_hall_and_address_from_the_gateway_view() -> None:
    request = _request(RecipientKind.BOOKING, Template.APPOINTMENT_BOOKED, BOOKING)

    made = intake(request, Reach(PHONE, HALL))

    assert made.status is MessageStatus.CREATED
    assert made.body == (
        "【复工】您已预约3月2日09:30在浦东新区就业服务中心（浦东新区梅花路1号）办理失业登记，"
        "请错峰按时到达。"
    )


def test_a_booking_the_gateway_does_not_know_is_refused_with_its_reason() -> None:
    made = intake(_request(RecipientKind.BOOKING, Template.APPOINTMENT_BOOKED, BOOKING), None)

    assert made.status is MessageStatus.PERMANENT_FAILURE
    assert made.reason == "the booking is unknown to the gateway"


def test_booking_notices_wait_as_no_channel_yet_while_the_view_is_unreadable() -> None:
    request = _request(RecipientKind.BOOKING, Template.APPOINTMENT_BOOKED, BOOKING)

    made = intake(request, None, unreadable=frozenset({RecipientKind.BOOKING}))

    assert made.status is MessageStatus.NO_CHANNEL_YET


def test_district_public_notices_are_kept_with_no_channel_yet() -> None:
    values = {
        **HALL,
        "service_name": "失业登记",
        "status_name": "恢复办理",
        "date": "",
        "online_url": "",
    }
    request = _request(RecipientKind.DISTRICT_PUBLIC, Template.SERVICE_STATUS_CHANGED, values)

    made = intake(request, None)

    assert made.status is MessageStatus.NO_CHANNEL_YET
    assert made.reason == "no channel to district_public recipients yet"


def test_a_missing_value_is_a_permanent_failure_with_its_reason() -> None:
    made = intake(_request(parameters={"week": "2020-W07"}), Reach(PHONE))

    assert made.status is MessageStatus.PERMANENT_FAILURE
    assert made.reason == "template values missing: deadline"
    assert made.phone is None


RECOMMENDED = {
    "title": "叉车司机",
    "district_name": "闵行区",
    "salary": "5500-7000",
    "reason": "职业完全对口（4-02-06-03）",
}


def test_a_consenting_job_seeker_is_told_of_a_recommended_posting() -> None:
    request = _request(RecipientKind.JOB_SEEKER, Template.JOB_RECOMMENDED, RECOMMENDED)

    made = intake(request, Reach(PHONE))

    assert (made.status, made.phone) == (MessageStatus.CREATED, PHONE)
    assert made.body == (
        "【复工】为您推荐岗位：叉车司机（闵行区，月薪5500-7000元，职业完全对口（4-02-06-03））。"
        "详情请登录复工平台查看，回复TD退订。"
    )


def test_a_job_seeker_matching_does_not_list_as_consenting_is_not_told() -> None:
    request = _request(RecipientKind.JOB_SEEKER, Template.JOB_RECOMMENDED, RECOMMENDED)

    assert intake(request, None).status is MessageStatus.PERMANENT_FAILURE
    unreadable = intake(request, None, unreadable=frozenset({RecipientKind.JOB_SEEKER}))
    assert unreadable.status is MessageStatus.NO_CHANNEL_YET


def test_a_seeker_who_prefers_calls_is_called_first_then_texted() -> None:
    request = _request(RecipientKind.JOB_SEEKER, Template.JOB_RECOMMENDED, RECOMMENDED)

    made = intake(request, Reach(PHONE, channels=preferred_first("voice")))

    assert made.channel is Channel.VOICE
    assert made.channels == (Channel.VOICE, Channel.SMS, Channel.WECHAT)


def test_a_seeker_who_prefers_wechat_but_has_no_openid_is_texted() -> None:
    request = _request(RecipientKind.JOB_SEEKER, Template.JOB_RECOMMENDED, RECOMMENDED)

    made = intake(request, Reach(PHONE, channels=preferred_first("wechat")))

    assert made.channels[0] is Channel.WECHAT
    assert made.channel is Channel.SMS


def test_a_self_registration_is_sent_its_code_while_the_gateway_knows_it() -> None:
    request = _request(
        RecipientKind.SELF_REGISTRATION, Template.VERIFICATION_CODE, {"code": "042917"}
    )

    made = intake(request, Reach(PHONE))
    expired = intake(request, None)
    unreadable = intake(request, None, unreadable=frozenset({RecipientKind.SELF_REGISTRATION}))

    assert (made.status, made.phone, made.channel) == (MessageStatus.CREATED, PHONE, Channel.SMS)
    assert "042917" in str(made.body)
    assert made.slots == ("042917",)
    assert expired.status is MessageStatus.PERMANENT_FAILURE
    assert expired.reason == (
        "the self-registration is unknown to the gateway or its code has expired"
    )
    assert unreadable.status is MessageStatus.NO_CHANNEL_YET
