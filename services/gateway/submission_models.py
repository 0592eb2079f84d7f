"""What clients send to the submission routes: the gateway's request models.

Each derives from the contract it is published as, so it validates by the contract's own types
and rules (an error names the field as the client sent it) and gains any field the contract adds
for senders; what only the gateway may set (who registered an enterprise) lives in the event's
payload alone, and `submission_kinds` maps a request to its payload. A unit test holds each
model's fields to its payload's, less those the gateway sets.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, Field

from services.contracts.community_reports import CommunityPointRegistration, CommunityReport
from services.contracts.enterprises import Contact, EnterpriseDetails
from services.contracts.weekly_reports import NotYetReturned, WeeklyReport
from services.gateway.api_examples import CREDIT_CODE, ENTERPRISE_NAME, WEEK, examples

Payload = TypeVar("Payload", bound=BaseModel)

CONTACT_EXAMPLE: dict[str, Any] = {"name": "王芳", "phone": "13812345678", "title": "人事经理"}
NOT_YET_RETURNED_EXAMPLE: dict[str, Any] = {
    "outside_shanghai": 38,
    "in_high_risk_region": 12,
    "in_quarantine": 6,
    "other": 4,
}
ENTERPRISE_EXAMPLE: dict[str, Any] = {
    "credit_code": CREDIT_CODE,
    "name": ENTERPRISE_NAME,
    "district_code": "310115",
    "industry_division": "13",
    "size": "medium",
    "monitoring_roles": ["key_enterprise", "return_to_work_monitoring"],
    "key_enterprise_category": "daily_necessities",
    "contact": CONTACT_EXAMPLE,
}
WEEKLY_REPORT_EXAMPLE: dict[str, Any] = {
    "credit_code": CREDIT_CODE,
    "week": WEEK,
    "employees_before_holiday": 200,
    "on_duty": 120,
    "working_remotely": 20,
    "not_yet_returned": NOT_YET_RETURNED_EXAMPLE,
    "resumed": True,
    "resumed_on": "2020-02-10",
    "capacity_ratio": 0.6,
    "planned_staffing": 210,
    "recruitment_demand": 15,
    "hires": 5,
    "separations": 1,
    "open_vacancies": 10,
    "surplus_staff_available": 0,
    "difficulties": ["prevention_supplies", "staff_shortage"],
    "difficulties_note": "口罩和消毒用品仅够一周；外省返沪员工需居家隔离14天",
}
COMMUNITY_POINT_EXAMPLE: dict[str, Any] = {"town_code": "310115004", "name": "潍坊新村街道"}
COMMUNITY_REPORT_EXAMPLE: dict[str, Any] = {
    "town_code": "310115004",
    "week": WEEK,
    "migrants_registered": 12850,
    "returned_to_shanghai": 7420,
    "employed": 5630,
    "seeking_work": 1210,
    "in_quarantine": 860,
    "note": "返沪人员集中在餐饮和快递行业，求职以线上登记为主",
}


class ContactIn(Contact):
    """The enterprise's contact for the employment service (kept by the services, never logged)."""

    model_config = examples(CONTACT_EXAMPLE)


class EnterpriseIn(EnterpriseDetails):
    """An enterprise's registration. Monitoring roles are assigned by the bureaus: an enterprise
    registering itself sends none, and keeps the roles they gave it."""

    model_config = examples(
        ENTERPRISE_EXAMPLE,
        {
            **ENTERPRISE_EXAMPLE,
            "credit_code": "913101047023581621",
            "name": "上海申城电子科技有限公司",
            "district_code": "310104",
            "industry_division": "39",
            "size": "small",
            "monitoring_roles": [],
            "key_enterprise_category": None,
            "contact": {"name": "李强", "phone": "13901234567", "title": "行政主管"},
        },
    )

    contact: ContactIn


class NotYetReturnedIn(NotYetReturned):
    """Employees from before the holiday who are not back yet, each under exactly one reason."""

    model_config = examples(NOT_YET_RETURNED_EXAMPLE)


class WeeklyReportIn(WeeklyReport):
    """An enterprise's weekly return-to-work report (重点企业返工状况周报).

    Head-counts are of the employees on the payroll before the Spring Festival holiday: each of
    them is on duty (on site), working remotely, or not yet returned for one of the listed
    reasons. A later report for the same enterprise and week replaces the earlier one.
    """

    model_config = examples(WEEKLY_REPORT_EXAMPLE)

    # Checked when left out too: an omitted breakdown is all zeros, which must still add up to
    # everyone not back (else the contract refuses it later, and the caller got a 500).
    not_yet_returned: NotYetReturnedIn = Field(NotYetReturnedIn(), validate_default=True)


class CommunityPointIn(CommunityPointRegistration):
    """A street or town registered as a community monitoring point by its district's officials;
    a later registration of the same town replaces the earlier one."""

    model_config = examples(COMMUNITY_POINT_EXAMPLE)


class CommunityReportIn(CommunityReport):
    """A community monitoring point's weekly report on the migrant workers on its register
    (登记在册 ⊇ 已返沪 ⊇ 在岗/求职中, and 隔离观察中 among those back); a later report for the same
    town and week replaces the earlier one."""

    model_config = examples(COMMUNITY_REPORT_EXAMPLE)


def payload_of(request: BaseModel, payload: type[Payload], **set_by_gateway: Any) -> Payload:
    """The event's payload for a request: the request's fields, validated once more as the
    contract (so no gateway type travels in an event), and those only the gateway sets."""
    return payload.model_validate({**request.model_dump(), **set_by_gateway})
