"""Messages to send, grouped into provider requests.

A request carries one template with one set of values, so messages that read the same share a
request (a week's reminders do), up to the provider's batch size. A number appears at most once
per request, so a (request, number) pair names exactly one message: that is how results,
receipts and lookups find their message.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Claimed:
    event_id: str
    phone: str
    template: str
    slots: tuple[str, ...]


@dataclass(frozen=True)
class Planned:
    attempt_id: str
    template: str
    slots: tuple[str, ...]
    messages: tuple[Claimed, ...]

    @property
    def phones(self) -> tuple[str, ...]:
        return tuple(m.phone for m in self.messages)


def plan_requests(
    claimed: Iterable[Claimed],
    batch_size: int,
    new_id: Callable[[], str] = lambda: str(uuid.uuid4()),
) -> list[Planned]:
    open_groups: dict[tuple[str, tuple[str, ...]], list[list[Claimed]]] = {}
    for message in claimed:
        groups = open_groups.setdefault((message.template, message.slots), [])
        target = next(
            (g for g in groups if len(g) < batch_size and all(m.phone != message.phone for m in g)),
            None,
        )
        if target is None:
            target = []
            groups.append(target)
        target.append(message)
    return [
        Planned(new_id(), template, slots, tuple(group))
        for (template, slots), groups in open_groups.items()
        for group in groups
    ]
