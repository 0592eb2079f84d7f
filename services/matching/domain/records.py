"""What the matching processor records: a record per event it consumes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from services.matching.domain.fairs import (
    FairInterest,
    FairJoining,
    FairRecord,
    FairRegistration,
    FairScheduling,
)
from services.matching.domain.postings import PostingChange, Review
from services.matching.domain.seekers import SeekerChange, day_of
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
    | SeekerChange
)
FAIR_RECORDS = (FairScheduling, FairJoining, FairRegistration, FairInterest)


def subject_of(record: Record) -> str:
    """What the record's effects are locked by: a posting, a fair, or an enterprise."""
    if isinstance(record, PostingChange | Review):
        return f"posting:{record.posting_id}"
    if isinstance(record, FAIR_RECORDS):
        return f"fair:{record.fair_id}"
    if isinstance(record, SeekerChange):
        return f"seeker:{record.seeker_id}"
    return f"enterprise:{record.credit_code}"


def ranking_day(records: list[Record]) -> date:
    """The day a batch's recommendations are ranked for: its latest posting or seeker event's
    (so a replay ranks as the first run did)."""
    moments = [r.at for r in records if isinstance(r, PostingChange | Review | SeekerChange)]
    return day_of(max(moments)) if moments else date.min
