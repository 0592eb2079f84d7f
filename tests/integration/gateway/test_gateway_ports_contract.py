"""One suite for the gateway's key and idempotency ports, run against the in-memory fakes the
route tests use and the PostgreSQL adapters, so the fakes cannot drift from the real thing."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

import pytest
import pytest_asyncio

from services.contracts.weekly_reports import WeeklyReport
from services.gateway.adapters.api_keys import DEFAULT_LIFETIME, ApiKeyStore, IssuedKey
from services.gateway.adapters.audit_log import PostgresAuditLog
from services.gateway.adapters.idempotency_keys import (
    IdempotencyKeyReused,
    IdempotencyKeys,
    request_digest,
)
from services.gateway.adapters.memory import InMemoryAuditLog, InMemoryIdempotency, InMemoryKeys
from services.gateway.app import SCHEMA
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.ports import AuditEntry, AuditLog, Claim, IdempotencyStore
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.data import credit_code, weekly_report

pytestmark = pytest.mark.integration

PUDONG_FOOD = credit_code(1, "310115")
REPORTED = "cn.fugong.monitoring.weekly-report.submitted.v1"


class KeyStore(Protocol):
    async def issue(
        self, principal: Principal, label: str, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> str: ...

    async def rotate(self, key: str, overlap: timedelta) -> str | None: ...

    async def revoke(self, key: str) -> bool: ...

    async def principal_for(self, key: str) -> Principal | None: ...

    async def issue_with_id(
        self, principal: Principal, label: str, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> IssuedKey: ...

    async def revoke_by_id(self, key_id: uuid.UUID) -> bool: ...

    async def last_used(self, key_id: uuid.UUID) -> float | None: ...


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def stores(
    request: pytest.FixtureRequest, database: str
) -> AsyncIterator[tuple[KeyStore, IdempotencyStore]]:
    if request.param == "memory":
        yield InMemoryKeys(), InMemoryIdempotency()
        return
    pool = await open_pool(database, max_size=2)
    await migrate(pool, SCHEMA, "services.gateway")
    yield ApiKeyStore(pool, "a-pepper-for-the-contract-tests-only", 0), IdempotencyKeys(pool)
    await pool.close()


def _report(on_duty: int = 120) -> WeeklyReport:
    return WeeklyReport.model_validate(weekly_report(PUDONG_FOOD, on_duty=on_duty))


async def test_an_issued_key_names_its_principal_until_revoked(
    stores: tuple[KeyStore, IdempotencyStore],
) -> None:
    keys, _ = stores
    point = Principal(PrincipalKind.COMMUNITY_POINT, town_code="310115004")
    key = await keys.issue(point, "潍坊新村街道")

    assert await keys.principal_for(key) == point
    assert await keys.revoke(key)
    assert not await keys.revoke(key)
    assert await keys.principal_for(key) is None
    assert await keys.principal_for("fg_never-issued") is None


async def test_a_retry_gets_the_same_event_id_and_another_request_is_refused(
    stores: tuple[KeyStore, IdempotencyStore],
) -> None:
    _, claims = stores
    key = uuid.uuid4()

    first = await claims.claim(f"enterprise:{PUDONG_FOOD}", REPORTED, key, _report())
    again = await claims.claim(f"enterprise:{PUDONG_FOOD}", REPORTED, key, _report())
    someone_else = await claims.claim("official:city", REPORTED, key, _report())

    assert first == again != someone_else
    with pytest.raises(IdempotencyKeyReused, match="already used for a different request"):
        await claims.claim(f"enterprise:{PUDONG_FOOD}", REPORTED, key, _report(on_duty=90))


async def test_claims_of_a_batch_match_claims_made_one_by_one(
    stores: tuple[KeyStore, IdempotencyStore],
) -> None:
    _, claims = stores
    me = f"enterprise:{PUDONG_FOOD}"
    single, batched, reused = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    one_by_one = await claims.claim(me, REPORTED, single, _report())
    await claims.claim(me, REPORTED, reused, _report())

    answers = await claims.claim_all(
        me,
        [
            Claim(REPORTED, single, request_digest(_report())),  # a retry of a single request
            Claim(REPORTED, batched, request_digest(_report())),  # new
            Claim(REPORTED, batched, request_digest(_report())),  # the same again within the batch
            Claim(
                REPORTED, reused, request_digest(_report(on_duty=90))
            ),  # the key of another request
        ],
    )

    assert answers[0] == one_by_one
    assert answers[1] == answers[2] == await claims.claim(me, REPORTED, batched, _report())
    assert answers[3] is None
    assert await claims.claim_all(me, []) == []


async def test_staff_and_operations_keys_name_their_principal(
    stores: tuple[KeyStore, IdempotencyStore],
) -> None:
    keys, _ = stores
    for principal in (
        Principal(PrincipalKind.ASSISTANT, district_code="310115", staff_id="A0012"),
        Principal(PrincipalKind.OFFICER, district_code="310104", staff_id="S-07"),
        Principal(PrincipalKind.OPERATIONS),
        Principal(PrincipalKind.JOB_SEEKER, seeker_id="3b8f2c1d-6e4a-5b7c-8d9e-0f1a2b3c4d5e"),
    ):
        assert await keys.principal_for(await keys.issue(principal, "staff")) == principal


async def test_a_rotated_key_works_beside_the_new_one_until_its_overlap_ends(
    stores: tuple[KeyStore, IdempotencyStore],
) -> None:
    keys, _ = stores
    pudong = Principal(PrincipalKind.OFFICIAL, district_code="310115")
    old = await keys.issue(pudong, "浦东新区人社局")

    new = await keys.rotate(old, overlap=timedelta(hours=24))
    assert new is not None
    assert (await keys.principal_for(old), await keys.principal_for(new)) == (pudong, pudong)

    newer = await keys.rotate(new, overlap=timedelta(0))  # no overlap: the old one ends now
    assert newer is not None
    assert await keys.principal_for(new) is None
    assert await keys.principal_for(newer) == pudong
    assert await keys.rotate(new, overlap=timedelta(hours=1)) is None  # expired: nothing issued


async def test_a_key_issued_for_no_time_is_expired_at_once(
    stores: tuple[KeyStore, IdempotencyStore],
) -> None:
    keys, _ = stores
    key = await keys.issue(Principal(PrincipalKind.OFFICIAL), "市人社局", timedelta(0))
    assert await keys.principal_for(key) is None


@pytest_asyncio.fixture(params=["memory", "postgres"])
async def audit_log(request: pytest.FixtureRequest, database: str) -> AsyncIterator[AuditLog]:
    if request.param == "memory":
        yield InMemoryAuditLog()
        return
    pool = await open_pool(database, max_size=2)
    await migrate(pool, SCHEMA, "services.gateway")
    yield PostgresAuditLog(pool)
    await pool.close()


async def test_the_audit_log_keeps_a_write_once_and_reads_by_district_newest_first(
    audit_log: AuditLog,
) -> None:
    t0 = datetime(2020, 2, 17, 9, tzinfo=UTC)
    first = AuditEntry("e1", f"enterprise:{PUDONG_FOOD}", "310115", REPORTED, "t", PUDONG_FOOD, t0)
    later = replace(first, event_id="e2", accepted_at=t0 + timedelta(minutes=5))
    elsewhere = replace(first, event_id="e3", district_code="310104")
    for entry in (first, first, later, elsewhere):
        await audit_log.record(entry)

    pudong = await audit_log.entries("310115", 10)
    assert [e.event_id for e in pudong] == ["e2", "e1"]
    # Ties in time are broken by event id, the same way in both.
    assert [e.event_id for e in await audit_log.entries(None, 3)] == ["e2", "e3", "e1"]


async def test_the_audit_log_keeps_a_batch_of_writes_once_each(audit_log: AuditLog) -> None:
    t0 = datetime(2020, 2, 17, 9, tzinfo=UTC)
    first = AuditEntry("b1", f"enterprise:{PUDONG_FOOD}", None, REPORTED, "t", PUDONG_FOOD, t0)
    batch = [first, replace(first, event_id="b2", accepted_at=t0 + timedelta(seconds=1))]

    await audit_log.record_all(batch)
    await audit_log.record_all([*batch, replace(first, event_id="b3", district_code="310115")])
    await audit_log.record_all([])

    assert [e.event_id for e in await audit_log.entries(None, 10)] == ["b2", "b3", "b1"]
    assert [e.event_id for e in await audit_log.entries("310115", 10)] == ["b3"]


async def test_the_audit_log_keeps_the_dates_a_write_stated(audit_log: AuditLog) -> None:
    t0 = datetime(2026, 11, 30, 9, tzinfo=UTC)
    stated = {"monitored_from": "2020-02-03", "monitored_until": "2020-03-22"}
    imported = AuditEntry("s1", "official:city", "310115", "registered", "t", PUDONG_FOOD, t0)
    await audit_log.record(replace(imported, stated=stated))
    await audit_log.record_all(
        [
            replace(imported, event_id="s2", stated={"received_at": "2020-02-14T17:30:00+08:00"}),
            replace(imported, event_id="s3", accepted_at=t0 - timedelta(seconds=1)),
        ]
    )

    assert [(e.event_id, e.stated) for e in await audit_log.entries(None, 10)] == [
        ("s2", {"received_at": "2020-02-14T17:30:00+08:00"}),
        ("s1", stated),
        ("s3", None),
    ]


async def test_a_key_is_revoked_by_the_id_shown_at_issue(
    stores: tuple[KeyStore, IdempotencyStore],
) -> None:
    keys, _ = stores
    issued = await keys.issue_with_id(
        Principal(PrincipalKind.OFFICIAL, district_code="310115"), "浦东人社局"
    )
    other = await keys.issue_with_id(
        Principal(PrincipalKind.OFFICIAL, district_code="310115"), "浦东人社局 2"
    )

    assert await keys.revoke_by_id(issued.key_id)
    assert not await keys.revoke_by_id(issued.key_id)
    assert not await keys.revoke_by_id(uuid.uuid4())
    assert await keys.principal_for(issued.key) is None
    assert await keys.principal_for(other.key) is not None


async def test_a_keys_use_is_recorded(stores: tuple[KeyStore, IdempotencyStore]) -> None:
    keys, _ = stores
    issued = await keys.issue_with_id(Principal(PrincipalKind.OPERATIONS), "Prometheus")
    assert await keys.last_used(issued.key_id) is None

    await keys.principal_for(issued.key)

    used = await keys.last_used(issued.key_id)
    assert used is not None
    assert abs(used - datetime.now(UTC).timestamp()) < 60


async def test_a_keys_use_is_written_once_a_minute_not_per_request(database: str) -> None:
    pool = await open_pool(database, max_size=2)
    try:
        await migrate(pool, SCHEMA, "services.gateway")
        keys = ApiKeyStore(pool, "a-pepper-for-the-contract-tests-only", cache_seconds=0)
        issued = await keys.issue_with_id(Principal(PrincipalKind.OPERATIONS), "Prometheus")
        await keys.principal_for(issued.key)
        await pool.execute("UPDATE gateway.api_keys SET last_used_at = '2020-02-10T09:00:00+08:00'")

        for _ in range(20):
            assert await keys.principal_for(issued.key) is not None

        marked = await pool.fetchval("SELECT last_used_at FROM gateway.api_keys")
        assert marked == datetime(2020, 2, 10, 1, tzinfo=UTC)  # not written again this minute
    finally:
        await pool.close()
