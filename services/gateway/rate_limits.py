"""Per-principal rate limits: a token bucket per caller, in the process that serves it.

Each principal may make `burst` requests at once and `per_second` sustained; one enterprise's
runaway retry loop then slows itself, not the city. A refused request is told when a token will
be there (`Retry-After`). Buckets are per process: with N gateway processes behind a balancer a
caller gets up to N times the rate, which is what the limit is sized for.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(
        self,
        per_second: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_principals: int = 100_000,
    ) -> None:
        self._rate = per_second
        self._burst = float(burst)
        self._clock = clock
        self._max = max_principals
        self._buckets: dict[str, _Bucket] = {}

    def take(self, principal: str) -> float:
        """0 when the request may go ahead, else the seconds until it may (it was not counted)."""
        now = self._clock()
        bucket = self._buckets.get(principal)
        if bucket is None:
            if len(self._buckets) >= self._max:
                self._forget_full(now)
            bucket = self._buckets[principal] = _Bucket(self._burst, now)
        bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self._rate

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled: forgetting them changes nothing for their callers."""
        refill = self._burst / self._rate
        self._buckets = {name: b for name, b in self._buckets.items() if now - b.updated < refill}
        if len(self._buckets) >= self._max:  # all busy: keep the newest half
            newest = sorted(self._buckets.items(), key=lambda item: item[1].updated)
            self._buckets = dict(newest[len(newest) // 2 :])


def retry_after_header(seconds: float) -> dict[str, str]:
    return {"Retry-After": str(max(1, math.ceil(seconds)))}
