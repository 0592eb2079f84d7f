"""Alibaba Cloud SMS (dysmsapi 2017-05-25) as the simulator answers it: RPC style, POST / with
the action in `x-acs-action` and the parameters in the query string.

SendSms: up to 1,000 comma-separated numbers, one answer for the request (a BizId); a number
refused for good shows up later as undelivered (SendStatus 2) in QuerySendDetails, which lists
what was sent to a number on a day (yyyyMMdd, Beijing time) with the request's OutId, and, with
`aliyun_sms_reports` on, in the delivery reports pushed to notify (SmsReport, `pushes.py`).
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime

from fastapi.responses import JSONResponse

from services.notify.simulator.provider import BEIJING, Draw, Provider
from services.notify.simulator.pushes import Pusher

SMS = "aliyun_sms"
MAX_NUMBERS = 1000


def _answer(body: dict[str, object], status: int = 200) -> JSONResponse:
    return JSONResponse({**body, "RequestId": str(uuid.uuid4())}, status_code=status)


async def answer(
    provider: Provider, action: str, query: dict[str, str], pusher: Pusher
) -> JSONResponse:
    if action == "SendSms":
        return await _send_sms(provider, query, pusher)
    if action == "QuerySendDetails":
        return _query_send_details(provider, query)
    return _answer({"Code": "InvalidAction.NotFound", "Message": "unknown action"}, 404)


async def _send_sms(provider: Provider, query: dict[str, str], pusher: Pusher) -> JSONResponse:
    numbers = [n for n in query.get("PhoneNumbers", "").split(",") if n]
    if not numbers or not query.get("TemplateCode") or not query.get("SignName"):
        return _answer({"Code": "isv.INVALID_PARAMETERS", "Message": "missing parameters"})
    if len(numbers) > MAX_NUMBERS:
        return _answer({"Code": "isv.MOBILE_COUNT_OVER_LIMIT", "Message": "too many numbers"})
    provider.requests[SMS] += 1
    behaviour = provider.behaviour
    if provider.in_outage(SMS):
        await asyncio.sleep(behaviour.latency_seconds)
        return _answer({"Code": "InternalError", "Message": "backend failure"}, 500)
    if provider.draw() is Draw.TRANSIENT:  # Alibaba throttles whole requests
        await asyncio.sleep(behaviour.latency_seconds)
        return _answer({"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "flow control"})
    out_id = query.get("OutId", "")
    biz_id = f"{uuid.uuid4().int % 10**15}^0"
    accepted = [
        provider.accept(SMS, f"+86{number}", out_id, undelivered=provider.draw() is Draw.PERMANENT)
        for number in numbers
    ]
    answered = provider.answer_this_request(SMS)
    # The numbers' delivery reports, pushed later when configured, whether or not this answer
    # (and its BizId) reaches notify: they carry our OutId.
    pusher.sms_reports(accepted, biz_id, answered=answered)
    await asyncio.sleep(
        behaviour.latency_seconds if answered else behaviour.unanswered_hold_seconds
    )
    return _answer({"Code": "OK", "Message": "OK", "BizId": biz_id})


def _query_send_details(provider: Provider, query: dict[str, str]) -> JSONResponse:
    number, day = query.get("PhoneNumber", ""), query.get("SendDate", "")
    try:
        start = datetime.strptime(day, "%Y%m%d").replace(tzinfo=BEIJING)
    except ValueError:
        return _answer({"Code": "isv.INVALID_PARAMETERS", "Message": "SendDate is yyyyMMdd"})
    begin = int(start.timestamp())
    found = provider.sent_to(SMS, f"+86{number}", begin, begin + 86_399)
    details = [
        {
            "PhoneNum": number,
            "SendStatus": 2 if r.undelivered else 3,
            "ErrCode": "MOBILE_IN_BLACK" if r.undelivered else "DELIVERED",
            "TemplateCode": query.get("TemplateCode", ""),
            "Content": "",
            "SendDate": r.at.strftime("%Y-%m-%d %H:%M:%S"),
            "ReceiveDate": r.at.strftime("%Y-%m-%d %H:%M:%S"),
            "OutId": r.reference,
        }
        for r in found
    ]
    return _answer(
        {
            "Code": "OK",
            "Message": "OK",
            "TotalCount": len(details),
            "SmsSendDetailDTOs": {"SmsSendDetailDTO": details},
        }
    )
