"""Kafka connection settings: SASL_SSL by default; PLAINTEXT only when asked for, never in prod."""

from __future__ import annotations

import os
import secrets
import ssl

import pytest
from pydantic import SecretStr, ValidationError

from services.platform.kafka_connection import KafkaConnection
from services.platform.settings import ServiceSettings

PROD_DATABASE_URL = (
    "postgresql://monitoring@pg-primary.fugong.svc.cluster.local:5432/fugong?sslmode=verify-full"
)
SCRAM_PASSWORD = secrets.token_hex(16)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.upper().startswith("FUGONG_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("FUGONG_HTTP_PORT", "8101")


def _settings(**values: object) -> ServiceSettings:
    return ServiceSettings(_env_file=None, **values)  # type: ignore[arg-type]


def test_no_kafka_client_is_made_without_credentials_naming_both_settings() -> None:
    settings = _settings()  # a tool that opens no Kafka client needs none

    with pytest.raises(
        ValueError, match="FUGONG_KAFKA_SASL_USERNAME and FUGONG_KAFKA_SASL_PASSWORD"
    ):
        settings.kafka_connection()


def test_a_missing_password_is_named_and_the_username_not_echoed() -> None:
    with pytest.raises(ValueError, match="FUGONG_KAFKA_SASL_PASSWORD must be set") as raised:
        _settings(kafka_sasl_username="fugong-gateway").kafka_connection()

    assert "fugong-gateway" not in str(raised.value)


def test_plaintext_is_a_development_setting_that_prod_refuses() -> None:
    assert _settings(kafka_security_protocol="PLAINTEXT").kafka_connection().client_options() == {
        "bootstrap_servers": "127.0.0.1:9092",
        "security_protocol": "PLAINTEXT",
    }
    with pytest.raises(ValidationError, match="PLAINTEXT is refused in prod"):
        _settings(env="prod", database_url=PROD_DATABASE_URL, kafka_security_protocol="PLAINTEXT")


def test_every_client_verifies_the_broker_and_authenticates_with_scram(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FUGONG_KAFKA_BOOTSTRAP_SERVERS", "kafka-0.fugong:9093")
    monkeypatch.setenv("FUGONG_KAFKA_SASL_USERNAME", "fugong-monitoring")
    monkeypatch.setenv("FUGONG_KAFKA_SASL_PASSWORD", SCRAM_PASSWORD)

    options = (
        _settings(env="prod", database_url=PROD_DATABASE_URL).kafka_connection().client_options()
    )

    context = options.pop("ssl_context")
    assert isinstance(context, ssl.SSLContext)
    assert context.check_hostname
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2
    assert options == {
        "bootstrap_servers": "kafka-0.fugong:9093",
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "fugong-monitoring",
        "sasl_plain_password": SCRAM_PASSWORD,
    }


def test_the_password_is_never_shown() -> None:
    settings = _settings(kafka_sasl_username="fugong-notify", kafka_sasl_password=SCRAM_PASSWORD)

    for shown in (repr(settings), str(settings), repr(settings.kafka_connection())):
        assert SCRAM_PASSWORD not in shown


def test_a_child_process_gets_the_same_connection_from_its_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = KafkaConnection(
        "127.0.0.1:19092",
        username="fugong-gateway",
        password=SecretStr(SCRAM_PASSWORD),
        cafile="/srv/fugong/.state/kafka/security/ca.pem",
    )
    for name, value in given.environment().items():
        monkeypatch.setenv(name, value)

    assert _settings().kafka_connection() == given
