"""Port: a channel provider that sends in batches, answers per address, and hands out receipts.

A provider's answer has three shapes, and only one of them lets a message be sent again:
per-address results (accepted, refused for now, refused for good, or no answer for that one
address); the whole request refused before anything was sent (`SendRefused`); and no answer at
all (`OutcomeUnknown`: it may have been sent, so it must be looked up, never resent blindly).

Adapters: Tencent Cloud SMS and Alibaba Cloud SMS (`sms`), WeChat template messages
(`wechat`), Tencent Cloud voice notices (`voice`), each on the provider's own SDK.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from services.notify.domain.routing import Channel


class Provider(StrEnum):
    TENCENT_SMS = "tencent_sms"
    ALIYUN_SMS = "aliyun_sms"
    WECHAT = "wechat"
    TENCENT_VMS = "tencent_vms"


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    TEMPORARY = "temporary"
    PERMANENT = "permanent"
    UNKNOWN = "unknown"
    """No answer for this address (its own request timed out): it may have been sent."""


@dataclass(frozen=True)
class Batch:
    """One request: one template with one set of values, to distinct addresses."""

    attempt_id: str
    """Sent as the request's own reference (SessionContext, OutId); receipts carry it back."""
    template_id: str
    slots: tuple[str, ...]
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class AddressResult:
    address: str
    outcome: Outcome
    serial_no: str | None = None
    reason: str | None = None
    """The provider's code, never the address."""


class ReceiptStatus(StrEnum):
    ACCEPTED = "accepted"  # the provider has it, the carrier has not reported yet
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"


@dataclass(frozen=True)
class Receipt:
    attempt_id: str
    address: str
    status: ReceiptStatus
    serial_no: str
    reason: str | None = None


@dataclass(frozen=True)
class Reply:
    """An SMS a recipient sent back (personal data: the number and their words)."""

    phone: str
    content: str


class SendRefused(Exception):
    """The provider refused the whole request; nothing was sent (the code is the message)."""


class OutcomeUnknown(Exception):
    """No answer (timeout, connection lost, provider error mid-way): it may have been sent."""


class ProviderUnavailable(Exception):
    """A receipt pull or lookup failed; nothing changed, ask again later."""


class ChannelProvider(Protocol):
    provider: Provider
    channel: Channel
    batch_size: int
    pulls_receipts: bool
    """Whether receipts() hands out this provider's receipts (else they are pushed elsewhere)."""
    can_look_up: bool
    """Whether lookup() can tell what became of a send (else it answers None)."""
    concurrency: int
    """Requests in flight at once (for providers taking one address a request)."""

    async def send(self, batch: Batch) -> list[AddressResult]:
        """Raise SendRefused or OutcomeUnknown when there is no per-address answer."""
        ...

    async def receipts(self, limit: int) -> list[Receipt]:
        """Receipts not handed out before, at most `limit` ([] where they are only pushed)."""
        ...

    async def lookup(self, address: str, since: datetime) -> list[Receipt] | None:
        """What the provider knows of its sends to `address` since `since`; None when the
        provider has no query for it (the outcome can then only come by receipt)."""
        ...

    async def replies(self, limit: int) -> list[Reply]:
        """SMS replies not handed out before, at most `limit` ([] where none are pulled)."""
        ...

    async def close(self) -> None: ...
