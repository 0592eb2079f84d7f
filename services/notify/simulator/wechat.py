"""The WeChat official account API as the simulator answers it: an access_token from
GET /cgi-bin/token, then POST /cgi-bin/message/template/send?access_token=… with one openid a
request. A request with an unknown token gets errcode 40001, as WeChat answers an expired one.
"""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

from fastapi.responses import JSONResponse

from services.notify.simulator.provider import Draw, Provider
from services.notify.simulator.pushes import Pusher, wechat_msgid

WECHAT = "wechat"
CODES = {
    Draw.TRANSIENT: (45009, "reach max api daily quota limit"),
    Draw.PERMANENT: (43004, "require subscribe"),
}


class WeChatApi:
    def __init__(self, provider: Provider, pusher: Pusher) -> None:
        self._provider = provider
        self._pusher = pusher
        self._tokens: set[str] = set()

    def token(self, grant_type: str, appid: str, secret: str) -> JSONResponse:
        if grant_type != "client_credential" or not appid or not secret:
            return JSONResponse({"errcode": 40013, "errmsg": "invalid appid"})
        token = secrets.token_urlsafe(24)
        self._tokens.add(token)
        return JSONResponse({"access_token": token, "expires_in": 7200})

    async def send_template(self, access_token: str, body: dict[str, Any]) -> JSONResponse:
        provider = self._provider
        if access_token not in self._tokens:
            return JSONResponse({"errcode": 40001, "errmsg": "invalid credential"})
        openid, template_id = body.get("touser"), body.get("template_id")
        if not openid or not template_id:
            return JSONResponse({"errcode": 47001, "errmsg": "data format error"})
        provider.requests[WECHAT] += 1
        behaviour = provider.behaviour
        if provider.in_outage(WECHAT):
            await asyncio.sleep(behaviour.latency_seconds)
            return JSONResponse({"errcode": -1, "errmsg": "system error"})
        draw = provider.draw()
        if draw is not Draw.OK:
            await asyncio.sleep(behaviour.latency_seconds)
            errcode, errmsg = CODES[draw]
            return JSONResponse({"errcode": errcode, "errmsg": errmsg})
        reference = str(body.get("data", {}).get("remark", {}).get("value", ""))
        record = provider.accept(WECHAT, str(openid), reference)
        answered = provider.answer_this_request(WECHAT)
        # Its outcome, pushed later to the account's server URL, whether or not the send's
        # answer reaches notify: the push names the recipient (FromUserName) either way.
        self._pusher.wechat(record, answered=answered)
        await asyncio.sleep(
            behaviour.latency_seconds if answered else behaviour.unanswered_hold_seconds
        )
        return JSONResponse({"errcode": 0, "errmsg": "ok", "msgid": wechat_msgid(record)})
