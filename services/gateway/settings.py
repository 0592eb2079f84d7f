from typing import Self

from pydantic import Field, SecretStr, model_validator

from services.platform.settings import ServiceSettings

DEV_PEPPER = "dev-only-pepper-change-me"


class GatewaySettings(ServiceSettings):
    """Gateway settings (`FUGONG_*` environment variables)."""

    http_port: int = Field(8000, ge=1, le=65535)
    api_key_pepper: SecretStr = SecretStr(DEV_PEPPER)
    principal_cache_seconds: float = Field(30, ge=0, le=600)
    view_statement_timeout_seconds: float = Field(5, gt=0, le=60)
    max_body_bytes: int = Field(
        256 * 1024, ge=1024, le=64 * 1024 * 1024, description="largest request body taken"
    )
    upload_max_bytes: int = Field(
        4 * 1024 * 1024,
        ge=1024,
        le=64 * 1024 * 1024,
        description="largest spreadsheet upload taken (a sheet of 5,000 reports is well under)",
    )

    @model_validator(mode="after")
    def _real_pepper_outside_dev(self) -> Self:
        pepper = self.api_key_pepper.get_secret_value()
        if self.env == "prod" and (pepper == DEV_PEPPER or len(pepper) < 32):
            raise ValueError("FUGONG_API_KEY_PEPPER must be a secret of at least 32 characters")
        return self
