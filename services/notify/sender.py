"""The sender: a periodic job on the notify worker that sends what was recorded, once.

Each run, in this order: apply the receipts each provider has for us (they settle messages
whose answer was lost, too); look up messages `sending` for longer than any answer could take
(a worker killed mid-request, a request that timed out) and settle each from what its provider
says, reopening only those it never received (a provider with no status query cannot say: such
a message is settled as sent, unconfirmed, never resent); then claim and send new batches,
each channel through its provider, SMS through whichever provider the error-rate breaker
allows. Every worker runs it; claims skip rows another worker holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

import structlog
from aiolimiter import AsyncLimiter
from prometheus_client import Counter, Gauge, Histogram

from services.notify.adapters.postgres_outbox import Answer, InFlight, PostgresOutbox
from services.notify.channels import (
    AddressResult,
    Batch,
    ChannelProvider,
    Outcome,
    OutcomeUnknown,
    Provider,
    ProviderUnavailable,
    SendRefused,
)
from services.notify.domain.batching import Planned
from services.notify.domain.breaker import ErrorRateBreaker
from services.notify.domain.replies import is_unsubscribe
from services.notify.domain.routing import Channel
from services.notify.group_commit import GroupCommit
from services.notify.hand_over import HandOver
from services.notify.settings import NotifySettings

log = structlog.get_logger(__name__)

RECEIPT_PAGE = 100
_SKEW = timedelta(minutes=1)

RESULTS = Counter(
    "fugong_notify_send_results",
    "Addresses a provider answered for, by provider and outcome (accepted, temporary, "
    "permanent, unknown; refused: the whole request refused).",
    ["provider", "outcome"],
)
REQUEST_SECONDS = Histogram(
    "fugong_notify_send_request_duration_seconds",
    "Time for one provider request to be answered (or to time out), by provider.",
    ["provider"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
LOOKUPS = Counter(
    "fugong_notify_lookups",
    "Messages whose send outcome was unknown, settled by provider and by what was found "
    "(yes, no, unconfirmed: the provider has no status query).",
    ["provider", "found"],
)
UNSUBSCRIBES = Counter(
    "fugong_notify_sms_unsubscribes",
    "SMS replies asking to stop (TD, 退订): their numbers get no SMS from then on.",
)
SMS_PRIMARY = Gauge(
    "fugong_notify_sms_on_primary",
    "1 while SMS goes through the primary provider, 0 while failed over to the other.",
)


class Sender:
    def __init__(
        self,
        outbox: PostgresOutbox,
        providers: Sequence[ChannelProvider],
        settings: NotifySettings,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._outbox = outbox
        self._providers = {p.provider: p for p in providers}
        self._settings = settings
        self._limits = {
            p: AsyncLimiter(max(1.0, settings.rate_limits.get(p, 1000.0)), 1.0)
            for p in self._providers
        }
        # Providers taking one address a request: a bounded number in flight.
        self._slots = {
            p.provider: asyncio.Semaphore(p.concurrency) for p in providers if not p.can_look_up
        }
        self._singles: set[asyncio.Task[None]] = set()
        # Enough claimed to keep every slot busy until the next round (one round may take a
        # second under load), not so many that they wait for a slot longer than the lookup's
        # patience (then they are reopened and claimed again, unsent).
        self._singles_backlog = 10 * sum(p.concurrency for p in providers if not p.can_look_up)
        self._batched_channels = sorted({p.channel for p in providers if p.can_look_up})
        self._single_channels = sorted({p.channel for p in providers if not p.can_look_up})
        self._hand_over = HandOver(outbox.mark_handed)
        self._answers: GroupCommit[Answer, None] = GroupCommit(
            functools.partial(
                outbox.record_answers,
                max_attempts=settings.max_attempts,
                backoff_seconds=settings.retry_backoff_seconds,
            )
        )
        # The metrics' children looked up once, not at every request.
        self._results = {
            (p, outcome): RESULTS.labels(p.value, outcome.value)
            for p in self._providers
            for outcome in Outcome
        }
        self._refused = {p: RESULTS.labels(p.value, "refused") for p in self._providers}
        self._request_seconds = {p: REQUEST_SECONDS.labels(p.value) for p in self._providers}
        self._clock = clock
        self._next_replies = clock()
        self._breaker = ErrorRateBreaker(
            window=settings.breaker_window_seconds,
            threshold=settings.breaker_error_rate,
            min_requests=settings.breaker_min_requests,
            cool_down=settings.breaker_cool_down_seconds,
            clock=clock,
        )
        self._sms_secondary = next(
            (
                p
                for p in (Provider.TENCENT_SMS, Provider.ALIYUN_SMS)
                if p != settings.sms_primary and p in self._providers
            ),
            None,
        )

    def sms_provider(self) -> Provider:
        primary = self._settings.sms_primary
        if self._breaker.allows_primary() or self._sms_secondary is None:
            SMS_PRIMARY.set(1)
            return primary
        SMS_PRIMARY.set(0)
        return self._sms_secondary

    async def run(self) -> int:
        """One round; return how many messages were handed to the providers."""
        for provider in self._providers.values():
            try:
                await self._apply_receipts(provider)
            except ProviderUnavailable as exc:
                # Sending goes on: receipts wait at the provider.
                log.warning("provider not answering receipts", provider=provider.provider,
                            error=str(exc))  # fmt: skip
        await self._apply_replies()
        await self._resolve_unknown()
        by_channel = {p.channel: p for p in self._providers.values()}
        providers = {channel: p.provider for channel, p in by_channel.items()}
        providers[Channel.SMS] = self.sms_provider()
        # Providers taking one address a request (WeChat, voice) send in the background, as
        # their slots free up, so a round's batched SMS never waits behind thousands of single
        # requests; a round claims for them only what their backlog has room for.
        sizes = {
            c: min(self._settings.send_batch_size, p.batch_size) for c, p in by_channel.items()
        }
        campaigns = not self._settings.quiet_hours.contains(datetime.now(UTC))
        limit = self._settings.send_batch_size * self._settings.send_batches_per_tick
        planned = await self._outbox.claim(
            limit, sizes, providers, campaigns=campaigns, only=self._batched_channels
        )
        room = self._singles_backlog - len(self._singles)
        if room > 0 and self._single_channels:
            planned += await self._outbox.claim(
                room, sizes, providers, campaigns=campaigns, only=self._single_channels
            )
        batched = []
        for p in planned:
            provider = self._providers[providers[p.channel]]
            if provider.provider in self._slots:
                task = asyncio.create_task(self._send(p, provider))
                self._singles.add(task)
                task.add_done_callback(self._single_done)
            else:
                batched.append(self._send(p, provider))
        await asyncio.gather(*batched)
        return sum(len(p.messages) for p in planned)

    def _single_done(self, task: asyncio.Task[None]) -> None:
        self._singles.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            # Its messages stay `sending`: a lookup (or the unconfirmed rule) settles them.
            log.warning("single request not recorded", error=type(exc).__name__)

    async def drain(self) -> None:
        """Wait for the single requests still on their way (tests, and a clean stop)."""
        while self._singles:
            await asyncio.gather(*self._singles)

    async def _apply_replies(self) -> None:
        """Recipients' SMS replies: an unsubscribe (TD) stops SMS to the number; the rest are
        read by nobody (and kept nowhere)."""
        if self._clock() < self._next_replies:
            return
        self._next_replies = self._clock() + self._settings.replies_interval_seconds
        for provider in self._providers.values():
            try:
                replies = await provider.replies(RECEIPT_PAGE)
            except ProviderUnavailable as exc:
                log.warning("provider not answering replies", provider=provider.provider,
                            error=str(exc))  # fmt: skip
                continue
            unsubscribes = [r.phone for r in replies if is_unsubscribe(r.content)]
            if unsubscribes:
                UNSUBSCRIBES.inc(len(unsubscribes))
                await self._outbox.record_unsubscribes(unsubscribes)

    async def _apply_receipts(self, provider: ChannelProvider) -> None:
        for _ in range(10):  # bounded: sending must not wait behind a flood of receipts
            receipts = await provider.receipts(RECEIPT_PAGE)
            await self._outbox.apply_receipts(receipts)
            if len(receipts) < RECEIPT_PAGE:
                return

    async def _resolve_unknown(self) -> None:
        settings = self._settings
        stale = await self._outbox.in_flight_too_long(settings.resolve_after_seconds, 200)
        pulled = [p for p, adapter in self._providers.items() if adapter.pulls_receipts]
        stale += await self._outbox.receipt_overdue(settings.receipt_overdue_seconds, pulled, 100)
        for message in stale:
            try:
                await self._resolve(message)
            except ProviderUnavailable as exc:
                # Its lease runs out and a later round asks again.
                log.warning("provider not answering lookups", provider=message.provider,
                            error=str(exc))  # fmt: skip

    async def _resolve(self, message: InFlight) -> None:
        provider = self._providers.get(message.provider)
        if provider is None:
            return  # this worker does not talk to that provider; it stays for one that does
        # The receipt may predate the claim's clock by the provider's clock skew: look wider.
        since = message.since.replace(microsecond=0) - _SKEW
        if not message.handed:
            # It never left (its worker was killed first, or it waited too long for its turn,
            # and its attempt will not send it now): sending it now is its first time.
            LOOKUPS.labels(message.provider, "never_left").inc()
            await self._outbox.reopen_never_left(message)
            return
        found = await provider.lookup(message.address, since)
        if message.accepted:
            # Accepted already: only its receipt can change it; not found, it waits longer.
            await self._outbox.apply_receipts(
                [r for r in found or [] if r.attempt_id == message.attempt_id]
            )
            return
        if found is None:
            LOOKUPS.labels(message.provider, "unconfirmed").inc()
            await self._outbox.settle_unconfirmed(message)
            return
        receipts = [r for r in found if r.attempt_id == message.attempt_id]
        LOOKUPS.labels(message.provider, "yes" if receipts else "no").inc()
        if receipts:
            await self._outbox.apply_receipts(receipts[:1])
        else:
            await self._outbox.reopen(message)

    async def _send(self, planned: Planned, provider: ChannelProvider) -> None:
        name = provider.provider
        answers: list[Answer] = []
        async with self._slots.get(name) or contextlib.nullcontext(), self._limits[name]:
            held = [(m.event_id, planned.attempt_id) for m in planned.messages]
            still_held = await self._hand_over.handed(held)
            if still_held:
                addresses = tuple(m.address for m in planned.messages if m.event_id in still_held)
                batch = Batch(
                    attempt_id=planned.attempt_id,
                    template_id=self._settings.template_id(name, planned.template),
                    slots=planned.slots,
                    addresses=addresses,
                )
                answers = await self._request(planned, provider, batch)
        # Recorded with the answers of the requests that came back meanwhile, in one UPDATE;
        # the slot is free for the next request already.
        if answers:
            await self._answers.submit(answers)

    async def _request(
        self, planned: Planned, provider: ChannelProvider, batch: Batch
    ) -> list[Answer]:
        name = provider.provider
        started = time.monotonic()
        try:
            results: list[AddressResult] = await provider.send(batch)
        except OutcomeUnknown as exc:
            # Left `sending`: the receipt or a lookup settles it; resending now could double it.
            self._record_health(provider, ok=False)
            self._results[name, Outcome.UNKNOWN].inc(len(batch.addresses))
            log.warning("outcome unknown; it will be looked up", provider=name, error=str(exc),
                        attempt=planned.attempt_id, addresses=len(batch.addresses))  # fmt: skip
            return []
        except SendRefused as exc:
            # Nothing was sent: each address refused for now.
            self._record_health(provider, ok=False)
            self._refused[name].inc(len(batch.addresses))
            log.warning("request refused", provider=name, code=str(exc),
                        attempt=planned.attempt_id)  # fmt: skip
            return [
                (planned.attempt_id, AddressResult(a, Outcome.TEMPORARY, reason=str(exc)))
                for a in batch.addresses
            ]
        finally:
            self._request_seconds[name].observe(time.monotonic() - started)
        self._record_health(provider, ok=True)
        for result in results:
            self._results[name, result.outcome].inc()
        return [(planned.attempt_id, r) for r in results]

    def _record_health(self, provider: ChannelProvider, *, ok: bool) -> None:
        if provider.provider == self._settings.sms_primary:
            self._breaker.record(ok)
