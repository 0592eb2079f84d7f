"""The gateway's ports: what its routes need from the outside, each with a real adapter
(`adapters/`) and an in-memory fake (`adapters/memory.py`) so routes are tested in-process."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol
from uuid import UUID

from pydantic import BaseModel

from services.gateway.domain.access import Principal, SharingScope
from services.gateway.domain.appointments import Booking, NewBooking, Slot
from services.gateway.domain.service_halls import Hall, PublicService, ServiceStatus

Row = dict[str, Any]
"""A row of a published view, by column name."""


class PrincipalKeys(Protocol):
    async def principal_for(self, key: str) -> Principal | None:
        """The principal a key is bound to, or None for an unknown or revoked key."""
        ...

    async def replace_seeker_keys(
        self, principal: Principal, label: str, valid_for: timedelta
    ) -> str:
        """A new key for a job seeker, every earlier key of theirs revoked in the same
        transaction; returned once."""
        ...

    async def issue(self, principal: Principal, label: str, valid_for: timedelta) -> str:
        """A new key for the principal (a self-registered job seeker's), returned once."""
        ...


@dataclass(frozen=True)
class Claim:
    """One submission of a batch sent with an Idempotency-Key."""

    event_type: str
    key: UUID
    fingerprint: str
    """`request_digest` of the submission (see adapters/idempotency_keys.py)."""


class IdempotencyStore(Protocol):
    async def claim(self, principal: str, event_type: str, key: UUID, data: BaseModel) -> str:
        """The event id for this request; raises IdempotencyKeyReused for another request."""
        ...

    async def claim_all(self, principal: str, claims: Sequence[Claim]) -> list[str | None]:
        """`claim` for many at once: each one's event id, or None where its key was reused."""
        ...


class ReadinessProbe(Protocol):
    async def reachable(self) -> bool: ...


class FairViews(Protocol):
    """Matching's job fair views (`matching.fair*_v`)."""

    async def fairs(self) -> list[Row]:
        """Every fair, soonest first, with its counts of enterprises, postings, registrations."""
        ...

    async def fair(self, fair_id: str) -> Row | None: ...

    async def fair_postings(self, fair_id: str) -> list[Row]:
        """The postings a fair shows now: its enterprises' own, published."""
        ...

    async def fair_registration(self, fair_id: str, registration_id: str) -> Row | None:
        """A registration with its contact (personal data: the gateway decides who sees it)."""
        ...

    async def fair_interests(
        self, fair_id: str, credit_code: str | None, registration_id: str | None = None
    ) -> list[Row]:
        """Interest marked in a fair's postings (one enterprise's, or all for None; one
        registrant's, or everyone's), with the registrants' contacts."""
        ...

    async def fair_counts(self, fair_id: str) -> list[Row]:
        """(dimension, value, registrations, interests) by posting, enterprise, origin region."""
        ...


class SharingViews(Protocol):
    """Labour sharing as matching publishes it, with monitoring's reported surplus as hints."""

    async def sharing_declarations(self, scope: SharingScope) -> list[Row]: ...

    async def sharing_declaration(self, declaration_id: str) -> Row | None: ...

    async def sharing_proposals(self, scope: SharingScope) -> list[Row]:
        """Open ones first, then best first (industry, occupation, distance, overlap)."""
        ...

    async def sharing_proposal(self, proposal_id: str) -> Row | None: ...

    async def surplus_hints(self, scope: SharingScope) -> list[Row]:
        """Enterprises whose latest weekly report has surplus staff available and that have no
        open surplus declaration: (credit_code, district_code, week, surplus_staff_available)."""
        ...


class Views(FairViews, SharingViews, Protocol):
    """The views other services publish, as the gateway reads them."""

    async def indicators(self, week: str) -> list[Row]: ...

    async def reported_weeks(self) -> list[str]:
        """The weeks with city figures (some enterprise reported), oldest first."""
        ...

    async def community_indicators(self, week: str) -> list[Row]: ...

    async def job_seeker_ratio(self) -> list[Row]:
        """求人倍率 now: a row per district with vacancies or seekers, and the city's."""
        ...

    async def compliance_summary(self, week: str) -> list[Row]: ...

    async def compliance_weeks(self) -> list[str]:
        """The weeks whose reporting deadline was handled with someone expected, oldest first."""
        ...

    async def compliance(self, week: str, district_code: str | None) -> list[Row]: ...

    async def warnings(self, district_code: str | None, status: str | None) -> list[Row]: ...

    async def warning(self, warning_id: str) -> Row | None: ...

    async def registered_district(self, credit_code: str) -> str | None: ...

    async def registered_districts(self, credit_codes: Sequence[str]) -> dict[str, str]:
        """`registered_district` for many: the registered ones among them, by credit code."""
        ...

    async def recorded_reports(self, credit_code: str, week: str | None) -> list[Row]: ...

    async def service_officer(self, credit_code: str) -> str | None:
        """The principal id of the employment service officer assigned to a key enterprise."""
        ...

    async def campaign(self, campaign_id: str) -> Row | None:
        """notify.campaigns_v: the campaign (whose, when, how many), without its text."""
        ...

    async def campaigns(self, district_code: str | None, limit: int) -> list[Row]:
        """notify.campaigns_v of enterprises registered in a district (every one for None),
        newest first, each with the `district_code` monitoring's registry gives it."""
        ...

    async def campaign_progress(self, campaign_id: str) -> list[Row]:
        """notify.campaign_progress_v: messages by channel and status."""
        ...

    async def campaign_failures(self, campaign_id: str, limit: int) -> list[Row]:
        """notify.campaign_failures_v: failed messages with reason and number, newest first."""
        ...

    async def roster_summary(self, credit_code: str) -> list[Row]:
        """notify.roster_summary_v: an enterprise's roster counted by department and site."""
        ...

    async def posting(self, posting_id: str) -> Row | None:
        """A job posting as matching keeps it (`matching.postings_v`), with its decisions."""
        ...

    async def postings_of(self, credit_code: str) -> list[Row]:
        """An enterprise's postings, newest change first."""
        ...

    async def held_postings(self, district_code: str | None) -> list[Row]:
        """Postings held for review whose work is in a district (every district for None)."""
        ...

    async def demand_list(self, demand_list: str, district_code: str | None) -> list[Row]:
        """A demand list's cells in a district (every district for None)."""
        ...

    async def key_enterprises(self, district_code: str | None) -> list[Row]:
        """The key-enterprise register of a district (every district for None)."""
        ...

    async def officer_enterprises(self, district_code: str, staff_id: str) -> list[Row]:
        """The key enterprises an officer (district, staff number) looks after, with their
        open demand."""
        ...

    async def job_seeker(self, seeker_id: str) -> Row | None:
        """matching.job_seekers_v: the profile (mobile masked), withdrawn ones too."""
        ...

    async def job_seekers(self, district_code: str) -> list[Row]:
        """The active seekers of a district, most recently changed first."""
        ...

    async def seeker_recommendations(self, seeker_id: str) -> list[Row]:
        """matching.recommendations_v: a seeker's open recommended postings, by rank."""
        ...

    async def posting_recommendations(self, posting_id: str) -> list[Row]:
        """The seekers a posting is recommended to, best score first."""
        ...


@dataclass(frozen=True)
class DistrictClaim:
    """A registration's hold on its enterprise's district, taken before the event is published."""

    credit_code: str
    token: UUID
    changed: bool
    """False when the register already said so: there is nothing to give back."""


class EnterpriseDistricts(Protocol):
    """Where each enterprise is registered, as the gateway published it: what scope decisions on
    write are made against (monitoring's view lags the topic).

    A registration claims before it publishes and releases when the broker does not acknowledge,
    so the register never holds a district no published event gave the enterprise (but for a
    crash between the two: then the claim stands for the district that was entitled to it, and
    the client's retry publishes it).
    """

    async def districts(self, credit_codes: Sequence[str]) -> dict[str, str]:
        """The registered ones among them, by credit code."""
        ...

    async def claim(
        self, credit_code: str, district_code: str, prior: str | None
    ) -> DistrictClaim | None:
        """Put the enterprise in `district_code` if it is still where the caller saw it
        (`prior`; None: nowhere) or already there; None when someone else got there first."""
        ...

    async def release(self, claim: DistrictClaim) -> None:
        """Undo the claim (its event was not published), unless a later claim replaced it."""
        ...


@dataclass(frozen=True)
class AuditEntry:
    """An accepted write: who sent which event about which district (no body: personal data)."""

    event_id: str
    principal: str
    district_code: str | None
    event_type: str
    topic: str
    subject: str
    accepted_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    stated: Mapping[str, str | None] | None = None
    """The dates the sender stated that put the write in the past (a register's monitoring
    period, when a report reached a bureau), by field (None for an end made open-ended again);
    None: it stated none."""


class AuditLog(Protocol):
    async def record(self, entry: AuditEntry) -> None:
        """Keep the entry once per event id."""
        ...

    async def record_all(self, entries: Sequence[AuditEntry]) -> None:
        """`record` for many, in one write."""
        ...

    async def entries(self, district_code: str | None, limit: int) -> list[AuditEntry]:
        """The newest entries about a district (every district for None), newest first."""
        ...


class ServiceRegister(Protocol):
    """Service halls and the status of each service at each (二(二), 五(四)), with history."""

    async def save_hall(self, hall: Hall, by: str) -> None:
        """Create the hall or replace its name, address and hours."""
        ...

    async def hall(self, code: str) -> Hall | None: ...

    async def halls(self, district_code: str | None) -> list[Hall]:
        """The halls of a district (every district for None), by code."""
        ...

    async def set_status(self, status: ServiceStatus) -> None:
        """Make it the hall's current status for its service and keep it in the history."""
        ...

    async def status(self, hall_code: str, service: PublicService) -> ServiceStatus | None: ...

    async def statuses(self, district_code: str | None) -> list[ServiceStatus]:
        """Current statuses of a district's halls (every district for None), by hall, service."""
        ...

    async def history(self, hall_code: str) -> list[ServiceStatus]:
        """Every status the hall's services had, newest first."""
        ...


class Appointments(Protocol):
    """Time slots at the halls and the bookings in them; a slot is never booked beyond capacity,
    however many ask at once."""

    async def add_slot(self, slot: Slot, by: str) -> bool:
        """Open a slot; False when the hall already has one starting then (nothing changes)."""
        ...

    async def slot(self, slot_id: UUID) -> Slot | None: ...

    async def slots(self, hall_code: str, day: date) -> list[Slot]:
        """The hall's slots that day (Shanghai calendar), by start."""
        ...

    async def book(self, booking: NewBooking, now: datetime) -> Booking:
        """Take a place in the slot, or raise UnknownSlot, SlotPassed, SlotFull or AlreadyBooked.

        A retry with the booking's idempotency key returns the first booking, counted once.
        """
        ...

    async def booking(self, booking_id: UUID) -> Booking | None: ...

    async def bookings(self, hall_code: str, day: date) -> list[Booking]:
        """The hall's bookings that day, cancelled ones included, by start then booking time."""
        ...

    async def cancel(self, booking_id: UUID, by: str) -> Booking | None:
        """Free the booking's place (once: cancelling again changes nothing); None if unknown."""
        ...

    async def reschedule(self, booking_id: UUID, slot_id: UUID, now: datetime) -> Booking:
        """Move an active booking to another slot in one step: the new place taken and the old
        freed, or nothing (raises as `book` does, AppointmentRefused when it is cancelled)."""
        ...
