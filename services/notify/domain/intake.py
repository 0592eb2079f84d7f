"""What a new request becomes: a message ready to send, waiting, or refused with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.contracts.notifications import RecipientKind
from services.notify.domain.messages import MessageStatus
from services.notify.domain.records import RecordRequest
from services.notify.domain.routing import Channel, Recipient, route
from services.notify.domain.segments import segments
from services.notify.domain.templates import MissingValues, render

S = MessageStatus


@dataclass(frozen=True)
class Reach:
    """How to reach a recipient, and what notify knows of it that a text may name."""

    phone: str
    parameters: dict[str, str] = field(default_factory=dict)
    """E.g. a booking's hall name and address, from the gateway's view."""
    channels: tuple[Channel, ...] = (Channel.SMS,)
    """The recipient's channels in order of preference (a job seeker's preferred one first)."""


def preferred_first(preferred: str | None) -> tuple[Channel, ...]:
    """The preferred channel, then SMS, WeChat, voice: the order campaigns give roster members."""
    first = Channel(preferred) if preferred in set(Channel) else Channel.SMS
    return (first, *(c for c in (Channel.SMS, Channel.WECHAT, Channel.VOICE) if c is not first))


@dataclass(frozen=True)
class Intake:
    status: MessageStatus
    phone: str | None = None
    body: str | None = None
    slots: tuple[str, ...] = ()
    segments: int | None = None
    reason: str | None = None
    channels: tuple[Channel, ...] = (Channel.SMS,)
    channel: Channel | None = None
    """The first channel in `channels` that reaches the recipient (None: no number yet)."""


# Recipients found in another service's published view: why a request waits while notify cannot
# read the view, and why it ends when the view does not know the recipient.
_FROM_VIEWS = {
    RecipientKind.BOOKING: (
        "the gateway's booking contacts are not readable",
        "the booking is unknown to the gateway",
    ),
    RecipientKind.JOB_SEEKER: (
        "matching's job seeker contacts are not readable",
        "the job seeker is unknown or did not consent",
    ),
    RecipientKind.SELF_REGISTRATION: (
        "the gateway's self-registration contacts are not readable",
        "the self-registration is unknown to the gateway or its code has expired",
    ),
}


def intake(
    request: RecordRequest,
    reach: Reach | None,
    *,
    unreadable: frozenset[RecipientKind] = frozenset(),
) -> Intake:
    """A request is never dropped: it is sendable, waits, or ends with a status saying why.

    An enterprise without a registered contact waits for its registration. A booking, a
    consenting job seeker and a self-registration awaiting its code are reached through the
    view their service publishes (`unreadable`: the kinds whose view notify cannot read now);
    while notify cannot read the view their notices are kept as `no_channel_yet`, and a
    recipient the view does not know is refused. District public channels are not built yet.
    A value the text needs and nobody supplied refuses the message.
    """
    kind = request.recipient_kind
    if kind in _FROM_VIEWS:
        cannot_read, unknown = _FROM_VIEWS[kind]
        if kind in unreadable:
            return Intake(S.NO_CHANNEL_YET, reason=cannot_read)
        if reach is None:
            return Intake(S.PERMANENT_FAILURE, reason=unknown)
    values = {**(reach.parameters if reach else {}), **request.parameters}
    try:
        rendered = render(request.template, values)
    except MissingValues as exc:
        return Intake(S.PERMANENT_FAILURE, reason=str(exc))

    def made(
        status: MessageStatus, reach: Reach | None = None, reason: str | None = None
    ) -> Intake:
        channels = reach.channels if reach else (Channel.SMS,)
        first = route(channels, None, Recipient(reach.phone, None)) if reach else None
        # None reaches it (a landline, SMS only): the sender then fails it with that reason.
        channel = first.channel if first else channels[0] if reach else None
        return Intake(
            status,
            reach.phone if reach else None,
            rendered.text,
            rendered.slots,
            segments(rendered.text),
            reason,
            channels,
            channel,
        )

    if kind is RecipientKind.DISTRICT_PUBLIC:
        return made(S.NO_CHANNEL_YET, reason=f"no channel to {kind} recipients yet")
    if reach is None:
        return made(S.WAITING_FOR_CONTACT)
    return made(S.CREATED, reach)
