"""Notify worker settings (`FUGONG_*` environment variables): the stream worker's, the sender's
and each channel provider's. Going live is configuration: the providers' endpoints, schemes and
keys (the provider simulator's locally and in tests)."""

from __future__ import annotations

from datetime import time
from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator

from services.contracts.campaigns import CampaignTemplate
from services.contracts.notifications import Template
from services.notify.channels import Provider
from services.notify.domain.quiet_hours import QuietHours
from services.platform.stream.settings import StreamSettings

DEV_SECRET = "dev-only-not-a-secret"  # noqa: S105 (a placeholder the prod check refuses)


class NotifySettings(StreamSettings):
    admin_port: int = Field(8103, ge=1, le=65535)
    callback_port: int | None = Field(
        None,
        ge=1,
        le=65535,
        description="the listener for WeChat's and VMS's pushed outcomes (8203 under make up "
        "and in Kubernetes); unset, none listens and those messages stay `sent`",
    )
    wechat_callback_token: SecretStr = Field(
        SecretStr(DEV_SECRET),
        description="the Token set in the official account's server configuration: "
        "WeChat signs its pushes with it",
    )
    pushed_outcomes_interval_seconds: float = Field(
        1, gt=0, le=3600, description="how often pushed outcomes are applied to their messages"
    )
    pushed_outcome_match_seconds: float = Field(
        600,
        gt=0,
        le=86_400,
        description="how long a pushed outcome may wait for the send it names to be recorded "
        "before it is counted as naming no message of ours; how long before it a send whose "
        "answer was lost may have left to be matched by its recipient; and, with the listener "
        "on, how long a WeChat or voice `sent` waits for its push before notify.deliveries "
        "reports it settled as `sent`",
    )
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
    receipt_overdue_seconds: float = Field(
        600,
        gt=0,
        le=86_400,
        description="how long an accepted SMS waits for its receipt before it is looked up",
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
    replies_interval_seconds: float = Field(
        10, gt=0, le=3600, description="how often SMS replies (TD: unsubscribe) are pulled"
    )
    deliveries_interval_seconds: float = Field(
        2,
        gt=0,
        le=3600,
        description="how often settled requests and campaign counts are "
        "published to notify.deliveries",
    )
    purge_interval_seconds: float = Field(
        600, gt=0, le=86400, description="how often the purge of expired personal data runs"
    )

    @property
    def quiet_hours(self) -> QuietHours:
        return QuietHours(self.quiet_hours_start, self.quiet_hours_end)

    def template_id(self, provider: Provider, template: str) -> str:
        """A provider's approved template id for one of notify's or the campaigns' templates."""
        for known, template_id in self._template_ids(provider).items():
            if known.value == template:
                return template_id
        raise KeyError(f"no {provider} template id for template {template}")

    def _template_ids(self, provider: Provider) -> dict[Template | CampaignTemplate, str]:
        return {
            Provider.TENCENT_SMS: self.sms_template_ids,
            Provider.ALIYUN_SMS: self.aliyun_template_codes,
            Provider.WECHAT: self.wechat_template_ids,
            Provider.TENCENT_VMS: self.voice_template_ids,
        }[provider]

    @model_validator(mode="after")
    def _every_template_has_an_approved_id(self) -> Self:
        # A message whose template has no id could never be sent: refuse to start instead.
        for name, ids in (
            ("sms_template_ids", self.sms_template_ids),
            ("aliyun_template_codes", self.aliyun_template_codes),
            ("wechat_template_ids", self.wechat_template_ids),
            ("voice_template_ids", self.voice_template_ids),
        ):
            missing = sorted({*Template, *CampaignTemplate} - set(ids))
            if missing:
                raise ValueError(f"{name} lacks an id for: {', '.join(missing)}")
        return self

    aliyun_endpoint: str = Field(
        "127.0.0.1:8200",
        description="host[:port] of Alibaba Cloud SMS (dysmsapi.aliyuncs.com live)",
    )
    aliyun_scheme: Literal["http", "https"] = "http"
    aliyun_access_key_id: SecretStr = SecretStr(DEV_SECRET)
    aliyun_access_key_secret: SecretStr = SecretStr(DEV_SECRET)
    aliyun_sign_name: str = Field("复工服务", description="the approved signature (签名)")
    aliyun_template_codes: dict[Template | CampaignTemplate, str] = Field(
        default_factory=lambda: {
            t: f"SMS_{200_000_001 + i}" for i, t in enumerate([*Template, *CampaignTemplate])
        },
        description="Alibaba Cloud's approved template code for each of notify's templates",
    )
    wechat_api_base: str = Field(
        "http://127.0.0.1:8200/cgi-bin/",
        description="WeChat's API base (https://api.weixin.qq.com/cgi-bin/ live)",
    )
    wechat_app_id: str = Field("wx0000000000000000", description="the official account's appid")
    wechat_app_secret: SecretStr = SecretStr(DEV_SECRET)
    wechat_template_ids: dict[Template | CampaignTemplate, str] = Field(
        default_factory=lambda: {t: f"fugong-{t.value}" for t in [*Template, *CampaignTemplate]},
        description="the official account's template id for each of notify's templates",
    )
    wechat_concurrency: int = Field(
        8, ge=1, le=64, description="WeChat requests in flight at once (one recipient each)"
    )
    voice_endpoint: str = Field(
        "127.0.0.1:8200", description="host[:port] of Tencent Cloud VMS (vms.tencentcloudapi.com)"
    )
    voice_scheme: Literal["http", "https"] = "http"
    voice_app_id: str = Field("1400000001", description="VoiceSdkAppid of the voice application")
    voice_template_ids: dict[Template | CampaignTemplate, str] = Field(
        default_factory=lambda: {
            t: str(2_000_001 + i) for i, t in enumerate([*Template, *CampaignTemplate])
        },
        description="Tencent VMS's approved voice template id for each of notify's templates",
    )
    voice_concurrency: int = Field(8, ge=1, le=64, description="voice calls requested at once")
    rate_limits: dict[Provider, float] = Field(
        default_factory=lambda: {
            Provider.TENCENT_SMS: 3000.0,
            Provider.ALIYUN_SMS: 5000.0,
            Provider.WECHAT: 1000.0,
            Provider.TENCENT_VMS: 100.0,
        },
        description="requests per second each provider allows this worker (a token bucket each)",
    )
    sms_primary: Literal[Provider.TENCENT_SMS, Provider.ALIYUN_SMS] = Provider.TENCENT_SMS
    breaker_window_seconds: float = Field(
        30, gt=0, le=3600, description="how far back the SMS error rate looks"
    )
    breaker_error_rate: float = Field(
        0.5, gt=0, le=1, description="share of failed SMS requests that fails over"
    )
    breaker_min_requests: int = Field(
        10, ge=1, le=10_000, description="requests in the window before the rate counts"
    )
    breaker_cool_down_seconds: float = Field(
        30, gt=0, le=3600, description="time on the other SMS provider before probing back"
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
        if self.env != "prod":
            return self
        secrets = {
            "FUGONG_SMS_SECRET_ID": self.sms_secret_id,
            "FUGONG_SMS_SECRET_KEY": self.sms_secret_key,
            "FUGONG_ALIYUN_ACCESS_KEY_ID": self.aliyun_access_key_id,
            "FUGONG_ALIYUN_ACCESS_KEY_SECRET": self.aliyun_access_key_secret,
            "FUGONG_WECHAT_APP_SECRET": self.wechat_app_secret,
            "FUGONG_WECHAT_CALLBACK_TOKEN": self.wechat_callback_token,
        }
        placeholders = [name for name, s in secrets.items() if s.get_secret_value() == DEV_SECRET]
        if self.callback_port is None:
            placeholders.append("FUGONG_CALLBACK_PORT")
        if placeholders:
            raise ValueError(f"in prod {', '.join(placeholders)} must be set")
        plain = [
            name
            for name, scheme in (
                ("FUGONG_SMS_SCHEME", self.sms_scheme),
                ("FUGONG_ALIYUN_SCHEME", self.aliyun_scheme),
                ("FUGONG_VOICE_SCHEME", self.voice_scheme),
                ("FUGONG_WECHAT_API_BASE", self.wechat_api_base.split(":", 1)[0]),
            )
            if scheme != "https"
        ]
        if plain:
            raise ValueError(f"in prod {', '.join(plain)} must use https")
        return self
