"""Pushed outcomes of sends whose answer was lost, on PostgreSQL: no serial number of ours names
them, so each is matched by the recipient it names (WeChat's openid, VMS's number) to the one
message to that recipient whose outcome is unknown. Two such messages are never guessed
between; a message whose answer may still come makes the push wait; the recipient's address
is kept only while the push waits."""

from __future__ import annotations

import asyncio
import dataclasses

import asyncpg
import pytest

from services.notify.adapters.bulk_messages import NewMessage, add_messages
from services.notify.adapters.postgres_outbox import PostgresOutbox
from services.notify.adapters.pushed_outcomes_sql import ApplyPushedOutcomes, PushedOutcomeInbox
from services.notify.channels import AddressResult, Outcome, Provider
from services.notify.domain.pushed_outcomes import voice_outcomes, wechat_outcome
from services.notify.domain.routing import Channel
from tests.support.notify_campaign import recipient

pytestmark = pytest.mark.integration

C = Channel
NOTICE = "notice:复工-推送匹配"
PROVIDERS = {C.SMS: Provider.TENCENT_SMS, C.WECHAT: Provider.WECHAT, C.VOICE: Provider.TENCENT_VMS}
LANDLINE = "+862158881234"


def _message(
    n: int, channels: tuple[Channel, ...], phone: str, wechat_openid: str | None = None
) -> NewMessage:
    return dataclasses.replace(
        recipient(n, NOTICE),
        event_id=f"{NOTICE}:{n}",
        channels=channels,
        opted_out=frozenset(),
        phone=phone,
        wechat_openid=wechat_openid,
    )


# VMS names the number it called (nationcode and mobile), not our reference.
UNANSWERED_CALL = {
    "voiceprompt_callback": {
        "callid": "call-lost-3", "result": "1", "mobile": "2158881234", "nationcode": "86",
    }
}  # fmt: skip

MESSAGES = [
    _message(1, (C.WECHAT, C.SMS), phone="+8613700000001", wechat_openid="oLost0000000001"),
    _message(2, (C.WECHAT, C.SMS), phone="+8613700000002", wechat_openid="oLost0000000002"),
    _message(3, (C.VOICE,), phone=LANDLINE),
    # Two notices to one WeChat user, both answers lost: a push cannot say which it is about.
    _message(4, (C.WECHAT,), phone="+8613700000004", wechat_openid="oTwice000000004"),
    _message(5, (C.WECHAT,), phone="+8613700000005", wechat_openid="oTwice000000004"),
    # Its push comes while its send's answer may still be on its way.
    _message(6, (C.WECHAT,), phone="+8613700000006", wechat_openid="oLate0000000006"),
]


async def _statuses(pool: asyncpg.Pool) -> dict[int, tuple[str, str, str | None]]:
    rows = await pool.fetch(
        "SELECT event_id, status, channel, serial_no FROM notify.messages WHERE requested_by = $1",
        NOTICE,
    )
    return {int(r[0].rsplit(":", 1)[1]): (r[1], r[2], r[3]) for r in rows}


async def _lose_answers(pool: asyncpg.Pool, outbox: PostgresOutbox, numbers: set[int]) -> None:
    """What the sender does when a handed request got no answer from a provider it cannot ask."""
    wanted = {f"{NOTICE}:{n}" for n in numbers}
    for message in await outbox.in_flight_too_long(0, 100):
        if message.event_id in wanted:
            assert message.handed
            await outbox.settle_unconfirmed(message)


async def test_pushes_of_sends_whose_answer_was_lost_find_their_one_message(
    pool: asyncpg.Pool,
) -> None:
    assert await add_messages(pool, MESSAGES) == len(MESSAGES)
    outbox = PostgresOutbox(pool)
    planned = await outbox.claim(100, dict.fromkeys(C, 1), PROVIDERS)
    assert len(planned) == len(MESSAGES)
    held = [(m.event_id, p.attempt_id) for p in planned for m in p.messages]
    assert len(await outbox.mark_handed(held)) == len(MESSAGES)  # they left; no answer came
    await asyncio.sleep(0.01)  # the pushes are received after the sends left

    await PushedOutcomeInbox(pool).record(
        [
            wechat_outcome(5001, "success", "oLost0000000001"),
            wechat_outcome(5002, "failed:user block", "oLost0000000002"),
            *voice_outcomes(UNANSWERED_CALL),
            wechat_outcome(5004, "success", "oTwice000000004"),
            wechat_outcome(5006, "success", "oLate0000000006"),
        ]
    )
    job = ApplyPushedOutcomes(pool, match_seconds=600, retention_days=7)
    # Every send still `sending`: its answer may come with the serial number; nothing moves.
    assert (await job.run()).applied == 0

    await _lose_answers(pool, outbox, {1, 2, 3, 4, 5})
    first = await job.run()
    await _lose_answers(pool, outbox, {6})
    second = await job.run()

    assert (first.applied, second.applied) == (3, 1)
    statuses = await _statuses(pool)
    assert statuses == {
        1: ("delivered", "wechat", "5001"),
        2: ("created", "sms", "5002"),  # blocked on WeChat: on to its SMS
        3: ("permanent_failure", "voice", "call-lost-3"),  # not answered, nothing after voice
        4: ("sent", "wechat", None),  # two candidates: neither is guessed
        5: ("sent", "wechat", None),
        6: ("delivered", "wechat", "5006"),
    }
    pending = await pool.fetch(
        "SELECT serial_no, address FROM notify.pushed_outcomes WHERE settled_at IS NULL"
    )
    assert [tuple(r) for r in pending] == [("5004", "oTwice000000004")]
    # The ambiguous push is given up once the window is over, and its address goes with it.
    await asyncio.sleep(0.2)
    given_up = await ApplyPushedOutcomes(pool, match_seconds=0.1, retention_days=7).run()
    assert (given_up.applied, given_up.unknown) == (0, 1)
    kept = await pool.fetch("SELECT serial_no, matched, address FROM notify.pushed_outcomes")
    assert sorted(tuple(r) for r in kept) == [
        ("5001", True, None),
        ("5002", True, None),
        ("5004", False, None),
        ("5006", True, None),
        ("call-lost-3", True, None),
    ]


async def test_a_push_for_a_send_answered_meanwhile_is_not_taken_by_a_lost_one(
    pool: asyncpg.Pool,
) -> None:
    # Two notices to one WeChat user: the first's answer was lost, the second's push comes
    # before its answer. The push names the second's msgid, which is recorded only later: it
    # must wait for it, not go to the first, the only message `sent` without a serial number.
    twice = [
        _message(7, (C.WECHAT, C.SMS), phone="+8613700000007", wechat_openid="oTwoSends00007"),
        _message(8, (C.WECHAT, C.SMS), phone="+8613700000008", wechat_openid="oTwoSends00007"),
    ]
    await add_messages(pool, twice)
    outbox = PostgresOutbox(pool)
    planned = await outbox.claim(100, dict.fromkeys(C, 1), PROVIDERS)
    held = [(m.event_id, p.attempt_id) for p in planned for m in p.messages]
    await outbox.mark_handed(held)
    await _lose_answers(pool, outbox, {7})
    await asyncio.sleep(0.01)
    await PushedOutcomeInbox(pool).record(
        [wechat_outcome(6008, "failed:user block", "oTwoSends00007")]
    )
    job = ApplyPushedOutcomes(pool, match_seconds=600, retention_days=7)
    assert (await job.run()).applied == 0

    [second] = [p for p in planned if p.messages[0].event_id == f"{NOTICE}:8"]
    answer = AddressResult("oTwoSends00007", Outcome.ACCEPTED, serial_no="6008")
    await outbox.record_answers([(second.attempt_id, answer)], max_attempts=5, backoff_seconds=1)
    assert (await job.run()).applied == 1

    statuses = await _statuses(pool)
    assert statuses[7] == ("sent", "wechat", None)  # its own push never came
    assert statuses[8] == ("created", "sms", "6008")
