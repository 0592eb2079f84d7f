"""Service settings: read from FUGONG_* variables, refused at start-up when they cannot work."""

from __future__ import annotations

import os

import pytest
from pydantic import ValidationError

from services.gateway.settings import DEV_PEPPER, GatewaySettings
from services.platform.settings import LOCAL_DATABASE_URL, ServingSettings

PROD_DATABASE_URL = "postgresql://fugong@pg-primary.fugong.svc.cluster.local:5432/fugong"
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
