"""Settings every Fugong service shares; each service extends them in its own `settings.py`."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal, Self
from urllib.parse import parse_qs, urlsplit

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_DATABASE_URL = "postgresql://fugong:fugong@127.0.0.1:5432/fugong"

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
LogFormat = Literal["json", "console"]
SslMode = Literal["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]


def is_loopback_host(database_url: str) -> bool:
    """True for a server on this machine: a loopback address, `localhost` or a unix socket."""
    parts = urlsplit(database_url)
    hosts = [h for h in (parts.hostname or "").split(",") if h]
    hosts += parse_qs(parts.query).get("host", [])
    if not hosts:
        return True  # libpq's default: the local unix socket
    for host in hosts:
        if host.startswith("/") or host == "localhost":
            continue
        try:
            if not ipaddress.ip_address(host).is_loopback:
                return False
        except ValueError:
            return False  # a name other than localhost
    return True


class DatabaseSettings(BaseSettings):
    """How a process reaches PostgreSQL: its URL, its password, and TLS."""

    # A refused value is never echoed: a mistyped database URL would print its password.
    model_config = SettingsConfigDict(
        env_prefix="FUGONG_", env_file=".env", extra="ignore", hide_input_in_errors=True
    )

    env: Literal["dev", "test", "prod"] = "dev"
    database_url: str = Field(
        LOCAL_DATABASE_URL,
        validation_alias=AliasChoices("FUGONG_DATABASE_URL", "DATABASE_URL"),
        pattern=r"^postgres(ql)?://",
    )
    database_user: str | None = Field(
        None, max_length=63, description="the role to connect as, when the URL does not name it"
    )
    database_password: SecretStr | None = Field(
        None, description="the role's password, when the URL does not hold it (a Secret's key)"
    )
    database_sslmode: SslMode | None = Field(
        None, description="libpq's sslmode; unset, the URL's `sslmode` (or asyncpg's `prefer`)"
    )
    database_ssl_root_cert: Path | None = Field(
        None, description="CA bundle the server's certificate must chain to (else the system's)"
    )

    @property
    def effective_sslmode(self) -> str:
        if self.database_sslmode is not None:
            return self.database_sslmode
        return parse_qs(urlsplit(self.database_url).query).get("sslmode", ["prefer"])[-1]

    @model_validator(mode="after")
    def _production_uses_real_credentials(self) -> Self:
        if self.env == "prod" and self.database_url == LOCAL_DATABASE_URL:
            raise ValueError(
                "FUGONG_DATABASE_URL must be set in prod; the local default is dev-only"
            )
        return self

    @model_validator(mode="after")
    def _production_verifies_a_remote_server(self) -> Self:
        if (
            self.env == "prod"
            and not is_loopback_host(self.database_url)
            and self.effective_sslmode != "verify-full"
        ):
            raise ValueError(
                "FUGONG_DATABASE_SSLMODE must be verify-full in prod for a server that is not "
                "on loopback (the server's certificate and name are checked)"
            )
        return self


class ServiceSettings(DatabaseSettings):
    """Read from `FUGONG_*` environment variables (and `.env`), validated at start-up."""

    kafka_bootstrap_servers: str = Field(
        "127.0.0.1:9092",
        validation_alias=AliasChoices("FUGONG_KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS"),
    )
    topic_prefix: str = Field("", pattern=r"^[a-zA-Z0-9._-]*$", max_length=100)
    topic_replication_factor: int = Field(1, ge=1, le=5)
    topic_min_insync_replicas: int = Field(1, ge=1, le=5)
    log_level: LogLevel = "INFO"
    log_format: LogFormat = "json"
    schema_wait_seconds: float = Field(
        120,
        ge=0,
        le=3600,
        description="how long start-up waits for the migration step to bring the schema to "
        "this build's version before the service gives up with an error",
    )

    @model_validator(mode="after")
    def _replication_is_satisfiable(self) -> Self:
        if self.topic_min_insync_replicas > self.topic_replication_factor:
            raise ValueError(
                "topic_min_insync_replicas must not exceed topic_replication_factor "
                f"({self.topic_min_insync_replicas} > {self.topic_replication_factor})"
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
