"""The sender: a periodic job on the notify worker that sends what was recorded, once.

Each run, in this order: apply the receipts the provider has for us (they settle messages whose
answer was lost, too); look up messages `sending` for longer than any answer could take (a
worker killed mid-request, a request that timed out) and settle each from what the provider
says, reopening only those it never received; then claim and send new batches. Every worker
runs it; claims skip rows another worker holds.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import structlog
from prometheus_client import Counter, Histogram

from services.notify.adapters.postgres_outbox import InFlight, PostgresOutbox
from services.notify.channels import (
    NumberResult,
    OutcomeUnknown,
    ProviderUnavailable,
    SendRefused,
    SmsBatch,
    SmsChannel,
)
from services.notify.domain.batching import Planned
from services.notify.settings import NotifySettings

log = structlog.get_logger(__name__)

RECEIPT_PAGE = 100
_SKEW = timedelta(minutes=1)

SMS_RESULTS = Counter(
    "fugong_notify_sms_results",
    "Numbers the SMS provider answered for, by outcome (accepted, temporary, permanent, "
    "refused: the whole request refused, unknown: no answer).",
    ["outcome"],
)
SMS_REQUEST_SECONDS = Histogram(
    "fugong_notify_sms_request_duration_seconds",
    "Time for one SendSms request to be answered (or to time out).",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
LOOKUPS = Counter(
    "fugong_notify_lookups",
    "Messages whose send outcome was unknown, looked up at the provider, by what was found.",
    ["found"],
)


class Sender:
    def __init__(self, outbox: PostgresOutbox, channel: SmsChannel, settings: NotifySettings):
        self._outbox = outbox
        self._channel = channel
        self._settings = settings

    async def run(self) -> int:
        """One round; return how many messages were handed to the provider."""
        try:
            await self._apply_receipts()
            await self._resolve_unknown()
        except ProviderUnavailable as exc:
            # Sending goes on: receipts wait at the provider, lookups come round again.
            log.warning("sms provider not answering receipts or lookups", error=str(exc))
        planned = await self._outbox.claim(
            self._settings.send_batch_size * self._settings.send_batches_per_tick,
            self._settings.send_batch_size,
            campaigns=not self._settings.quiet_hours.contains(datetime.now(UTC)),
        )
        await asyncio.gather(*(self._send(p) for p in planned))
        return sum(len(p.messages) for p in planned)

    async def _apply_receipts(self) -> None:
        for _ in range(10):  # bounded: sending must not wait behind a flood of receipts
            receipts = await self._channel.receipts(RECEIPT_PAGE)
            await self._outbox.apply_receipts(receipts)
            if len(receipts) < RECEIPT_PAGE:
                return

    async def _resolve_unknown(self) -> None:
        stale = await self._outbox.in_flight_too_long(self._settings.resolve_after_seconds, 200)
        for message in stale:
            await self._resolve(message)

    async def _resolve(self, message: InFlight) -> None:
        # The receipt may predate the claim's clock by the provider's clock skew: look wider.
        since = message.since.replace(microsecond=0)
        receipts = [
            r
            for r in await self._channel.lookup(message.phone, since - _SKEW)
            if r.attempt_id == message.attempt_id
        ]
        LOOKUPS.labels("yes" if receipts else "no").inc()
        if receipts:
            await self._outbox.apply_receipts(receipts[:1])
        else:
            await self._outbox.reopen(message.event_id)

    async def _send(self, planned: Planned) -> None:
        settings = self._settings
        batch = SmsBatch(
            attempt_id=planned.attempt_id,
            template_id=settings.sms_template_id(planned.template),
            slots=planned.slots,
            phones=planned.phones,
        )
        started = time.monotonic()
        try:
            results: list[NumberResult] = await self._channel.send(batch)
        except OutcomeUnknown as exc:
            # Left `sending`: the receipt or a lookup settles it; resending now could double it.
            SMS_RESULTS.labels("unknown").inc(len(batch.phones))
            log.warning("sms outcome unknown; it will be looked up", error=str(exc),
                        attempt=planned.attempt_id, numbers=len(batch.phones))  # fmt: skip
            return
        except SendRefused as exc:
            SMS_RESULTS.labels("refused").inc(len(batch.phones))
            log.warning("sms request refused", code=str(exc), attempt=planned.attempt_id)
            await self._outbox.record_refusal(
                planned,
                str(exc),
                max_attempts=settings.max_attempts,
                backoff_seconds=settings.retry_backoff_seconds,
            )
            return
        finally:
            SMS_REQUEST_SECONDS.observe(time.monotonic() - started)
        for result in results:
            SMS_RESULTS.labels(result.outcome.value).inc()
        await self._outbox.record_answers(
            planned.attempt_id,
            results,
            max_attempts=settings.max_attempts,
            backoff_seconds=settings.retry_backoff_seconds,
        )
