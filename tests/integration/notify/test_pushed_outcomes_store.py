"""Pushed outcomes on PostgreSQL: WeChat's and VMS's pushes reach the messages they name in
bulk, whatever their order and however often they come: delivered, on to the fallback channel,
or a permanent failure; a push before its send's answer waits for it; one naming nothing of
ours is counted and given up."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import asyncpg
import pytest

from services.contracts.campaigns import Audience
from services.contracts.rosters import Channel as RosterChannel
from services.contracts.rosters import RosterMember, UploadMode
from services.notify.adapters.postgres_outbox import PostgresOutbox
from services.notify.adapters.postgres_store import PostgresNotifyStore
from services.notify.adapters.pushed_outcomes_sql import ApplyPushedOutcomes, PushedOutcomeInbox
from services.notify.channels import AddressResult, Outcome, Provider
from services.notify.domain.batching import Planned
from services.notify.domain.pushed_outcomes import voice_outcomes, wechat_outcome
from services.notify.domain.records import RecordCampaign, RecordRosterChunk
from services.notify.domain.routing import Channel
from tests.support.data import credit_code

pytestmark = pytest.mark.integration

CODE = credit_code(5)
T0 = datetime(2020, 2, 10, 9, 0, tzinfo=UTC)
R = RosterChannel
ORDER = (Channel.SMS, Channel.WECHAT, Channel.VOICE)
PROVIDERS = {
    Channel.SMS: Provider.TENCENT_SMS,
    Channel.WECHAT: Provider.WECHAT,
    Channel.VOICE: Provider.TENCENT_VMS,
}


def _wechat(n: int, **extra: object) -> RosterMember:
    return RosterMember(
        name=f"职工{n}",
        phone=f"+86138001380{n:02d}",
        mobile=True,
        wechat_openid=f"oFugong00000000{n:02d}",
        preferred_channel=R.WECHAT,
        **extra,
    )


MEMBERS = (
    _wechat(1),  # delivered on WeChat
    _wechat(2),  # blocks the account: on to SMS
    _wechat(3, opted_out=frozenset({R.SMS, R.VOICE})),  # blocks it, nothing after WeChat
    _wechat(4),  # its push comes before its send's answer
    RosterMember(name="周杰", phone="+862158885678", mobile=False),  # voice: answered
    RosterMember(name="赵敏", phone="+862158881234", mobile=False),  # voice: not answered
)


async def _sent(pool: asyncpg.Pool) -> tuple[PostgresOutbox, list[Planned]]:
    store = PostgresNotifyStore(pool)
    upload = "4d1f6a0e-4b7d-4e8a-9c3f-1a2b3c4d5e6f"
    await store.record([RecordRosterChunk(CODE, upload, UploadMode.REPLACE, T0, MEMBERS)])
    campaign = RecordCampaign(
        campaign_id="1b6d2f3e-8a4c-4f7e-9b1d-3c5e7a9b1d2f",
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
    await store.record([campaign])
    outbox = PostgresOutbox(pool)
    planned = await outbox.claim(100, dict.fromkeys(ORDER, 1), PROVIDERS)
    assert len(planned) == len(MEMBERS)
    return outbox, planned


async def _answer(outbox: PostgresOutbox, request: Planned, serial: str) -> None:
    result = AddressResult(request.addresses[0], Outcome.ACCEPTED, serial_no=serial)
    await outbox.record_answers([(request.attempt_id, result)], max_attempts=5, backoff_seconds=1)


async def _by_address(pool: asyncpg.Pool) -> dict[str, tuple[str, str | None]]:
    rows = await pool.fetch("SELECT phone, status, channel FROM notify.messages")
    return {r["phone"]: (r["status"], r["channel"]) for r in rows}


async def test_pushes_in_any_order_and_twice_end_each_message_right(pool: asyncpg.Pool) -> None:
    outbox, planned = await _sent(pool)
    by_address = {p.addresses[0]: p for p in planned}
    serials = {
        "oFugong0000000001": "1001",
        "oFugong0000000002": "1002",
        "oFugong0000000003": "1003",
        "+862158885678": "call-1",
        "+862158881234": "call-2",
    }
    for address, serial in serials.items():
        await _answer(outbox, by_address[address], serial)
    inbox = PushedOutcomeInbox(pool)
    job = ApplyPushedOutcomes(pool, match_seconds=600, retention_days=7)
    # 职工4's push comes before its send's answer was recorded: it waits for it.
    await inbox.record([wechat_outcome(1004, "success")])
    await inbox.record(
        [
            wechat_outcome(1002, "failed:user block"),
            wechat_outcome(1001, "success"),
            wechat_outcome(1003, "failed:user block"),
            *voice_outcomes({"voiceprompt_callback": {"callid": "call-2", "result": "1"}}),
            *voice_outcomes({"voiceprompt_callback": {"callid": "call-1", "result": "0"}}),
        ]
    )
    first = await job.run()
    await _answer(outbox, by_address["oFugong0000000004"], "1004")
    # Everything again, the other way round (a success now would undo nothing).
    await inbox.record([wechat_outcome(1001, "success"), wechat_outcome(1002, "success")])
    second = await job.run()

    assert (first.applied, second.applied) == (5, 1)
    assert await _by_address(pool) == {
        "+8613800138001": ("delivered", "wechat"),
        "+8613800138002": ("created", "sms"),  # blocked on WeChat: its fallback
        "+8613800138003": ("permanent_failure", "wechat"),
        "+8613800138004": ("delivered", "wechat"),
        "+862158885678": ("delivered", "voice"),
        "+862158881234": ("permanent_failure", "voice"),  # nothing after voice
    }
    reasons = await pool.fetch("SELECT reason FROM notify.messages WHERE status <> 'delivered'")
    assert {r[0] for r in reasons} == {
        "wechat: the user blocks the account's template messages",
        "voice: the call was not answered",
    }
    # The fallback sends: 职工2 by SMS, under a new attempt, no push of WeChat's touches it.
    again = await outbox.claim(100, dict.fromkeys(ORDER, 1), PROVIDERS)
    assert [(p.addresses, p.channel) for p in again] == [(("+8613800138002",), Channel.SMS)]


async def test_a_push_naming_no_message_of_ours_is_given_up_after_the_match_window(
    pool: asyncpg.Pool,
) -> None:
    await _sent(pool)
    await PushedOutcomeInbox(pool).record([wechat_outcome(999_999, "success")])
    assert (await ApplyPushedOutcomes(pool, match_seconds=600, retention_days=7).run()).unknown == 0
    await asyncio.sleep(0.2)

    result = await ApplyPushedOutcomes(pool, match_seconds=0.1, retention_days=7).run()

    assert (result.applied, result.unknown) == (0, 1)
    assert set((await _by_address(pool)).values()) == {("sending", "wechat"), ("sending", "voice")}
