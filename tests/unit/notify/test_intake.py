"""What a request becomes: sendable, waiting for its contact, kept without a channel, or
refused for a missing value; never dropped."""

from __future__ import annotations

from datetime import UTC, datetime

from services.contracts.notifications import RecipientKind, Template
from services.notify.domain.intake import intake
from services.notify.domain.messages import MessageStatus
from services.notify.domain.records import RecordRequest

PHONE = "+8613812345678"


def _request(kind: RecipientKind = RecipientKind.ENTERPRISE, **parameters: str) -> RecordRequest:
    return RecordRequest(
        event_id="reminder-1",
        recipient_kind=kind,
        recipient="91310115MA1K4AAA7Q",
        template=Template.WEEKLY_REPORT_REMINDER,
        parameters=parameters or {"week": "2020-W07", "deadline": "2020-02-17T12:00:00+08:00"},
        requested_by="monitoring",
        requested_at=datetime(2020, 2, 17, 4, tzinfo=UTC),
    )


def test_an_enterprise_with_a_contact_gets_a_sendable_sms() -> None:
    made = intake(_request(), PHONE)

    assert (made.status, made.phone, made.segments) == (MessageStatus.CREATED, PHONE, 1)
    assert made.slots == ("2020-W07", "2月17日12:00")


def test_an_enterprise_without_a_contact_yet_waits_for_its_registration() -> None:
    made = intake(_request(), None)

    assert made.status is MessageStatus.WAITING_FOR_CONTACT
    assert made.body is not None


def test_district_and_booking_recipients_are_kept_with_no_channel_yet() -> None:
    for kind in (RecipientKind.DISTRICT_PUBLIC, RecipientKind.BOOKING):
        made = intake(_request(kind), None)
        assert made.status is MessageStatus.NO_CHANNEL_YET
        assert made.reason == f"no channel to {kind} recipients yet"


def test_a_missing_value_is_a_permanent_failure_with_its_reason_whoever_it_is_for() -> None:
    made = intake(_request(week="2020-W07"), PHONE)

    assert made.status is MessageStatus.PERMANENT_FAILURE
    assert made.reason == "template values missing: deadline"
    assert made.phone is None
