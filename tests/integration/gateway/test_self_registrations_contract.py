"""One suite for self-registrations waiting for their SMS code (migration 013), run against the
in-memory fake the route tests use and PostgreSQL: the codes to a number are counted one by one
however many ask at once, parallel guesses each use up a try, an attempt that fails half-way
changes nothing, and notify's view shows the number only while the code is valid."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
import pytest_asyncio

from services.gateway.adapters.memory_registrations import InMemorySelfRegistrations
from services.gateway.adapters.self_registrations import PostgresSelfRegistrations
from services.gateway.app import SCHEMA
from services.gateway.domain.verification import Policy, code_hash, number_hash
from services.gateway.verification_ports import SelfRegistrations
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.seekers import seeker_body

pytestmark = pytest.mark.integration

KEY = b"a-secret-for-the-contract-suite"
MOBILE = "+8613912345678"
NUMBER = number_hash(KEY, MOBILE)


@dataclass
class Store:
    registrations: SelfRegistrations
    pool: asyncpg.Pool | None

    async def contact(self, seeker_id: str) -> str | None:
        """What notify reads: gateway.self_registration_contacts_v (the fake's own account)."""
        if self.pool is None:
            assert isinstance(self.registrations, InMemorySelfRegistrations)
            return self.registrations.contact(seeker_id, datetime.now(UTC))
        found: str | None = await self.pool.fetchval(
            "SELECT mobile FROM gateway.self_registration_contacts_v WHERE seeker_id = $1",
            seeker_id,
        )
        return found


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def store(request: pytest.FixtureRequest, database: str) -> AsyncIterator[Store]:
    if request.param == "memory":
        yield Store(InMemorySelfRegistrations(), None)
        return
    pool = await open_pool(database, max_size=12)
    await migrate(pool, SCHEMA, "services.gateway")
    yield Store(PostgresSelfRegistrations(pool), pool)
    await pool.close()


async def _waiting(store: Store, code: str = "042917", minutes: float = 10) -> str:
    seeker_id = str(uuid.uuid4())
    expires = datetime.now(UTC) + timedelta(minutes=minutes)
    await store.registrations.start(
        seeker_id, seeker_body(mobile=MOBILE), MOBILE, code_hash(KEY, seeker_id, code), expires
    )
    return seeker_id


async def test_a_registration_waits_with_its_profile_and_its_code_hashed(store: Store) -> None:
    seeker_id = await _waiting(store)

    waiting = await store.registrations.waiting(seeker_id)

    assert waiting is not None
    assert waiting.profile == seeker_body(mobile=MOBILE)
    assert waiting.pending.code_hash == code_hash(KEY, seeker_id, "042917")
    assert waiting.pending.attempts == 0
    assert await store.contact(seeker_id) == MOBILE
    assert await store.registrations.waiting(str(uuid.uuid4())) is None


async def test_notify_no_longer_finds_the_number_once_the_code_expired(store: Store) -> None:
    seeker_id = await _waiting(store, minutes=-1)

    assert await store.contact(seeker_id) is None
    renewed = await store.registrations.renew_code(
        seeker_id, code_hash(KEY, seeker_id, "314159"), datetime.now(UTC) + timedelta(minutes=10)
    )
    assert renewed
    assert await store.contact(seeker_id) == MOBILE


async def test_codes_asked_at_once_for_one_number_are_counted_one_by_one(store: Store) -> None:
    policy = Policy(min_gap_between_codes=timedelta(0), codes_per_number_per_hour=5)
    now = datetime.now(UTC)

    waits = await asyncio.gather(
        *(store.registrations.reserve_code(NUMBER, now, policy) for _ in range(10))
    )

    assert sorted(w == 0 for w in waits) == [False] * 5 + [True] * 5
    other = await store.registrations.reserve_code(number_hash(KEY, "+8613812345670"), now, policy)
    assert other == 0


async def test_parallel_guesses_each_use_up_a_try(store: Store) -> None:
    seeker_id = await _waiting(store)

    async def guess() -> None:
        async with store.registrations.verifying(seeker_id) as attempt:
            assert attempt is not None
            await attempt.wrong()

    await asyncio.gather(*(guess() for _ in range(5)))

    waiting = await store.registrations.waiting(seeker_id)
    assert waiting is not None
    assert waiting.pending.attempts == 5


async def test_an_attempt_that_fails_half_way_changes_nothing(store: Store) -> None:
    seeker_id = await _waiting(store)

    async def verified_then_refused() -> None:
        async with store.registrations.verifying(seeker_id) as attempt:
            assert attempt is not None
            await attempt.verified(NUMBER)
            raise RuntimeError("the broker did not acknowledge the registration")

    with pytest.raises(RuntimeError):
        await verified_then_refused()

    assert await store.registrations.waiting(seeker_id) is not None
    assert await store.registrations.verified_number(seeker_id) is None


async def test_a_verified_registration_ends_and_its_number_is_kept(store: Store) -> None:
    seeker_id = await _waiting(store)

    async with store.registrations.verifying(seeker_id) as attempt:
        assert attempt is not None
        await attempt.verified(NUMBER)

    assert await store.registrations.waiting(seeker_id) is None
    assert await store.contact(seeker_id) is None
    assert await store.registrations.verified_number(seeker_id) == NUMBER
    async with store.registrations.verifying(seeker_id) as again:
        assert again is None


async def test_the_purge_forgets_registrations_never_verified_after_a_day(store: Store) -> None:
    seeker_id = await _waiting(store)
    policy = Policy()

    kept = await store.registrations.purge(datetime.now(UTC), policy)
    forgotten = await store.registrations.purge(
        datetime.now(UTC) + timedelta(days=1, hours=1), policy
    )

    assert (kept, forgotten) == (0, 1)
    assert await store.registrations.waiting(seeker_id) is None
