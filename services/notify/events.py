"""Which events notify reads, and what each becomes in its store: a route per event type."""

from __future__ import annotations

from typing import Any

from services.contracts.campaigns import (
    CAMPAIGN_CANCELLED,
    CAMPAIGN_REQUESTED,
    MEMBER_OPTED_IN,
    MEMBER_OPTED_OUT,
    ROSTER_CHUNK_UPLOADED,
    CampaignCancel,
    CampaignRequest,
    MemberOptIn,
    MemberOptOut,
    RosterChunk,
    placeholders,
    render,
)
from services.contracts.enterprises import ENTERPRISE_REGISTERED, EnterpriseRegistration
from services.contracts.envelope import CloudEvent
from services.contracts.notifications import NOTIFICATION_REQUESTED, NotificationRequest
from services.contracts.sms_parts import segments
from services.contracts.topics import (
    ENTERPRISE_REGISTRATIONS,
    NOTIFY_CAMPAIGNS,
    NOTIFY_REQUESTS,
    TopicSpec,
)
from services.notify.domain.records import (
    Record,
    RecordCampaign,
    RecordCancel,
    RecordContact,
    RecordOptIn,
    RecordOptOut,
    RecordRequest,
    RecordRosterChunk,
)
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


def roster_chunk_record(event: CloudEvent[RosterChunk]) -> RecordRosterChunk:
    data = event.data
    return RecordRosterChunk(
        credit_code=data.credit_code,
        upload_id=str(data.upload_id),
        mode=data.mode,
        uploaded_at=data.uploaded_at,
        members=tuple(data.members),
    )


def campaign_record(event: CloudEvent[CampaignRequest]) -> RecordCampaign:
    """The text is rendered here, once for the campaign; a value missing (the gateway refuses
    such a campaign, so only a foreign producer sends one) makes the event a dead letter."""
    data = event.data
    body = render(data.template, dict(data.values))
    return RecordCampaign(
        campaign_id=event.id,
        credit_code=data.credit_code,
        template=data.template.value,
        body=body,
        slots=tuple(data.values[name] for name in placeholders(data.template)),
        segments=segments(body),
        audience=data.audience,
        send_at=data.send_at or event.time,
        requested_by=data.requested_by,
        requested_at=event.time,
    )


def cancel_record(event: CloudEvent[CampaignCancel]) -> RecordCancel:
    data = event.data
    return RecordCancel(str(data.campaign_id), data.credit_code, event.time)


def opt_out_record(event: CloudEvent[MemberOptOut]) -> RecordOptOut:
    data = event.data
    channels = frozenset(c.value for c in data.channels)
    return RecordOptOut(data.credit_code, data.phone, channels, data.opted_out_at)


def opt_in_record(event: CloudEvent[MemberOptIn]) -> RecordOptIn:
    data = event.data
    return RecordOptIn(
        credit_code=data.credit_code,
        phone=data.phone,
        channels=frozenset(c.value for c in data.channels),
        consent_method=data.consent.method.value,
        consent_given_at=data.consent.given_at,
        consent_reference=data.consent.reference,
        recorded_by=data.recorded_by,
        opted_in_at=data.opted_in_at,
    )


ROUTES: dict[TopicSpec, tuple[Route[Any, Record], ...]] = {
    NOTIFY_REQUESTS: (Route(NOTIFICATION_REQUESTED, NotificationRequest, request_record),),
    ENTERPRISE_REGISTRATIONS: (
        Route(ENTERPRISE_REGISTERED, EnterpriseRegistration, contact_record, "credit_code"),
    ),
    NOTIFY_CAMPAIGNS: (
        Route(ROSTER_CHUNK_UPLOADED, RosterChunk, roster_chunk_record, "credit_code"),
        Route(CAMPAIGN_REQUESTED, CampaignRequest, campaign_record, "credit_code"),
        Route(CAMPAIGN_CANCELLED, CampaignCancel, cancel_record, "credit_code"),
        Route(MEMBER_OPTED_OUT, MemberOptOut, opt_out_record, "credit_code"),
        Route(MEMBER_OPTED_IN, MemberOptIn, opt_in_record, "credit_code"),
    ),
}
