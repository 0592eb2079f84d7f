"""Opt-out per channel on PostgreSQL: a roster's refusals and one recorded later reach the
campaign's messages, the sender skips refused channels, a member who refused every channel that
reaches them ends `unsendable`, and the roster's figures count each member on the channel the
sender would use first (the routing rule, not a copy of it)."""

from __future__ import annotations

from datetime import UTC, datetime

import asyncpg
import pytest

from services.contracts.campaigns import Audience
from services.contracts.rosters import Channel as RosterChannel
from services.contracts.rosters import RosterMember, UploadMode
from services.notify.adapters.postgres_outbox import PostgresOutbox
from services.notify.adapters.postgres_store import PostgresNotifyStore
from services.notify.channels import Provider
from services.notify.domain.records import RecordCampaign, RecordOptOut, RecordRosterChunk
from services.notify.domain.routing import Channel, Recipient, route
from tests.support.data import credit_code

pytestmark = pytest.mark.integration

CODE = credit_code(3)
T0 = datetime(2020, 2, 10, 9, 0, tzinfo=UTC)
R = RosterChannel
ORDER = (Channel.SMS, Channel.WECHAT, Channel.VOICE)
PROVIDERS = {
    Channel.SMS: Provider.TENCENT_SMS,
    Channel.WECHAT: Provider.WECHAT,
    Channel.VOICE: Provider.TENCENT_VMS,
}
MEMBERS = (
    RosterMember(name="王芳", phone="+8613800138001", mobile=True),
    RosterMember(
        name="李强", phone="+8613800138002", mobile=True, opted_out=frozenset({R.SMS, R.VOICE})
    ),
    RosterMember(name="赵敏", phone="+862158881234", mobile=False, opted_out=frozenset({R.VOICE})),
    RosterMember(
        name="陈静",
        phone="+8613800138004",
        mobile=True,
        wechat_openid="oFugong0000000004",
        preferred_channel=R.WECHAT,
        opted_out=frozenset({R.WECHAT}),
    ),
    RosterMember(name="刘洋", phone="+8613800138005", mobile=True),
    RosterMember(name="周杰", phone="+862158885678", mobile=False),
    RosterMember(
        name="吴婷",
        phone="+8613800138007",
        mobile=True,
        wechat_openid="oFugong0000000007",
        preferred_channel=R.WECHAT,
    ),
)


def _campaign() -> RecordCampaign:
    return RecordCampaign(
        campaign_id="0b6d2f3e-8a4c-4f7e-9b1d-3c5e7a9b1d2f",
        credit_code=CODE,
        template="return_to_work",
        body="【复工】请于2月17日返岗。",
        slots=("2月17日",),
        segments=1,
        audience=Audience(),
        send_at=T0,
        requested_by=f"enterprise:{CODE}",
        requested_at=T0,
    )


async def test_refused_channels_are_skipped_and_refusing_every_one_is_unsendable(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresNotifyStore(pool)
    upload = "2c1f6a0e-4b7d-4e8a-9c3f-1a2b3c4d5e6f"
    await store.record([RecordRosterChunk(CODE, upload, UploadMode.REPLACE, T0, MEMBERS)])
    await store.record([_campaign()])
    # 刘洋 says no more SMS (退订) after the campaign was recorded, before it is sent.
    await store.record([RecordOptOut(CODE, "+8613800138005", frozenset({"sms"}), T0)])

    planned = await PostgresOutbox(pool).claim(100, dict.fromkeys(ORDER, 1), PROVIDERS)

    claimed = {m.address: m.channel for p in planned for m in p.messages}
    assert claimed == {
        "+8613800138001": Channel.SMS,
        "+8613800138004": Channel.SMS,  # prefers WeChat, refused it
        "+8613800138005": Channel.VOICE,  # refused SMS after the campaign was recorded
        "+862158885678": Channel.VOICE,
        "oFugong0000000007": Channel.WECHAT,
    }
    rows = await pool.fetch("SELECT phone, reason FROM notify.messages WHERE status = 'unsendable'")
    assert sorted(r["phone"] for r in rows) == ["+8613800138002", "+862158881234"]
    assert {r["reason"] for r in rows} == {
        "the recipient opted out of every channel that reaches them"
    }
    failures = await pool.fetch("SELECT status FROM notify.campaign_failures_v")
    assert sorted(r[0] for r in failures) == ["unsendable", "unsendable"]


async def test_an_upload_adding_a_member_again_keeps_the_refusal_recorded_for_them(
    pool: asyncpg.Pool,
) -> None:
    store = PostgresNotifyStore(pool)
    first = "2c1f6a0e-4b7d-4e8a-9c3f-1a2b3c4d5e60"
    again = "2c1f6a0e-4b7d-4e8a-9c3f-1a2b3c4d5e61"
    await store.record([RecordRosterChunk(CODE, first, UploadMode.APPEND, T0, MEMBERS[:1])])
    await store.record([RecordOptOut(CODE, "+8613800138001", frozenset({"voice"}), T0)])
    await store.record([RecordRosterChunk(CODE, again, UploadMode.APPEND, T0, MEMBERS[:1])])

    refused = await pool.fetchval("SELECT opted_out FROM notify.roster_members")
    assert refused == ["voice"]


async def test_the_roster_figures_count_each_member_on_the_channel_routing_picks_first(
    pool: asyncpg.Pool,
) -> None:
    upload = "2c1f6a0e-4b7d-4e8a-9c3f-1a2b3c4d5e62"
    await PostgresNotifyStore(pool).record(
        [RecordRosterChunk(CODE, upload, UploadMode.REPLACE, T0, MEMBERS)]
    )
    expected = {"sms": 0, "wechat": 0, "voice": 0, None: 0}
    for m in MEMBERS:
        preferred = Channel(m.preferred_channel.value)
        order = (preferred, *(c for c in ORDER if c is not preferred))
        recipient = Recipient(
            m.phone, m.wechat_openid, frozenset(Channel(c.value) for c in m.opted_out)
        )
        found = route(order, None, recipient)
        expected[found.channel.value if found else None] += 1

    row = await pool.fetchrow("SELECT * FROM notify.roster_summary_v WHERE credit_code = $1", CODE)

    assert row is not None
    assert (
        row["first_by_sms"],
        row["first_by_wechat"],
        row["first_by_voice"],
        row["opted_out_of_all"],
    ) == (expected["sms"], expected["wechat"], expected["voice"], expected[None])
    assert expected == {"sms": 3, "wechat": 1, "voice": 1, None: 2}


async def test_a_number_that_replied_td_gets_no_sms_from_any_enterprise(pool: asyncpg.Pool) -> None:
    store = PostgresNotifyStore(pool)
    upload = "2c1f6a0e-4b7d-4e8a-9c3f-1a2b3c4d5e63"
    await store.record([RecordRosterChunk(CODE, upload, UploadMode.REPLACE, T0, MEMBERS)])
    await store.record([_campaign()])
    outbox = PostgresOutbox(pool)
    # 王芳 (SMS only reaches her... and voice) and 陈静 (WeChat refused) reply TD.
    await outbox.record_unsubscribes(["+8613800138001", "+8613800138004", "+8613800138001"])

    planned = await outbox.claim(100, dict.fromkeys(ORDER, 1), PROVIDERS)

    claimed = {m.address: m.channel for p in planned for m in p.messages}
    assert claimed["+8613800138001"] == Channel.VOICE
    assert claimed["+8613800138004"] == Channel.VOICE
    assert claimed["+8613800138005"] == Channel.SMS
    refused = await pool.fetch(
        "SELECT phone, opted_out FROM notify.roster_members WHERE 'sms' = ANY(opted_out)"
    )
    assert {r["phone"] for r in refused} >= {"+8613800138001", "+8613800138004"}
