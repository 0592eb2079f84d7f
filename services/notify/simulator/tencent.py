"""Tencent Cloud API 3.0 as the simulator answers it: one POST /, the action in X-TC-Action.

SMS (2021-01-11): SendSms (up to 200 numbers, a status per number), PullSmsSendStatus (receipts,
each handed out once, but late, sometimes twice and in no order) and
PullSmsSendStatusByPhoneNumber (what was sent to a number), PullSmsReplyStatus (recipients'
replies, e.g. "TD", put there by `POST /_sim/replies`). Voice (VMS 2020-09-02):
SendTtsVoice, one number a call.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime
from typing import Any

from fastapi.responses import JSONResponse

from services.notify.simulator.provider import Accepted, Draw, Provider
from services.notify.simulator.pushes import Pusher

SMS, VOICE = "tencent_sms", "tencent_vms"
MAX_NUMBERS = 200
REQUIRED = ("PhoneNumberSet", "SmsSdkAppId", "TemplateId")
OUTAGE_CODE = "InternalError.SendAndRecvFail"
SMS_CODES = {
    Draw.OK: ("Ok", "send success"),
    Draw.TRANSIENT: (
        "LimitExceeded.DeliveryFrequencyLimit",
        "the number was sent to too often; try again later",
    ),
    Draw.PERMANENT: (
        "FailedOperation.PhoneNumberInBlacklist",
        "the number is on the carrier's blacklist",
    ),
}
VOICE_CODES = {
    Draw.TRANSIENT: ("LimitExceeded.DeliveryFrequencyLimit", "called too often; try later"),
    Draw.PERMANENT: ("InvalidParameterValue.CalledNumberVerifyFail", "not a callable number"),
}


def ok(body: dict[str, Any]) -> JSONResponse:
    return JSONResponse({"Response": {**body, "RequestId": str(uuid.uuid4())}})


def error(code: str, message: str) -> JSONResponse:
    # Tencent answers errors with HTTP 200 and an Error object; the SDK raises on it.
    fault = {"Code": code, "Message": message}
    return JSONResponse({"Response": {"Error": fault, "RequestId": str(uuid.uuid4())}})


def receipt_wire(record: Accepted) -> dict[str, object]:
    return {
        "UserReceiveTime": record.at.strftime("%Y-%m-%d %H:%M:%S"),
        "CountryCode": "86",
        "SubscriberNumber": record.address.removeprefix("+86"),
        "PhoneNumber": record.address,
        "SerialNo": record.serial_no,
        "ReportStatus": "SUCCESS",
        "Description": "用户短信送达成功",
        "SessionContext": record.reference,
    }


def reply_wire(phone: str, content: str, at: datetime) -> dict[str, object]:
    return {
        "ExtendCode": "",
        "CountryCode": "86",
        "SubscriberNumber": phone.removeprefix("+86"),
        "PhoneNumber": phone,
        "SignName": "复工服务",
        "ReplyContent": content,
        "ReplyTime": int(at.timestamp()),
    }


async def answer(
    provider: Provider, action: str, body: dict[str, Any], pusher: Pusher
) -> JSONResponse:
    if action == "SendSms":
        return await _send_sms(provider, body)
    if action == "PullSmsSendStatus":
        receipts = provider.pull_receipts(SMS, int(body.get("Limit", 100)))
        return ok({"PullSmsSendStatusSet": [receipt_wire(r) for r in receipts]})
    if action == "PullSmsSendStatusByPhoneNumber":
        found = provider.sent_to(
            SMS,
            str(body.get("PhoneNumber", "")),
            int(body.get("BeginTime", 0)),
            body.get("EndTime"),
        )
        offset, limit = int(body.get("Offset", 0)), int(body.get("Limit", 100))
        return ok(
            {"PullSmsSendStatusSet": [receipt_wire(r) for r in found[offset : offset + limit]]}
        )
    if action == "PullSmsReplyStatus":
        replies = provider.pull_replies(int(body.get("Limit", 100)))
        return ok({"PullSmsReplyStatusSet": [reply_wire(*r) for r in replies]})
    if action == "SendTtsVoice":
        return await _send_tts_voice(provider, body, pusher)
    return error("InvalidAction", "the simulator does not know this action")


async def _hold(provider: Provider, answered: bool) -> None:
    behaviour = provider.behaviour
    await asyncio.sleep(
        behaviour.latency_seconds if answered else behaviour.unanswered_hold_seconds
    )


async def _send_sms(provider: Provider, body: dict[str, Any]) -> JSONResponse:
    missing = [name for name in REQUIRED if not body.get(name)]
    if missing:
        return error("MissingParameter", f"missing {', '.join(missing)}")
    phones = [str(p) for p in body["PhoneNumberSet"]]
    if len(phones) > MAX_NUMBERS:
        return error("LimitExceeded.PhoneNumberCountLimit", "at most 200 numbers a request")
    provider.requests[SMS] += 1
    if provider.in_outage(SMS):
        await _hold(provider, True)
        return error(OUTAGE_CODE, "the SMS backend did not answer")
    session = str(body.get("SessionContext", ""))
    statuses = []
    for phone in phones:
        draw = provider.draw()
        serial = provider.accept(SMS, phone, session).serial_no if draw is Draw.OK else ""
        if draw is Draw.OK:
            values = [str(v) for v in body.get("TemplateParamSet") or []]
            provider.deliver(phone, str(body["TemplateId"]), values)
        code, message = SMS_CODES[draw]
        statuses.append(
            {
                "SerialNo": serial,
                "PhoneNumber": phone,
                "Fee": 1 if draw is Draw.OK else 0,
                "SessionContext": session,
                "Code": code,
                "Message": message,
                "IsoCode": "CN",
            }
        )
    answered = provider.answer_this_request(SMS)
    await _hold(provider, answered)
    return ok({"SendStatusSet": statuses})


async def _send_tts_voice(provider: Provider, body: dict[str, Any], pusher: Pusher) -> JSONResponse:
    if not body.get("CalledNumber") or not body.get("TemplateId"):
        return error("MissingParameter", "missing CalledNumber or TemplateId")
    provider.requests[VOICE] += 1
    if provider.in_outage(VOICE):
        await _hold(provider, True)
        return error(OUTAGE_CODE, "the voice backend did not answer")
    draw = provider.draw()
    if draw is not Draw.OK:
        await _hold(provider, True)
        return error(*VOICE_CODES[draw])
    session = str(body.get("SessionContext", ""))
    call = provider.accept(VOICE, str(body["CalledNumber"]), session)
    answered = provider.answer_this_request(VOICE)
    # The call's status, pushed later to the configured callback URL, answer or not: VMS
    # places the call whether or not its answer reached the caller.
    pusher.call(call, answered=answered)
    await _hold(provider, answered)
    return ok({"SendStatus": {"CallId": call.serial_no, "SessionContext": session}})
