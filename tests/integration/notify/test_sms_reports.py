"""Alibaba Cloud's pushed SMS delivery reports on PostgreSQL: each finds its message by our
OutId (the attempt) and the number — a send whose answer was lost too — or by Alibaba's BizId
and the number; delivered, or on to the fallback channel; repeated, late or unknown reports
change nothing, and no number stays stored once a report is applied or given up."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid

import asyncpg
import pytest

from services.notify.adapters.bulk_messages import NewMessage, add_messages
from services.notify.adapters.postgres_outbox import PostgresOutbox
from services.notify.adapters.pushed_outcomes_sql import PushedOutcomeInbox
from services.notify.adapters.sms_reports_sql import ApplySmsReports
from services.notify.channels import AddressResult, Outcome, Provider
from services.notify.domain.pushed_outcomes import SmsReport
from services.notify.domain.routing import Channel
from tests.support.notify_campaign import recipient

pytestmark = pytest.mark.integration

C = Channel
NOTICE = "notice:复工-阿里云回执"
PROVIDERS = {C.SMS: Provider.ALIYUN_SMS, C.WECHAT: Provider.WECHAT, C.VOICE: Provider.TENCENT_VMS}
BIZ_ID = "932702304080415357^0"


def _message(n: int) -> NewMessage:
    return dataclasses.replace(
        recipient(n, NOTICE),
        event_id=f"{NOTICE}:{n}",
        channels=(C.SMS, C.VOICE),
        opted_out=frozenset(),
        phone=f"+861380013800{n}",
        wechat_openid=None,
    )


async def _statuses(pool: asyncpg.Pool) -> dict[int, tuple[str, str]]:
    rows = await pool.fetch(
        "SELECT event_id, status, channel FROM notify.messages WHERE requested_by = $1", NOTICE
    )
    return {int(r[0].rsplit(":", 1)[1]): (r[1], r[2]) for r in rows}


async def test_alibaba_reports_find_their_messages_by_out_id_or_biz_id(pool: asyncpg.Pool) -> None:
    await add_messages(pool, [_message(n) for n in (1, 2, 3)])
    outbox = PostgresOutbox(pool)
    [request] = await outbox.claim(100, {C.SMS: 200, C.WECHAT: 1, C.VOICE: 1}, PROVIDERS)
    assert request.addresses == ("+8613800138001", "+8613800138002", "+8613800138003")
    await outbox.mark_handed([(m.event_id, request.attempt_id) for m in request.messages])
    # Alibaba answered for the request (one BizId); for message 1 the answer was lost, as if
    # the request had been another whose answer never came: it stays `sending`.
    answered = [
        (request.attempt_id, AddressResult(a, Outcome.ACCEPTED, serial_no=BIZ_ID))
        for a in request.addresses[1:]
    ]
    await outbox.record_answers(answered, max_attempts=5, backoff_seconds=1)

    inbox = PushedOutcomeInbox(pool)
    reports = [
        SmsReport("+8613800138001", request.attempt_id, BIZ_ID, True),
        SmsReport("+8613800138002", "", BIZ_ID, False, "sms: not delivered (MOBILE_IN_BLACK)"),
        SmsReport("+8613800138009", str(uuid.uuid4()), "1^0", True),  # names nothing of ours
    ]
    await inbox.record_sms_reports(reports)
    await inbox.record_sms_reports(reports[:1])  # pushed again before it was applied
    job = ApplySmsReports(pool, match_seconds=600)

    first = await job.run()
    await inbox.record_sms_reports(reports[:2])  # pushed again after: changes nothing
    second = await job.run()

    assert (first.applied, second.applied) == (2, 0)
    assert (first.unknown, second.unknown) == (0, 0)
    assert await _statuses(pool) == {
        1: ("delivered", "sms"),  # by its OutId: the lost answer did not matter
        2: ("created", "voice"),  # by its BizId: undelivered, on to its next channel
        3: ("sent", "sms"),  # no report yet
    }
    reason = await pool.fetchval(
        "SELECT reason FROM notify.messages WHERE event_id = $1", f"{NOTICE}:2"
    )
    assert reason == "sms: not delivered (MOBILE_IN_BLACK)"
    # The one naming an attempt that holds no such number went at once (a repeat after its
    # message moved on, or not ours); the repeat found by BizId waits (its message is not `sent`
    # any more, so nothing of it is found: it changes nothing) and is dropped after the window.
    left = await pool.fetch("SELECT address FROM notify.sms_reports")
    assert [r[0] for r in left] == ["+8613800138002"]
    await asyncio.sleep(0.2)
    given_up = await ApplySmsReports(pool, match_seconds=0.1).run()
    assert (given_up.applied, given_up.unknown) == (0, 1)
    assert await _statuses(pool) == {
        1: ("delivered", "sms"),
        2: ("created", "voice"),
        3: ("sent", "sms"),
    }
    assert await pool.fetchval("SELECT count(*) FROM notify.sms_reports") == 0
