"""Notify worker settings (`FUGONG_*` environment variables): the stream worker's, the sender's
and the SMS provider's. Going live is configuration: the provider's endpoint, scheme and keys."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator

from services.contracts.notifications import Template
from services.platform.stream.settings import StreamSettings

DEV_SECRET = "dev-only-not-a-secret"  # noqa: S105 (a placeholder the prod check refuses)


class NotifySettings(StreamSettings):
    admin_port: int = Field(8103, ge=1, le=65535)
    send_interval_seconds: float = Field(
        0.5, gt=0, le=60, description="how often the sender looks for messages to send"
    )
    send_batch_size: int = Field(
        200, ge=1, le=200, description="numbers per SendSms request (Tencent's limit is 200)"
    )
    send_batches_per_tick: int = Field(10, ge=1, le=100, description="requests per sender run")
    send_timeout_seconds: float = Field(
        5, gt=0, le=60, description="after this a send's outcome is unknown, not failed"
    )
    resolve_after_seconds: float = Field(
        30,
        gt=0,
        le=3600,
        description="how long a message may stay `sending` before the provider is asked what "
        "became of it; longer than a send's timeout, so no answer can still be on its way",
    )
    max_attempts: int = Field(5, ge=1, le=20, description="sends before technical failure")
    retry_backoff_seconds: float = Field(30, gt=0, le=3600, description="first retry's delay")
    sms_endpoint: str = Field(
        "127.0.0.1:8200", description="host[:port] of the SMS API (sms.tencentcloudapi.com live)"
    )
    sms_scheme: Literal["http", "https"] = "http"
    sms_region: str = "ap-guangzhou"
    sms_secret_id: SecretStr = SecretStr(DEV_SECRET)
    sms_secret_key: SecretStr = SecretStr(DEV_SECRET)
    sms_app_id: str = Field("1400000000", description="SmsSdkAppId of the SMS application")
    sms_sign_name: str = Field("复工服务", description="the approved signature (签名)")
    sms_template_ids: dict[Template, str] = Field(
        default_factory=lambda: {t: str(1_000_001 + i) for i, t in enumerate(Template)},
        description="the provider's approved template id for each of notify's templates",
    )

    @model_validator(mode="after")
    def _lookups_wait_for_every_answer(self) -> Self:
        # A lookup before a send's own answer could still come would find nothing yet, reopen
        # the message and send it twice.
        if self.resolve_after_seconds <= self.send_timeout_seconds:
            raise ValueError("resolve_after_seconds must exceed send_timeout_seconds")
        return self

    @model_validator(mode="after")
    def _production_uses_the_real_provider(self) -> Self:
        if self.env == "prod" and (
            self.sms_scheme != "https"
            or DEV_SECRET
            in (self.sms_secret_id.get_secret_value(), self.sms_secret_key.get_secret_value())
        ):
            raise ValueError(
                "in prod FUGONG_SMS_SECRET_ID and FUGONG_SMS_SECRET_KEY must be set and "
                "FUGONG_SMS_SCHEME must be https"
            )
        return self
