"""What became of notices, on `notify.deliveries`: published by notify in bulk, never per send.

Two events, both without names, numbers, openids or texts:
- `notification.settled`: one per request from `notify.requests` once its message is final (or
  accepted by a provider that sends no receipt), keyed by the request's event id, so the asker
  (monitoring's reminders, matching's recommendations) learns the outcome of what it asked for.
- `campaign.progressed`: a campaign's counts by channel and status, published when they changed
  since the last one (at most every `FUGONG_DELIVERIES_INTERVAL_SECONDS`), keyed by the campaign;
  `final` once every message is settled. A million recipients are a few dozen events.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

NOTIFICATION_SETTLED = "cn.fugong.notify.notification.settled.v1"
CAMPAIGN_PROGRESSED = "cn.fugong.notify.campaign.progressed.v1"


class NotificationSettled(BaseModel):
    """Payload of `cn.fugong.notify.notification.settled.v1`: one request's outcome."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    request_id: str = Field(min_length=1, description="the request's event id on notify.requests")
    requested_by: str
    template: str
    status: str = Field(description="delivered, sent (no receipt to come), or a failure status")
    channel: str | None = Field(description="the channel it ended on; None if it never left")
    attempts: int = Field(ge=0)
    reason: str | None = Field(None, description="why it failed: a code or rule, no number")
    settled_at: datetime


class ChannelStatusCount(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    channel: str
    status: str
    messages: int = Field(ge=0)


class CampaignProgressed(BaseModel):
    """Payload of `cn.fugong.notify.campaign.progressed.v1`: a campaign's messages counted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    campaign_id: uuid.UUID
    credit_code: str
    recipients: int = Field(ge=0)
    counts: tuple[ChannelStatusCount, ...]
    final: bool = Field(description="every message settled: no further event for the campaign")
    sequence: int = Field(ge=1, description="increases with each event of the campaign")
