"""The in-memory fake of the MobileProofs port, for route tests (the contract suite runs it and
PostgreSQL: tests/integration/gateway/test_mobile_proofs_contract.py). It shares the proved
numbers with the registrations' fake, as the two adapters share a table."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from services.gateway.adapters.memory_registrations import InMemorySelfRegistrations
from services.gateway.domain.verification import Policy, Purpose
from services.gateway.verification_ports import MobileProof


@dataclass
class _Row:
    proof: MobileProof
    previous_mobile: str | None
    created_at: datetime


@dataclass
class InMemoryMobileProofs:
    registrations: InMemorySelfRegistrations
    rows: dict[str, _Row] = field(default_factory=dict)
    notices: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    """notice id -> the replaced number and when"""
    _locks: dict[str, asyncio.Lock] = field(default_factory=lambda: defaultdict(asyncio.Lock))

    def contact(self, recipient: str, now: datetime) -> str | None:
        """What gateway.self_registration_contacts_v shows notify for a proof or a notice."""
        row = self.rows.get(recipient)
        if row is not None and now < row.proof.pending.code_expires_at:
            return row.proof.mobile
        mobile, at = self.notices.get(recipient, (None, now))
        return mobile if mobile and now - at < timedelta(days=1) else None

    async def seeker_with_number(self, number_hash: bytes) -> str | None:
        seekers = [s for s, h in self.registrations.numbers.items() if h == number_hash]
        oldest = datetime.min.replace(tzinfo=UTC)
        proved = self.registrations.verified_at
        return max(seekers, key=lambda s: proved.get(s, oldest), default=None)

    async def start(self, proof: MobileProof, previous_mobile: str | None) -> None:
        if proof.proof_id in self.rows:
            raise ValueError(f"proof {proof.proof_id} exists")
        self.rows[proof.proof_id] = _Row(proof, previous_mobile, datetime.now(UTC))

    @asynccontextmanager
    async def proving(self, proof_id: str, purpose: Purpose) -> AsyncIterator[_Attempt | None]:
        async with self._locks[proof_id]:
            row = self.rows.get(proof_id)
            if row is None or row.proof.purpose is not purpose:
                yield None
                return
            attempt = _Attempt(row.proof)
            yield attempt  # an error raised in the block leaves the rows as they were
            if attempt.proved_as is not None:
                del self.rows[proof_id]
                seeker_id = row.proof.seeker_id or ""
                self.registrations.numbers[seeker_id] = attempt.proved_as
                self.registrations.verified_at[seeker_id] = datetime.now(UTC)
            elif attempt.wrong_codes:
                pending = row.proof.pending
                counted = replace(pending, attempts=pending.attempts + attempt.wrong_codes)
                row.proof = replace(row.proof, pending=counted)

    async def keep_notice(self, proof_id: str, notice_id: str) -> None:
        row = self.rows.get(proof_id)
        if row is not None and row.previous_mobile is not None:
            self.notices.setdefault(notice_id, (row.previous_mobile, datetime.now(UTC)))

    async def purge(self, now: datetime, policy: Policy) -> int:
        old = [k for k, r in self.rows.items() if r.created_at < now - policy.registration_lifetime]
        for proof_id in old:
            del self.rows[proof_id]
        for notice_id in [k for k, (_, at) in self.notices.items() if at < now - timedelta(1)]:
            del self.notices[notice_id]
        return len(old)


class _Attempt:
    def __init__(self, proof: MobileProof) -> None:
        self.proof = proof
        self.wrong_codes = 0
        self.proved_as: bytes | None = None

    async def wrong(self) -> None:
        self.wrong_codes += 1

    async def proved(self, number_hash: bytes) -> None:
        self.proved_as = number_hash
