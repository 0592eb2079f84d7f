"""Notify's store on PostgreSQL for rosters and campaigns, and the retention purge: replace and
append, replays, an audience by department, a cancel, and personal data gone after the retention
period while the status history stays."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from services.contracts.campaigns import Audience
from services.contracts.rosters import RosterMember, UploadMode
from services.notify.adapters.postgres_store import PostgresNotifyStore
from services.notify.adapters.retention import RetentionPurge
from services.notify.domain.records import RecordCampaign, RecordCancel, RecordRosterChunk
from tests.support.data import credit_code

pytestmark = pytest.mark.integration

CODE = credit_code(1)
T0 = datetime(2020, 2, 10, 9, 0, tzinfo=UTC)


def _member(serial: int, department: str = "生产部", mobile: bool = True) -> RosterMember:
    phone = f"+86138{serial:08d}" if mobile else f"+8621588{serial:05d}"
    return RosterMember(name="王芳", phone=phone, mobile=mobile, department=department)


def _chunk(
    members: list[RosterMember], mode: UploadMode, at: datetime, upload: str | None = None
) -> RecordRosterChunk:
    return RecordRosterChunk(CODE, upload or str(uuid.uuid4()), mode, at, tuple(members))


def _campaign(campaign_id: str, audience: Audience | None = None) -> RecordCampaign:
    return RecordCampaign(
        campaign_id=campaign_id,
        credit_code=CODE,
        template="return_to_work",
        body="【复工】请于2月17日返岗。",
        slots=("2月17日",),
        segments=1,
        audience=audience or Audience(),
        send_at=T0,
        requested_by=f"enterprise:{CODE}",
        requested_at=T0,
    )


def _counts(rows: list[asyncpg.Record]) -> dict[str, int]:
    """Messages by status (summed over channels)."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[0]] = counts.get(row[0], 0) + row[1]
    return counts


async def _roster(pool: asyncpg.Pool) -> list[str]:
    rows = await pool.fetch("SELECT phone FROM notify.roster_members ORDER BY phone")
    return [row[0] for row in rows]


async def test_a_replacement_is_the_whole_roster_and_a_late_chunk_of_an_earlier_one_adds_nobody(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresNotifyStore(pool)
    first = _chunk([_member(1), _member(2), _member(3)], UploadMode.REPLACE, T0)
    await store.record([first])
    await store.record([_chunk([_member(2), _member(4)], UploadMode.REPLACE, T0 + timedelta(1))])
    assert await _roster(pool) == ["+8613800000002", "+8613800000004"]

    await store.record([first])  # redelivered after the replacement
    assert await _roster(pool) == ["+8613800000002", "+8613800000004"]

    await store.record([_chunk([_member(5)], UploadMode.APPEND, T0 + timedelta(2))])
    assert await _roster(pool) == ["+8613800000002", "+8613800000004", "+8613800000005"]


async def test_a_campaign_is_expanded_once_to_its_audience_and_a_cancel_stops_the_unsent(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresNotifyStore(pool)
    members = [_member(n) for n in range(1, 6)] + [_member(9, "仓储部"), _member(7, mobile=False)]
    await store.record([_chunk(members, UploadMode.REPLACE, T0)])
    campaign_id = str(uuid.uuid4())
    audience = Audience(departments=["生产部"])

    assert await store.record([_campaign(campaign_id, audience)]) == 1
    assert await store.record([_campaign(campaign_id, audience)]) == 0  # a replay
    rows = await pool.fetch(
        "SELECT status, count(*) FROM notify.messages WHERE campaign_id = $1 GROUP BY 1",
        uuid.UUID(campaign_id),
    )
    assert _counts(rows) == {"created": 6}  # the landline too: by voice
    channels = await pool.fetch(
        "SELECT phone, channel, channels FROM notify.messages WHERE campaign_id = $1",
        uuid.UUID(campaign_id),
    )
    assert {r["channel"] for r in channels if r["phone"] != "+862158800007"} == {"sms"}
    assert [(r["channel"], r["channels"]) for r in channels if r["phone"] == "+862158800007"] == [
        ("voice", ["sms", "wechat", "voice"])
    ]
    assert (
        await pool.fetchval(
            "SELECT recipients FROM notify.campaigns_v WHERE campaign_id = $1",
            uuid.UUID(campaign_id),
        )
        == 6
    )

    await pool.execute(
        "UPDATE notify.messages SET status = 'sent', attempt_id = gen_random_uuid(), "
        "claimed_at = now() WHERE phone = '+8613800000001'"
    )
    cancel = RecordCancel(campaign_id, CODE, T0 + timedelta(hours=1))
    assert await store.record([cancel]) == 1
    assert await store.record([cancel]) == 0
    rows = await pool.fetch(
        "SELECT status, messages FROM notify.campaign_progress_v WHERE campaign_id = $1",
        uuid.UUID(campaign_id),
    )
    assert _counts(rows) == {"sent": 1, "cancelled": 5}


async def test_personal_data_is_purged_after_the_retention_and_the_statuses_stay(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresNotifyStore(pool)
    old, recent = str(uuid.uuid4()), str(uuid.uuid4())
    await store.record([_chunk([_member(1), _member(2)], UploadMode.REPLACE, T0)])
    await store.record([_campaign(old), _campaign(recent)])
    await pool.execute(
        "UPDATE notify.messages SET status = 'delivered', attempt_id = gen_random_uuid(), "
        "claimed_at = now(), address = phone, provider = 'tencent_sms', "
        "wechat_openid = 'oFugong_' || right(phone, 4), "
        "status_changed_at = now() - make_interval(days => "
        "CASE WHEN campaign_id = $1 THEN 8 ELSE 1 END)",
        uuid.UUID(old),
    )
    await pool.execute(
        "UPDATE notify.campaigns SET requested_at = now() - "
        "CASE WHEN campaign_id = $1 THEN interval '8 days' ELSE interval '1 day' END",
        uuid.UUID(old),
    )
    await pool.execute("UPDATE notify.roster_members SET uploaded_at = now() - interval '8 days'")

    purged = await RetentionPurge(pool, retention_days=7).run()

    assert (purged.messages, purged.campaigns, purged.members) == (2, 1, 2)
    rows = await pool.fetch(
        "SELECT campaign_id = $1 AS old, status, phone, body, slots::text, purged_at IS NOT NULL, "
        "address IS NULL AND wechat_openid IS NULL FROM notify.messages ORDER BY 1",
        uuid.UUID(old),
    )
    recent_rows = [tuple(row)[1:] for row in rows if not row[0]]
    old_rows = [tuple(row)[1:] for row in rows if row[0]]
    assert sorted(recent_rows) == [
        (
            "delivered",
            f"+8613800000{n:03d}",
            "【复工】请于2月17日返岗。",
            '["2月17日"]',
            False,
            False,
        )
        for n in (1, 2)
    ]
    assert old_rows == [("delivered", None, None, "[]", True, True)] * 2
    assert await pool.fetchval("SELECT count(*) FROM notify.roster_members") == 0
    progress = await pool.fetch(
        "SELECT status, messages FROM notify.campaign_progress_v WHERE campaign_id = $1",
        uuid.UUID(old),
    )
    assert _counts(progress) == {"delivered": 2}
    assert await RetentionPurge(pool, retention_days=7).run() == type(purged)(0, 0, 0)
