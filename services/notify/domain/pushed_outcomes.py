"""What a provider's pushed outcome says of one message: delivered, or not for good.

WeChat pushes one TEMPLATESENDJOBFINISH event per template message (its MsgID) with a Status;
Tencent Cloud VMS pushes a call's status (`voiceprompt_callback`, result 0/1/2 per callid) and,
for a call that could not be made, its reason (`voice_failure_callback`). Anything not
delivered is final for that channel: the message moves on to its fallback channel when it has
one, as an undelivered SMS receipt does. Pure: the listener parses, this decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

WECHAT = "wechat"
VOICE = "tencent_vms"
ALIYUN_SMS = "aliyun_sms"
PUSHED_PROVIDERS = (WECHAT, VOICE, ALIYUN_SMS)
"""The providers whose outcomes are pushed to notify's callback listener."""

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
    address: str | None = None
    """The recipient the push names (openid, E.164 number): how a push finds a send whose
    answer was lost. Kept only while the push waits for its message."""


def wechat_outcome(
    msg_id: int | str | None, status: str | None, openid: str | None = None
) -> PushedOutcome:
    """A TEMPLATESENDJOBFINISH event's MsgID, Status and recipient (FromUserName)."""
    if not msg_id or not status:
        raise MalformedPush("a template job event without MsgID or Status")
    status = status.strip()
    address = openid.strip() if openid and openid.strip() else None
    if status == WECHAT_DELIVERED:
        return PushedOutcome(WECHAT, str(msg_id), delivered=True, address=address)
    reason = _WECHAT_REASONS.get(status, "wechat: not delivered (an unlisted status)")
    return PushedOutcome(WECHAT, str(msg_id), delivered=False, reason=reason, address=address)


def voice_outcomes(body: Mapping[str, Any]) -> list[PushedOutcome]:
    """A VMS push: a call's status, or the reason a call failed."""
    status = body.get("voiceprompt_callback")
    if isinstance(status, Mapping):
        call_id, result = _text(status, "callid"), _text(status, "result")
        if result not in _CALL_RESULTS:
            raise MalformedPush("a call status push with an unknown result")
        reason = _CALL_RESULTS[result]
        address = called_number(status)
        return [PushedOutcome(VOICE, call_id, reason is None, reason, address)]
    failure = body.get("voice_failure_callback")
    if isinstance(failure, Mapping):
        call_id = _text(failure, "callid")
        code = failure.get("failure_code")
        reason = f"voice: the call failed (code {code})" if isinstance(code, int) else None
        address = called_number(failure)
        return [PushedOutcome(VOICE, call_id, False, reason or "voice: the call failed", address)]
    if "voicekey_callback" in body:
        return []  # a key pressed during a call: no outcome of ours
    raise MalformedPush("a voice push of no known kind")


def _text(fields: Mapping[str, Any], name: str) -> str:
    value = fields.get(name)
    if value is None or not str(value).strip():
        raise MalformedPush(f"a voice push without {name}")
    return str(value).strip()


def called_number(fields: Mapping[str, Any]) -> str | None:
    """The E.164 number a VMS push names (`nationcode` and `mobile`), as the send addressed it."""
    mobile = str(fields.get("mobile") or "").strip()
    nation = str(fields.get("nationcode") or "").strip().lstrip("+")
    if mobile.startswith("+") and mobile[1:].isdigit():
        return mobile
    if not (mobile.isdigit() and nation.isdigit()):
        return None
    return f"+{nation}{mobile}"


@dataclass(frozen=True)
class Unconfirmed:
    """A message to the push's address on its provider with no serial number recorded."""

    event_id: str
    status: Literal["sending", "sent"]
    """`sending`: its answer may still come; `sent`: its answer was lost, it was not resent."""
    handed_at: datetime
    """When its request left for the provider."""


def unconfirmed_match(
    received_at: datetime, candidates: Sequence[Unconfirmed], window: timedelta
) -> str | None:
    """The message a push with an unknown serial number is about, or None (it waits).

    Only a send that left before the push came, within `window`, can be its source. It matches
    only when exactly one such send exists and its answer is known to be lost (`sent`): with two
    or more, or with one still `sending` (its answer, and its serial number, may yet come), the
    push could be another message's, and applying it to the wrong one would mark a notice
    delivered that was not, or send its fallback to someone already reached. An unmatched push
    waits, and is given up after the window as naming no message of ours.
    """
    sources = [c for c in candidates if received_at - window <= c.handed_at <= received_at]
    if len(sources) != 1 or sources[0].status != "sent":
        return None
    return sources[0].event_id


@dataclass(frozen=True)
class SmsReport:
    """One number's delivery report as Alibaba Cloud pushes it (SmsReport, a JSON array).

    Found by our OutId (the send's attempt id) and the number, or by Alibaba's BizId and the
    number when the OutId is not ours: a report of a send whose answer was lost still names it.
    """

    address: str
    """The E.164 number (personal data: kept only until the report is applied)."""
    out_id: str
    biz_id: str
    delivered: bool
    reason: str | None = None


def aliyun_sms_reports(body: object) -> list[SmsReport]:
    """Alibaba's pushed SMS reports: phone_number, success, err_code, biz_id, out_id, …"""
    if not isinstance(body, list):
        raise MalformedPush("an SMS report push is a JSON array")
    reports = []
    for item in body:
        if not isinstance(item, Mapping):
            raise MalformedPush("an SMS report is a JSON object")
        address = _mainland_number(str(item.get("phone_number") or ""))
        success = item.get("success")
        if address is None or not isinstance(success, bool):
            raise MalformedPush("an SMS report without its number or success")
        out_id, biz_id = str(item.get("out_id") or ""), str(item.get("biz_id") or "")
        if not (out_id or biz_id):
            raise MalformedPush("an SMS report naming no send (no out_id, no biz_id)")
        code = str(item.get("err_code") or "").strip()
        reason = None if success else f"sms: not delivered ({code or 'no code'})"
        reports.append(SmsReport(address, out_id, biz_id, success, reason))
    return reports


def _mainland_number(number: str) -> str | None:
    """The number as the send addressed it: Alibaba reports mainland numbers without +86."""
    number = number.strip()
    if number.startswith("+"):
        return number if number[1:].isdigit() else None
    return f"+86{number}" if number.isdigit() else None
