"""Messages to send, grouped into provider requests.

A request goes over one channel and carries one template with one set of values, so messages
that read the same share a request (a week's reminders, a campaign's notices do), up to the
channel's batch size (200 numbers for SMS; WeChat and voice take one recipient a request). An
address appears at most once per request, so a (request, address) pair names exactly one
message: that is how results, receipts and lookups find their message.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from services.notify.domain.routing import Channel


@dataclass(frozen=True)
class Claimed:
    event_id: str
    address: str
    """The phone number, or the WeChat openid."""
    template: str
    slots: tuple[str, ...]
    channel: Channel = Channel.SMS


@dataclass(frozen=True)
class Planned:
    attempt_id: str
    channel: Channel
    template: str
    slots: tuple[str, ...]
    messages: tuple[Claimed, ...]

    @property
    def addresses(self) -> tuple[str, ...]:
        return tuple(m.address for m in self.messages)


def plan_requests(
    claimed: Iterable[Claimed],
    batch_size: int | Mapping[Channel, int],
    new_id: Callable[[], str] = lambda: str(uuid.uuid4()),
) -> list[Planned]:
    def size(channel: Channel) -> int:
        return batch_size if isinstance(batch_size, int) else batch_size.get(channel, 1)

    open_groups: dict[tuple[Channel, str, tuple[str, ...]], list[list[Claimed]]] = {}
    for message in claimed:
        groups = open_groups.setdefault((message.channel, message.template, message.slots), [])
        limit = size(message.channel)
        target = next(
            (g for g in groups if len(g) < limit and all(m.address != message.address for m in g)),
            None,
        )
        if target is None:
            target = []
            groups.append(target)
        target.append(message)
    return [
        Planned(new_id(), channel, template, slots, tuple(group))
        for (channel, template, slots), groups in open_groups.items()
        for group in groups
    ]
