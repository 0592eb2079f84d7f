"""What a provider's pushed outcome says of one message: delivered, or not for good.

WeChat pushes one TEMPLATESENDJOBFINISH event per template message (its MsgID) with a Status;
Tencent Cloud VMS pushes a call's status (`voiceprompt_callback`, result 0/1/2 per callid) and,
for a call that could not be made, its reason (`voice_failure_callback`). Anything not
delivered is final for that channel: the message moves on to its fallback channel when it has
one, as an undelivered SMS receipt does. Pure: the listener parses, this decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

WECHAT = "wechat"
VOICE = "tencent_vms"

# WeChat's Status values (TEMPLATESENDJOBFINISH), as its documentation spells them.
WECHAT_DELIVERED = "success"
_WECHAT_REASONS = {
    "failed:user block": "wechat: the user blocks the account's template messages",
    "failed: system failed": "wechat: the message failed in WeChat's system",
}

# VMS's `result` in a call status push.
_CALL_RESULTS = {
    "0": None,  # answered
    "1": "voice: the call was not answered",
    "2": "voice: the call failed",
}


class MalformedPush(ValueError):
    """A push that names no message or no outcome; the text never quotes the push itself."""


@dataclass(frozen=True)
class PushedOutcome:
    """One message's outcome as its provider pushed it, named by the provider's serial number."""

    provider: str
    serial_no: str
    delivered: bool
    reason: str | None = None
    """Why it was not delivered (the provider's words, never the recipient's number)."""


def wechat_outcome(msg_id: int | str | None, status: str | None) -> PushedOutcome:
    """A TEMPLATESENDJOBFINISH event's MsgID and Status."""
    if not msg_id or not status:
        raise MalformedPush("a template job event without MsgID or Status")
    status = status.strip()
    if status == WECHAT_DELIVERED:
        return PushedOutcome(WECHAT, str(msg_id), delivered=True)
    reason = _WECHAT_REASONS.get(status, "wechat: not delivered (an unlisted status)")
    return PushedOutcome(WECHAT, str(msg_id), delivered=False, reason=reason)


def voice_outcomes(body: Mapping[str, Any]) -> list[PushedOutcome]:
    """A VMS push: a call's status, or the reason a call failed."""
    status = body.get("voiceprompt_callback")
    if isinstance(status, Mapping):
        call_id, result = _text(status, "callid"), _text(status, "result")
        if result not in _CALL_RESULTS:
            raise MalformedPush("a call status push with an unknown result")
        reason = _CALL_RESULTS[result]
        return [PushedOutcome(VOICE, call_id, delivered=reason is None, reason=reason)]
    failure = body.get("voice_failure_callback")
    if isinstance(failure, Mapping):
        call_id = _text(failure, "callid")
        code = failure.get("failure_code")
        reason = f"voice: the call failed (code {code})" if isinstance(code, int) else None
        return [PushedOutcome(VOICE, call_id, False, reason or "voice: the call failed")]
    if "voicekey_callback" in body:
        return []  # a key pressed during a call: no outcome of ours
    raise MalformedPush("a voice push of no known kind")


def _text(fields: Mapping[str, Any], name: str) -> str:
    value = fields.get(name)
    if value is None or not str(value).strip():
        raise MalformedPush(f"a voice push without {name}")
    return str(value).strip()
