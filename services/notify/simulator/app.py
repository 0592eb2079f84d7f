"""The simulator's HTTP face: Tencent Cloud API 3.0 (one POST /, the action in X-TC-Action)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse

from services.notify.simulator.provider import Provider
from services.notify.simulator.settings import Behaviour, SimulatorSettings

MAX_NUMBERS = 200
REQUIRED = ("PhoneNumberSet", "SmsSdkAppId", "TemplateId")


def _ok(body: dict[str, Any]) -> JSONResponse:
    return JSONResponse({"Response": {**body, "RequestId": str(uuid.uuid4())}})


def _error(code: str, message: str) -> JSONResponse:
    # Tencent answers errors with HTTP 200 and an Error object; the SDK raises on it.
    error = {"Code": code, "Message": message}
    return JSONResponse({"Response": {"Error": error, "RequestId": str(uuid.uuid4())}})


def create_app(settings: SimulatorSettings | None = None) -> FastAPI:
    settings = settings or SimulatorSettings()
    provider = Provider(settings.behaviour())
    app = FastAPI(title="Fugong SMS provider simulator (Tencent Cloud SMS 2021-01-11)")

    @app.post("/")
    async def api(
        request: Request, action: Annotated[str, Header(alias="X-TC-Action")] = ""
    ) -> JSONResponse:
        """Tencent Cloud API 3.0: SendSms, PullSmsSendStatus, PullSmsSendStatusByPhoneNumber."""
        body: dict[str, Any] = await request.json()
        if action == "SendSms":
            return await _send_sms(provider, body)
        if action == "PullSmsSendStatus":
            receipts = provider.pull_receipts(int(body.get("Limit", 100)))
            return _ok({"PullSmsSendStatusSet": [r.wire() for r in receipts]})
        if action == "PullSmsSendStatusByPhoneNumber":
            found = provider.receipts_of(
                str(body.get("PhoneNumber", "")), int(body.get("BeginTime", 0)), body.get("EndTime")
            )
            offset, limit = int(body.get("Offset", 0)), int(body.get("Limit", 100))
            return _ok({"PullSmsSendStatusSet": [r.wire() for r in found[offset : offset + limit]]})
        return _error("InvalidAction", "the simulator does not know this action")

    @app.get("/_sim/received")
    async def received() -> dict[str, object]:
        """What the provider accepted, per (SessionContext, phone) and per phone."""
        return provider.received()

    @app.post("/_sim/config")
    async def configure(behaviour: Behaviour) -> Behaviour:
        """Change latency and failure rates from now on."""
        provider.behaviour = behaviour
        return behaviour

    @app.get("/healthz")
    @app.get("/readyz")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


async def _send_sms(provider: Provider, body: dict[str, Any]) -> JSONResponse:
    missing = [name for name in REQUIRED if not body.get(name)]
    if missing:
        return _error("MissingParameter", f"missing {', '.join(missing)}")
    phones = [str(p) for p in body["PhoneNumberSet"]]
    if len(phones) > MAX_NUMBERS:
        return _error("LimitExceeded.PhoneNumberCountLimit", "at most 200 numbers a request")
    provider.requests += 1
    session = str(body.get("SessionContext", ""))
    statuses = [provider.send(phone, session) for phone in phones]
    answered = provider.answer_this_request()
    await asyncio.sleep(
        provider.behaviour.latency_seconds
        if answered
        else provider.behaviour.unanswered_hold_seconds
    )
    return _ok({"SendStatusSet": statuses})
