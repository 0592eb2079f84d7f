"""Settings every Fugong service shares; each service extends them in its own `settings.py`."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_DATABASE_URL = "postgresql://fugong:fugong@127.0.0.1:5432/fugong"


class ServiceSettings(BaseSettings):
    """Read from `FUGONG_*` environment variables (and `.env`), validated at start-up."""

    # A refused value is never echoed: a mistyped database URL would print its password.
    model_config = SettingsConfigDict(
        env_prefix="FUGONG_", env_file=".env", extra="ignore", hide_input_in_errors=True
    )

    env: Literal["dev", "test", "prod"] = "dev"
    kafka_bootstrap_servers: str = Field(
        "127.0.0.1:9092",
        validation_alias=AliasChoices("FUGONG_KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS"),
    )
    database_url: str = Field(
        LOCAL_DATABASE_URL,
        validation_alias=AliasChoices("FUGONG_DATABASE_URL", "DATABASE_URL"),
        pattern=r"^postgres(ql)?://",
    )
    topic_prefix: str = Field("", pattern=r"^[a-zA-Z0-9._-]*$", max_length=100)
    topic_replication_factor: int = Field(1, ge=1, le=5)
    topic_min_insync_replicas: int = Field(1, ge=1, le=5)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "console"] = "json"

    @model_validator(mode="after")
    def _replication_is_satisfiable(self) -> Self:
        if self.topic_min_insync_replicas > self.topic_replication_factor:
            raise ValueError(
                "topic_min_insync_replicas must not exceed topic_replication_factor "
                f"({self.topic_min_insync_replicas} > {self.topic_replication_factor})"
            )
        return self

    @model_validator(mode="after")
    def _production_uses_real_credentials(self) -> Self:
        if self.env == "prod" and self.database_url == LOCAL_DATABASE_URL:
            raise ValueError(
                "FUGONG_DATABASE_URL must be set in prod; the local default is dev-only"
            )
        return self


class ServingSettings(ServiceSettings):
    """A long-running service's: where operations reach it. The admin port serves probes
    (`/healthz`, `/readyz`) and `/metrics` (and the gateway's API documents), nothing a client of
    the public API needs; each service names its own port."""

    admin_host: str = Field(
        "127.0.0.1", description="interface of the admin port (0.0.0.0 in a container)"
    )
    admin_port: int = Field(ge=1, le=65535)
