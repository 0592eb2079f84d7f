"""What a new request becomes: a message ready to send, waiting, or refused with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.contracts.notifications import RecipientKind
from services.notify.domain.messages import MessageStatus
from services.notify.domain.records import RecordRequest
from services.notify.domain.segments import segments
from services.notify.domain.templates import MissingValues, render

S = MessageStatus


@dataclass(frozen=True)
class Reach:
    """How to reach a recipient, and what notify knows of it that a text may name."""

    phone: str
    parameters: dict[str, str] = field(default_factory=dict)
    """E.g. a booking's hall name and address, from the gateway's view."""


@dataclass(frozen=True)
class Intake:
    status: MessageStatus
    phone: str | None = None
    body: str | None = None
    slots: tuple[str, ...] = ()
    segments: int | None = None
    reason: str | None = None


def intake(
    request: RecordRequest,
    reach: Reach | None,
    *,
    bookings_readable: bool = True,
    seekers_readable: bool = True,
) -> Intake:
    """A request is never dropped: it is sendable, waits, or ends with a status saying why.

    An enterprise without a registered contact waits for its registration. A booking is reached
    through the gateway's published view; while notify cannot read that view its notices are
    kept as `no_channel_yet`, and a booking the view does not know is refused. District public
    channels are not built yet. A value the text needs and nobody supplied refuses the message.
    A job seeker is reached through matching's view of those who consented, in the same way.
    """
    kind = request.recipient_kind
    if kind is RecipientKind.BOOKING and not bookings_readable:
        return Intake(S.NO_CHANNEL_YET, reason="the gateway's booking contacts are not readable")
    if kind is RecipientKind.BOOKING and reach is None:
        return Intake(S.PERMANENT_FAILURE, reason="the booking is unknown to the gateway")
    if kind is RecipientKind.JOB_SEEKER and not seekers_readable:
        return Intake(S.NO_CHANNEL_YET, reason="matching's job seeker contacts are not readable")
    if kind is RecipientKind.JOB_SEEKER and reach is None:
        return Intake(S.PERMANENT_FAILURE, reason="the job seeker is unknown or did not consent")
    values = {**(reach.parameters if reach else {}), **request.parameters}
    try:
        rendered = render(request.template, values)
    except MissingValues as exc:
        return Intake(S.PERMANENT_FAILURE, reason=str(exc))

    def made(status: MessageStatus, phone: str | None = None, reason: str | None = None) -> Intake:
        return Intake(status, phone, rendered.text, rendered.slots, segments(rendered.text), reason)

    if kind is RecipientKind.DISTRICT_PUBLIC:
        return made(S.NO_CHANNEL_YET, reason=f"no channel to {kind} recipients yet")
    if reach is None:
        return made(S.WAITING_FOR_CONTACT)
    return made(S.CREATED, phone=reach.phone)
