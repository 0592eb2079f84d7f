"""A windowed error-rate breaker: when too many of a provider's recent requests failed, send
through the other provider for a while, then let a few requests probe whether it recovered.

Closed: requests go to the primary; each outcome is recorded with its time, and outcomes older
than the window are forgotten. When at least `min_requests` were seen in the window and the
share of failures reaches `threshold`, it opens for `cool_down` seconds (requests go to the
fallback). Then it is half-open: the next request probes the primary; success closes it, failure
opens it again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from enum import StrEnum


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class ErrorRateBreaker:
    def __init__(
        self,
        *,
        window: float,
        threshold: float,
        min_requests: int,
        cool_down: float,
        clock: Callable[[], float],
    ) -> None:
        self._window = window
        self._threshold = threshold
        self._min_requests = min_requests
        self._cool_down = cool_down
        self._clock = clock
        self._outcomes: deque[tuple[float, bool]] = deque()
        self._opened_at: float | None = None

    @property
    def state(self) -> BreakerState:
        if self._opened_at is None:
            return BreakerState.CLOSED
        if self._clock() - self._opened_at < self._cool_down:
            return BreakerState.OPEN
        return BreakerState.HALF_OPEN

    def allows_primary(self) -> bool:
        return self.state is not BreakerState.OPEN

    def record(self, ok: bool) -> None:
        now = self._clock()
        state = self.state
        if state is BreakerState.HALF_OPEN:
            self._outcomes.clear()
            self._opened_at = None if ok else now
            return
        if state is BreakerState.OPEN:
            return  # a late answer from before it opened says nothing new
        self._outcomes.append((now, ok))
        while self._outcomes and self._outcomes[0][0] < now - self._window:
            self._outcomes.popleft()
        failures = sum(1 for _, success in self._outcomes if not success)
        if (
            len(self._outcomes) >= self._min_requests
            and failures / len(self._outcomes) >= self._threshold
        ):
            self._opened_at = now
            self._outcomes.clear()
