"""Waiting for the stream to reach a state, failing loudly when it does not in time.

A helper that returned its last value on timeout would let a test pass on nothing (or fail far
from the cause). These raise `WaitTimedOut` naming what was awaited and the last value seen.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


class WaitTimedOut(AssertionError):
    """The awaited state was not reached in time."""


async def eventually(
    probe: Callable[[], Awaitable[T]],
    until: Callable[[T], bool],
    *,
    within: float = 30.0,
    every: float = 0.2,
    what: str = "the expected state",
) -> T:
    """Call `probe` until `until(value)` holds; return that value, or raise `WaitTimedOut`."""
    deadline = time.monotonic() + within
    while True:
        value = await probe()
        if until(value):
            return value
        if time.monotonic() > deadline:
            raise WaitTimedOut(f"waited {within:g} s for {what}; last seen: {value!r:.2000}")
        await asyncio.sleep(every)
