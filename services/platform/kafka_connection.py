"""How every Kafka client of Fugong reaches the brokers: one place for address, TLS and SASL.

Every producer, consumer and admin client is made with `**connection.client_options()`, so no
client can forget the encryption or the credentials, and a switch from PLAINTEXT to SASL_SSL is
a change of settings, never of code.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal

from pydantic import SecretStr

SecurityProtocol = Literal["SASL_SSL", "PLAINTEXT"]
SaslMechanism = Literal["SCRAM-SHA-512", "SCRAM-SHA-256"]


@dataclass(frozen=True)
class KafkaConnection:
    """Where the brokers are and who this client is to them."""

    bootstrap_servers: str
    security_protocol: SecurityProtocol = "SASL_SSL"
    sasl_mechanism: SaslMechanism = "SCRAM-SHA-512"
    username: str | None = None
    password: SecretStr | None = None
    cafile: str | None = None
    """PEM file of the CA that signed the brokers' certificates; None trusts the system's CAs."""

    def __post_init__(self) -> None:
        if self.security_protocol == "SASL_SSL":
            self._credentials()

    @classmethod
    def plaintext(cls, bootstrap_servers: str) -> KafkaConnection:
        """Loopback without encryption or credentials: development only."""
        return cls(bootstrap_servers, security_protocol="PLAINTEXT")

    def as_user(self, username: str, password: SecretStr) -> KafkaConnection:
        """The same brokers, another principal (a test acting as a service, for instance)."""
        return replace(self, username=username, password=password)

    def client_options(self) -> dict[str, Any]:
        """Keyword arguments for aiokafka's producers, consumers, admin and low-level clients."""
        options: dict[str, Any] = {
            "bootstrap_servers": self.bootstrap_servers,
            "security_protocol": self.security_protocol,
        }
        if self.security_protocol == "SASL_SSL":
            username, password = self._credentials()
            options |= {
                "ssl_context": _verifying_context(self.cafile),
                "sasl_mechanism": self.sasl_mechanism,
                "sasl_plain_username": username,
                "sasl_plain_password": password,
            }
        return options

    def environment(self) -> dict[str, str]:
        """The `FUGONG_KAFKA_*` variables that give a child process this same connection."""
        env = {
            "FUGONG_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
            "FUGONG_KAFKA_SECURITY_PROTOCOL": self.security_protocol,
        }
        if self.security_protocol == "SASL_SSL":
            username, password = self._credentials()
            env |= {
                "FUGONG_KAFKA_SASL_MECHANISM": self.sasl_mechanism,
                "FUGONG_KAFKA_SASL_USERNAME": username,
                "FUGONG_KAFKA_SASL_PASSWORD": password,
            }
            if self.cafile:
                env["FUGONG_KAFKA_SSL_CAFILE"] = self.cafile
        return env

    def _credentials(self) -> tuple[str, str]:
        if not self.username or not self.password:
            raise ValueError("SASL_SSL needs a username and a password (FUGONG_KAFKA_SASL_*)")
        return self.username, self.password.get_secret_value()

    def settings(self) -> dict[str, Any]:
        """The same connection as keyword arguments of a `ServiceSettings`."""
        return {
            "kafka_bootstrap_servers": self.bootstrap_servers,
            "kafka_security_protocol": self.security_protocol,
            "kafka_sasl_mechanism": self.sasl_mechanism,
            "kafka_sasl_username": self.username,
            "kafka_sasl_password": self.password,
            "kafka_ssl_cafile": self.cafile,
        }

    def __repr__(self) -> str:
        return (
            f"KafkaConnection({self.bootstrap_servers!r}, {self.security_protocol}, "
            f"user={self.username!r})"
        )


@lru_cache(maxsize=8)
def _verifying_context(cafile: str | None) -> ssl.SSLContext:
    """TLS 1.2+, the broker's certificate checked against the CA and its host name (or IP)."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=cafile)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context  # create_default_context: CERT_REQUIRED and check_hostname
