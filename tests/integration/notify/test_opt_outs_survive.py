"""Opt-outs that survive, on PostgreSQL: a refusal recorded through the gateway outlives a
`replace` upload of the roster; a renewed consent takes channels back (recorded as evidence),
and only it lifts an SMS unsubscribe by reply (TD), for the enterprise that recorded it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from services.contracts.rosters import Channel as RosterChannel
from services.contracts.rosters import RosterMember, UploadMode
from services.notify.adapters.postgres_outbox import PostgresOutbox
from services.notify.adapters.postgres_store import PostgresNotifyStore
from services.notify.domain.records import RecordOptIn, RecordOptOut, RecordRosterChunk
from tests.support.data import credit_code

pytestmark = pytest.mark.integration

CODE, OTHER = credit_code(7), credit_code(8)
T0 = datetime(2020, 2, 10, 9, 0, tzinfo=UTC)
WANG = RosterMember(name="王芳", phone="+8613800138001", mobile=True)
LI = RosterMember(
    name="李强", phone="+8613800138002", mobile=True, opted_out=frozenset({RosterChannel.VOICE})
)
UPLOADS = iter(f"5c1f6a0e-4b7d-4e8a-9c3f-1a2b3c4d5e{n:02d}" for n in range(100))


def _replace(code: str, at: datetime, *members: RosterMember) -> RecordRosterChunk:
    return RecordRosterChunk(code, next(UPLOADS), UploadMode.REPLACE, at, members)


def _opt_in(phone: str, channels: set[str], at: datetime, code: str = CODE) -> RecordOptIn:
    return RecordOptIn(
        credit_code=code,
        phone=phone,
        channels=frozenset(channels),
        consent_method="written",
        consent_given_at=at - timedelta(hours=1),
        consent_reference="同意书-2020-0214-017",
        recorded_by=f"enterprise:{code}",
        opted_in_at=at,
    )


async def _refused(pool: asyncpg.Pool, code: str = CODE) -> dict[str, list[str]]:
    rows = await pool.fetch(
        "SELECT phone, opted_out FROM notify.roster_members WHERE credit_code = $1", code
    )
    return {r["phone"]: list(r["opted_out"]) for r in rows}


async def test_a_replace_upload_keeps_the_refusals_recorded_through_the_gateway(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresNotifyStore(pool)
    await store.record([_replace(CODE, T0, WANG, LI)])
    await store.record([RecordOptOut(CODE, WANG.phone, frozenset({"voice", "sms"}), T0)])

    await store.record([_replace(CODE, T0 + timedelta(days=1), WANG, LI)])

    assert await _refused(pool) == {WANG.phone: ["sms", "voice"], LI.phone: ["voice"]}


async def test_a_renewed_consent_takes_a_channel_back_and_a_later_replace_keeps_it_back(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresNotifyStore(pool)
    await store.record([_replace(CODE, T0, WANG)])
    await store.record([RecordOptOut(CODE, WANG.phone, frozenset({"voice", "sms"}), T0)])

    await store.record([_opt_in(WANG.phone, {"sms"}, T0 + timedelta(days=2))])
    await store.record([_replace(CODE, T0 + timedelta(days=3), WANG)])

    assert await _refused(pool) == {WANG.phone: ["voice"]}
    renewal = await pool.fetchrow("SELECT * FROM notify.consent_renewals")
    assert renewal is not None
    assert (renewal["channels"], renewal["method"], renewal["reference"]) == (
        ["sms"], "written", "同意书-2020-0214-017"
    )  # fmt: skip
    # The same renewal recorded again (a redelivered event) is one renewal.
    await store.record([_opt_in(WANG.phone, {"sms"}, T0 + timedelta(days=2))])
    assert await pool.fetchval("SELECT count(*) FROM notify.consent_renewals") == 1


async def test_a_td_survives_a_replace_and_only_a_renewal_lifts_it_for_its_enterprise(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresNotifyStore(pool)
    await store.record([_replace(CODE, T0, WANG), _replace(OTHER, T0, WANG)])
    await PostgresOutbox(pool).record_unsubscribes([WANG.phone])  # 王芳 replied TD
    await store.record([_replace(CODE, datetime.now(UTC), WANG)])
    assert await _refused(pool) == {WANG.phone: ["sms"]}

    await store.record([_opt_in(WANG.phone, {"sms"}, datetime.now(UTC) + timedelta(seconds=1))])
    await store.record([_replace(CODE, datetime.now(UTC) + timedelta(seconds=2), WANG)])
    await store.record([_replace(OTHER, datetime.now(UTC) + timedelta(seconds=2), WANG)])

    assert await pool.fetchval("SELECT count(*) FROM notify.sms_unsubscribes") == 0
    assert await _refused(pool) == {WANG.phone: []}
    # The other enterprise's employee said stop too: it keeps the refusal until its own renewal.
    assert await _refused(pool, OTHER) == {WANG.phone: ["sms"]}


async def test_a_td_sent_after_the_consent_was_recorded_stands(pool: asyncpg.Pool) -> None:
    store = PostgresNotifyStore(pool)
    await store.record([_replace(CODE, T0, WANG)])
    await store.record([_opt_in(WANG.phone, {"sms"}, T0)])  # recorded long before the reply
    await PostgresOutbox(pool).record_unsubscribes([WANG.phone])

    await store.record([_opt_in(WANG.phone, {"sms"}, T0 + timedelta(minutes=1))])

    assert await pool.fetchval("SELECT count(*) FROM notify.sms_unsubscribes") == 1
