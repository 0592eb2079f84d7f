"""What notify records from its topics: a request to notify someone, or a contact to reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.contracts.campaigns import Audience
from services.contracts.notifications import RecipientKind, Template
from services.contracts.rosters import RosterMember, UploadMode


@dataclass(frozen=True)
class RecordRequest:
    """One notice asked for; its event id makes asking twice one message."""

    event_id: str
    recipient_kind: RecipientKind
    recipient: str
    template: Template
    parameters: dict[str, str]
    requested_by: str
    requested_at: datetime


@dataclass(frozen=True)
class RecordContact:
    """An enterprise's contact person as its registration states them (personal data)."""

    event_id: str
    credit_code: str
    person_name: str
    phone: str
    registered_at: datetime


@dataclass(frozen=True)
class RecordRosterChunk:
    """Part of an enterprise's roster upload (personal data)."""

    credit_code: str
    upload_id: str
    mode: UploadMode
    uploaded_at: datetime
    members: tuple[RosterMember, ...]


@dataclass(frozen=True)
class RecordCampaign:
    """A campaign with its text rendered: expanded into one message per member it reaches."""

    campaign_id: str
    credit_code: str
    template: str
    body: str
    slots: tuple[str, ...]
    segments: int
    audience: Audience
    send_at: datetime
    requested_by: str
    requested_at: datetime


@dataclass(frozen=True)
class RecordCancel:
    campaign_id: str
    credit_code: str
    cancelled_at: datetime


@dataclass(frozen=True)
class RecordOptOut:
    """A roster member refuses these channels from now on (personal data: the number)."""

    credit_code: str
    phone: str
    channels: frozenset[str]
    opted_out_at: datetime


@dataclass(frozen=True)
class RecordOptIn:
    """A member takes refused channels back, with their renewed consent (personal data: the
    number)."""

    credit_code: str
    phone: str
    channels: frozenset[str]
    consent_method: str
    consent_given_at: datetime
    consent_reference: str | None
    recorded_by: str
    opted_in_at: datetime


CampaignRecord = RecordRosterChunk | RecordCampaign | RecordCancel | RecordOptOut | RecordOptIn
Record = RecordRequest | RecordContact | CampaignRecord
