"""Notify worker settings (`FUGONG_*` environment variables): the stream worker's, the sender's
and the SMS provider's. Going live is configuration: the provider's endpoint, scheme and keys."""

from __future__ import annotations

from datetime import time
from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator

from services.contracts.campaigns import CampaignTemplate
from services.contracts.notifications import Template
from services.notify.domain.quiet_hours import QuietHours
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
    sms_template_ids: dict[Template | CampaignTemplate, str] = Field(
        default_factory=lambda: {
            t: str(1_000_001 + i) for i, t in enumerate([*Template, *CampaignTemplate])
        },
        description="the provider's approved template id for each of notify's templates",
    )
    quiet_hours_start: time = Field(
        time(21), description="Shanghai time from which no campaign SMS or call is sent"
    )
    quiet_hours_end: time = Field(time(8), description="Shanghai time at which sending resumes")
    notify_retention_days: float = Field(
        7,
        gt=0,
        le=365,
        description="days after which message texts, numbers and rosters are purged "
        "(FUGONG_NOTIFY_RETENTION_DAYS); statuses stay, without personal data",
    )
    campaign_gauges_interval_seconds: float = Field(
        10, gt=0, le=3600, description="how often campaign progress is counted for /metrics"
    )
    purge_interval_seconds: float = Field(
        600, gt=0, le=86400, description="how often the purge of expired personal data runs"
    )

    @property
    def quiet_hours(self) -> QuietHours:
        return QuietHours(self.quiet_hours_start, self.quiet_hours_end)

    def sms_template_id(self, template: str) -> str:
        """The approved template id for one of notify's or the campaigns' templates."""
        for known, template_id in self.sms_template_ids.items():
            if known.value == template:
                return template_id
        raise KeyError(f"no SMS template id for template {template}")

    @model_validator(mode="after")
    def _every_template_has_an_approved_id(self) -> Self:
        # A message whose template has no id could never be sent: refuse to start instead.
        missing = sorted({*Template, *CampaignTemplate} - set(self.sms_template_ids))
        if missing:
            raise ValueError(f"sms_template_ids lacks an id for: {', '.join(missing)}")
        return self

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
