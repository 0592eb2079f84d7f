"""One suite for numbers proved again by self-registered seekers (migration 015), run against
the in-memory fake the route tests use and PostgreSQL: a number finds the seeker who proved it
last, notify's view shows a proof's number only while its code is valid (a recovery for a
number nobody proved shows none) and a replaced number for a day, parallel guesses each use up
a try, an attempt that fails half-way changes nothing, and a proved change becomes the number
the seeker keeps. Then, on PostgreSQL, a recovered key revokes every earlier key of the seeker."""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
import pytest_asyncio

from services.gateway.adapters.api_keys import ApiKeyStore
from services.gateway.adapters.memory_proofs import InMemoryMobileProofs
from services.gateway.adapters.memory_registrations import InMemorySelfRegistrations
from services.gateway.adapters.mobile_proofs import PostgresMobileProofs
from services.gateway.adapters.self_registrations import PostgresSelfRegistrations
from services.gateway.app import SCHEMA
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.domain.verification import (
    Pending,
    Policy,
    Purpose,
    code_hash,
    number_hash,
)
from services.gateway.verification_ports import MobileProof, MobileProofs, SelfRegistrations
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.seekers import seeker_body

pytestmark = pytest.mark.integration

KEY = b"a-secret-for-the-contract-suite"
OLD, NEW = "+8613912345678", "+8613698765432"


@dataclass
class Store:
    registrations: SelfRegistrations
    proofs: MobileProofs
    pool: asyncpg.Pool | None

    async def contact(self, recipient: str) -> str | None:
        """What notify reads: gateway.self_registration_contacts_v (the fake's own account)."""
        if self.pool is None:
            assert isinstance(self.proofs, InMemoryMobileProofs)
            return self.proofs.contact(recipient, datetime.now(UTC))
        found: str | None = await self.pool.fetchval(
            "SELECT mobile FROM gateway.self_registration_contacts_v WHERE seeker_id = $1",
            recipient,
        )
        return found

    async def proved_seeker(self, mobile: str) -> str:
        """A seeker who registered themselves and proved `mobile`."""
        seeker_id = str(uuid.uuid4())
        expires = datetime.now(UTC) + timedelta(minutes=10)
        hashed = code_hash(KEY, seeker_id, "042917")
        profile = seeker_body(mobile=mobile)
        await self.registrations.start(seeker_id, profile, mobile, hashed, expires)
        async with self.registrations.verifying(seeker_id) as attempt:
            assert attempt is not None
            await attempt.verified(number_hash(KEY, mobile))
        return seeker_id


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def store(request: pytest.FixtureRequest, database: str) -> AsyncIterator[Store]:
    if request.param == "memory":
        registrations = InMemorySelfRegistrations()
        yield Store(registrations, InMemoryMobileProofs(registrations), None)
        return
    pool = await open_pool(database, max_size=12)
    await migrate(pool, SCHEMA, "services.gateway")
    yield Store(PostgresSelfRegistrations(pool), PostgresMobileProofs(pool), pool)
    await pool.close()


def _proof(
    purpose: Purpose, seeker_id: str | None, mobile: str | None, minutes: float = 10
) -> MobileProof:
    proof_id = str(uuid.uuid4())
    expires = datetime.now(UTC) + timedelta(minutes=minutes)
    hashed = code_hash(KEY, proof_id, "042917") if seeker_id else secrets.token_bytes(32)
    return MobileProof(proof_id, purpose, seeker_id, mobile, Pending(hashed, expires, 0))


async def test_a_number_finds_the_seeker_who_proved_it_last(store: Store) -> None:
    first = await store.proved_seeker(OLD)
    await asyncio.sleep(0.01)
    last = await store.proved_seeker(OLD)

    assert await store.proofs.seeker_with_number(number_hash(KEY, OLD)) == last != first
    assert await store.proofs.seeker_with_number(number_hash(KEY, NEW)) is None


async def test_notify_reads_a_proofs_number_only_while_its_code_is_valid(store: Store) -> None:
    seeker_id = await store.proved_seeker(OLD)
    recovery = _proof(Purpose.KEY_RECOVERY, seeker_id, OLD)
    nobodys = _proof(Purpose.KEY_RECOVERY, None, None)
    expired = _proof(Purpose.MOBILE_CHANGE, seeker_id, NEW, minutes=-1)
    await store.proofs.start(recovery, None)
    await store.proofs.start(nobodys, None)
    await store.proofs.start(expired, OLD)

    assert await store.contact(recovery.proof_id) == OLD
    assert await store.contact(nobodys.proof_id) is None
    assert await store.contact(expired.proof_id) is None
    async with store.proofs.proving(recovery.proof_id, Purpose.MOBILE_CHANGE) as other_purpose:
        assert other_purpose is None


async def test_parallel_guesses_at_a_proof_each_use_up_a_try(store: Store) -> None:
    proof = _proof(Purpose.KEY_RECOVERY, None, None)
    await store.proofs.start(proof, None)

    async def guess() -> None:
        async with store.proofs.proving(proof.proof_id, Purpose.KEY_RECOVERY) as attempt:
            assert attempt is not None
            await attempt.wrong()

    await asyncio.gather(*(guess() for _ in range(5)))

    async with store.proofs.proving(proof.proof_id, Purpose.KEY_RECOVERY) as attempt:
        assert attempt is not None
        assert attempt.proof.pending.attempts == 5


async def test_a_proof_that_fails_half_way_changes_nothing(store: Store) -> None:
    seeker_id = await store.proved_seeker(OLD)
    change = _proof(Purpose.MOBILE_CHANGE, seeker_id, NEW)
    await store.proofs.start(change, OLD)

    async def proved_then_refused() -> None:
        async with store.proofs.proving(change.proof_id, Purpose.MOBILE_CHANGE) as attempt:
            assert attempt is not None
            await attempt.proved(number_hash(KEY, NEW))
            raise RuntimeError("the broker did not acknowledge the update")

    with pytest.raises(RuntimeError):
        await proved_then_refused()

    assert await store.registrations.verified_number(seeker_id) == number_hash(KEY, OLD)
    assert await store.contact(change.proof_id) == NEW


async def test_a_proved_change_is_the_number_kept_and_the_old_one_is_told(store: Store) -> None:
    seeker_id = await store.proved_seeker(OLD)
    change = _proof(Purpose.MOBILE_CHANGE, seeker_id, NEW)
    await store.proofs.start(change, OLD)
    notice_id = str(uuid.uuid4())

    async with store.proofs.proving(change.proof_id, Purpose.MOBILE_CHANGE) as attempt:
        assert attempt is not None
        assert (attempt.proof.seeker_id, attempt.proof.mobile) == (seeker_id, NEW)
        await store.proofs.keep_notice(change.proof_id, notice_id)
        await store.proofs.keep_notice(change.proof_id, notice_id)  # a retry: the same notice
        await attempt.proved(number_hash(KEY, NEW))

    assert await store.registrations.verified_number(seeker_id) == number_hash(KEY, NEW)
    assert await store.proofs.seeker_with_number(number_hash(KEY, NEW)) == seeker_id
    assert await store.contact(notice_id) == OLD
    assert await store.contact(change.proof_id) is None
    async with store.proofs.proving(change.proof_id, Purpose.MOBILE_CHANGE) as again:
        assert again is None


async def test_the_purge_forgets_proofs_after_a_day(store: Store) -> None:
    proof = _proof(Purpose.KEY_RECOVERY, None, None)
    await store.proofs.start(proof, None)

    kept = await store.proofs.purge(datetime.now(UTC), Policy())
    forgotten = await store.proofs.purge(datetime.now(UTC) + timedelta(days=1, hours=1), Policy())

    assert (kept, forgotten) == (0, 1)
    async with store.proofs.proving(proof.proof_id, Purpose.KEY_RECOVERY) as attempt:
        assert attempt is None


async def test_a_recovered_key_revokes_every_earlier_key_of_the_seeker(database: str) -> None:
    pool = await open_pool(database, max_size=2)
    try:
        await migrate(pool, SCHEMA, "services.gateway")
        keys = ApiKeyStore(pool, "a-pepper-for-the-contract-suite", cache_seconds=30)
        seeker = Principal(PrincipalKind.JOB_SEEKER, seeker_id=str(uuid.uuid4()))
        other = Principal(PrincipalKind.JOB_SEEKER, seeker_id=str(uuid.uuid4()))
        lost = [await keys.issue(seeker, "self-registered job seeker") for _ in range(2)]
        others = await keys.issue(other, "self-registered job seeker")
        assert await keys.principal_for(lost[0]) == seeker  # cached, as in a running gateway

        recovered = await keys.replace_seeker_keys(seeker, "recovered", timedelta(days=180))

        assert [await keys.principal_for(k) for k in lost] == [None, None]
        assert await keys.principal_for(recovered) == seeker
        assert await keys.principal_for(others) == other
        live = await pool.fetchval(
            "SELECT count(*) FROM gateway.api_keys WHERE seeker_id = $1::uuid "
            "AND revoked_at IS NULL",
            seeker.seeker_id,
        )
        assert live == 1
    finally:
        await pool.close()
