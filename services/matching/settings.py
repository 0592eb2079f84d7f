"""Matching worker settings (`FUGONG_*` environment variables)."""

from __future__ import annotations

import warnings
from typing import Any

from pydantic import Field, model_validator

from services.platform.stream.settings import StreamSettings


class MatchingSettings(StreamSettings):
    admin_port: int = Field(8104, ge=1, le=65535)
    demand_publish_interval_seconds: float = Field(
        1, gt=0, le=60, description="how often queued demand-list changes are published"
    )
    sharing_notice_interval_seconds: float = Field(
        1, gt=0, le=60, description="how often queued labour-sharing notices are published"
    )
    recommendation_notice_interval_seconds: float = Field(
        1, gt=0, le=60, description="how often queued recommendation notices go to notify"
    )
    notice_publish_interval_seconds: float | None = Field(
        None,
        exclude=True,
        deprecated="FUGONG_NOTICE_PUBLISH_INTERVAL_SECONDS is now "
        "FUGONG_RECOMMENDATION_NOTICE_INTERVAL_SECONDS",
        description="the old name of recommendation_notice_interval_seconds, still read",
    )
    outbox_attempts_before_dead_letter: int = Field(
        5,
        ge=1,
        le=1000,
        description="failed attempts at publishing one outbox row (its event cannot be made or "
        "the broker refuses it) before it is set aside in matching.outbox_failures",
    )
    expiry_interval_seconds: float = Field(
        60, gt=0, le=3600, description="how often postings past their valid-until date are closed"
    )

    @model_validator(mode="before")
    @classmethod
    def _renamed_settings_still_read(cls, data: Any) -> Any:
        """An old name's value stands where the new name is unset, with a warning (a
        FutureWarning: Python shows those to whoever runs the service, where a
        DeprecationWarning is shown only to developers)."""
        if not isinstance(data, dict):
            return data
        for old, new in RENAMED.items():
            if (value := data.pop(old, None)) is None:
                continue
            warnings.warn(
                f"FUGONG_{old.upper()} is deprecated: set FUGONG_{new.upper()} instead"
                + (" (it is set, and wins)" if new in data else ""),
                FutureWarning,
                stacklevel=2,
            )
            data.setdefault(new, value)
        return data


RENAMED = {"notice_publish_interval_seconds": "recommendation_notice_interval_seconds"}
"""Settings renamed, old name: new name; the old environment variable is still read."""
