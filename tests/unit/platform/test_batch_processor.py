"""The stream worker's batch processor: bounded retries end in a stalled state that is reported and
left as soon as the store answers; several event types on one topic are routed by type."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from prometheus_client import REGISTRY
from pydantic import BaseModel, ConfigDict

from services.contracts.envelope import CloudEvent, new_event
from services.platform.kafka import DeadLetter
from services.platform.stream.batches import BatchProcessor, RetryPolicy
from services.platform.stream.events import IncomingRecord, Route, Routes
from services.platform.stream.store import StoreUnavailable

TOPIC = "notify.campaigns"
SCHEDULED, CANCELLED = (
    "cn.fugong.test.campaign.scheduled.v1",
    "cn.fugong.test.campaign.cancelled.v1",
)


class Campaign(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    campaign_id: str
    message: str = "2月10日起返岗"


@dataclass(frozen=True)
class Step:
    event_id: str
    what: str
    campaign_id: str


def _step(what: str) -> Route[Campaign, Step]:
    def record(event: CloudEvent[Campaign]) -> Step:
        return Step(event.id, what, event.data.campaign_id)

    return Route(SCHEDULED if what == "scheduled" else CANCELLED, Campaign, record, "campaign_id")


ROUTES = Routes({TOPIC: (_step("scheduled"), _step("cancelled"))})


class FlakyStore:
    """Unavailable for the first `outages` calls, then records every step once."""

    def __init__(self, outages: int) -> None:
        self.outages = outages
        self.calls = 0
        self.steps: dict[str, Step] = {}

    async def record(self, records: Sequence[Step]) -> int:
        self.calls += 1
        if self.calls <= self.outages:
            raise StoreUnavailable("connection refused")
        new = [r for r in records if r.event_id not in self.steps]
        self.steps.update((r.event_id, r) for r in new)
        return len(new)


class Letters:
    def __init__(self) -> None:
        self.letters: list[DeadLetter] = []

    async def send(self, letter: DeadLetter) -> None:
        self.letters.append(letter)


def _record(event_type: str, offset: int, campaign: str = "c-1") -> IncomingRecord:
    event = new_event(
        event_type=event_type,
        source="/tests",
        subject=campaign,
        data=Campaign(campaign_id=campaign),
        time=datetime(2020, 2, 8, 9, tzinfo=UTC),
    )
    return IncomingRecord(TOPIC, 0, offset, campaign.encode(), event.to_json())


def _stalled(consumer: str) -> float | None:
    return REGISTRY.get_sample_value("fugong_stream_stalled", {"consumer": consumer})


async def test_each_event_type_on_a_topic_goes_its_own_route() -> None:
    store, letters = FlakyStore(outages=0), Letters()
    processor = BatchProcessor("routing", ROUTES, store, letters)

    new = await processor.process(
        [_record(SCHEDULED, 0), _record(CANCELLED, 1), _record("cn.fugong.other.v1", 2)]
    )

    assert new == 2
    assert sorted(step.what for step in store.steps.values()) == ["cancelled", "scheduled"]
    (letter,) = letters.letters
    assert "unexpected event type 'cn.fugong.other.v1'" in letter.reason
    assert letter.offset == 2


async def test_a_store_failing_past_the_bound_stalls_the_worker_until_it_answers() -> None:
    store, letters = FlakyStore(outages=5), Letters()
    policy = RetryPolicy(attempts_before_stalled=3, first_backoff_seconds=0.01)
    processor = BatchProcessor("stalling", ROUTES, store, letters, policy)
    seen_stalled: list[bool] = []
    original = store.record

    async def watching(records: Sequence[Step]) -> int:
        seen_stalled.append(processor.stalled)
        return await original(records)

    store.record = watching  # type: ignore[method-assign]

    new = await processor.process([_record(SCHEDULED, 0)])

    # Attempts 1-3 fail before the bound is reached; 4 and 5 fail stalled; 6 succeeds.
    assert seen_stalled == [False, False, False, True, True, True]
    assert new == 1
    assert processor.stalled is False
    assert _stalled("stalling") == 0
    assert letters.letters == []


async def test_a_stalled_worker_reports_it_in_its_metric() -> None:
    store = FlakyStore(outages=1_000)
    policy = RetryPolicy(attempts_before_stalled=2, first_backoff_seconds=0.01)
    processor = BatchProcessor("stuck", ROUTES, store, Letters(), policy)

    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.5):
            await processor.process([_record(SCHEDULED, 0)])

    assert processor.stalled is True
    assert _stalled("stuck") == 1
    assert store.steps == {}
