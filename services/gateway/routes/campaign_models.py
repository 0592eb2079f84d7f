"""The request and answer models of the roster and campaign routes, with their examples."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from services.contracts.campaigns import Audience, CampaignTemplate, ConsentMethod, Value
from services.gateway.api_examples import CREDIT_CODE, ENTERPRISE_NAME, EVENT_ID, examples

CAMPAIGN_ID = EVENT_ID
UPLOAD_ID = "7d0c6f5e-2b1a-5c3d-8e4f-a0b1c2d3e4f5"

CAMPAIGN_EXAMPLE: dict[str, Any] = {
    "template": "return_to_work",
    "values": {
        "enterprise_name": ENTERPRISE_NAME,
        "return_date": "2月17日",
        "site": "浦东新区川沙路1号二号车间",
        "instructions": "请携带健康码，到岗后先测体温。",
    },
    "audience": {"departments": ["生产部"], "sites": []},
    "send_at": "2020-02-15T09:00:00+08:00",
}
PREVIEW_TEXT = (
    "【复工】上海浦江食品有限公司通知：请于2月17日到浦东新区川沙路1号二号车间返岗。"
    "请携带健康码，到岗后先测体温。防疫手册：https://rsj.sh.gov.cn/fugong/handbook "
    "返岗指引：https://rsj.sh.gov.cn/fugong/guidance"
)
PREVIEW_EXAMPLE: dict[str, Any] = {
    "text": PREVIEW_TEXT,
    "parts": 3,
    "recipients": 180,
    "landlines": 2,
    "without_consent": 3,
    "opted_out_of_all": 1,
    "by_channel": {
        "sms": {"recipients": 150, "units": 450, "cost_yuan": 20.25},
        "wechat": {"recipients": 26, "units": 26, "cost_yuan": 0.0},
        "voice": {"recipients": 4, "units": 4, "cost_yuan": 0.48},
    },
    "estimated_parts": 450,
    "estimated_cost_yuan": 20.73,
}


class AudienceIn(BaseModel):
    """Members of these departments and/or sites; none named: the whole roster."""

    model_config = ConfigDict(extra="forbid", **examples({"departments": ["生产部"], "sites": []}))

    departments: list[Value] = Field(default_factory=list, max_length=100)
    sites: list[Value] = Field(default_factory=list, max_length=100)

    def audience(self) -> Audience:
        return Audience(departments=self.departments, sites=self.sites)


class CampaignIn(BaseModel):
    """A notice to the roster, or to the departments and sites named (all: none named)."""

    model_config = ConfigDict(extra="forbid", **examples(CAMPAIGN_EXAMPLE))

    template: CampaignTemplate
    values: dict[str, Value] = Field(
        max_length=20, description="a value for each of the template's placeholders but the links"
    )
    audience: AudienceIn = Field(default_factory=AudienceIn)
    send_at: AwareDatetime | None = Field(
        None, description="not before this time (quiet hours 21:00–08:00 Shanghai still apply)"
    )


class ChannelCostOut(BaseModel):
    """The members a channel reaches first, and what sending to them costs."""

    model_config = examples({"recipients": 150, "units": 450, "cost_yuan": 20.25})

    recipients: int
    units: int = Field(description="SMS parts, WeChat messages or voice calls")
    cost_yuan: float


class CampaignPreviewOut(BaseModel):
    """What the campaign would send and cost, before anything is sent: each recipient priced on
    the first channel that reaches them and that they did not refuse."""

    model_config = examples(PREVIEW_EXAMPLE)

    text: str
    parts: int = Field(description="SMS parts per message (70/67 UTF-16 units for Chinese)")
    recipients: int = Field(description="members of the audience some channel reaches")
    landlines: int = Field(description="members reachable by a landline only (no SMS)")
    without_consent: int = Field(description="members who did not agree to be notified")
    opted_out_of_all: int = Field(0, description="members who refused every channel")
    by_channel: dict[str, ChannelCostOut] = Field(
        default_factory=dict, description="sms, wechat, voice: on the channel tried first"
    )
    estimated_parts: int = Field(description="SMS parts, of the members reached by SMS first")
    estimated_cost_yuan: float


class CampaignAcceptedOut(BaseModel):
    """The campaign is published; it is expanded and sent by notify."""

    model_config = examples({"campaign_id": CAMPAIGN_ID, "preview": PREVIEW_EXAMPLE})

    campaign_id: str
    preview: CampaignPreviewOut


class CancelAcceptedOut(BaseModel):
    model_config = examples({"campaign_id": CAMPAIGN_ID, "event_id": EVENT_ID})

    campaign_id: str
    event_id: str


class ChannelProgressOut(BaseModel):
    model_config = examples({"channel": "sms", "statuses": {"delivered": 170, "sending": 8}})

    channel: str
    statuses: dict[str, int] = Field(description="messages by status")


class FailureOut(BaseModel):
    """A message that failed or cannot be sent (number masked but for its enterprise)."""

    model_config = examples(
        {
            "channel": "sms",
            "status": "permanent_failure",
            "reason": "LimitExceeded.PhoneNumberDailyLimit",
            "phone": "+86138****5678",
        }
    )

    channel: str
    status: str
    reason: str | None
    phone: str | None = Field(description="null once purged after the retention period")


class CampaignProgressOut(BaseModel):
    model_config = examples(
        {
            "campaign_id": CAMPAIGN_ID,
            "credit_code": CREDIT_CODE,
            "template": "return_to_work",
            "recipients": 180,
            "parts": 3,
            "send_at": "2020-02-15T09:00:00+08:00",
            "cancelled_at": None,
            "channels": [{"channel": "sms", "statuses": {"delivered": 170, "sending": 8}}],
            "failures": [],
        }
    )

    campaign_id: str
    credit_code: str
    template: str
    recipients: int
    parts: int
    send_at: datetime
    cancelled_at: datetime | None = None
    channels: list[ChannelProgressOut]
    failures: list[FailureOut]


ROW_PROBLEM = {"field": "mobile", "reason": "not a valid number for its country"}


class RosterRowProblemOut(BaseModel):
    model_config = examples(ROW_PROBLEM)

    field: str
    reason: str


class RosterRowRefusedOut(BaseModel):
    model_config = examples({"row": 3, "errors": [ROW_PROBLEM]})

    row: int = Field(description="the row's number (JSON: the member's, from 1)")
    errors: list[RosterRowProblemOut]


class RosterMergedOut(BaseModel):
    model_config = examples({"row": 7, "merged_into": 2})

    row: int
    merged_into: int = Field(description="the earlier row with the same number")


class RosterUploadOut(BaseModel):
    """The members kept, the rows merged and the rows refused; the good rows are published."""

    model_config = examples(
        {
            "upload_id": UPLOAD_ID,
            "mode": "replace",
            "members": 182,
            "landlines": 2,
            "merged": [{"row": 7, "merged_into": 2}],
            "refused": [{"row": 3, "errors": [ROW_PROBLEM]}],
        }
    )

    upload_id: str
    mode: str
    members: int
    landlines: int
    merged: list[RosterMergedOut]
    refused: list[RosterRowRefusedOut]


NoticeChannel = Literal["sms", "wechat", "voice"]
"""A roster's channels (contracts.rosters.Channel), inline in the API document: postings have a
`Channel` schema of their own."""


class OptOutIn(BaseModel):
    """An employee refuses channels from now on (e.g. no voice calls, or 退订 SMS)."""

    model_config = ConfigDict(
        extra="forbid", **examples({"mobile": "138 0013 8000", "channels": ["voice"]})
    )

    mobile: str = Field(min_length=3, max_length=32, description="the employee's number")
    channels: list[NoticeChannel] = Field(min_length=1, max_length=3)


class OptOutAcceptedOut(BaseModel):
    model_config = examples(
        {"phone": "+8613800138000", "channels": ["voice"], "event_id": EVENT_ID}
    )

    phone: str = Field(description="the number in E.164, as the roster holds it")
    channels: list[NoticeChannel]
    event_id: str


class ConsentIn(BaseModel):
    """How and when the employee renewed their consent (the enterprise keeps the evidence)."""

    model_config = ConfigDict(
        extra="forbid",
        **examples(
            {
                "method": "written",
                "given_at": "2020-02-14T10:30:00+08:00",
                "reference": "同意书-2020-0214-017",
            }
        ),
    )

    method: ConsentMethod
    given_at: AwareDatetime = Field(description="when the employee gave it; not in the future")
    reference: str | None = Field(
        None, max_length=64, description="the enterprise's own reference, e.g. a form's number"
    )


class OptInIn(BaseModel):
    """An employee who refused channels takes them back, having renewed their consent."""

    model_config = ConfigDict(
        extra="forbid",
        **examples(
            {
                "mobile": "138 0013 8000",
                "channels": ["sms"],
                "consent": {
                    "method": "written",
                    "given_at": "2020-02-14T10:30:00+08:00",
                    "reference": "同意书-2020-0214-017",
                },
            }
        ),
    )

    mobile: str = Field(min_length=3, max_length=32, description="the employee's number")
    channels: list[NoticeChannel] = Field(min_length=1, max_length=3)
    consent: ConsentIn


class OptInAcceptedOut(BaseModel):
    model_config = examples({"phone": "+8613800138000", "channels": ["sms"], "event_id": EVENT_ID})

    phone: str = Field(description="the number in E.164, as the roster holds it")
    channels: list[NoticeChannel]
    event_id: str


class RosterGroupOut(BaseModel):
    model_config = examples(
        {"department": "生产部", "site": "二号车间", "members": 120, "sms_reachable": 117}
    )

    department: str | None
    site: str | None
    members: int
    sms_reachable: int


class RosterSummaryOut(BaseModel):
    model_config = examples({"credit_code": CREDIT_CODE, "members": 120, "groups": []})

    credit_code: str
    members: int
    groups: list[RosterGroupOut]
