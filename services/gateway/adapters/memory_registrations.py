"""The in-memory fake of the SelfRegistrations port, for route tests (the same contract suite
runs it and PostgreSQL: tests/integration/gateway/test_self_registrations_contract.py)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from services.gateway.domain.verification import Pending, Policy, wait_before_code
from services.gateway.verification_ports import WaitingRegistration


@dataclass
class _Row:
    registration: WaitingRegistration
    mobile: str
    created_at: datetime


@dataclass
class InMemorySelfRegistrations:
    rows: dict[str, _Row] = field(default_factory=dict)
    sent: dict[bytes, list[datetime]] = field(default_factory=lambda: defaultdict(list))
    numbers: dict[str, bytes] = field(default_factory=dict)
    verified_at: dict[str, datetime] = field(default_factory=dict)
    """seeker id -> when their number was last proved"""
    _locks: dict[str, asyncio.Lock] = field(default_factory=lambda: defaultdict(asyncio.Lock))

    def contact(self, seeker_id: str, now: datetime) -> str | None:
        """What gateway.self_registration_contacts_v shows notify: the number while the code is
        valid."""
        row = self.rows.get(seeker_id)
        valid = row is not None and now < row.registration.pending.code_expires_at
        return row.mobile if row and valid else None

    async def reserve_code(self, number_hash: bytes, now: datetime, policy: Policy) -> float:
        recent = [t for t in self.sent[number_hash] if t > now - timedelta(hours=1)]
        wait = wait_before_code(recent, now, policy)
        if wait <= 0:
            self.sent[number_hash].append(now)
        return wait

    async def start(
        self,
        seeker_id: str,
        profile: dict[str, Any],
        mobile: str,
        code_hash: bytes,
        expires_at: datetime,
    ) -> None:
        if seeker_id in self.rows:
            raise ValueError(f"registration {seeker_id} exists")
        pending = Pending(code_hash, expires_at, 0)
        registration = WaitingRegistration(seeker_id, profile, pending)
        self.rows[seeker_id] = _Row(registration, mobile, datetime.now(expires_at.tzinfo))

    async def renew_code(self, seeker_id: str, code_hash: bytes, expires_at: datetime) -> bool:
        row = self.rows.get(seeker_id)
        if row is None:
            return False
        pending = replace(row.registration.pending, code_hash=code_hash, code_expires_at=expires_at)
        row.registration = replace(row.registration, pending=pending)
        return True

    async def waiting(self, seeker_id: str) -> WaitingRegistration | None:
        row = self.rows.get(seeker_id)
        return row.registration if row else None

    @asynccontextmanager
    async def verifying(self, seeker_id: str) -> AsyncIterator[_Attempt | None]:
        async with self._locks[seeker_id]:
            row = self.rows.get(seeker_id)
            if row is None:
                yield None
                return
            attempt = _Attempt(row.registration)
            yield attempt  # an error raised in the block leaves the rows as they were
            if attempt.proved is not None:
                del self.rows[seeker_id]
                self.numbers[seeker_id] = attempt.proved
                self.verified_at[seeker_id] = datetime.now(UTC)
            elif attempt.wrong_codes:
                pending = row.registration.pending
                counted = replace(pending, attempts=pending.attempts + attempt.wrong_codes)
                row.registration = replace(row.registration, pending=counted)

    async def verified_number(self, seeker_id: str) -> bytes | None:
        return self.numbers.get(seeker_id)

    async def purge(self, now: datetime, policy: Policy) -> int:
        old = [k for k, r in self.rows.items() if r.created_at < now - policy.registration_lifetime]
        for seeker_id in old:
            del self.rows[seeker_id]
        for times in self.sent.values():
            times[:] = [t for t in times if t >= now - timedelta(hours=1)]
        return len(old)


class _Attempt:
    def __init__(self, registration: WaitingRegistration) -> None:
        self.registration = registration
        self.wrong_codes = 0
        self.proved: bytes | None = None

    async def wrong(self) -> None:
        self.wrong_codes += 1

    async def verified(self, number_hash: bytes) -> None:
        self.proved = number_hash
