"""What a new request becomes: a message ready to send, waiting, or refused with its reason."""

from __future__ import annotations

from dataclasses import dataclass

from services.contracts.notifications import RecipientKind
from services.notify.domain.messages import MessageStatus
from services.notify.domain.records import RecordRequest
from services.notify.domain.segments import segments
from services.notify.domain.templates import MissingValues, render


@dataclass(frozen=True)
class Intake:
    status: MessageStatus
    phone: str | None = None
    body: str | None = None
    slots: tuple[str, ...] = ()
    segments: int | None = None
    reason: str | None = None


def intake(request: RecordRequest, phone: str | None) -> Intake:
    """Render the text first: a request missing a value is refused whoever it is for.

    An enterprise without a registered contact waits for its registration (never dropped);
    recipients notify cannot reach yet are kept with a status that says so.
    """
    try:
        rendered = render(request.template, request.parameters)
    except MissingValues as exc:
        return Intake(MessageStatus.PERMANENT_FAILURE, reason=str(exc))

    def made(status: MessageStatus, phone: str | None = None, reason: str | None = None) -> Intake:
        return Intake(status, phone, rendered.text, rendered.slots, segments(rendered.text), reason)

    if request.recipient_kind is not RecipientKind.ENTERPRISE:
        return made(
            MessageStatus.NO_CHANNEL_YET,
            reason=f"no channel to {request.recipient_kind} recipients yet",
        )
    if phone is None:
        return made(MessageStatus.WAITING_FOR_CONTACT)
    return made(MessageStatus.CREATED, phone=phone)
