"""Simulator settings (`FUGONG_*`); the failure rates can also be changed while it runs."""

from __future__ import annotations

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.notify.settings import DEV_SECRET

PROVIDERS = ("tencent_sms", "aliyun_sms", "wechat", "tencent_vms")


class Behaviour(BaseModel):
    """How the simulated providers behave; POST /_sim/config replaces it."""

    latency_seconds: float = Field(0.0, ge=0, le=60, description="before each answer")
    transient_rate: float = Field(0.0, ge=0, le=1, description="addresses refused for now")
    permanent_rate: float = Field(0.0, ge=0, le=1, description="addresses refused for good")
    unanswered_rate: float = Field(
        0.0, ge=0, le=1, description="requests accepted (sent to the handsets) but never answered"
    )
    unanswered_hold_seconds: float = Field(
        120, ge=0, le=3600, description="how long an unanswered request is held open"
    )
    receipt_delay_seconds: float = Field(
        0.0, ge=0, le=3600, description="how late delivery receipts become available"
    )
    duplicate_receipt_rate: float = Field(0.0, ge=0, le=1, description="receipts handed out twice")
    outage: list[str] = Field(
        default_factory=list,
        description=f"providers failing every send with an internal error, of {PROVIDERS}",
    )
    wechat_block_rate: float = Field(
        0.0, ge=0, le=1, description="accepted WeChat messages pushed as failed:user block"
    )
    call_unanswered_rate: float = Field(
        0.0, ge=0, le=1, description="accepted calls pushed as not answered"
    )
    push_delay_seconds: float = Field(0.5, ge=0, le=3600, description="before each push")
    push_jitter_seconds: float = Field(
        1.0, ge=0, le=3600, description="up to this much later again (pushes out of order)"
    )
    push_duplicate_rate: float = Field(0.0, ge=0, le=1, description="outcomes pushed twice")
    push_lost_rate: float = Field(0.0, ge=0, le=1, description="outcomes never pushed")
    aliyun_sms_reports: bool = Field(
        False, description="push Alibaba SMS delivery reports (SmsReport) to the push URL"
    )


class SimulatorSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FUGONG_SIM_", extra="ignore")

    http_host: str = Field("127.0.0.1", validation_alias="FUGONG_HTTP_HOST")
    http_port: int = Field(8200, ge=1, le=65535, validation_alias="FUGONG_HTTP_PORT")
    latency_seconds: float = 0.0
    transient_rate: float = 0.0
    permanent_rate: float = 0.0
    unanswered_rate: float = 0.0
    unanswered_hold_seconds: float = 120
    receipt_delay_seconds: float = 0.0
    duplicate_receipt_rate: float = 0.0
    outage: list[str] = Field(default_factory=list)
    wechat_block_rate: float = 0.0
    call_unanswered_rate: float = 0.0
    push_delay_seconds: float = 0.5
    push_jitter_seconds: float = 1.0
    push_duplicate_rate: float = 0.0
    push_lost_rate: float = 0.0
    aliyun_sms_reports: bool = False
    push_url: str | None = Field(
        None, description="notify's callback listener (http://127.0.0.1:8203); unset: no pushes"
    )
    wechat_callback_token: str = Field(
        DEV_SECRET, description="the account's token, as notify's FUGONG_WECHAT_CALLBACK_TOKEN"
    )

    def behaviour(self) -> Behaviour:
        return Behaviour(
            latency_seconds=self.latency_seconds,
            transient_rate=self.transient_rate,
            permanent_rate=self.permanent_rate,
            unanswered_rate=self.unanswered_rate,
            unanswered_hold_seconds=self.unanswered_hold_seconds,
            receipt_delay_seconds=self.receipt_delay_seconds,
            duplicate_receipt_rate=self.duplicate_receipt_rate,
            outage=self.outage,
            wechat_block_rate=self.wechat_block_rate,
            call_unanswered_rate=self.call_unanswered_rate,
            push_delay_seconds=self.push_delay_seconds,
            push_jitter_seconds=self.push_jitter_seconds,
            push_duplicate_rate=self.push_duplicate_rate,
            push_lost_rate=self.push_lost_rate,
            aliyun_sms_reports=self.aliyun_sms_reports,
        )
