"""The Chinese texts of notify's templates, filled from a request's named parameters.

The provider holds an approved copy of each text with numbered slots ({1}, {2}…); the slots
are these placeholders in order of first appearance, so both are made from one definition
here. A value a text needs but the request lacks refuses the whole message: nothing is sent
with a hole in it.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from services.contracts.notifications import Template

SHANGHAI = ZoneInfo("Asia/Shanghai")

TEXTS: dict[Template, str] = {
    Template.WEEKLY_REPORT_REMINDER: (
        "【复工】贵单位{week}周的返工情况周报尚未报送，请于{deadline}前登录复工平台报送。"
    ),
    Template.SERVICE_STATUS_CHANGED: (
        "【复工】{hall_name}的{service_name}业务调整为：{status_name}{date}。网上办理：{online_url}"
    ),
    Template.APPOINTMENT_BOOKED: (
        "【复工】您已预约{starts_at}在{hall_name}（{address}）办理{service_name}，请错峰按时到达。"
    ),
    Template.APPOINTMENT_RESCHEDULED: (
        "【复工】您的{service_name}预约已改到{starts_at}，地点{hall_name}（{address}），"
        "请按新时间到达。"
    ),
    Template.APPOINTMENT_CANCELLED: "【复工】您在{hall_name}{starts_at}的预约已取消。",
    Template.SHARING_PROPOSED: (
        "【复工】贵单位的共享用工申报有新的调剂提案：{role}{count}名{occupation_code}岗位员工，"
        "{period_from}至{period_to}，请登录复工平台查看并答复。"
    ),
    Template.SHARING_AGREED: (
        "【复工】共享用工调剂已达成：{role}{count}名员工，{period_from}至{period_to}；"
        "借出企业仍是用人单位，请按约定安排。"
    ),
    Template.JOB_RECOMMENDED: (
        "【复工】为您推荐岗位：{title}（{district_name}，月薪{salary}元，{reason}）。"
        "详情请登录复工平台查看，回复TD退订。"
    ),
    Template.VERIFICATION_CODE: (
        "【复工】您的求职登记验证码为{code}，10分钟内有效，请勿告诉他人。如非本人操作，请忽略。"
    ),
    Template.MOBILE_CHANGED: (
        "【复工】您求职登记的手机号已更换，今后通知将发往新号码。"
        "如非本人操作，请尽快联系所在区就业援助员。"
    ),
}

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


class MissingValues(ValueError):
    """The request lacks values the template needs; the names are safe to record."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(f"template values missing: {', '.join(names)}")
        self.names = names


@dataclass(frozen=True)
class Rendered:
    text: str
    """What the recipient reads (kept only for the retention period: it may name people)."""
    slots: tuple[str, ...]
    """The values of the provider's numbered slots, in order (its TemplateParamSet)."""


def placeholders(template: Template) -> tuple[str, ...]:
    """The template's named placeholders, each once, in order of first appearance."""
    names = [name for _, name, _, _ in string.Formatter().parse(TEXTS[template]) if name]
    return tuple(dict.fromkeys(names))


def render(template: Template, parameters: dict[str, str]) -> Rendered:
    """Fill the text; raise MissingValues naming every absent placeholder."""
    names = placeholders(template)
    missing = [name for name in names if name not in parameters]
    if missing:
        raise MissingValues(missing)
    values = {name: readable(parameters[name]) for name in names}
    return Rendered(TEXTS[template].format_map(values), tuple(values[n] for n in names))


def readable(value: str) -> str:
    """Timestamps as people read them in Shanghai (2月17日12:00); anything else as given."""
    if not _ISO_DATETIME.match(value):
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(SHANGHAI)
    return f"{moment.month}月{moment.day}日{moment:%H:%M}"
