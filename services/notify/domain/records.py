"""What notify records from its topics: a request to notify someone, or a contact to reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.contracts.notifications import RecipientKind, Template


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


Record = RecordRequest | RecordContact
