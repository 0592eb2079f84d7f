"""Notify's settings refuse what would send twice or go live on the simulator."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from services.contracts.notifications import Template
from services.notify.settings import NotifySettings

PROD_KAFKA: dict[str, Any] = {
    "kafka_security_protocol": "SASL_SSL",
    "kafka_sasl_username": "fugong-notify",
    "kafka_sasl_password": SecretStr("a-scram-password"),
}


def test_a_lookup_never_comes_before_a_send_could_still_be_answered() -> None:
    with pytest.raises(ValidationError, match="resolve_after_seconds must exceed"):
        NotifySettings(_env_file=None, send_timeout_seconds=10, resolve_after_seconds=10)


def test_prod_refuses_the_dev_keys_and_plain_http() -> None:
    with pytest.raises(ValidationError, match="FUGONG_SMS_SECRET_ID"):
        NotifySettings(
            _env_file=None,
            env="prod",
            database_url="postgresql://notify:x@db:5432/fugong?sslmode=verify-full",
            **PROD_KAFKA,
        )


def test_prod_starts_on_real_keys_over_https() -> None:
    settings = NotifySettings(
        _env_file=None,
        env="prod",
        database_url="postgresql://notify:x@db:5432/fugong?sslmode=verify-full",
        sms_scheme="https",
        sms_endpoint="sms.tencentcloudapi.com",
        sms_secret_id=SecretStr("AKID-real"),
        sms_secret_key=SecretStr("real-key"),
        aliyun_scheme="https",
        aliyun_access_key_id=SecretStr("LTAI-real"),
        aliyun_access_key_secret=SecretStr("real-secret"),
        wechat_api_base="https://api.weixin.qq.com/cgi-bin/",
        wechat_app_secret=SecretStr("real-app-secret"),
        wechat_callback_token=SecretStr("real-callback-token"),
        callback_port=8203,
        voice_scheme="https",
        **PROD_KAFKA,
    )

    assert settings.admin_port == 8103


def test_prod_names_every_provider_still_on_plain_http() -> None:
    with pytest.raises(ValidationError, match="FUGONG_ALIYUN_SCHEME, FUGONG_VOICE_SCHEME"):
        NotifySettings(
            _env_file=None,
            env="prod",
            database_url="postgresql://notify:x@db:5432/fugong?sslmode=verify-full",
            sms_scheme="https",
            sms_secret_id=SecretStr("AKID-real"),
            sms_secret_key=SecretStr("real-key"),
            aliyun_access_key_id=SecretStr("LTAI-real"),
            aliyun_access_key_secret=SecretStr("real-secret"),
            wechat_api_base="https://api.weixin.qq.com/cgi-bin/",
            wechat_app_secret=SecretStr("real-app-secret"),
            wechat_callback_token=SecretStr("real-callback-token"),
            callback_port=8203,
            **PROD_KAFKA,
        )


def test_prod_refuses_the_dev_token_for_wechat_pushes_and_no_listener_for_them() -> None:
    with pytest.raises(
        ValidationError, match="in prod FUGONG_WECHAT_CALLBACK_TOKEN, FUGONG_CALLBACK_PORT must be"
    ):
        NotifySettings(
            _env_file=None,
            env="prod",
            database_url="postgresql://notify:x@db:5432/fugong?sslmode=verify-full",
            sms_secret_id=SecretStr("AKID-real"),
            sms_secret_key=SecretStr("real-key"),
            aliyun_access_key_id=SecretStr("LTAI-real"),
            aliyun_access_key_secret=SecretStr("real-secret"),
            wechat_app_secret=SecretStr("real-app-secret"),
            **PROD_KAFKA,
        )


def test_notify_refuses_to_start_without_an_approved_id_for_a_campaign_template() -> None:
    ids = {t.value: str(n) for n, t in enumerate(Template)}
    with pytest.raises(ValidationError, match="return_postponed, return_to_work"):
        NotifySettings(_env_file=None, sms_template_ids=ids)
