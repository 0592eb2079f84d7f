"""What the command line reads besides the services' own settings."""

from __future__ import annotations

from pydantic import AnyHttpUrl, Field, SecretStr

from services.platform.settings import ServiceSettings

LOCAL_ADMIN_URLS = {
    "gateway": "http://127.0.0.1:8100",
    "monitoring": "http://127.0.0.1:8101",
    "notify": "http://127.0.0.1:8103",
    "matching": "http://127.0.0.1:8104",
}


class CliSettings(ServiceSettings):
    """`FUGONG_*` like every service's; `FUGONG_ADMIN_URLS` is a JSON object name → admin URL."""

    admin_urls: dict[str, AnyHttpUrl] = Field(
        default_factory=lambda: {name: AnyHttpUrl(url) for name, url in LOCAL_ADMIN_URLS.items()},
        description="each service's admin port, where `fugong status` reads /readyz",
    )
    status_timeout_seconds: float = Field(3.0, gt=0, le=60)
    gateway_url: AnyHttpUrl = Field(
        AnyHttpUrl("http://127.0.0.1:8000"), description="the gateway's public API"
    )
    api_key: SecretStr | None = Field(
        None, description="the key `fugong campaigns` calls the gateway with (an enterprise's)"
    )
