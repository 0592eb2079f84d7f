"""Rosters and campaigns: an enterprise's employees, and a notice to all or part of them.

An enterprise uploads its roster through the gateway; the members travel to notify in chunks
(`RosterChunk`, personal data: the topic keeps them briefly) and live in notify's schema only.
A campaign ("return on date D to site S, with these instructions") names its audience by
department and site, never by person: notify expands it into one message per member in bulk.
Both are keyed by the enterprise's credit code on one topic, so a campaign is recorded after
every roster chunk accepted before it.

The campaign texts are part of the contract: the gateway refuses a campaign missing a value and
previews its text and parts, notify renders the same text to send.
"""

from __future__ import annotations

import string
from datetime import date
from enum import StrEnum
from typing import Annotated
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from services.contracts.rosters import MAX_MEMBERS_PER_CHUNK, Channel, RosterMember, UploadMode

ROSTER_CHUNK_UPLOADED = "cn.fugong.notify.roster.chunk-uploaded.v1"
CAMPAIGN_REQUESTED = "cn.fugong.notify.campaign.requested.v1"
CAMPAIGN_CANCELLED = "cn.fugong.notify.campaign.cancelled.v1"
MEMBER_OPTED_OUT = "cn.fugong.notify.roster.member-opted-out.v1"
MEMBER_OPTED_IN = "cn.fugong.notify.roster.member-opted-in.v1"


class RosterChunk(BaseModel):
    """Payload of `roster.chunk-uploaded`: part `chunk` of `chunks` of one upload."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    credit_code: str = Field(min_length=18, max_length=18)
    upload_id: UUID
    mode: UploadMode
    uploaded_at: AwareDatetime
    chunk: int = Field(ge=0)
    chunks: int = Field(ge=1)
    members: list[RosterMember] = Field(max_length=MAX_MEMBERS_PER_CHUNK)


class MemberOptOut(BaseModel):
    """Payload of `roster.member-opted-out`: a member refuses channels from now on, in this
    enterprise's roster and in its campaigns' messages not sent yet (personal data: a number)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    credit_code: str = Field(min_length=18, max_length=18)
    phone: str = Field(pattern=r"^\+[1-9][0-9]{6,14}$", description="E.164")
    channels: frozenset[Channel] = Field(min_length=1)
    opted_out_at: AwareDatetime


class ConsentMethod(StrEnum):
    """How an employee renewed their consent to be notified."""

    WRITTEN = "written"  # 书面
    ONLINE = "online"  # 线上 (a form, a mini program)
    PHONE = "phone"  # 电话, recorded
    IN_PERSON = "in_person"  # 当面


class ConsentRenewal(BaseModel):
    """The employee's renewed consent, as the enterprise records it (no personal data but the
    number it is about: the reference is the enterprise's own, e.g. a form's number)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    method: ConsentMethod
    given_at: AwareDatetime
    reference: str | None = Field(None, max_length=64)


class MemberOptIn(BaseModel):
    """Payload of `roster.member-opted-in`: a member who refused channels takes them back, with
    their renewed consent. Lifts the enterprise's recorded refusals of those channels and, for
    SMS, an unsubscribe by reply (TD) sent before the consent was given."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    credit_code: str = Field(min_length=18, max_length=18)
    phone: str = Field(pattern=r"^\+[1-9][0-9]{6,14}$", description="E.164")
    channels: frozenset[Channel] = Field(min_length=1)
    consent: ConsentRenewal
    recorded_by: str = Field(min_length=1, max_length=128)
    opted_in_at: AwareDatetime


class CampaignTemplate(StrEnum):
    RETURN_TO_WORK = "return_to_work"  # 返岗通知
    RETURN_POSTPONED = "return_postponed"  # 推迟返岗


TEXTS: dict[CampaignTemplate, str] = {
    CampaignTemplate.RETURN_TO_WORK: (
        "【复工】{enterprise_name}通知：请于{return_date}到{site}返岗。{instructions}"
        "防疫手册：{handbook_url} 返岗指引：{guidance_url}"
    ),
    CampaignTemplate.RETURN_POSTPONED: (
        "【复工】{enterprise_name}通知：返岗推迟至{return_date}，请留在当地，勿提前返沪。"
        "{instructions}返岗指引：{guidance_url}"
    ),
}

LINKS = ("handbook_url", "guidance_url")
"""Values the service fills from its settings, not the enterprise."""

Value = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class MissingValues(ValueError):
    """Placeholders without a value, by name (safe to show: names, not values)."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(f"values missing: {', '.join(names)}")
        self.names = names


def placeholders(template: CampaignTemplate) -> tuple[str, ...]:
    """The named placeholders, each once, in order of first appearance."""
    names = [name for _, name, _, _ in string.Formatter().parse(TEXTS[template]) if name]
    return tuple(dict.fromkeys(names))


def render(template: CampaignTemplate, values: dict[str, str]) -> str:
    """The text to send; MissingValues names every placeholder without a (non-blank) value."""
    missing = [n for n in placeholders(template) if not values.get(n, "").strip()]
    if missing:
        raise MissingValues(missing)
    return TEXTS[template].format_map({n: values[n] for n in placeholders(template)})


class Audience(BaseModel):
    """Who of the roster: everyone with consent, or those in these departments and/or sites."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    departments: list[Value] = Field(default_factory=list, max_length=100)
    sites: list[Value] = Field(default_factory=list, max_length=100)


class CampaignRequest(BaseModel):
    """Payload of `campaign.requested`; the event id is the campaign's id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    credit_code: str = Field(min_length=18, max_length=18)
    template: CampaignTemplate
    values: dict[str, Value] = Field(max_length=20)
    """Every placeholder's value, the links included (checked by `render` before publishing)."""
    audience: Audience = Field(default_factory=Audience)
    send_at: AwareDatetime | None = Field(None, description="not before; now when absent")
    requested_by: str = Field(min_length=1, max_length=64)


class CampaignCancel(BaseModel):
    """Payload of `campaign.cancelled`: what was not sent yet is not sent."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    credit_code: str = Field(min_length=18, max_length=18)
    campaign_id: UUID
    cancelled_by: str = Field(min_length=1, max_length=64)


def return_date_text(day: date) -> str:
    """A date as the texts say it: 2月17日."""
    return f"{day.month}月{day.day}日"
