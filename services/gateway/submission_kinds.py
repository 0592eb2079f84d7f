"""The kinds of submission the gateway takes, each said once: its payload, its topic, who may send
it. The single-event routes and the batch route both go through these, so a rule cannot hold for
one and be forgotten in the other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from services.contracts.community_reports import (
    COMMUNITY_POINT_REGISTERED,
    COMMUNITY_REPORT_SUBMITTED,
    CommunityPointRegistration,
    CommunityReport,
)
from services.contracts.enterprises import (
    ENTERPRISE_REGISTERED,
    EnterpriseRegistration,
    Registrant,
)
from services.contracts.identifiers import district_of_town
from services.contracts.topics import (
    COMMUNITY_POINTS,
    COMMUNITY_REPORTS,
    ENTERPRISE_REGISTRATIONS,
    ENTERPRISE_REPORTS,
    TopicSpec,
)
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from services.gateway.domain.access import Principal, PrincipalKind


class KindName(StrEnum):
    ENTERPRISE_REGISTRATION = "enterprise_registration"
    WEEKLY_REPORT = "weekly_report"
    COMMUNITY_POINT = "community_point"
    COMMUNITY_REPORT = "community_report"


@dataclass(frozen=True)
class Admitted:
    """A submission the caller may send: what to publish, and the district it concerns."""

    data: BaseModel
    district_code: str | None


@dataclass(frozen=True)
class SubmissionKind:
    name: KindName
    model: type[BaseModel]
    topic: TopicSpec
    event_type: str
    subject: Callable[[Any], str]
    """The entity the event is about: its Kafka key."""
    registered_enterprise: Callable[[Any], str | None]
    """The enterprise whose registered district the rules need, if any."""
    admit: Callable[[Principal, Any, str | None], Admitted]
    """Raises Forbidden; given the body and the enterprise's registered district (if looked up)."""


def _admit_registration(
    principal: Principal, body: EnterpriseRegistration, registered_in: str | None
) -> Admitted:
    principal.ensure_may_register(body.credit_code, body.district_code, registered_in)
    principal.ensure_may_assign_roles(
        frozenset(role.value for role in body.monitoring_roles),
        body.key_enterprise_category.value if body.key_enterprise_category else None,
    )
    registrant = (
        Registrant.ENTERPRISE if principal.kind is PrincipalKind.ENTERPRISE else Registrant.BUREAU
    )
    return Admitted(body.model_copy(update={"registered_by": registrant}), body.district_code)


def _admit_weekly_report(
    principal: Principal, body: WeeklyReport, registered_in: str | None
) -> Admitted:
    principal.ensure_may_report_for(body.credit_code, registered_in)
    return Admitted(body, registered_in)


def _admit_point(
    principal: Principal, body: CommunityPointRegistration, registered_in: str | None
) -> Admitted:
    principal.ensure_may_register_point(body.town_code)
    return Admitted(body, district_of_town(body.town_code))


def _admit_community_report(
    principal: Principal, body: CommunityReport, registered_in: str | None
) -> Admitted:
    principal.ensure_may_report_for_town(body.town_code)
    return Admitted(body, district_of_town(body.town_code))


ENTERPRISE_REGISTRATION = SubmissionKind(
    name=KindName.ENTERPRISE_REGISTRATION,
    model=EnterpriseRegistration,
    topic=ENTERPRISE_REGISTRATIONS,
    event_type=ENTERPRISE_REGISTERED,
    subject=lambda body: body.credit_code,
    registered_enterprise=lambda body: body.credit_code,
    admit=_admit_registration,
)
WEEKLY_REPORT = SubmissionKind(
    name=KindName.WEEKLY_REPORT,
    model=WeeklyReport,
    topic=ENTERPRISE_REPORTS,
    event_type=WEEKLY_REPORT_SUBMITTED,
    subject=lambda body: body.credit_code,
    registered_enterprise=lambda body: body.credit_code,
    admit=_admit_weekly_report,
)
COMMUNITY_POINT = SubmissionKind(
    name=KindName.COMMUNITY_POINT,
    model=CommunityPointRegistration,
    topic=COMMUNITY_POINTS,
    event_type=COMMUNITY_POINT_REGISTERED,
    subject=lambda body: body.town_code,
    registered_enterprise=lambda body: None,
    admit=_admit_point,
)
COMMUNITY_REPORT = SubmissionKind(
    name=KindName.COMMUNITY_REPORT,
    model=CommunityReport,
    topic=COMMUNITY_REPORTS,
    event_type=COMMUNITY_REPORT_SUBMITTED,
    subject=lambda body: body.town_code,
    registered_enterprise=lambda body: None,
    admit=_admit_community_report,
)

KINDS: dict[KindName, SubmissionKind] = {
    kind.name: kind
    for kind in (ENTERPRISE_REGISTRATION, WEEKLY_REPORT, COMMUNITY_POINT, COMMUNITY_REPORT)
}
