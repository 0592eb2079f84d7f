"""Service settings: read from FUGONG_* variables, refused at start-up when they cannot work."""

from __future__ import annotations

import os
import ssl
from pathlib import Path

import pytest
from pydantic import ValidationError

from services.gateway.settings import DEV_PEPPER, GatewaySettings
from services.platform.postgres import tls_for
from services.platform.settings import LOCAL_DATABASE_URL, ServiceSettings, ServingSettings

PROD_DATABASE_URL = (
    "postgresql://fugong@pg-primary.fugong.svc.cluster.local:5432/fugong?sslmode=verify-full"
)
REAL_PEPPER = "x7Qm2vR9tL4pW8nK3sD6fH1jB5cZ0gYeA2uE9iOq"  # 40 characters


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test sets is in the environment."""
    for name in list(os.environ):
        if name.upper().startswith("FUGONG_") or name.upper() in (
            "DATABASE_URL",
            "KAFKA_BOOTSTRAP_SERVERS",
        ):
            monkeypatch.delenv(name)


def _service_settings() -> ServingSettings:
    return ServingSettings(_env_file=None)


def _gateway_settings() -> GatewaySettings:
    return GatewaySettings(_env_file=None)


def _messages(raised: pytest.ExceptionInfo[ValidationError]) -> str:
    return " | ".join(error["msg"] for error in raised.value.errors())


def test_settings_are_read_from_fugong_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_ENV", "test")
    monkeypatch.setenv("FUGONG_KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092,kafka-1:9092")
    monkeypatch.setenv("FUGONG_DATABASE_URL", PROD_DATABASE_URL)
    monkeypatch.setenv("FUGONG_TOPIC_PREFIX", "staging.")
    monkeypatch.setenv("FUGONG_TOPIC_REPLICATION_FACTOR", "3")
    monkeypatch.setenv("FUGONG_TOPIC_MIN_INSYNC_REPLICAS", "2")
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("FUGONG_LOG_LEVEL", "DEBUG")

    settings = _service_settings()

    assert settings.env == "test"
    assert settings.kafka_bootstrap_servers == "kafka-0:9092,kafka-1:9092"
    assert settings.database_url == PROD_DATABASE_URL
    assert settings.topic_prefix == "staging."
    assert (settings.topic_replication_factor, settings.topic_min_insync_replicas) == (3, 2)
    assert settings.admin_port == 8101
    assert settings.log_level == "DEBUG"


def test_each_service_must_name_its_own_admin_port() -> None:
    with pytest.raises(ValidationError) as raised:
        _service_settings()

    assert [error["loc"] for error in raised.value.errors()] == [("admin_port",)]


def test_defaults_point_at_the_local_broker_and_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")

    settings = _service_settings()

    assert settings.env == "dev"
    assert settings.kafka_bootstrap_servers == "127.0.0.1:9092"
    assert settings.database_url == LOCAL_DATABASE_URL


def test_unprefixed_database_url_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("DATABASE_URL", PROD_DATABASE_URL)

    assert _service_settings().database_url == PROD_DATABASE_URL


def test_prefixed_database_url_wins_over_the_unprefixed_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("DATABASE_URL", "postgresql://other@db.example:5432/other")
    monkeypatch.setenv("FUGONG_DATABASE_URL", PROD_DATABASE_URL)

    assert _service_settings().database_url == PROD_DATABASE_URL


def test_unprefixed_kafka_bootstrap_servers_are_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092")

    assert _service_settings().kafka_bootstrap_servers == "kafka-0:9092"


def test_more_in_sync_replicas_than_replicas_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("FUGONG_TOPIC_REPLICATION_FACTOR", "2")
    monkeypatch.setenv("FUGONG_TOPIC_MIN_INSYNC_REPLICAS", "3")

    with pytest.raises(ValidationError) as raised:
        _service_settings()

    assert "topic_min_insync_replicas must not exceed topic_replication_factor (3 > 2)" in (
        _messages(raised)
    )


def test_prod_with_the_local_database_url_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("FUGONG_ENV", "prod")

    with pytest.raises(ValidationError) as raised:
        _service_settings()

    assert "FUGONG_DATABASE_URL must be set in prod" in _messages(raised)


def test_prod_with_a_real_database_url_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("FUGONG_ENV", "prod")
    monkeypatch.setenv("FUGONG_DATABASE_URL", PROD_DATABASE_URL)

    assert _service_settings().env == "prod"


@pytest.mark.parametrize(
    "url", ["mysql://fugong@db:3306/fugong", "sqlite:///fugong.db", "pg-primary:5432/fugong"]
)
def test_database_url_that_is_not_postgres_is_rejected(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("FUGONG_DATABASE_URL", url)

    with pytest.raises(ValidationError) as raised:
        _service_settings()

    (error,) = raised.value.errors()
    assert error["type"] == "string_pattern_mismatch"


def test_short_postgres_scheme_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("FUGONG_DATABASE_URL", "postgres://fugong@pg:5432/fugong")

    assert _service_settings().database_url == "postgres://fugong@pg:5432/fugong"


def test_gateway_in_dev_runs_with_the_dev_pepper_on_port_8000_and_admin_port_8100() -> None:
    settings = _gateway_settings()

    assert settings.api_key_pepper.get_secret_value() == DEV_PEPPER
    assert (settings.http_port, settings.admin_port) == (8000, 8100)
    assert (settings.http_host, settings.admin_host) == ("127.0.0.1", "127.0.0.1")


def test_gateway_refuses_one_port_for_the_api_and_for_operations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FUGONG_HTTP_PORT", "8000")
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8000")

    with pytest.raises(ValidationError) as raised:
        _gateway_settings()

    assert "FUGONG_ADMIN_PORT must differ from FUGONG_HTTP_PORT" in _messages(raised)


def test_gateway_never_shows_its_pepper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_API_KEY_PEPPER", REAL_PEPPER)

    settings = _gateway_settings()

    assert settings.api_key_pepper.get_secret_value() == REAL_PEPPER
    assert REAL_PEPPER not in repr(settings)


@pytest.mark.parametrize("pepper", [None, REAL_PEPPER[:31]], ids=["dev-pepper", "31-characters"])
def test_gateway_in_prod_refuses_a_weak_pepper(
    monkeypatch: pytest.MonkeyPatch, pepper: str | None
) -> None:
    monkeypatch.setenv("FUGONG_ENV", "prod")
    monkeypatch.setenv("FUGONG_DATABASE_URL", PROD_DATABASE_URL)
    if pepper is not None:
        monkeypatch.setenv("FUGONG_API_KEY_PEPPER", pepper)

    with pytest.raises(ValidationError) as raised:
        _gateway_settings()

    assert "FUGONG_API_KEY_PEPPER must be a secret of at least 32 characters" in _messages(raised)


def test_gateway_in_prod_accepts_a_40_character_pepper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_ENV", "prod")
    monkeypatch.setenv("FUGONG_DATABASE_URL", PROD_DATABASE_URL)
    monkeypatch.setenv("FUGONG_API_KEY_PEPPER", REAL_PEPPER)

    assert _gateway_settings().api_key_pepper.get_secret_value() == REAL_PEPPER


def test_a_refused_setting_is_named_but_its_value_never_echoed() -> None:
    mistyped_url = "mysql://fugong:pw4521@db/fugong"  # short: pydantic truncates long inputs

    with pytest.raises(ValidationError) as refused:
        GatewaySettings(_env_file=None, database_url=mistyped_url)

    assert "FUGONG_DATABASE_URL" in str(refused.value)
    assert "pw4521" not in str(refused.value)


REMOTE_URL = "postgresql://gateway@fugong-db-rw.fugong.svc:5432/fugong"


@pytest.mark.parametrize("sslmode", [None, "disable", "prefer", "require", "verify-ca"])
def test_prod_refuses_a_remote_database_without_full_verification(
    monkeypatch: pytest.MonkeyPatch, sslmode: str | None
) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("FUGONG_ENV", "prod")
    monkeypatch.setenv("FUGONG_DATABASE_URL", REMOTE_URL)
    if sslmode is not None:
        monkeypatch.setenv("FUGONG_DATABASE_SSLMODE", sslmode)

    with pytest.raises(ValidationError) as raised:
        _service_settings()

    assert "FUGONG_DATABASE_SSLMODE must be verify-full in prod" in _messages(raised)


@pytest.mark.parametrize(
    ("url", "sslmode"),
    [
        (REMOTE_URL, "verify-full"),
        (REMOTE_URL + "?sslmode=verify-full", None),
        ("postgresql://gateway:pw@127.0.0.1:5432/fugong", None),
        ("postgresql://gateway:pw@[::1]:5432/fugong", "disable"),
        ("postgresql://gateway:pw@localhost/fugong", None),
        ("postgresql://gateway@/fugong?host=/run/postgresql", None),
    ],
    ids=["setting", "url", "ipv4-loopback", "ipv6-loopback", "localhost", "unix-socket"],
)
def test_prod_accepts_full_verification_or_a_server_on_this_machine(
    monkeypatch: pytest.MonkeyPatch, url: str, sslmode: str | None
) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("FUGONG_ENV", "prod")
    monkeypatch.setenv("FUGONG_DATABASE_URL", url)
    if sslmode is not None:
        monkeypatch.setenv("FUGONG_DATABASE_SSLMODE", sslmode)

    assert _service_settings().env == "prod"


def test_a_name_that_merely_starts_like_loopback_is_remote(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("FUGONG_ENV", "prod")
    monkeypatch.setenv("FUGONG_DATABASE_URL", "postgresql://g@127.0.0.1.attacker.example/fugong")

    with pytest.raises(ValidationError):
        _service_settings()


def test_verify_full_checks_the_chain_and_the_host_name(tmp_path: Path) -> None:
    settings = ServiceSettings(
        _env_file=None, database_url=REMOTE_URL, database_sslmode="verify-full"
    )

    context = tls_for(settings)

    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname


def test_verify_full_with_a_root_cert_that_is_not_a_certificate_fails_loudly(
    tmp_path: Path,
) -> None:
    bogus = tmp_path / "ca.crt"
    bogus.write_text("not a certificate")
    settings = ServiceSettings(
        _env_file=None,
        database_url=REMOTE_URL,
        database_sslmode="verify-full",
        database_ssl_root_cert=bogus,
    )

    with pytest.raises(ssl.SSLError):
        tls_for(settings)


def test_without_an_sslmode_setting_the_url_decides() -> None:
    settings = ServiceSettings(_env_file=None, database_url=REMOTE_URL)

    assert tls_for(settings) is None
    assert settings.effective_sslmode == "prefer"


def test_a_database_password_is_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUGONG_ADMIN_PORT", "8101")
    monkeypatch.setenv("FUGONG_DATABASE_PASSWORD", "pw-4521-secret")

    settings = _service_settings()

    assert settings.database_password is not None
    assert settings.database_password.get_secret_value() == "pw-4521-secret"
    assert "pw-4521-secret" not in repr(settings)
