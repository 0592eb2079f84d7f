"""Requests ready at once share one hand-over mark, and only what their attempt still holds goes."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from services.notify.hand_over import HandOver, Held


class Marks:
    def __init__(self, taken_back: frozenset[str] = frozenset(), fail: bool = False) -> None:
        self.calls: list[list[Held]] = []
        self._taken_back = taken_back
        self._fail = fail

    async def __call__(self, held: Sequence[Held]) -> set[str]:
        self.calls.append(list(held))
        await asyncio.sleep(0.01)
        if self._fail:
            raise ConnectionError("database away")
        return {event_id for event_id, _ in held if event_id not in self._taken_back}


async def test_requests_ready_together_share_one_mark() -> None:
    marks = Marks()
    hand_over = HandOver(marks)

    first, second, third = await asyncio.gather(
        hand_over.handed([("m1", "a1")]),
        hand_over.handed([("m2", "a2"), ("m3", "a2")]),
        hand_over.handed([("m4", "a3")]),
    )

    assert (first, second, third) == ({"m1"}, {"m2", "m3"}, {"m4"})
    assert len(marks.calls) == 1


async def test_a_message_reopened_meanwhile_is_not_handed_to_the_old_attempt() -> None:
    hand_over = HandOver(Marks(taken_back=frozenset({"m2"})))

    assert await hand_over.handed([("m1", "a1"), ("m2", "a1")]) == {"m1"}


async def test_a_failed_mark_stops_every_request_it_carried() -> None:
    hand_over = HandOver(Marks(fail=True))

    results = await asyncio.gather(
        hand_over.handed([("m1", "a1")]), hand_over.handed([("m2", "a2")]), return_exceptions=True
    )

    assert all(isinstance(r, ConnectionError) for r in results)
    with pytest.raises(ConnectionError):
        await hand_over.handed([("m3", "a3")])
