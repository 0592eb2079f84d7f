"""A periodic job's failure stays in its job: the runner logs and counts it, backs off (doubling
from the job's interval), reports the job failing only after the threshold, and recovers."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from prometheus_client import REGISTRY

from services.platform.stream.periodic import PeriodicRunner

CONSUMER, JOB = "matching", "publish_sharing_notices"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FlakyJob:
    """Raises (a bad row it cannot use) until told to work."""

    def __init__(self) -> None:
        self.broken = True
        self.runs = 0

    async def run(self) -> int:
        self.runs += 1
        if self.broken:
            raise ValueError("'no_such_template' is not a valid Template")
        return 1


def failures_counted(job: str = JOB) -> float:
    value = REGISTRY.get_sample_value(
        "fugong_stream_periodic_failures_total", {"consumer": CONSUMER, "job": job}
    )
    return value or 0.0


def failing(job: str = JOB) -> float | None:
    return REGISTRY.get_sample_value(
        "fugong_stream_periodic_failing", {"consumer": CONSUMER, "job": job}
    )


def runner(clock: Clock, job: str = JOB) -> PeriodicRunner:
    return PeriodicRunner(
        CONSUMER, job, 1.0, failures_before_unready=3, max_backoff_seconds=4, clock=clock
    )


async def test_a_failing_run_is_contained_counted_and_backed_off() -> None:
    clock, job = Clock(), FlakyJob()
    periodic = runner(clock, "contained")
    before = failures_counted("contained")

    await periodic.tick(job.run)  # raises nothing
    assert (job.runs, periodic.failures) == (1, 1)
    assert failures_counted("contained") == before + 1

    # Waits 1, 2, 4 and then at most 4 seconds between attempts; ticks in between skip the job.
    ran_at = [clock.now]
    for _ in range(12):
        clock.now += 1
        runs = job.runs
        await periodic.tick(job.run)
        if job.runs > runs:
            ran_at.append(clock.now)
    assert [b - a for a, b in itertools.pairwise(ran_at)] == [1, 2, 4, 4]
    assert failures_counted("contained") == before + 5


async def test_the_job_reports_failing_only_past_the_threshold_and_recovers() -> None:
    clock, job = Clock(), FlakyJob()
    periodic = runner(clock)
    assert periodic.healthy
    assert failing() == 0

    for expected in (True, True, False):
        await periodic.tick(job.run)
        clock.now += 10  # past any backoff
        assert periodic.healthy is expected
    assert failing() == 1

    job.broken = False
    await periodic.tick(job.run)
    assert periodic.healthy
    assert periodic.failures == 0
    assert failing() == 0

    runs = job.runs
    clock.now += 0.5  # no backoff once it succeeded: the next tick runs it
    await periodic.tick(job.run)
    assert job.runs == runs + 1


async def test_cancellation_is_not_contained() -> None:
    async def cancelled() -> None:
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await runner(Clock(), "cancelled").tick(cancelled)
