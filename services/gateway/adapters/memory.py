"""In-memory fakes of the gateway's ports, for testing routes and access rules in-process.

They keep the real adapters' rules (an idempotency key bound to its request, a revoked key
unknown, views filtered as their SQL filters them) and record what was published.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import orjson
from pydantic import BaseModel

from services.contracts.envelope import CloudEvent
from services.gateway.adapters.api_keys import DEFAULT_LIFETIME, KEY_PREFIX, IssuedKey
from services.gateway.adapters.idempotency_keys import (
    IdempotencyKeyReused,
    event_id_for,
    request_digest,
    same_request,
)
from services.gateway.domain.access import Principal
from services.gateway.domain.appointments import (
    AlreadyBooked,
    Booking,
    BookingCancelled,
    BookingStatus,
    NewBooking,
    Slot,
    SlotFull,
    SlotPassed,
    UnknownBooking,
    UnknownSlot,
)
from services.gateway.domain.service_halls import (
    Hall,
    PublicService,
    ServiceStatus,
    district_of_hall,
)
from services.gateway.ports import AuditEntry, Claim, DistrictClaim, Row
from services.platform.kafka import EncodedEvent, PublishFailed


@dataclass
class RecordingPublisher:
    """Keeps what it published; while `unavailable`, refuses as a broker that is down."""

    published: list[tuple[str, CloudEvent[BaseModel]]] = field(default_factory=list)
    published_encoded: list[tuple[str, EncodedEvent]] = field(default_factory=list)
    unavailable: bool = False
    refusing_topics: set[str] = field(default_factory=set)
    """Topics whose partitions' leaders are away: bulk publishing to them is refused."""

    async def publish(self, topic: str, event: CloudEvent[BaseModel]) -> None:
        if self.unavailable:
            raise PublishFailed(f"broker did not acknowledge event {event.id}")
        self.published.append((topic, event))

    async def publish_all(self, topic: str, events: Sequence[EncodedEvent]) -> list[bool]:
        if self.unavailable or topic in self.refusing_topics:
            return [False] * len(events)
        self.published_encoded.extend((topic, event) for event in events)
        return [True] * len(events)

    def on(self, topic: str) -> list[dict[str, Any]]:
        """Everything published to `topic`, as the JSON a consumer reads, in order of calls."""
        singles = [event.model_dump(mode="json") for to, event in self.published if to == topic]
        return singles + [orjson.loads(e.value) for to, e in self.published_encoded if to == topic]

    @property
    def anything_published(self) -> bool:
        return bool(self.published or self.published_encoded)


@dataclass
class InMemoryKeys:
    principals: dict[str, tuple[Principal, datetime]] = field(default_factory=dict)
    """key -> its principal and expiry"""
    ids: dict[UUID, str] = field(default_factory=dict)
    """key id -> key"""
    used: dict[str, float] = field(default_factory=dict)
    """key -> when it was last used (POSIX time)"""

    def issue_now(self, principal: Principal, valid_for: timedelta = DEFAULT_LIFETIME) -> str:
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        self.principals[key] = (principal, datetime.now(UTC) + valid_for)
        return key

    async def issue(
        self, principal: Principal, label: str, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> str:
        return self.issue_now(principal, valid_for)

    async def rotate(
        self, key: str, overlap: timedelta, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> str | None:
        principal = await self.principal_for(key)
        if principal is None:
            return None
        expiry = min(self.principals[key][1], datetime.now(UTC) + overlap)
        self.principals[key] = (principal, expiry)
        return self.issue_now(principal, valid_for)

    async def issue_with_id(
        self, principal: Principal, label: str, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> IssuedKey:
        key = self.issue_now(principal, valid_for)
        key_id = uuid4()
        self.ids[key_id] = key
        return IssuedKey(key, key_id)

    async def revoke(self, key: str) -> bool:
        return self.principals.pop(key, None) is not None

    async def revoke_by_id(self, key_id: UUID) -> bool:
        return await self.revoke(self.ids.get(key_id, ""))

    async def last_used(self, key_id: UUID) -> float | None:
        return self.used.get(self.ids.get(key_id, ""))

    async def principal_for(self, key: str) -> Principal | None:
        principal, expiry = self.principals.get(key, (None, datetime.min.replace(tzinfo=UTC)))
        if principal is None or expiry <= datetime.now(UTC):
            return None
        self.used[key] = datetime.now(UTC).timestamp()
        return principal


@dataclass
class InMemoryIdempotency:
    claimed: dict[tuple[str, str, UUID], str] = field(default_factory=dict)

    async def claim(self, principal: str, event_type: str, key: UUID, data: BaseModel) -> str:
        digest = self.claimed.setdefault((principal, event_type, key), request_digest(data))
        if not same_request(digest, data):
            raise IdempotencyKeyReused(
                f"Idempotency-Key {key} was already used for a different request; "
                "use a new key for a new submission"
            )
        return event_id_for(principal, event_type, key)

    async def claim_all(self, principal: str, claims: Sequence[Claim]) -> list[str | None]:
        results: list[str | None] = []
        for claim in claims:
            stored = self.claimed.setdefault(
                (principal, claim.event_type, claim.key), claim.fingerprint
            )
            same = stored == claim.fingerprint
            results.append(event_id_for(principal, claim.event_type, claim.key) if same else None)
        return results


@dataclass
class Reachable:
    up: bool = True

    async def reachable(self) -> bool:
        return self.up


@dataclass
class InMemoryViews:
    """Rows as monitoring's views would hold them; tests put in what the scenario needs."""

    indicator_rows: list[Row] = field(default_factory=list)
    community_rows: list[Row] = field(default_factory=list)
    compliance_summary_rows: list[Row] = field(default_factory=list)
    compliance_rows: list[Row] = field(default_factory=list)
    warning_rows: list[Row] = field(default_factory=list)
    registry: dict[str, str] = field(default_factory=dict)
    """credit code -> the district it is registered in"""
    report_rows: list[Row] = field(default_factory=list)
    officers: dict[str, str] = field(default_factory=dict)
    """credit code of a key enterprise -> its officer's principal id"""

    async def indicators(self, week: str) -> list[Row]:
        return [r for r in self.indicator_rows if r["week"] == week]

    async def community_indicators(self, week: str) -> list[Row]:
        return [r for r in self.community_rows if r["week"] == week]

    async def compliance_summary(self, week: str) -> list[Row]:
        return [r for r in self.compliance_summary_rows if r["week"] == week]

    async def compliance(self, week: str, district_code: str | None) -> list[Row]:
        return [
            r
            for r in self.compliance_rows
            if r["week"] == week and district_code in (None, r["district_code"])
        ]

    async def warnings(self, district_code: str | None, status: str | None) -> list[Row]:
        return [
            r
            for r in self.warning_rows
            if district_code in (None, r["district_code"]) and status in (None, r["status"])
        ]

    async def warning(self, warning_id: str) -> Row | None:
        return next((r for r in self.warning_rows if r["warning_id"] == warning_id), None)

    async def registered_district(self, credit_code: str) -> str | None:
        return self.registry.get(credit_code)

    async def service_officer(self, credit_code: str) -> str | None:
        return self.officers.get(credit_code)

    async def registered_districts(self, credit_codes: Sequence[str]) -> dict[str, str]:
        return {code: self.registry[code] for code in credit_codes if code in self.registry}

    async def recorded_reports(self, credit_code: str, week: str | None) -> list[Row]:
        return [
            r
            for r in self.report_rows
            if r["credit_code"] == credit_code and week in (None, r["week"])
        ]


@dataclass
class InMemoryEnterpriseDistricts:
    """credit code -> (district, the district its last claim replaced, that claim's token)."""

    rows: dict[str, tuple[str, str | None, UUID]] = field(default_factory=dict)

    def register_now(self, credit_code: str, district_code: str) -> None:
        self.rows[credit_code] = (district_code, None, uuid4())

    async def districts(self, credit_codes: Sequence[str]) -> dict[str, str]:
        return {code: self.rows[code][0] for code in credit_codes if code in self.rows}

    async def claim(
        self, credit_code: str, district_code: str, prior: str | None
    ) -> DistrictClaim | None:
        token = uuid4()
        current = self.rows.get(credit_code)
        if current is None:
            self.rows[credit_code] = (district_code, None, token)
            return DistrictClaim(credit_code, token, changed=True)
        if current[0] == district_code:
            return DistrictClaim(credit_code, token, changed=False)
        if current[0] != prior:
            return None
        self.rows[credit_code] = (district_code, current[0], token)
        return DistrictClaim(credit_code, token, changed=True)

    async def release(self, claim: DistrictClaim) -> None:
        current = self.rows.get(claim.credit_code)
        if not claim.changed or current is None or current[2] != claim.token:
            return
        if current[1] is None:
            del self.rows[claim.credit_code]
        else:
            self.rows[claim.credit_code] = (current[1], None, uuid4())


@dataclass
class InMemoryAuditLog:
    kept: dict[str, AuditEntry] = field(default_factory=dict)

    async def record(self, entry: AuditEntry) -> None:
        self.kept.setdefault(entry.event_id, entry)

    async def record_all(self, entries: Sequence[AuditEntry]) -> None:
        for entry in entries:
            self.kept.setdefault(entry.event_id, entry)

    async def entries(self, district_code: str | None, limit: int) -> list[AuditEntry]:
        chosen = [e for e in self.kept.values() if district_code in (None, e.district_code)]
        return sorted(chosen, key=lambda e: (e.accepted_at, e.event_id), reverse=True)[:limit]


@dataclass
class InMemoryServiceRegister:
    halls_by_code: dict[str, Hall] = field(default_factory=dict)
    changes: list[ServiceStatus] = field(default_factory=list)
    """Every status set, oldest first (the history; the latest per hall and service is current)."""

    async def save_hall(self, hall: Hall, by: str) -> None:
        self.halls_by_code[hall.code] = hall

    async def hall(self, code: str) -> Hall | None:
        return self.halls_by_code.get(code)

    async def halls(self, district_code: str | None) -> list[Hall]:
        return [
            hall
            for code, hall in sorted(self.halls_by_code.items())
            if district_code in (None, hall.district_code)
        ]

    async def set_status(self, status: ServiceStatus) -> None:
        self.changes.append(status)

    async def status(self, hall_code: str, service: PublicService) -> ServiceStatus | None:
        current = self._current()
        return current.get((hall_code, service.value))

    async def statuses(self, district_code: str | None) -> list[ServiceStatus]:
        return [
            status
            for _, status in sorted(self._current().items())
            if district_code in (None, district_of_hall(status.hall_code))
        ]

    async def history(self, hall_code: str) -> list[ServiceStatus]:
        # Newest first by time; among equal times the later set first, as the identity column.
        mine = [
            (s.changed_at, n, s) for n, s in enumerate(self.changes) if s.hall_code == hall_code
        ]
        return [s for *_, s in sorted(mine, key=lambda t: (t[0], t[1]), reverse=True)]

    def _current(self) -> dict[tuple[str, str], ServiceStatus]:
        return {(s.hall_code, s.service.value): s for s in self.changes}


@dataclass
class _StoredBooking:
    booking: NewBooking
    slot_id: UUID
    status: BookingStatus
    booked_at: datetime


@dataclass
class InMemoryAppointments:
    """The same rules as the PostgreSQL adapter; one lock stands in for its row locks."""

    slots_by_id: dict[UUID, Slot] = field(default_factory=dict)
    stored: dict[UUID, _StoredBooking] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def add_slot(self, slot: Slot, by: str) -> bool:
        taken = any(
            (s.hall_code, s.starts_at) == (slot.hall_code, slot.starts_at)
            for s in self.slots_by_id.values()
        )
        if taken or slot.slot_id in self.slots_by_id:
            return False
        self.slots_by_id[slot.slot_id] = replace(slot, booked=0)
        return True

    async def slot(self, slot_id: UUID) -> Slot | None:
        return self.slots_by_id.get(slot_id)

    async def slots(self, hall_code: str, day: date) -> list[Slot]:
        return sorted(
            (s for s in self.slots_by_id.values() if s.hall_code == hall_code and s.day == day),
            key=lambda s: s.starts_at,
        )

    async def book(self, booking: NewBooking, now: datetime) -> Booking:
        async with self.lock:
            first = self._by_key(booking)
            if first is not None:
                return first
            slot = self._open_slot(booking.slot_id, now)
            self._ensure_one_a_day(booking.person.mobile, slot, booking.booking_id)
            self.slots_by_id[slot.slot_id] = replace(slot, booked=slot.booked + 1)
            self.stored[booking.booking_id] = _StoredBooking(
                booking, slot.slot_id, BookingStatus.BOOKED, now
            )
            return self._booking(booking.booking_id)

    async def booking(self, booking_id: UUID) -> Booking | None:
        return self._booking(booking_id) if booking_id in self.stored else None

    async def bookings(self, hall_code: str, day: date) -> list[Booking]:
        mine = [self._booking(b) for b in self.stored]
        return sorted(
            (b for b in mine if b.hall_code == hall_code and b.slot.day == day),
            key=lambda b: (b.slot.starts_at, b.booked_at, b.booking_id),
        )

    async def cancel(self, booking_id: UUID, by: str) -> Booking | None:
        async with self.lock:
            kept = self.stored.get(booking_id)
            if kept is None:
                return None
            if kept.status is BookingStatus.BOOKED:
                kept.status = BookingStatus.CANCELLED
                slot = self.slots_by_id[kept.slot_id]
                self.slots_by_id[slot.slot_id] = replace(slot, booked=slot.booked - 1)
            return self._booking(booking_id)

    async def reschedule(self, booking_id: UUID, slot_id: UUID, now: datetime) -> Booking:
        async with self.lock:
            kept = self.stored.get(booking_id)
            if kept is None:
                raise UnknownBooking(f"no booking {booking_id}")
            if kept.status is not BookingStatus.BOOKED:
                raise BookingCancelled
            if kept.slot_id != slot_id:
                target = self._open_slot(slot_id, now)
                self._ensure_one_a_day(kept.booking.person.mobile, target, booking_id)
                old = self.slots_by_id[kept.slot_id]
                self.slots_by_id[old.slot_id] = replace(old, booked=old.booked - 1)
                self.slots_by_id[slot_id] = replace(target, booked=target.booked + 1)
                kept.slot_id = slot_id
            return self._booking(booking_id)

    def _open_slot(self, slot_id: UUID, now: datetime) -> Slot:
        slot = self.slots_by_id.get(slot_id)
        if slot is None:
            raise UnknownSlot(f"no slot {slot_id}")
        if slot.starts_at <= now:
            raise SlotPassed
        if slot.remaining <= 0:
            raise SlotFull
        return slot

    def _ensure_one_a_day(self, mobile: str, slot: Slot, booking_id: UUID) -> None:
        for other_id, other in self.stored.items():
            other_slot = self.slots_by_id[other.slot_id]
            if (
                other_id != booking_id
                and other.status is BookingStatus.BOOKED
                and other.booking.person.mobile == mobile
                and (other_slot.hall_code, other_slot.day) == (slot.hall_code, slot.day)
            ):
                raise AlreadyBooked

    def _by_key(self, booking: NewBooking) -> Booking | None:
        if booking.idempotency_key is None:
            return None
        for booking_id, kept in self.stored.items():
            same = (kept.booking.booked_by, kept.booking.idempotency_key)
            if same == (booking.booked_by, booking.idempotency_key):
                return self._booking(booking_id)
        return None

    def _booking(self, booking_id: UUID) -> Booking:
        kept = self.stored[booking_id]
        new = kept.booking
        return Booking(
            booking_id,
            self.slots_by_id[kept.slot_id],
            new.service,
            new.booked_by,
            new.person,
            kept.status,
            kept.booked_at,
        )
