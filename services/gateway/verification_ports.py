"""The gateway's ports for numbers people prove by an SMS code: self-registrations waiting for
their code (migration 013) and proofs by seekers who already have a number (migration 015).
Each has a PostgreSQL adapter and an in-memory fake run by one contract suite."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from services.gateway.domain.verification import Pending, Policy, Purpose


@dataclass(frozen=True)
class WaitingRegistration:
    """A self-registration waiting for its SMS code: the profile as typed (with the mobile)."""

    seeker_id: str
    profile: dict[str, Any]
    pending: Pending


class VerificationAttempt(Protocol):
    """One code typed against a waiting registration, the registration held for it alone (two
    guesses at once are judged one after the other, so none escapes the count)."""

    registration: WaitingRegistration

    async def wrong(self) -> None:
        """Count a wrong code."""
        ...

    async def verified(self, number_hash: bytes) -> None:
        """The number is proved: the registration ends and the seeker keeps that number."""
        ...


class SelfRegistrations(Protocol):
    """Self-registrations waiting for their code (migration 013): what notify reads the number
    from (`gateway.self_registration_contacts_v`), the codes sent per number, and the number
    each verified seeker proved."""

    async def reserve_code(self, number_hash: bytes, now: datetime, policy: Policy) -> float:
        """Count a code to this number now if the limits allow (0.0), else the seconds to wait
        (nothing counted). One number's reservations are judged one after the other."""
        ...

    async def start(
        self, seeker_id: str, profile: dict[str, Any], mobile: str, code_hash: bytes,
        expires_at: datetime,
    ) -> None: ...  # fmt: skip

    async def renew_code(self, seeker_id: str, code_hash: bytes, expires_at: datetime) -> bool:
        """A new code replaces the old (wrong codes tried still count); False if not waiting."""
        ...

    async def waiting(self, seeker_id: str) -> WaitingRegistration | None: ...

    def verifying(self, seeker_id: str) -> AbstractAsyncContextManager[VerificationAttempt | None]:
        """The registration held for one attempt (None: not waiting); what the attempt did is
        kept when the block ends without an error, and undone if it raises."""
        ...

    async def verified_number(self, seeker_id: str) -> bytes | None:
        """The keyed hash of the number a self-registered seeker proved (None: not one)."""
        ...

    async def purge(self, now: datetime, policy: Policy) -> int:
        """Forget registrations older than the policy's lifetime and code counts older than an
        hour; the number of registrations forgotten."""
        ...


@dataclass(frozen=True)
class MobileProof:
    """A number being proved again by a self-registered seeker (migration 015); `seeker_id` and
    `mobile` are None for a key recovery asked for a number nobody proved."""

    proof_id: str
    purpose: Purpose
    seeker_id: str | None
    mobile: str | None
    pending: Pending


class ProofAttempt(Protocol):
    """One code typed against a proof, the proof held for it alone."""

    proof: MobileProof

    async def wrong(self) -> None: ...

    async def proved(self, number_hash: bytes) -> None:
        """The proof ends and the seeker's proved number becomes this one."""
        ...


class MobileProofs(Protocol):
    """Proofs of a number by seekers who already have one (their codes are counted with the
    registrations': `SelfRegistrations.reserve_code`)."""

    async def seeker_with_number(self, number_hash: bytes) -> str | None:
        """The seeker who proved this number last (None: nobody)."""
        ...

    async def start(self, proof: MobileProof, previous_mobile: str | None) -> None: ...

    def proving(
        self, proof_id: str, purpose: Purpose
    ) -> AbstractAsyncContextManager[ProofAttempt | None]:
        """The proof held for one attempt (None: no such proof waiting for this purpose)."""
        ...

    async def keep_notice(self, proof_id: str, notice_id: str) -> None:
        """Keep the number a change replaces under `notice_id` for notify to read, a day,
        committed at once (the notice may be read before the change's own transaction ends);
        again for the same notice id is nothing."""
        ...

    async def purge(self, now: datetime, policy: Policy) -> int:
        """Forget proofs older than a registration's lifetime and notices older than a day."""
        ...
