"""notify's callback listener: the outcomes WeChat, Tencent Cloud VMS and Alibaba Cloud SMS push,
on a port of its own.

`FUGONG_CALLBACK_PORT` (8203) serves only these, apart from the gateway's authenticated API:
- `/callbacks/wechat`: the official account's server URL. WeChat signs each push (signature =
  SHA-1 of the account's token, timestamp and nonce), checked with wechatpy's
  `check_signature`; the XML is parsed by wechatpy. A `TEMPLATESENDJOBFINISH` event gives a
  template message's outcome; other pushes (users' messages, subscriptions) are answered and
  left alone. `GET` answers WeChat's check of the URL (its `echostr`) when signed.
- `/callbacks/voice`: VMS's call status and failure pushes (JSON), answered
  `{"result": 0, "errmsg": "OK"}`.
- `/callbacks/aliyun/sms-report`: Alibaba Cloud's SMS delivery reports (SmsReport, a JSON
  array), answered `{"code": 0, "msg": "成功"}`.
Each push is recorded in PostgreSQL before it is answered, so a push answered is never lost and
one not answered (database away: 503) is pushed again by its provider. A bad signature (403) or
a malformed push (400) is counted and answered; nothing of a push is logged but its kind.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Protocol, cast
from xml.parsers.expat import ExpatError

import asyncpg
import faust
import structlog
from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from faust.contrib.asgi import AsgiService
from wechatpy import parse_message
from wechatpy.events import TemplateSendJobFinishEvent
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.utils import check_signature

from services.notify.adapters.pushed_outcomes_sql import PUSHED, PushedOutcomeInbox
from services.notify.domain.pushed_outcomes import (
    ALIYUN_SMS,
    VOICE,
    WECHAT,
    MalformedPush,
    PushedOutcome,
    SmsReport,
    aliyun_sms_reports,
    voice_outcomes,
    wechat_outcome,
)
from services.notify.settings import NotifySettings
from services.platform.stream.worker import Extension, StreamWorker

log = structlog.get_logger(__name__)

MAX_PUSH_BYTES = 64 * 1024
"""Far above any real push (a few hundred bytes); a larger body is refused unread."""


class Inbox(Protocol):
    async def record(self, outcomes: Sequence[PushedOutcome]) -> None: ...

    async def record_sms_reports(self, reports: Sequence[SmsReport]) -> None: ...


Signature = Annotated[str, Query()]


def callback_app(inbox: Callable[[], Inbox | None], wechat_token: str) -> FastAPI:
    """The listener's routes; `inbox` is None until the worker's database is open."""
    app = FastAPI(title="notify callbacks", docs_url=None, redoc_url=None, openapi_url=None)

    def signed(signature: str, timestamp: str, nonce: str) -> bool:
        try:
            check_signature(wechat_token, signature, timestamp, nonce)
        except InvalidSignatureException:
            PUSHED.labels(WECHAT, "bad_signature").inc()
            log.warning("pushed outcome refused", provider=WECHAT, why="bad signature")
            return False
        return True

    async def recorded(
        provider: str, outcomes: Sequence[PushedOutcome] = (), reports: Sequence[SmsReport] = ()
    ) -> bool:
        target = inbox()
        if target is None:
            return False
        try:
            if outcomes:
                await target.record(outcomes)
            if reports:
                await target.record_sms_reports(reports)
        except (asyncpg.PostgresError, OSError, TimeoutError) as exc:
            log.warning("pushed outcome not recorded", provider=provider, error=type(exc).__name__)
            return False
        return True

    @app.get("/callbacks/wechat")
    async def wechat_check(
        signature: Signature = "", timestamp: Signature = "", nonce: Signature = "",
        echostr: Signature = "",
    ) -> Response:  # fmt: skip
        """WeChat checks the server URL: its echostr back, when signed with the account's token."""
        if not signed(signature, timestamp, nonce):
            return PlainTextResponse("bad signature", status_code=403)
        return PlainTextResponse(echostr)

    @app.post("/callbacks/wechat")
    async def wechat_push(
        request: Request,
        signature: Signature = "", timestamp: Signature = "", nonce: Signature = "",
    ) -> Response:  # fmt: skip
        """A push to the official account: a template message's outcome, or anything else."""
        if not signed(signature, timestamp, nonce):
            return PlainTextResponse("bad signature", status_code=403)
        body = await _body(request)
        if body is None:
            return _malformed(WECHAT, "too large")
        try:
            message = parse_message(body)
            if not isinstance(message, TemplateSendJobFinishEvent):
                return PlainTextResponse("success")  # not an outcome of ours to record
            outcome = wechat_outcome(message.id, message.status, message.source)
        except (ExpatError, KeyError, TypeError, AttributeError, ValueError):  # bad XML
            return _malformed(WECHAT, "unreadable")
        if not await recorded(WECHAT, [outcome]):
            return PlainTextResponse("not recorded; push again", status_code=503)
        return PlainTextResponse("success")

    @app.post("/callbacks/voice")
    async def voice_push(request: Request) -> Response:
        """A call's status or failure, as Tencent Cloud VMS pushes it."""
        body = await _body(request)
        if body is None:
            return _malformed(VOICE, "too large")
        try:
            parsed: Any = json.loads(body)
            if not isinstance(parsed, dict):
                raise MalformedPush("not a JSON object")
            outcomes = voice_outcomes(parsed)
        except (ValueError, MalformedPush):
            return _malformed(VOICE, "unreadable")
        if not await recorded(VOICE, outcomes):
            return JSONResponse({"result": 1, "errmsg": "not recorded"}, status_code=503)
        return JSONResponse({"result": 0, "errmsg": "OK"})

    @app.post("/callbacks/aliyun/sms-report")
    async def aliyun_sms_report(request: Request) -> Response:
        """Alibaba Cloud's SMS delivery reports (SmsReport): a JSON array, one per number."""
        body = await _body(request)
        if body is None:
            return _malformed(ALIYUN_SMS, "too large")
        try:
            reports = aliyun_sms_reports(json.loads(body))
        except (ValueError, MalformedPush):
            return _malformed(ALIYUN_SMS, "unreadable")
        if not await recorded(ALIYUN_SMS, reports=reports):
            return JSONResponse({"code": 1, "msg": "not recorded"}, status_code=503)
        return JSONResponse({"code": 0, "msg": "成功"})

    @app.get("/healthz")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


async def _body(request: Request) -> bytes | None:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_PUSH_BYTES:
        return None
    body = await request.body()
    return body if len(body) <= MAX_PUSH_BYTES else None


def _malformed(provider: str, why: str) -> Response:
    PUSHED.labels(provider, "malformed").inc()
    log.warning("pushed outcome refused", provider=provider, why=why)
    if provider == VOICE:
        return JSONResponse({"result": 1, "errmsg": "malformed push"}, status_code=400)
    if provider == ALIYUN_SMS:
        return JSONResponse({"code": 1, "msg": "malformed push"}, status_code=400)
    return PlainTextResponse("malformed push", status_code=400)


def callback_listener(settings: NotifySettings) -> Extension:
    """The listener as a service of the worker's app, on its loop, with the worker's pool."""

    def extend(app: faust.App, worker: StreamWorker[Any]) -> None:
        if settings.callback_port is None:
            return  # nobody listens: WeChat and voice messages end at `sent`
        inboxes: dict[int, PushedOutcomeInbox] = {}

        def inbox() -> Inbox | None:
            pool = worker.pool
            if pool is None:
                return None
            return inboxes.setdefault(id(pool), PushedOutcomeInbox(pool))

        token = settings.wechat_callback_token.get_secret_value()
        listener = AsgiService(
            callback_app(inbox, token),
            host=settings.admin_host,
            port=settings.callback_port,
            uvicorn_options={"access_log": False},
        )
        app.service(cast(Any, listener))  # an instance is started as it is

    return extend
