"""Requests to notify someone: other services ask, notify resolves the contact and sends.

A request names its recipient by what the asking service knows (an enterprise's credit code);
notify looks up the contact person and channel. A request's event id is chosen by the asker so
that asking twice for the same notice (a job run again, on another worker) is one notice.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

NOTIFICATION_REQUESTED = "cn.fugong.notify.notification.requested.v1"


class RecipientKind(StrEnum):
    ENTERPRISE = "enterprise"  # its registered contact person


class Template(StrEnum):
    WEEKLY_REPORT_REMINDER = "weekly_report_reminder"  # 周报催报: week, deadline


ParameterValue = Annotated[str, StringConstraints(max_length=200)]


class NotificationRequest(BaseModel):
    """Payload of `cn.fugong.notify.notification.requested.v1` (no personal data in it)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    recipient_kind: RecipientKind
    recipient: str = Field(min_length=1, max_length=64, description="e.g. a credit code")
    template: Template
    parameters: dict[str, ParameterValue] = Field(default_factory=dict, max_length=20)
    requested_by: str = Field(min_length=1, max_length=64, description="the asking service")
