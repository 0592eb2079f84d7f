"""A service a test starts connects to Kafka as its own user, never as the admin whose settings
tests/conftest.py puts in every child's environment: as the admin, a right the catalogue lacks
would pass the test and fail in production."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from services.platform.kafka_connection import KafkaConnection
from tests.support.processes import ServiceProcess, another_kafka_user, service_env

ADMIN = KafkaConnection("127.0.0.1:9", username="admin", password=SecretStr("admin-secret"))
DATABASE = "postgresql://matching@127.0.0.1:9/fugong"


def _as(user: str) -> KafkaConnection:
    return ADMIN.as_user(user, SecretStr(f"{user}-secret"))


def test_a_service_given_the_admin_s_credentials_is_not_started(tmp_path: Path) -> None:
    env = service_env(DATABASE, "t.", tmp_path, kafka=ADMIN)
    process = ServiceProcess("matching", 1, env, tmp_path / "matching.log", migrate=False)
    with pytest.raises(RuntimeError, match="matching would connect to Kafka as admin"):
        process.start(ready_within=1)
    assert process.process is None


def test_the_admin_inherited_from_the_test_s_own_environment_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FUGONG_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("FUGONG_KAFKA_SASL_USERNAME", "admin")
    env = {"FUGONG_ENV": "test", "FUGONG_DATABASE_URL": DATABASE}  # no Kafka settings of its own
    process = ServiceProcess("matching", 1, env, tmp_path / "matching.log", migrate=False)
    with pytest.raises(RuntimeError, match="as admin, not as fugong-matching"):
        process.start(ready_within=1)
    assert process.process is None


def test_another_service_s_user_is_refused(tmp_path: Path) -> None:
    env = service_env(DATABASE, "t.", tmp_path, kafka=_as("fugong-gateway"))
    refusal = another_kafka_user("matching", env)
    assert refusal is not None
    assert "as fugong-gateway, not as fugong-matching" in refusal


@pytest.mark.parametrize("service", ["gateway", "monitoring", "matching", "notify"])
def test_each_service_may_start_as_its_own_user(service: str, tmp_path: Path) -> None:
    env = service_env(DATABASE, "t.", tmp_path, kafka=_as(f"fugong-{service}"))
    assert another_kafka_user(service, env) is None


def test_a_broker_without_users_and_a_process_that_is_no_service_are_left_alone(
    tmp_path: Path,
) -> None:
    plaintext = service_env(DATABASE, "t.", tmp_path, kafka=KafkaConnection.plaintext("h:9"))
    assert another_kafka_user("matching", {**plaintext, "FUGONG_KAFKA_SASL_USERNAME": "x"}) is None
    as_notify = service_env(DATABASE, "t.", tmp_path, kafka=_as("fugong-notify"))
    assert another_kafka_user("notify.simulator", as_notify) is None
