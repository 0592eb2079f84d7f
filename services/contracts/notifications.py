"""Requests to notify someone: other services ask, notify resolves the contact and sends.

A request names its recipient by what the asking service knows (an enterprise's credit code, a
district, a booking id); notify looks up the contact person and channel. A booking's person is
read from the gateway's published view `gateway.appointment_contacts_v`, so no name or mobile
travels on the topic. A request's event id is chosen by the asker so
that asking twice for the same notice (a job run again, on another worker) is one notice.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

NOTIFICATION_REQUESTED = "cn.fugong.notify.notification.requested.v1"


class RecipientKind(StrEnum):
    ENTERPRISE = "enterprise"  # its registered contact person
    DISTRICT_PUBLIC = "district_public"  # a district's public channels (recipient: district code)
    BOOKING = "booking"  # the person booked (recipient: booking id; gateway.appointment_contacts_v)
    # A job seeker who consented to be contacted (recipient: seeker id;
    # matching.job_seeker_contacts_v)
    JOB_SEEKER = "job_seeker"
    # A job seeker registering themselves, before their number is proved (recipient: the seeker
    # id they were given; gateway.self_registration_contacts_v, only while the code is valid)
    SELF_REGISTRATION = "self_registration"


class Template(StrEnum):
    WEEKLY_REPORT_REMINDER = "weekly_report_reminder"  # 周报催报: week, deadline
    # 服务调整公告: hall, hall_name, service, service_name, status, status_name, date, online_url
    SERVICE_STATUS_CHANGED = "service_status_changed"
    # 预约成功 / 预约提醒: hall, service_name, starts_at, ends_at, remind_at (the eve, 18:00),
    # online_url (when the matter could be handled online); name and address are in the view
    APPOINTMENT_BOOKED = "appointment_booked"
    APPOINTMENT_RESCHEDULED = "appointment_rescheduled"  # as booked, with the new time
    APPOINTMENT_CANCELLED = "appointment_cancelled"  # hall_name, starts_at
    # 共享用工: role (借出/借入), count, occupation_code, period_from, period_to
    SHARING_PROPOSED = "sharing_proposed"
    SHARING_AGREED = "sharing_agreed"
    # 岗位推荐: title, district_name, salary (e.g. 5500-7000), reason (the first of its reasons)
    JOB_RECOMMENDED = "job_recommended"
    # 求职登记验证码: code (the one request that carries it; notify purges values like any text)
    VERIFICATION_CODE = "verification_code"
    # 求职登记手机号已更换: to the number a seeker's proved change replaced (no values: neither
    # number travels)
    MOBILE_CHANGED = "mobile_changed"


ParameterValue = Annotated[str, StringConstraints(max_length=200)]


class NotificationRequest(BaseModel):
    """Payload of `cn.fugong.notify.notification.requested.v1` (no personal data in it; a
    `verification_code` request carries its one-time code, valid 10 minutes)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    recipient_kind: RecipientKind
    recipient: str = Field(min_length=1, max_length=64, description="e.g. a credit code")
    template: Template
    parameters: dict[str, ParameterValue] = Field(default_factory=dict, max_length=20)
    requested_by: str = Field(min_length=1, max_length=64, description="the asking service")
