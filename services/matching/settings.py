"""Matching worker settings (`FUGONG_*` environment variables)."""

from __future__ import annotations

from pydantic import Field

from services.platform.stream.settings import StreamSettings


class MatchingSettings(StreamSettings):
    admin_port: int = Field(8104, ge=1, le=65535)
    demand_publish_interval_seconds: float = Field(
        1, gt=0, le=60, description="how often queued demand-list changes are published"
    )
    sharing_notice_interval_seconds: float = Field(
        1, gt=0, le=60, description="how often queued labour-sharing notices are published"
    )
    notice_publish_interval_seconds: float = Field(
        1, gt=0, le=60, description="how often queued recommendation notices go to notify"
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
