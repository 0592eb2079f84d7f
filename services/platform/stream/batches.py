"""One batch of Kafka records in, its usable records stored, the rest in dead letters.

Bad input (unreadable JSON, an envelope or payload that fails validation, an event type the topic
does not carry) goes to the topic's dead-letter topic with the reason, and the batch goes on. A
batch the store refuses is retried record by record, so only the records it refuses are
dead-lettered. Failures that are not the records' fault (the store or the dead-letter topic
unreachable, an unexpected error) are retried with backoff; after `attempts_before_stalled` the
worker reports itself stalled (metric, readiness, an error log) and keeps retrying the same batch
at the longest backoff: it never skips a batch and never acknowledges one it did not record.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import structlog

from services.platform.kafka import DeadLetter
from services.platform.stream import metrics
from services.platform.stream.events import IncomingRecord, Routes, UnusableRecord
from services.platform.stream.store import RecordsRejected, RecordStore

log = structlog.get_logger(__name__)

R = TypeVar("R")
T = TypeVar("T")

_DECODE_SLICE = 200


class DeadLetterSink(Protocol):
    async def send(self, letter: DeadLetter) -> None: ...


@dataclass
class RetryPolicy:
    attempts_before_stalled: int = 10
    first_backoff_seconds: float = 0.2
    max_backoff_seconds: float = 10.0

    def backoff(self, attempt: int) -> float:
        return float(min(self.first_backoff_seconds * 2 ** (attempt - 1), self.max_backoff_seconds))


@dataclass(frozen=True)
class Decoded(Generic[R]):
    usable: list[tuple[IncomingRecord, R]]
    unusable: list[tuple[IncomingRecord, str]]


class BatchProcessor(Generic[R]):
    def __init__(
        self,
        consumer: str,
        routes: Routes[R],
        store: RecordStore[R],
        dead_letters: DeadLetterSink,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.consumer = consumer
        self._routes = routes
        self._store = store
        self._dead_letters = dead_letters
        self._retry = retry or RetryPolicy()
        self.stalled = False

    def decode(self, batch: Sequence[IncomingRecord]) -> Decoded[R]:
        """Pure CPU work, kept apart so the worker can decode one batch while recording another."""
        usable: list[tuple[IncomingRecord, R]] = []
        unusable: list[tuple[IncomingRecord, str]] = []
        for incoming in batch:
            try:
                usable.append((incoming, self._routes.decode(incoming)))
            except UnusableRecord as exc:
                unusable.append((incoming, str(exc)))
        return Decoded(usable, unusable)

    async def decode_in_slices(self, batch: Sequence[IncomingRecord]) -> Decoded[R]:
        """Decode a slice at a time, letting other tasks (a batch being recorded) in between.

        Decoding is CPU work on the event loop; in one piece it would hold up PostgreSQL's answers
        to the batch being recorded for as long as it takes (about 40 ms for 2,000 records).
        """
        usable: list[tuple[IncomingRecord, R]] = []
        unusable: list[tuple[IncomingRecord, str]] = []
        for start in range(0, len(batch), _DECODE_SLICE):
            part = self.decode(batch[start : start + _DECODE_SLICE])
            usable += part.usable
            unusable += part.unusable
            await asyncio.sleep(0)
        return Decoded(usable, unusable)

    async def process(self, batch: Sequence[IncomingRecord]) -> int:
        return await self.record(self.decode(batch))

    async def record(self, decoded: Decoded[R]) -> int:
        """Dead-letter the unusable records and store the rest; return how many were new."""
        for incoming, reason in decoded.unusable:
            await self._dead_letter(incoming, reason)
        records = [record for _, record in decoded.usable]
        try:
            new = await self._store_with_retries(records)
            rejected = 0
        except RecordsRejected:
            new, rejected = await self._record_one_by_one(decoded.usable)
        metrics.EVENTS_RECORDED.labels(self.consumer, "new").inc(new)
        metrics.EVENTS_RECORDED.labels(self.consumer, "duplicate").inc(
            len(records) - rejected - new
        )
        return new

    async def _record_one_by_one(self, usable: list[tuple[IncomingRecord, R]]) -> tuple[int, int]:
        new = rejected = 0
        for incoming, record in usable:
            try:
                new += await self._store_with_retries([record])
            except RecordsRejected as exc:
                rejected += 1
                await self._dead_letter(incoming, str(exc))
        return new, rejected

    async def _store_with_retries(self, records: list[R]) -> int:
        if not records:
            return 0
        return await self.retrying("store", lambda: self._store.record(records))

    async def _dead_letter(self, incoming: IncomingRecord, reason: str) -> None:
        letter = DeadLetter(
            source_topic=incoming.topic,
            partition=incoming.partition,
            offset=incoming.offset,
            key=incoming.key,
            value=incoming.value,
            reason=reason,
            consumer=self.consumer,
        )
        await self.retrying("dead-letter topic", lambda: self._dead_letters.send(letter))
        log.warning(
            "record sent to dead letters",
            topic=incoming.topic,
            partition=incoming.partition,
            offset=incoming.offset,
            reason=reason,
        )

    async def retrying(self, what: str, attempt: Callable[[], Awaitable[T]]) -> T:
        """Run `attempt` until it succeeds; RecordsRejected (the data's fault) passes through."""
        failures = 0
        while True:
            try:
                result = await attempt()
            except RecordsRejected:
                raise
            except Exception as exc:  # anything else may pass: never skip the batch
                failures += 1
                metrics.RETRIES.labels(self.consumer).inc()
                self._note_failure(what, failures, exc)
                await asyncio.sleep(self._retry.backoff(failures))
                continue
            if self.stalled:
                self.report_recovered(f"{what} answered after {failures} failed attempts")
            return result

    def report_stalled(self, what: str, exc: BaseException | None) -> None:
        self.stalled = True
        metrics.STALLED.labels(self.consumer).set(1)
        log.error(f"stream stalled: {what}", consumer=self.consumer, exc_info=exc)

    def report_recovered(self, what: str) -> None:
        self.stalled = False
        metrics.STALLED.labels(self.consumer).set(0)
        log.warning("stream recovered", consumer=self.consumer, how=what)

    def _note_failure(self, what: str, failures: int, exc: Exception) -> None:
        fields = {"consumer": self.consumer, "attempt": failures, "error": type(exc).__name__}
        if failures < self._retry.attempts_before_stalled:
            log.warning(f"{what} unavailable; retrying the batch", **fields)
            return
        if not self.stalled:
            self.report_stalled(
                f"{what} keeps failing (attempt {failures}); retrying the same batch, "
                "skipping nothing",
                exc,
            )
