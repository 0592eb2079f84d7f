"""One suite for the console's sessions, run against the in-memory fake the console's route tests
use and the PostgreSQL adapter, so the fake cannot drift from the real thing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
import pytest_asyncio

from services.gateway.adapters.api_keys import ApiKeyStore
from services.gateway.adapters.console_sessions import PostgresConsoleSessions
from services.gateway.adapters.memory import InMemoryKeys
from services.gateway.adapters.memory_sessions import InMemoryConsoleSessions
from services.gateway.app import SCHEMA
from services.gateway.console.sessions import ConsoleSessions, SessionTimes
from services.gateway.domain.access import Principal, PrincipalKind
from services.platform.migrations import migrate
from services.platform.postgres import open_pool

pytestmark = pytest.mark.integration

PEPPER = "a-pepper-for-the-contract-tests-only"
TIMES = SessionTimes(idle=timedelta(minutes=30), longest=timedelta(hours=12))
PUDONG = Principal(PrincipalKind.OFFICIAL, district_code="310115")


@dataclass
class Subject:
    sessions: ConsoleSessions
    keys: InMemoryKeys | ApiKeyStore


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def subject(request: pytest.FixtureRequest, database: str) -> AsyncIterator[Subject]:
    if request.param == "memory":
        keys = InMemoryKeys()
        yield Subject(InMemoryConsoleSessions(keys), keys)
        return
    pool = await open_pool(database, max_size=2)
    await migrate(pool, SCHEMA, "services.gateway")
    yield Subject(PostgresConsoleSessions(pool, PEPPER), ApiKeyStore(pool, PEPPER, 0))
    await pool.close()


async def test_a_session_names_the_keys_principal_and_keeps_its_csrf_token(
    subject: Subject,
) -> None:
    key = await subject.keys.issue(PUDONG, "浦东新区人社局")
    session_id = await subject.sessions.open(key, TIMES)
    assert key not in session_id
    first = await subject.sessions.session(session_id, TIMES)
    again = await subject.sessions.session(session_id, TIMES)
    assert first is not None
    assert again is not None
    assert first.principal == PUDONG
    assert first.csrf_token == again.csrf_token
    other = await subject.sessions.open(key, TIMES)
    other_session = await subject.sessions.session(other, TIMES)
    assert other_session is not None
    assert other_session.csrf_token != first.csrf_token


async def test_closing_revoking_the_key_and_idling_end_a_session(subject: Subject) -> None:
    key = await subject.keys.issue(PUDONG, "浦东新区人社局")
    closed = await subject.sessions.open(key, TIMES)
    await subject.sessions.close(closed)
    assert await subject.sessions.session(closed, TIMES) is None
    assert await subject.sessions.session("never-issued", TIMES) is None

    brief = SessionTimes(idle=timedelta(milliseconds=300), longest=timedelta(hours=1))
    idle = await subject.sessions.open(key, brief)
    await asyncio.sleep(0.5)
    assert await subject.sessions.session(idle, brief) is None

    revoked = await subject.sessions.open(key, TIMES)
    assert await subject.keys.revoke(key)
    assert await subject.sessions.session(revoked, TIMES) is None
