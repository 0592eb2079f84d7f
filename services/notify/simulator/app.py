"""The simulator's HTTP face: each provider's API at the path its SDK calls.

Tencent Cloud API 3.0 (SMS and voice) and Alibaba Cloud's RPC API both POST to `/`; the
headers tell them apart (`X-TC-Action`, `x-acs-action`). WeChat's API is under `/cgi-bin/`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from services.notify.simulator import aliyun, tencent
from services.notify.simulator.provider import Provider
from services.notify.simulator.pushes import Pusher
from services.notify.simulator.settings import Behaviour, SimulatorSettings
from services.notify.simulator.wechat import WeChatApi


class SmsReply(BaseModel):
    phone: str
    content: str


def create_app(settings: SimulatorSettings | None = None) -> FastAPI:
    settings = settings or SimulatorSettings()
    provider = Provider(settings.behaviour())
    pusher = Pusher(provider, settings.push_url, settings.wechat_callback_token)
    wechat = WeChatApi(provider, pusher)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await pusher.close()

    app = FastAPI(
        title="Fugong provider simulator (Tencent Cloud SMS/VMS, Alibaba SMS, WeChat)",
        lifespan=lifespan,
    )

    @app.post("/")
    async def api(
        request: Request,
        tc_action: Annotated[str, Header(alias="X-TC-Action")] = "",
        acs_action: Annotated[str, Header(alias="x-acs-action")] = "",
    ) -> JSONResponse:
        """Tencent Cloud API 3.0 (JSON body) or Alibaba Cloud RPC (query parameters)."""
        if acs_action:
            return await aliyun.answer(provider, acs_action, dict(request.query_params), pusher)
        body: dict[str, Any] = await request.json()
        return await tencent.answer(provider, tc_action, body, pusher)

    @app.get("/cgi-bin/token")
    async def wechat_token(grant_type: str = "", appid: str = "", secret: str = "") -> JSONResponse:
        """WeChat: an access_token for the official account."""
        return wechat.token(grant_type, appid, secret)

    @app.post("/cgi-bin/message/template/send")
    async def wechat_template(request: Request, access_token: str = "") -> JSONResponse:
        """WeChat: one template message to one openid."""
        body: dict[str, Any] = await request.json()
        return await wechat.send_template(access_token, body)

    @app.get("/_sim/received")
    async def received() -> dict[str, object]:
        """What each provider accepted, per address (tests count duplicates)."""
        return provider.received()

    @app.get("/_sim/inbox/{address}")
    async def inbox(address: str) -> list[dict[str, object]]:
        """The SMS a number received (template id and values), oldest first."""
        return provider.inboxes.get(address, [])

    @app.get("/_sim/pushes")
    async def pushes() -> dict[str, int]:
        """Outcomes pushed to notify: scheduled, lost, duplicated, pushed, refused."""
        return dict(pusher.counts)

    @app.post("/_sim/replies")
    async def sms_reply(reply: SmsReply) -> dict[str, str]:
        """A recipient replies to an SMS (e.g. TD): Tencent's reply pull hands it out once."""
        provider.reply(reply.phone, reply.content)
        return {"status": "queued"}

    @app.post("/_sim/config")
    async def configure(behaviour: Behaviour) -> Behaviour:
        """Change latency, failure rates and outages from now on."""
        provider.behaviour = behaviour
        return behaviour

    @app.get("/healthz")
    @app.get("/readyz")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
