"""Simulator settings (`FUGONG_*`); the failure rates can also be changed while it runs."""

from __future__ import annotations

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

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
        )
