from datetime import timedelta
from typing import Self

from pydantic import Field, SecretStr, model_validator

from services.gateway.domain.verification import Policy
from services.platform.settings import ServingSettings

DEV_PEPPER = "dev-only-pepper-change-me"


class GatewaySettings(ServingSettings):
    """Gateway settings (`FUGONG_*` environment variables)."""

    http_host: str = Field(
        "127.0.0.1", description="interface of the public port (0.0.0.0 in a container)"
    )
    http_port: int = Field(8000, ge=1, le=65535, description="the public API: /v1 and /healthz")
    admin_port: int = Field(
        8100,
        ge=1,
        le=65535,
        description="operations: /healthz, /readyz, /metrics and the API documents",
    )
    api_key_pepper: SecretStr = SecretStr(DEV_PEPPER)
    principal_cache_seconds: float = Field(30, ge=0, le=600)
    view_statement_timeout_seconds: float = Field(5, gt=0, le=60)
    max_body_bytes: int = Field(
        256 * 1024, ge=1024, le=64 * 1024 * 1024, description="largest request body taken"
    )
    upload_max_bytes: int = Field(
        4 * 1024 * 1024,
        ge=1024,
        le=64 * 1024 * 1024,
        description="largest spreadsheet upload taken (a sheet of 5,000 reports is well under)",
    )
    batch_max_body_bytes: int = Field(
        4 * 1024 * 1024,
        ge=1024,
        le=64 * 1024 * 1024,
        description="largest body of a batch (1,000 entries)",
    )
    rate_limit_per_second: float = Field(
        50, gt=0, le=100_000, description="requests a principal may make per second, sustained"
    )
    rate_limit_burst: int = Field(
        100, ge=1, le=1_000_000, description="requests a principal may make at once"
    )
    self_registration_per_hour: float = Field(
        10,
        gt=0,
        le=100_000,
        description="job seekers' self-registrations per client address, an hour",
    )
    self_registration_burst: int = Field(
        3, ge=1, le=1_000, description="self-registrations a client address may make at once"
    )
    verification_code_minutes: int = Field(
        10, ge=1, le=30, description="how long a self-registration's SMS code is valid"
    )
    verification_max_attempts: int = Field(
        5, ge=1, le=20, description="wrong codes a self-registration may try before it ends"
    )
    verification_codes_per_number_per_hour: int = Field(
        5, ge=1, le=50, description="SMS codes sent to one mobile in any hour, whoever asks"
    )
    verification_code_gap_seconds: float = Field(
        60, ge=0, le=3600, description="least time between two SMS codes to one mobile"
    )
    job_seeker_key_days: int = Field(
        180, ge=1, le=730, description="how long a self-registered job seeker's key is valid"
    )
    metrics_key_required: bool | None = Field(
        None, description="/metrics only with an operations key; default: in production only"
    )
    kafka_delivery_timeout_ms: int = Field(
        15_000,
        ge=500,
        le=120_000,
        description="longest wait for the broker's ack before a write answers 503 (and the "
        "producer that held the event is replaced, so it is never delivered afterwards)",
    )
    http_workers: int = Field(
        1, ge=1, le=64, description="processes serving HTTP (as many as cores, in production)"
    )
    http_limit_concurrency: int = Field(
        1000,
        ge=1,
        le=100_000,
        description="connections and tasks a worker serves at once; beyond, it answers 503 "
        "rather than queueing until the pod runs out of memory",
    )
    http_timeout_keep_alive_seconds: int = Field(
        5, ge=1, le=300, description="an idle kept-alive connection is closed after this long"
    )
    http_max_header_bytes: int = Field(
        64 * 1024,
        ge=4096,
        le=1024 * 1024,
        description="largest request line and headers taken (h11's max incomplete event size)",
    )
    earliest_week: str = Field(
        "2020-W01",
        pattern=r"^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$",
        description="the campaign's first ISO week: submissions about earlier weeks are refused",
    )
    prevention_handbook_url: str = Field(
        "https://rsj.sh.gov.cn/fugong/handbook",
        max_length=200,
        description="the prevention handbook every campaign text links to",
    )
    return_guidance_url: str = Field(
        "https://rsj.sh.gov.cn/fugong/guidance",
        max_length=200,
        description="the return-to-work guidance every campaign text links to",
    )
    sms_price_per_part: float = Field(
        0.045, ge=0, le=10, description="yuan per SMS part, for a campaign's estimated cost"
    )
    wechat_price_per_message: float = Field(
        0, ge=0, le=10, description="yuan per WeChat template message (the platform is free)"
    )
    voice_price_per_call: float = Field(
        0.12, ge=0, le=10, description="yuan per voice notice call, for a campaign's cost"
    )
    body_read_timeout_seconds: float = Field(
        30,
        gt=0,
        le=600,
        description="longest time a client may take to send a whole body; a slower one is cut "
        "off with 408, so a few trickling clients cannot hold every worker's connections",
    )
    console_session_idle_minutes: int = Field(
        30, ge=1, le=24 * 60, description="a console session unused this long has ended"
    )
    console_session_hours: int = Field(
        12, ge=1, le=7 * 24, description="every console session ends this long after sign-in"
    )
    console_refresh_seconds: int = Field(
        30, ge=1, le=3600, description="how often the console's pages fetch fresh figures"
    )

    @property
    def verification_policy(self) -> Policy:
        return Policy(
            code_lifetime=timedelta(minutes=self.verification_code_minutes),
            max_attempts=self.verification_max_attempts,
            codes_per_number_per_hour=self.verification_codes_per_number_per_hour,
            min_gap_between_codes=timedelta(seconds=self.verification_code_gap_seconds),
        )

    @property
    def metrics_need_key(self) -> bool:
        if self.metrics_key_required is None:
            return self.env == "prod"
        return self.metrics_key_required

    @model_validator(mode="after")
    def _ports_differ(self) -> Self:
        if self.admin_port == self.http_port:
            raise ValueError("FUGONG_ADMIN_PORT must differ from FUGONG_HTTP_PORT")
        return self

    @model_validator(mode="after")
    def _real_pepper_outside_dev(self) -> Self:
        pepper = self.api_key_pepper.get_secret_value()
        if self.env == "prod" and (pepper == DEV_PEPPER or len(pepper) < 32):
            raise ValueError("FUGONG_API_KEY_PEPPER must be a secret of at least 32 characters")
        return self
