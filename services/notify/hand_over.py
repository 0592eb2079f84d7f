"""Marking requests as handed over to their provider, in groups, just before they leave.

After a crash, a message `sending` can only be settled by knowing whether its request ever
left: one that never did may be sent afresh; one that did may have arrived, so only the
provider can say (and WeChat and voice cannot be asked). So each request's messages are marked
`handed` just before it goes, and only the messages its attempt still holds are marked (one
reopened meanwhile, after waiting too long for its turn, is not sent by the old attempt). One
UPDATE a request would be slow for one-recipient requests; requests ready at the same moment
share one (`GroupCommit`): each waits for the UPDATE that carries it, then goes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from services.notify.group_commit import GroupCommit

Held = tuple[str, str]
"""(message event id, attempt id)"""


class HandOver:
    def __init__(self, mark: Callable[[Sequence[Held]], Awaitable[set[str]]]) -> None:
        self._group: GroupCommit[Held, set[str]] = GroupCommit(mark)

    async def handed(self, held: Sequence[Held]) -> set[str]:
        """Mark these as handed over; return those still held (raise if the mark failed)."""
        marked = await self._group.submit(held)
        return {event_id for event_id, _ in held} & marked
