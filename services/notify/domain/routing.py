"""Which channel reaches a recipient now, and which one to fall back to.

Each message carries its recipient's channel order (e.g. WeChat → SMS → voice). A channel is
skipped when it cannot reach the recipient (no WeChat openid; SMS to a landline) or when the
recipient opted out of it. When a channel fails for good, the message moves on to the next
channel in its order; when none is left, the failure is final.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum


class Channel(StrEnum):
    SMS = "sms"
    WECHAT = "wechat"
    VOICE = "voice"


# Mainland mobiles are +86 1[3-9]x xxxx xxxx; every other +86 number is a fixed line (voice only).
_MAINLAND_MOBILE = re.compile(r"^\+861[3-9][0-9]{9}$")


def is_mobile(phone: str) -> bool:
    return bool(_MAINLAND_MOBILE.match(phone))


@dataclass(frozen=True)
class Recipient:
    phone: str | None
    openid: str | None
    opted_out: frozenset[Channel] = frozenset()

    def address(self, channel: Channel) -> str | None:
        """Where `channel` reaches this recipient, or None when it cannot (or may not)."""
        if channel in self.opted_out:
            return None
        if channel is Channel.WECHAT:
            return self.openid or None
        if channel is Channel.SMS:
            return self.phone if self.phone and is_mobile(self.phone) else None
        return self.phone or None


@dataclass(frozen=True)
class Route:
    channel: Channel
    address: str
    fallback: Channel | None
    """The next channel in the order that reaches the recipient, if this one fails for good."""


def route(order: Sequence[Channel], current: Channel | None, recipient: Recipient) -> Route | None:
    """The first channel at or after `current` in `order` that reaches the recipient (None: no
    channel left), with the one after it to fall back to."""
    start = order.index(current) if current in order else 0
    usable = [(c, a) for c in order[start:] if (a := recipient.address(c)) is not None]
    if not usable:
        return None
    (channel, address), rest = usable[0], usable[1:]
    return Route(channel, address, rest[0][0] if rest else None)


def refused_every_channel(
    order: Sequence[Channel], current: Channel | None, recipient: Recipient
) -> bool:
    """No channel is left only because the recipient opted out: a channel they refused would
    reach them. Such a message is unsendable (their choice), not a failure to send."""
    if route(order, current, recipient) is not None:
        return False
    return route(order, current, replace(recipient, opted_out=frozenset())) is not None
