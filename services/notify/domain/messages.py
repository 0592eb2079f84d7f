"""A message's life: the statuses it goes through and which moves between them are allowed.

Every message ends in a final status. `sending` means a request may have reached the provider:
it is left only by the provider's answer, its receipt, or a status query that settles what
became of it, so a notice whose answer was lost is never sent again blindly. A message refused
for good on one channel (or reported undelivered) goes back to `created` on its recipient's next
channel, when there is one; `attempts` count per channel.
"""

from __future__ import annotations

from enum import StrEnum


class MessageStatus(StrEnum):
    WAITING_FOR_CONTACT = "waiting_for_contact"  # the enterprise's contact is not registered yet
    NO_CHANNEL_YET = "no_channel_yet"  # a recipient kind notify cannot reach yet: kept, not sent
    CREATED = "created"  # ready to send
    SENDING = "sending"  # claimed by a sender with an attempt id; the outcome may be unknown
    SENT = "sent"  # the provider accepted it
    DELIVERED = "delivered"  # the carrier's receipt says it arrived
    TEMPORARY_FAILURE = "temporary_failure"  # the provider refused for now: retried later
    PERMANENT_FAILURE = "permanent_failure"  # it can never be sent as it is (reason recorded)
    TECHNICAL_FAILURE = "technical_failure"  # retries exhausted
    CANCELLED = "cancelled"  # its campaign was cancelled before it was sent
    UNSENDABLE = "unsendable"  # the recipient refused every channel that reaches them


S = MessageStatus

TRANSITIONS: dict[MessageStatus, frozenset[MessageStatus]] = {
    S.WAITING_FOR_CONTACT: frozenset({S.CREATED, S.PERMANENT_FAILURE}),
    S.NO_CHANNEL_YET: frozenset(),
    S.CREATED: frozenset({S.SENDING, S.CANCELLED, S.UNSENDABLE}),
    # Back to created only when a status query showed the provider never got it, or on the
    # next channel after a refusal for good.
    S.SENDING: frozenset(
        {
            S.SENT,
            S.DELIVERED,
            S.TEMPORARY_FAILURE,
            S.PERMANENT_FAILURE,
            S.TECHNICAL_FAILURE,
            S.CREATED,
        }
    ),
    # Back to created on the next channel when the carrier reports it undelivered.
    S.SENT: frozenset({S.DELIVERED, S.PERMANENT_FAILURE, S.CREATED}),
    S.TEMPORARY_FAILURE: frozenset({S.SENDING, S.TECHNICAL_FAILURE, S.CANCELLED, S.UNSENDABLE}),
    S.DELIVERED: frozenset(),
    S.PERMANENT_FAILURE: frozenset(),
    S.TECHNICAL_FAILURE: frozenset(),
    S.CANCELLED: frozenset(),
    S.UNSENDABLE: frozenset(),
}

FINAL = frozenset(status for status, moves in TRANSITIONS.items() if not moves)
"""Statuses a message never leaves (no_channel_yet until notify learns that channel)."""

UNSETTLED = frozenset({S.WAITING_FOR_CONTACT, S.CREATED, S.SENDING, S.TEMPORARY_FAILURE})
"""Statuses of a message still on its way (besides `sent` awaiting a receipt that will come)."""

SENDABLE = frozenset({S.CREATED, S.TEMPORARY_FAILURE})
"""What a sender may claim (a temporary failure once its retry is due)."""


class IllegalTransition(ValueError):
    pass


def can_move(current: MessageStatus, to: MessageStatus) -> bool:
    return to in TRANSITIONS[current]


def move(current: MessageStatus, to: MessageStatus) -> MessageStatus:
    """The new status, or IllegalTransition naming both ends (never the message's content)."""
    if not can_move(current, to):
        raise IllegalTransition(f"a message cannot go from {current} to {to}")
    return to


def sources_of(to: MessageStatus) -> list[str]:
    """Statuses from which `to` may be reached: what the store's updates require in SQL."""
    return sorted(current.value for current, moves in TRANSITIONS.items() if to in moves)
