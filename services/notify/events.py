"""Which events notify reads, and what each becomes in its store: a route per event type."""

from __future__ import annotations

from typing import Any

from services.contracts.enterprises import ENTERPRISE_REGISTERED, EnterpriseRegistration
from services.contracts.envelope import CloudEvent
from services.contracts.notifications import NOTIFICATION_REQUESTED, NotificationRequest
from services.contracts.topics import ENTERPRISE_REGISTRATIONS, NOTIFY_REQUESTS, TopicSpec
from services.notify.domain.records import Record, RecordContact, RecordRequest
from services.platform.stream.events import Route


def request_record(event: CloudEvent[NotificationRequest]) -> RecordRequest:
    data = event.data
    return RecordRequest(
        event_id=event.id,
        recipient_kind=data.recipient_kind,
        recipient=data.recipient,
        template=data.template,
        parameters=dict(data.parameters),
        requested_by=data.requested_by,
        requested_at=event.time,
    )


def contact_record(event: CloudEvent[EnterpriseRegistration]) -> RecordContact:
    data = event.data
    return RecordContact(
        event_id=event.id,
        credit_code=data.credit_code,
        person_name=data.contact.name,
        phone=data.contact.phone,
        registered_at=event.time,
    )


ROUTES: dict[TopicSpec, tuple[Route[Any, Record], ...]] = {
    NOTIFY_REQUESTS: (Route(NOTIFICATION_REQUESTED, NotificationRequest, request_record),),
    ENTERPRISE_REGISTRATIONS: (
        Route(ENTERPRISE_REGISTERED, EnterpriseRegistration, contact_record, "credit_code"),
    ),
}
