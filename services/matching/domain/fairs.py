"""Online job fairs (线上招聘会, 二(一)): who may join, register and mark interest, and when.

A fair's events come in the order the gateway published them (one key per fair). Each is judged
by its own time, never the clock when it is processed, so a replay decides the same:
- the first scheduling of a fair stands;
- enterprises join until the fair closes; the postings they bring are shown only while each is
  the enterprise's own and published (`shown_postings`): a held, refused, filled or closed
  posting never appears, and one that is published again comes back;
- seekers register, and registrants mark interest in the fair's postings, only while it is open
  (from `starts_at`, until `ends_at`); doing either twice changes nothing.
What cannot apply is kept with its reason (`Ignored`), never dropped in silence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from services.matching.domain.postings import Posting, PostingStatus


@dataclass(frozen=True)
class Fair:
    fair_id: str
    title: str
    organiser_district: str | None
    starts_at: datetime
    ends_at: datetime
    theme: str
    partner_regions: tuple[str, ...]
    organised_by: str

    def is_open(self, at: datetime) -> bool:
        return self.starts_at <= at < self.ends_at

    def has_closed(self, at: datetime) -> bool:
        return at >= self.ends_at


@dataclass(frozen=True)
class FairScheduling:
    event_id: str
    fair: Fair
    at: datetime

    @property
    def fair_id(self) -> str:
        return self.fair.fair_id


@dataclass(frozen=True)
class FairJoining:
    event_id: str
    fair_id: str
    credit_code: str
    posting_ids: tuple[str, ...]
    joined_by: str
    at: datetime


@dataclass(frozen=True)
class FairRegistration:
    """A seeker's registration; its own contact fields (personal data: matching's schema only)."""

    event_id: str
    fair_id: str
    registration_id: str
    name: str
    mobile: str
    origin_region: str
    desired_occupation: str
    consent: bool
    seeker_id: str | None
    at: datetime


@dataclass(frozen=True)
class FairInterest:
    event_id: str
    fair_id: str
    registration_id: str
    posting_id: str
    at: datetime


FairRecord = FairScheduling | FairJoining | FairRegistration | FairInterest


@dataclass(frozen=True)
class Enrolment:
    """A posting an enterprise brought to a fair."""

    posting_id: str
    credit_code: str
    at: datetime


@dataclass(frozen=True)
class Ignored:
    event_id: str
    fair_id: str
    reason: str
    at: datetime


@dataclass
class FairBook:
    """What the rules need to know of one fair: what the store holds, plus the batch so far."""

    fair: Fair | None = None
    enterprises: set[str] = field(default_factory=set)
    enrolments: dict[str, Enrolment] = field(default_factory=dict)
    registrations: dict[str, FairRegistration] = field(default_factory=dict)
    interests: dict[tuple[str, str], FairInterest] = field(default_factory=dict)


@dataclass
class FairEffects:
    """What a batch adds to one fair: each list in the order decided."""

    scheduled: FairScheduling | None = None
    enterprises: list[FairJoining] = field(default_factory=list)
    enrolments: list[Enrolment] = field(default_factory=list)
    registrations: list[FairRegistration] = field(default_factory=list)
    interests: list[FairInterest] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)

    def tally(self) -> dict[str, int]:
        """How many of the batch's fair events did what (for the metrics: no ids)."""
        return {
            "scheduled": int(self.scheduled is not None),
            "joined": len(self.enterprises),
            "registered": len(self.registrations),
            "interest": len(self.interests),
            "ignored": len(self.ignored),
        }


def apply(book: FairBook, records: Iterable[FairRecord]) -> FairEffects:
    """Apply a fair's records in order to `book` (which it updates) and say what they added."""
    effects = FairEffects()
    for record in records:
        reason = _refusal(book, record)
        if reason is not None:
            effects.ignored.append(Ignored(record.event_id, record.fair_id, reason, record.at))
        elif isinstance(record, FairScheduling):
            book.fair, effects.scheduled = record.fair, record
        elif isinstance(record, FairJoining):
            if record.credit_code not in book.enterprises:
                book.enterprises.add(record.credit_code)
                effects.enterprises.append(record)
            for posting_id in record.posting_ids:
                if posting_id not in book.enrolments:
                    enrolment = Enrolment(posting_id, record.credit_code, record.at)
                    book.enrolments[posting_id] = enrolment
                    effects.enrolments.append(enrolment)
        elif isinstance(record, FairRegistration):
            book.registrations[record.registration_id] = record
            effects.registrations.append(record)
        else:
            book.interests[(record.registration_id, record.posting_id)] = record
            effects.interests.append(record)
    return effects


def _refusal(book: FairBook, record: FairRecord) -> str | None:
    fair = book.fair
    if isinstance(record, FairScheduling):
        return None if fair is None else "the fair is scheduled already"
    if fair is None:
        return "no such fair has been scheduled"
    if isinstance(record, FairJoining):
        return "the fair has closed" if fair.has_closed(record.at) else None
    if not fair.is_open(record.at):
        return "the fair is not open then: registration and interest only while it is open"
    if isinstance(record, FairRegistration):
        if record.registration_id in book.registrations:
            return "registered already"
        return None
    if record.registration_id not in book.registrations:
        return "the registrant is not registered for this fair"
    enrolment = book.enrolments.get(record.posting_id)
    if enrolment is None:
        return "the posting is not at this fair"
    if (record.registration_id, record.posting_id) in book.interests:
        return "interest marked already"
    return None


def shown_postings(
    enrolments: Iterable[Enrolment], postings: Mapping[str, Posting]
) -> list[Enrolment]:
    """The enrolled postings a fair shows now: the enrolling enterprise's own, and published."""
    return sorted(
        (
            e
            for e in enrolments
            if (posting := postings.get(e.posting_id)) is not None
            and posting.credit_code == e.credit_code
            and posting.status is PostingStatus.PUBLISHED
        ),
        key=lambda e: e.posting_id,
    )


CountKey = tuple[str, str]
"""(dimension, value): ("posting", id), ("enterprise", credit code), ("origin_region", code)."""


def fair_counts(
    registrations: Sequence[FairRegistration],
    interests: Sequence[FairInterest],
    enrolments: Mapping[str, Enrolment],
) -> dict[CountKey, tuple[int, int]]:
    """(registrations, interests) by posting, enterprise and origin region: the officials' view
    (no one named). This is the reference the published view `fair_counts_v` is checked by."""
    origin = {r.registration_id: r.origin_region for r in registrations}
    registered = Counter(("origin_region", r.origin_region) for r in registrations)
    interested: Counter[CountKey] = Counter()
    for interest in interests:
        interested[("posting", interest.posting_id)] += 1
        interested[("enterprise", enrolments[interest.posting_id].credit_code)] += 1
        interested[("origin_region", origin[interest.registration_id])] += 1
    return {key: (registered[key], interested[key]) for key in set(registered) | set(interested)}


@dataclass(frozen=True)
class FairSummary:
    """A fair as the store holds it: what the contract tests compare, fake against PostgreSQL."""

    fair: Fair
    enterprises: tuple[str, ...]
    shown_postings: tuple[str, ...]
    registrations: tuple[str, ...]
    interests: tuple[tuple[str, str], ...]
    """(registration id, posting id)"""
    counts: dict[CountKey, tuple[int, int]]
    ignored: dict[str, str]
    """event id -> why it could not apply"""
