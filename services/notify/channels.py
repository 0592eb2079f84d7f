"""Port: an SMS provider that sends in batches, answers per number, and hands out receipts.

A provider's answer has three shapes, and only one of them lets a message be sent again:
per-number results (accepted, refused for now, refused for good); the whole request refused
before anything was sent (`SendRefused`); and no answer at all (`OutcomeUnknown`: it may have
been sent, so it must be looked up, never resent blindly).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    TEMPORARY = "temporary"
    PERMANENT = "permanent"


@dataclass(frozen=True)
class SmsBatch:
    """One request: one template with one set of values, to up to 200 distinct numbers."""

    attempt_id: str
    """Sent as the request's SessionContext; receipts and lookups carry it back."""
    template_id: str
    slots: tuple[str, ...]
    phones: tuple[str, ...]


@dataclass(frozen=True)
class NumberResult:
    phone: str
    outcome: Outcome
    serial_no: str | None = None
    reason: str | None = None
    """The provider's code, never the number."""


@dataclass(frozen=True)
class Receipt:
    attempt_id: str
    phone: str
    delivered: bool
    serial_no: str
    reason: str | None = None


class SendRefused(Exception):
    """The provider refused the whole request; nothing was sent (the code is the message)."""


class OutcomeUnknown(Exception):
    """No answer (timeout, connection lost, provider error mid-way): it may have been sent."""


class ProviderUnavailable(Exception):
    """A receipt pull or lookup failed; nothing changed, ask again later."""


class SmsChannel(Protocol):
    async def send(self, batch: SmsBatch) -> list[NumberResult]:
        """Raise SendRefused or OutcomeUnknown when there is no per-number answer."""
        ...

    async def receipts(self, limit: int) -> list[Receipt]:
        """Receipts not handed out before, at most `limit`."""
        ...

    async def lookup(self, phone: str, since: datetime) -> list[Receipt]:
        """What the provider knows of its sends to `phone` since `since`."""
        ...

    async def close(self) -> None: ...
