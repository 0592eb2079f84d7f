"""Settings every Fugong service shares; each service extends them in its own `settings.py`."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.platform.kafka_connection import KafkaConnection, SaslMechanism, SecurityProtocol

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
    kafka_security_protocol: SecurityProtocol = Field(
        "SASL_SSL", description="PLAINTEXT only for a development broker on loopback"
    )
    kafka_sasl_mechanism: SaslMechanism = "SCRAM-SHA-512"
    kafka_sasl_username: str | None = Field(None, min_length=1, max_length=200)
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: str | None = Field(
        None, description="PEM of the CA that signed the brokers' certificates (default: system's)"
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

    def kafka_connection(self) -> KafkaConnection:
        """What every Kafka client of this service is made with; called at start-up.

        Credentials are checked here, not for every use of the settings: a tool that never
        opens a Kafka client (key issuing, the purge job) needs none, and is given none.
        """
        if self.kafka_security_protocol == "SASL_SSL":
            missing = [
                f"FUGONG_KAFKA_SASL_{name.upper()}"
                for name, value in (
                    ("username", self.kafka_sasl_username),
                    ("password", self.kafka_sasl_password),
                )
                if not value
            ]
            if missing:
                raise ValueError(
                    f"{' and '.join(missing)} must be set with FUGONG_KAFKA_SECURITY_PROTOCOL="
                    "SASL_SSL (PLAINTEXT is for a development broker on loopback only)"
                )
        return KafkaConnection(
            self.kafka_bootstrap_servers,
            security_protocol=self.kafka_security_protocol,
            sasl_mechanism=self.kafka_sasl_mechanism,
            username=self.kafka_sasl_username,
            password=self.kafka_sasl_password,
            cafile=self.kafka_ssl_cafile,
        )

    @model_validator(mode="after")
    def _production_uses_real_credentials(self) -> Self:
        if self.env == "prod" and self.database_url == LOCAL_DATABASE_URL:
            raise ValueError(
                "FUGONG_DATABASE_URL must be set in prod; the local default is dev-only"
            )
        if self.env == "prod" and self.kafka_security_protocol == "PLAINTEXT":
            raise ValueError(
                "FUGONG_KAFKA_SECURITY_PROTOCOL=PLAINTEXT is refused in prod: use SASL_SSL"
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
