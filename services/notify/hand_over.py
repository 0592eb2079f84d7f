"""Marking requests as handed over to a provider that cannot be asked about them, in groups.

WeChat and voice have no status query: after a crash, a message `sending` there can only be
settled by knowing whether its request ever left. So each request is marked `handed` just
before it goes, and a `sending` message without the mark is known never to have left. One
UPDATE a request would be slow; requests ready at the same moment share one (a group commit):
each waits for the UPDATE that carries it, then goes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence


class HandOver:
    def __init__(self, mark: Callable[[Sequence[str]], Awaitable[None]]) -> None:
        self._mark = mark
        self._waiting: list[tuple[Sequence[str], asyncio.Future[None]]] = []
        self._flushing: asyncio.Task[None] | None = None

    async def handed(self, event_ids: Sequence[str]) -> None:
        """Return once these messages are marked handed (raise if the mark failed)."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((event_ids, future))
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.create_task(self._flush())
        await future

    async def _flush(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting, []
            try:
                await self._mark([event_id for ids, _ in group for event_id in ids])
            except Exception as exc:  # handed to every waiter: none of them is sent
                for _, future in group:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for _, future in group:
                if not future.done():
                    future.set_result(None)
