"""The `voice` channel: Tencent Cloud voice notices (VMS, API 2020-09-02, SendTtsVoice), a call
that reads the text out; the only channel that reaches a landline.

The VMS package's own client is synchronous, so this adapter runs its request models on the
SDK's asynchronous base client, as the SMS package's async client does. One number a call;
a batch's calls are requested side by side (the sender bounds how many at once).

VMS has no query for a call's fate either (call reports are pushed to a callback), so a call
request whose answer never came is never requested again and is settled `sent`, unconfirmed.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

import httpx
from tencentcloud.common.abstract_client_async import AbstractClient
from tencentcloud.common.credential import Credential
from tencentcloud.common.exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.vms.v20200902 import models

from services.notify.channels import AddressResult, Batch, Outcome, Provider, Receipt, Reply
from services.notify.domain.routing import Channel
from services.notify.settings import NotifySettings

_TEMPORARY_PREFIXES = ("LimitExceeded", "RequestLimitExceeded", "FailedOperation.FrequencyLimit")


class _VmsClient(AbstractClient):  # type: ignore[misc]  # the SDK is untyped
    _apiVersion = "2020-09-02"
    _endpoint = "vms.tencentcloudapi.com"
    _service = "vms"

    async def SendTtsVoice(
        self, request: models.SendTtsVoiceRequest
    ) -> models.SendTtsVoiceResponse:
        response: models.SendTtsVoiceResponse = await self.call_and_deserialize(
            action="SendTtsVoice",
            params=request._serialize(),
            resp_cls=models.SendTtsVoiceResponse,
            headers=request.headers,
            opts={},
        )
        return response


class TencentVoice:
    provider = Provider.TENCENT_VMS
    channel = Channel.VOICE
    batch_size = 1
    pulls_receipts = False
    can_look_up = False

    def __init__(self, settings: NotifySettings) -> None:
        http = HttpProfile(
            protocol=settings.voice_scheme,
            endpoint=settings.voice_endpoint,
            reqTimeout=settings.send_timeout_seconds,
            # The SDK's default opens a connection (and a TLS session) per request.
            keepAlive=True,
        )
        credential = Credential(
            settings.sms_secret_id.get_secret_value(), settings.sms_secret_key.get_secret_value()
        )
        self._client = _VmsClient(credential, settings.sms_region, ClientProfile(httpProfile=http))
        self._app_id = settings.voice_app_id
        self.concurrency = settings.voice_concurrency
        # The SDK's client keeps 20 connections alive: with more calls at once, each one beyond
        # that opened a connection and closed it after its call. As many as calls at once.
        self._client.http_client = httpx.AsyncClient(
            timeout=settings.send_timeout_seconds,
            limits=httpx.Limits(max_keepalive_connections=self.concurrency),
        )

    async def send(self, batch: Batch) -> list[AddressResult]:
        return list(await asyncio.gather(*(self._call(batch, a) for a in batch.addresses)))

    async def _call(self, batch: Batch, phone: str) -> AddressResult:
        request = models.SendTtsVoiceRequest()
        request.TemplateId = batch.template_id
        request.CalledNumber = phone
        request.VoiceSdkAppid = self._app_id
        request.TemplateParamSet = list(batch.slots)
        request.PlayTimes = 2
        request.SessionContext = batch.attempt_id
        try:
            response = await self._client.SendTtsVoice(request)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            # No connection, so the call was never requested: safe to request again later.
            return AddressResult(phone, Outcome.TEMPORARY, reason=type(exc).__name__)
        except httpx.TransportError as exc:
            return AddressResult(phone, Outcome.UNKNOWN, reason=type(exc).__name__)
        except TencentCloudSDKException as exc:
            code = exc.get_code() or "unknown"
            if code.startswith("InternalError") or code.endswith("NetworkError"):
                return AddressResult(phone, Outcome.UNKNOWN, reason=code)
            temporary = code.startswith(_TEMPORARY_PREFIXES)
            outcome = Outcome.TEMPORARY if temporary else Outcome.PERMANENT
            return AddressResult(phone, outcome, reason=code)
        call_id = response.SendStatus.CallId if response.SendStatus else None
        return AddressResult(phone, Outcome.ACCEPTED, serial_no=call_id)

    async def receipts(self, limit: int) -> list[Receipt]:
        return []  # call reports are pushed to a callback, not pulled

    async def lookup(self, address: str, since: datetime) -> list[Receipt] | None:
        return None  # VMS has no query for a call's fate

    async def replies(self, limit: int) -> list[Reply]:
        return []  # none pulled from this provider

    async def close(self) -> None:
        await self._client.close()
