"""The SMS breaker fails over when the primary's recent error rate rises, and back after."""

from __future__ import annotations

from services.notify.domain.breaker import BreakerState, ErrorRateBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _breaker(clock: Clock) -> ErrorRateBreaker:
    return ErrorRateBreaker(window=10, threshold=0.5, min_requests=4, cool_down=30, clock=clock)


def test_a_few_failures_among_many_successes_keep_the_primary() -> None:
    clock = Clock()
    breaker = _breaker(clock)
    for ok in [True, True, False, True, True, False, True]:
        breaker.record(ok)

    assert breaker.state is BreakerState.CLOSED


def test_too_few_requests_never_open_it() -> None:
    breaker = _breaker(Clock())
    for _ in range(3):
        breaker.record(False)

    assert breaker.allows_primary()


def test_half_failing_opens_it_then_a_probe_decides() -> None:
    clock = Clock()
    breaker = _breaker(clock)
    for ok in [True, False, True, False]:
        breaker.record(ok)

    seen = [breaker.state, breaker.allows_primary()]
    clock.now = 31
    seen += [breaker.state, breaker.allows_primary()]
    breaker.record(False)
    seen.append(breaker.state)
    clock.now = 62
    breaker.record(True)
    seen.append(breaker.state)

    assert seen == [
        BreakerState.OPEN,
        False,
        BreakerState.HALF_OPEN,
        True,
        BreakerState.OPEN,
        BreakerState.CLOSED,
    ]


def test_failures_older_than_the_window_are_forgotten() -> None:
    clock = Clock()
    breaker = _breaker(clock)
    for _ in range(3):
        breaker.record(False)
    clock.now = 11
    for _ in range(3):
        breaker.record(True)
    breaker.record(False)

    assert breaker.state is BreakerState.CLOSED
