"""What the notify page shows: the return-to-work campaigns of enterprises in the caller's scope,
each read through `GET /v1/campaigns/{id}`'s own function, so the counts are the API's and the
numbers in failures are masked as the API masks them for officials (not the owning enterprise)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from fastapi import HTTPException

from services.contracts.identifiers import district
from services.gateway.console.tables import Column, Kind, Table, local_minute
from services.gateway.dependencies import GatewayResources
from services.gateway.domain.access import Principal
from services.gateway.routes import campaigns as campaign_routes
from services.gateway.routes.campaign_models import CampaignProgressOut

CAMPAIGNS_SHOWN = 50
"""The newest campaigns in scope on the page."""
FAILURES_SHOWN = 200
"""The newest failures of each campaign."""

CHANNEL_NAMES = {"sms": "短信", "wechat": "微信", "voice": "语音", "none": "无可用渠道"}
STATUS_NAMES = {
    "waiting_for_contact": "待登记联系人",
    "no_channel_yet": "暂无渠道",
    "created": "待发送",
    "sending": "发送中",
    "sent": "已发送",
    "delivered": "已送达",
    "temporary_failure": "暂时失败（将重试）",
    "permanent_failure": "发送失败",
    "technical_failure": "多次重试失败",
    "cancelled": "已取消",
}
TEMPLATE_NAMES = {"return_to_work": "返岗通知", "return_postponed": "推迟返岗通知"}
PENDING = ("waiting_for_contact", "created", "sending", "temporary_failure")
FAILED = ("permanent_failure", "technical_failure", "no_channel_yet")

CAMPAIGNS = (
    Column("campaign_id", "任务编号", Kind.ID),
    Column("credit_code", "统一社会信用代码"),
    Column("district_name", "区"),
    Column("template_name", "通知类型"),
    Column("send_at", "发送时间"),
    Column("recipients", "收件人", Kind.COUNT),
    Column("delivered", "已送达", Kind.COUNT),
    Column("sent", "已发送", Kind.COUNT),
    Column("pending", "待发送", Kind.COUNT),
    Column("failed", "失败", Kind.COUNT),
    Column("cancelled", "已取消", Kind.COUNT),
)
BY_CHANNEL = (
    Column("campaign_id", "任务编号", Kind.ID),
    Column("channel_name", "渠道"),
    Column("status_name", "状态"),
    Column("messages", "条数", Kind.COUNT),
)
FAILURES = (
    Column("campaign_id", "任务编号", Kind.ID),
    Column("channel_name", "渠道"),
    Column("status_name", "状态"),
    Column("reason", "原因", wrap=True),
    Column("phone", "号码（已脱敏）"),
)


@dataclass(frozen=True)
class Campaigns:
    total: dict[str, int]
    """Messages of every campaign shown: recipients, delivered, sent, pending, failed, cancelled."""
    tables: tuple[Table, ...]


def _summary(progress: CampaignProgressOut, district_code: str | None) -> dict[str, Any]:
    by_status: dict[str, int] = {}
    for channel in progress.channels:
        for state, count in channel.statuses.items():
            by_status[state] = by_status.get(state, 0) + count
    return {
        "campaign_id": progress.campaign_id,
        "credit_code": progress.credit_code,
        "district_name": district(district_code).name_zh if district_code else "—",
        "template_name": TEMPLATE_NAMES.get(progress.template, progress.template),
        "send_at": local_minute(progress.send_at),
        "recipients": progress.recipients,
        "delivered": by_status.get("delivered", 0),
        "sent": by_status.get("sent", 0),
        "pending": sum(by_status.get(s, 0) for s in PENDING),
        "failed": sum(by_status.get(s, 0) for s in FAILED),
        "cancelled": by_status.get("cancelled", 0),
    }


async def campaigns(resources: GatewayResources, principal: Principal) -> Campaigns:
    listed = await resources.views.campaigns(principal.district_code, CAMPAIGNS_SHOWN)
    summaries: list[dict[str, Any]] = []
    by_channel: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    for row in listed:
        try:
            progress = await campaign_routes.campaign_progress(
                campaign_id=UUID(str(row["campaign_id"])),
                principal=principal,
                resources=resources,
                failures=FAILURES_SHOWN,
            )
        except HTTPException:
            continue  # registered elsewhere by the gateway's own register: not the caller's
        summaries.append(_summary(progress, row["district_code"]))
        for channel in progress.channels:
            for state, count in sorted(channel.statuses.items()):
                by_channel.append(
                    {
                        "row_key": f"{progress.campaign_id}/{channel.channel}/{state}",
                        "campaign_id": progress.campaign_id,
                        "channel": channel.channel,
                        "channel_name": CHANNEL_NAMES.get(channel.channel, channel.channel),
                        "status": state,
                        "status_name": STATUS_NAMES.get(state, state),
                        "messages": count,
                    }
                )
        failures += [
            {
                **failure.model_dump(),
                "campaign_id": progress.campaign_id,
                "channel_name": CHANNEL_NAMES.get(failure.channel, failure.channel),
                "status_name": STATUS_NAMES.get(failure.status, failure.status),
            }
            for failure in progress.failures
        ]
    keys = ("recipients", "delivered", "sent", "pending", "failed", "cancelled")
    return Campaigns(
        total={key: sum(int(s[key]) for s in summaries) for key in keys},
        tables=(
            Table("campaigns", "返岗通知任务", CAMPAIGNS, summaries),
            Table("by-channel", "按渠道和状态", BY_CHANNEL, by_channel),
            Table("failures", "发送失败明细", FAILURES, failures),
        ),
    )
