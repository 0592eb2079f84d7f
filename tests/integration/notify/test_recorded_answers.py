"""The answers of many requests recorded in one UPDATE (the sender's group commit), on the real
PostgreSQL: each message takes its own request's answer, and only while that attempt holds it."""

from __future__ import annotations

import asyncpg
import pytest

from services.contracts.notifications import Template
from services.notify.adapters.bulk_messages import NewMessage, add_messages
from services.notify.adapters.postgres_outbox import PostgresOutbox
from services.notify.channels import AddressResult, Outcome, Provider
from services.notify.domain.routing import Channel

pytestmark = pytest.mark.integration

C = Channel
PREFERS_WECHAT = (C.WECHAT, C.SMS, C.VOICE)
PROVIDERS = {C.SMS: Provider.TENCENT_SMS, C.WECHAT: Provider.WECHAT, C.VOICE: Provider.TENCENT_VMS}


def _member(serial: int) -> NewMessage:
    return NewMessage(
        event_id=f"answers-{serial}",
        recipient=f"roster:91310115MA1H7GXQ2R:{serial}",
        template=Template.SERVICE_STATUS_CHANGED,
        body="浦东新区就业服务中心：失业登记 2020-03-02 起恢复办理。",
        slots=("浦东新区就业服务中心", "失业登记", "恢复办理", "2020-03-02"),
        requested_by="campaign:answers",
        channels=PREFERS_WECHAT,
        phone=f"+86137{serial:08d}",
        wechat_openid=f"oFugong{serial:010d}",
    )


async def _row(pool: asyncpg.Pool, event_id: str) -> asyncpg.Record:
    row = await pool.fetchrow(
        "SELECT status, channel, attempts, serial_no, reason FROM notify.messages"
        " WHERE event_id = $1",
        event_id,
    )
    assert row is not None
    return row


async def test_one_update_records_each_request_its_own_answer(pool: asyncpg.Pool) -> None:
    outbox = PostgresOutbox(pool)
    await add_messages(pool, [_member(n) for n in range(4)])
    planned = await outbox.claim(10, {C.WECHAT: 1}, PROVIDERS, only=[C.WECHAT])
    assert len(planned) == 4  # one openid a request: four attempts
    by_event = {p.messages[0].event_id: p for p in planned}
    accepted, refused_for_now, refused_for_good, unanswered = (
        by_event[f"answers-{n}"] for n in range(4)
    )
    answers = [
        (accepted.attempt_id, AddressResult(accepted.addresses[0], Outcome.ACCEPTED, "m-1")),
        (
            refused_for_now.attempt_id,
            AddressResult(refused_for_now.addresses[0], Outcome.TEMPORARY, reason="errcode 45009"),
        ),
        (
            refused_for_good.attempt_id,
            AddressResult(refused_for_good.addresses[0], Outcome.PERMANENT, reason="errcode 43004"),
        ),
        (unanswered.attempt_id, AddressResult(unanswered.addresses[0], Outcome.UNKNOWN)),
        # An answer naming another request's attempt for this address changes nothing.
        (refused_for_good.attempt_id, AddressResult(accepted.addresses[0], Outcome.PERMANENT)),
    ]

    await outbox.record_answers(answers, max_attempts=3, backoff_seconds=60)

    assert tuple(await _row(pool, "answers-0")) == ("sent", "wechat", 1, "m-1", None)
    assert tuple(await _row(pool, "answers-1")) == (
        "temporary_failure", "wechat", 1, None, "errcode 45009",
    )  # fmt: skip
    # Refused for good on WeChat: on to SMS, its attempts counted afresh.
    assert tuple(await _row(pool, "answers-2")) == ("created", "sms", 0, None, "errcode 43004")
    assert (await _row(pool, "answers-3"))["status"] == "sending"  # left to the lookup


async def test_a_late_answer_does_not_undo_what_a_receipt_settled(pool: asyncpg.Pool) -> None:
    outbox = PostgresOutbox(pool)
    await add_messages(pool, [_member(10)])
    [planned] = await outbox.claim(10, {C.WECHAT: 1}, PROVIDERS, only=[C.WECHAT])
    await pool.execute(
        "UPDATE notify.messages SET status = 'delivered' WHERE event_id = 'answers-10'"
    )

    result = AddressResult(planned.addresses[0], Outcome.PERMANENT, reason="errcode 43004")
    await outbox.record_answers([(planned.attempt_id, result)], max_attempts=3, backoff_seconds=60)

    assert (await _row(pool, "answers-10"))["status"] == "delivered"
