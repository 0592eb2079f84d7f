"""The `sms` channel on Tencent Cloud SMS (API 2021-01-11), through Tencent's own async SDK.

The endpoint and scheme come from settings: the provider simulator locally and in tests
(`http`, 127.0.0.1:8200), sms.tencentcloudapi.com over https live.
"""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from tencentcloud.common.credential import Credential
from tencentcloud.common.exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sms.v20210111 import models
from tencentcloud.sms.v20210111.sms_client_async import SmsClient

from services.notify.channels import (
    AddressResult,
    Batch,
    Outcome,
    OutcomeUnknown,
    Provider,
    ProviderUnavailable,
    Receipt,
    ReceiptStatus,
    Reply,
    SendRefused,
)
from services.notify.domain.routing import Channel
from services.notify.settings import NotifySettings

# Per-number codes that may succeed later (frequency limits, a package run dry, the carrier
# busy); any other refusal is for good (a blacklisted or invalid number, an unapproved text).
_TEMPORARY_PREFIXES = (
    "LimitExceeded.DeliveryFrequencyLimit",
    "LimitExceeded.PhoneNumberOneHourLimit",
    "LimitExceeded.PhoneNumberThirtySecondLimit",
    "FailedOperation.InsufficientBalanceInSmsPackage",
    "InternalError",
)


def classify(code: str) -> Outcome:
    if code == "Ok":
        return Outcome.ACCEPTED
    if code.startswith(_TEMPORARY_PREFIXES):
        return Outcome.TEMPORARY
    return Outcome.PERMANENT


class TencentSms:
    provider = Provider.TENCENT_SMS
    channel = Channel.SMS
    batch_size = 200
    pulls_receipts = True
    can_look_up = True
    concurrency = 100

    def __init__(self, settings: NotifySettings) -> None:
        http = HttpProfile(
            protocol=settings.sms_scheme,
            endpoint=settings.sms_endpoint,
            reqTimeout=settings.send_timeout_seconds,
            # The SDK's default opens a connection (and a TLS session) per request.
            keepAlive=True,
        )
        credential = Credential(
            settings.sms_secret_id.get_secret_value(), settings.sms_secret_key.get_secret_value()
        )
        self._client = SmsClient(credential, settings.sms_region, ClientProfile(httpProfile=http))
        self._app_id = settings.sms_app_id
        self._sign_name = settings.sms_sign_name

    async def send(self, batch: Batch) -> list[AddressResult]:
        request = models.SendSmsRequest()
        request.PhoneNumberSet = list(batch.addresses)
        request.SmsSdkAppId = self._app_id
        request.SignName = self._sign_name
        request.TemplateId = batch.template_id
        request.TemplateParamSet = list(batch.slots)
        request.SessionContext = batch.attempt_id
        try:
            response = await self._client.SendSms(request)
        except httpx.TransportError as exc:  # timeouts included: it may have been sent
            raise OutcomeUnknown(type(exc).__name__) from exc
        except TencentCloudSDKException as exc:
            code = exc.get_code() or "unknown"
            if code.startswith("InternalError") or code.endswith("NetworkError"):
                raise OutcomeUnknown(code) from exc
            raise SendRefused(code) from exc
        return [
            AddressResult(
                address=status.PhoneNumber,
                outcome=classify(status.Code),
                serial_no=status.SerialNo or None,
                reason=None if status.Code == "Ok" else status.Code,
            )
            for status in response.SendStatusSet or []
        ]

    async def receipts(self, limit: int) -> list[Receipt]:
        request = models.PullSmsSendStatusRequest()
        request.Limit = limit
        request.SmsSdkAppId = self._app_id
        try:
            response = await self._client.PullSmsSendStatus(request)
        except (httpx.TransportError, TencentCloudSDKException) as exc:
            raise ProviderUnavailable(_name(exc)) from exc
        return [_receipt(r) for r in response.PullSmsSendStatusSet or []]

    async def lookup(self, address: str, since: datetime) -> list[Receipt]:
        request = models.PullSmsSendStatusByPhoneNumberRequest()
        request.PhoneNumber = address
        request.SmsSdkAppId = self._app_id
        request.BeginTime = int(since.timestamp())
        request.EndTime = int(datetime.now(UTC).timestamp()) + 1
        request.Offset = 0
        request.Limit = 100
        try:
            response = await self._client.PullSmsSendStatusByPhoneNumber(request)
        except (httpx.TransportError, TencentCloudSDKException) as exc:
            raise ProviderUnavailable(_name(exc)) from exc
        return [_receipt(r) for r in response.PullSmsSendStatusSet or []]

    async def replies(self, limit: int) -> list[Reply]:
        """PullSmsReplyStatus: recipients' replies to our SMS, each handed out once."""
        request = models.PullSmsReplyStatusRequest()
        request.Limit = limit
        request.SmsSdkAppId = self._app_id
        try:
            response = await self._client.PullSmsReplyStatus(request)
        except (httpx.TransportError, TencentCloudSDKException) as exc:
            raise ProviderUnavailable(_name(exc)) from exc
        return [
            Reply(r.PhoneNumber, r.ReplyContent or "")
            for r in response.PullSmsReplyStatusSet or []
            if r.PhoneNumber
        ]

    async def close(self) -> None:
        await self._client.close()


def _receipt(status: models.PullSmsSendStatus) -> Receipt:
    delivered = status.ReportStatus == "SUCCESS"
    return Receipt(
        attempt_id=status.SessionContext or "",
        address=status.PhoneNumber,
        status=ReceiptStatus.DELIVERED if delivered else ReceiptStatus.UNDELIVERED,
        serial_no=status.SerialNo,
        reason=None if delivered else "carrier reported the message undelivered",
    )


def _name(exc: Exception) -> str:
    if isinstance(exc, TencentCloudSDKException):
        return exc.get_code() or "TencentCloudSDKException"
    return type(exc).__name__
