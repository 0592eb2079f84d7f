"""What the matching processor records: a record per event it consumes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.matching.domain.fairs import (
    FairInterest,
    FairJoining,
    FairRecord,
    FairRegistration,
    FairScheduling,
)
from services.matching.domain.postings import PostingChange, Review
from services.matching.domain.sharing import AnswerGiven, Closure, Declaration


@dataclass(frozen=True)
class RecordEnterprise:
    """An enterprise's registration, as the key-enterprise register keeps it."""

    event_id: str
    credit_code: str
    name: str
    district_code: str
    industry_section: str
    key_category: str | None
    registered_at: datetime
    industry_division: str | None = None  # what labour sharing ranks industry closeness by


@dataclass(frozen=True)
class RecordOfficer:
    """An officer assigned to a key enterprise, replacing any officer it had."""

    event_id: str
    credit_code: str
    district_code: str
    staff_id: str
    assigned_by: str
    assigned_at: datetime


Record = (
    RecordEnterprise
    | RecordOfficer
    | PostingChange
    | Review
    | FairRecord
    | Declaration
    | Closure
    | AnswerGiven
)
FAIR_RECORDS = (FairScheduling, FairJoining, FairRegistration, FairInterest)


def subject_of(record: Record) -> str:
    """What the record's effects are locked by: a posting, a fair, or an enterprise."""
    if isinstance(record, PostingChange | Review):
        return f"posting:{record.posting_id}"
    if isinstance(record, FAIR_RECORDS):
        return f"fair:{record.fair_id}"
    return f"enterprise:{record.credit_code}"
