"""The `sms` channel on Alibaba Cloud SMS (dysmsapi 2017-05-25), through Alibaba's own SDK:
the second SMS provider, which notify fails over to when Tencent's error rate rises.

SendSms takes one text to up to 1,000 numbers and answers for the request as a whole (a BizId);
the numbers' fates come later, as delivery reports, which Alibaba pushes (SmsReport, by HTTP to
notify's callback listener: `callbacks.py`, `adapters/sms_reports_sql.py`) rather than letting
them be pulled. Each request carries OutId = its attempt id, which every report names, so a
report finds its message even when the request's answer (and its BizId) was lost. A request
whose answer never came is also settled by QuerySendDetails, which lists what was sent to a
number on a day with our OutId. Without the listener, a number Alibaba accepted stays `sent`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import orjson
from alibabacloud_dysmsapi20170525 import models
from alibabacloud_dysmsapi20170525.client import Client
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.models import Config
from Tea.exceptions import TeaException

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

BEIJING = timezone(timedelta(hours=8))
_SEND_STATUS = {1: ReceiptStatus.ACCEPTED, 2: ReceiptStatus.UNDELIVERED, 3: ReceiptStatus.DELIVERED}


def slot_params(slots: tuple[str, ...]) -> str:
    """Alibaba's templates name their variables; notify's approved copies use p1, p2…"""
    return orjson.dumps({f"p{i}": value for i, value in enumerate(slots, 1)}).decode()


class AliyunSms:
    provider = Provider.ALIYUN_SMS
    channel = Channel.SMS
    batch_size = 200  # Alibaba takes 1,000; the same requests as Tencent's keep failover simple
    pulls_receipts = False
    can_look_up = True
    concurrency = 100

    def __init__(self, settings: NotifySettings) -> None:
        timeout_ms = int(settings.send_timeout_seconds * 1000)
        self._client = Client(
            Config(
                access_key_id=settings.aliyun_access_key_id.get_secret_value(),
                access_key_secret=settings.aliyun_access_key_secret.get_secret_value(),
                endpoint=settings.aliyun_endpoint,
                protocol=settings.aliyun_scheme,
                read_timeout=timeout_ms,
                connect_timeout=timeout_ms,
            )
        )
        self._sign_name = settings.aliyun_sign_name

    async def send(self, batch: Batch) -> list[AddressResult]:
        request = models.SendSmsRequest(
            phone_numbers=",".join(_national(a) for a in batch.addresses),
            sign_name=self._sign_name,
            template_code=batch.template_id,
            template_param=slot_params(batch.slots),
            out_id=batch.attempt_id,
        )
        try:
            response = await self._client.send_sms_async(request)
        except ClientException as exc:  # 4xx: refused before anything was sent
            raise SendRefused(str(exc.code)) from exc
        except TeaException as exc:  # timeouts, 5xx, connection lost: it may have been sent
            raise OutcomeUnknown(type(exc).__name__) from exc
        body = response.body
        if body is None or body.code != "OK":
            raise SendRefused(str(body.code if body else "empty answer"))
        return [AddressResult(a, Outcome.ACCEPTED, serial_no=body.biz_id) for a in batch.addresses]

    async def receipts(self, limit: int) -> list[Receipt]:
        return []  # pushed by Alibaba, not pulled (see the module's docstring)

    async def lookup(self, address: str, since: datetime) -> list[Receipt]:
        found: list[Receipt] = []
        day = since.astimezone(BEIJING).date()
        today = datetime.now(UTC).astimezone(BEIJING).date()
        while day <= today:
            request = models.QuerySendDetailsRequest(
                phone_number=_national(address),
                send_date=day.strftime("%Y%m%d"),
                page_size=50,
                current_page=1,
            )
            try:
                response = await self._client.query_send_details_async(request)
            except TeaException as exc:
                raise ProviderUnavailable(type(exc).__name__) from exc
            body = response.body
            if body is None or body.code != "OK":
                raise ProviderUnavailable(str(body.code if body else "empty answer"))
            details = body.sms_send_detail_dtos
            for detail in (details.sms_send_detail_dto if details else None) or []:
                status = _SEND_STATUS.get(int(detail.send_status or 1), ReceiptStatus.ACCEPTED)
                found.append(
                    Receipt(
                        attempt_id=detail.out_id or "",
                        address=address,
                        status=status,
                        serial_no=detail.out_id or "",
                        reason=detail.err_code if status is ReceiptStatus.UNDELIVERED else None,
                    )
                )
            day += timedelta(days=1)
        return found

    async def replies(self, limit: int) -> list[Reply]:
        return []  # none pulled from this provider

    async def close(self) -> None:
        return None


def _national(phone: str) -> str:
    """Alibaba takes mainland numbers without the country code."""
    return phone.removeprefix("+86")
