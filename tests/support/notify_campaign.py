"""A bulk send's recipients for notify's scale tests and benchmark, and the checks on its
outcome: every recipient in a final status, at most one acceptance each across all providers,
none missing.

Recipients are made from their serial number, with a realistic mix: most by SMS only, a quarter
preferring WeChat (then SMS, then voice), some preferring WeChat without an openid (SMS first
then), one in twenty on a Shanghai landline (voice only), a few opted out of SMS.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import asyncpg

from services.contracts.notifications import Template
from services.notify.adapters.bulk_messages import NewMessage
from services.notify.domain.routing import Channel
from services.notify.domain.templates import render

C = Channel
PREFERS_WECHAT = (C.WECHAT, C.SMS, C.VOICE)
TEXT = render(
    Template.SERVICE_STATUS_CHANGED,
    {
        "hall_name": "浦东新区就业服务中心",
        "service_name": "失业登记",
        "status_name": "恢复办理",
        "date": "2020-03-02",
        "online_url": "https://rsj.sh.gov.cn",
    },
)
# What a recipient's address may be: the simulator's ledger counts per address.
UNSETTLED = ("created", "sending", "temporary_failure")


def phone(serial: int) -> str:
    if serial % 20 == 19:
        return f"+8621{60_000_000 + serial % 40_000_000:08d}"  # a Shanghai fixed line
    return f"+86137{serial:08d}"


def wechat_openid(serial: int) -> str:
    return f"oFugong{serial:010d}"


def recipient(serial: int, requested_by: str) -> NewMessage:
    kind = serial % 20
    channels: tuple[Channel, ...] = (C.SMS,)
    wechat_id = None
    opted_out: frozenset[Channel] = frozenset()
    if 12 <= kind <= 16:
        channels, wechat_id = PREFERS_WECHAT, wechat_openid(serial)
        if serial % 100 == 12:
            opted_out = frozenset({C.SMS})
    elif kind in (17, 18):
        channels = PREFERS_WECHAT  # but no openid: SMS first
    elif kind == 19:
        channels = (C.SMS, C.VOICE)  # a landline: voice only
    return NewMessage(
        event_id=f"{requested_by}:{serial}",
        recipient=f"row-{serial}",
        template=Template.SERVICE_STATUS_CHANGED,
        body=TEXT.text,
        slots=TEXT.slots,
        requested_by=requested_by,
        channels=channels,
        phone=phone(serial),
        wechat_openid=wechat_id,
        opted_out=opted_out,
    )


def recipients(count: int, requested_by: str) -> Iterator[NewMessage]:
    return (recipient(serial, requested_by) for serial in range(count))


async def statuses(pool: asyncpg.Pool, requested_by: str) -> dict[str, int]:
    rows = await pool.fetch(
        "SELECT status, count(*) FROM notify.messages WHERE requested_by = $1 GROUP BY 1",
        requested_by,
    )
    return {row[0]: row[1] for row in rows}


async def unsettled(pool: asyncpg.Pool, requested_by: str) -> int:
    """Messages not final yet: still to send or in flight, or SMS awaiting its receipt."""
    count: int = await pool.fetchval(
        """SELECT count(*) FROM notify.messages WHERE requested_by = $1
           AND (status = ANY($2::text[]) OR (status = 'sent' AND provider = 'tencent_sms'))""",
        requested_by,
        list(UNSETTLED),
    )
    return count


@dataclass(frozen=True)
class Tally:
    recipients: int
    duplicates: int
    """Recipients accepted more than once, over all providers together."""
    missing: int
    """Recipients reported sent or delivered that no provider accepted."""
    unexpected: int
    """Recipients accepted although their message ended in a failure."""
    missing_by: dict[str, int]
    """The missing by provider and reason, to say where they went."""


async def tally(pool: asyncpg.Pool, requested_by: str, received: dict[str, Any]) -> Tally:
    """Compare what the providers accepted with what notify recorded, per recipient."""
    accepted: Counter[str] = Counter()
    for ledger in received.values():
        for address, count in ledger["by_address"].items():
            accepted[address] += count
    rows = await pool.fetch(
        "SELECT phone, wechat_openid, status, provider, reason FROM notify.messages"
        " WHERE requested_by = $1",
        requested_by,
    )
    duplicates = missing = unexpected = 0
    missing_by: Counter[str] = Counter()
    for row in rows:
        times = accepted[row["phone"]] + (
            accepted[row["wechat_openid"]] if row["wechat_openid"] else 0
        )
        duplicates += times > 1
        if row["status"] in ("sent", "delivered"):
            missing += times == 0
            if times == 0:
                missing_by[f"{row['provider']}: {row['reason']}"] += 1
        else:
            unexpected += times > 0
    return Tally(len(rows), duplicates, missing, unexpected, dict(missing_by))
