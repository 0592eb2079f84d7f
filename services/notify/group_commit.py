"""Many small writes as one: whoever asks while a write is on its way waits for the next one,
which carries everything asked meanwhile (a group commit).

The sender's one-recipient requests (WeChat, voice) are answered a few milliseconds apart;
one statement each would cost PostgreSQL a round trip (and the pool its connection reset) per
recipient. Grouped, a busy moment's requests share one statement, and a quiet one waits for
nobody: the first to ask is written at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class GroupCommit(Generic[Item, Result]):
    def __init__(self, write: Callable[[list[Item]], Awaitable[Result]]) -> None:
        self._write = write
        self._waiting: list[tuple[Sequence[Item], asyncio.Future[Result]]] = []
        self._flushing: asyncio.Task[None] | None = None

    async def submit(self, items: Sequence[Item]) -> Result:
        """Return the result of the write that carried `items` (raise if it failed)."""
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._waiting.append((items, future))
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting, []
            try:
                result = await self._write([item for items, _ in group for item in items])
            except Exception as exc:  # handed to every waiter: each decides what it means
                for _, future in group:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for _, future in group:
                if not future.done():
                    future.set_result(result)
