"""Marking requests as handed over to their provider, in groups, just before they leave.

After a crash, a message `sending` can only be settled by knowing whether its request ever
left: one that never did may be sent afresh; one that did may have arrived, so only the
provider can say (and WeChat and voice cannot be asked). So each request's messages are marked
`handed` just before it goes, and only the messages its attempt still holds are marked (one
reopened meanwhile, after waiting too long for its turn, is not sent by the old attempt). One
UPDATE a request would be slow for one-recipient requests; requests ready at the same moment
share one (a group commit): each waits for the UPDATE that carries it, then goes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

Held = tuple[str, str]
"""(message event id, attempt id)"""


class HandOver:
    def __init__(self, mark: Callable[[Sequence[Held]], Awaitable[set[str]]]) -> None:
        self._mark = mark
        self._waiting: list[tuple[Sequence[Held], asyncio.Future[set[str]]]] = []
        self._flushing: asyncio.Task[None] | None = None

    async def handed(self, held: Sequence[Held]) -> set[str]:
        """Mark these as handed over; return those still held (raise if the mark failed)."""
        future: asyncio.Future[set[str]] = asyncio.get_running_loop().create_future()
        self._waiting.append((held, future))
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting, []
            try:
                marked = await self._mark([pair for held, _ in group for pair in held])
            except Exception as exc:  # handed to every waiter: none of them is sent
                for _, future in group:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for held, future in group:
                if not future.done():
                    future.set_result({event_id for event_id, _ in held} & marked)
