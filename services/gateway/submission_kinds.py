"""The kinds of submission the gateway takes, each said once: what the client sends, the payload
it is published as, its topic, who may send it. The single-event routes and the batch route both
go through these, so a rule cannot hold for one and be forgotten in the other; and a request
becomes its payload only here, in each kind's `admit`."""

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
from services.gateway.submission_models import (
    CommunityPointIn,
    CommunityReportIn,
    EnterpriseIn,
    WeeklyReportIn,
    payload_of,
)

AFTER_THE_FACT = ("monitored_from", "monitored_until", "received_at")
"""The fields a bureau states when it enters what reached it earlier: its alone to state, and
kept in the audit log."""


def stated_dates(data: BaseModel) -> dict[str, str | None] | None:
    """The after-the-fact dates a payload states, by field, for the audit log (None for an end
    stated as none: a monitoring period made open-ended again); None if it states none."""
    stated: dict[str, str | None] = {
        name: value.isoformat()
        for name in AFTER_THE_FACT
        if (value := getattr(data, name, None)) is not None
    }
    if getattr(data, "monitored_until_cleared", False):
        stated["monitored_until"] = None
    return stated or None


def clears_monitored_until(body: EnterpriseIn) -> bool:
    """Whether the request states `monitored_until` as null (not the same as leaving it out)."""
    return "monitored_until" in body.model_fields_set and body.monitored_until is None


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
    """What the client sends (the route's body, a batch entry's `data`)."""
    payload: type[BaseModel]
    """What is published: the model's fields and `set_by_gateway`."""
    set_by_gateway: frozenset[str]
    """The payload's fields no client may send."""
    topic: TopicSpec
    event_type: str
    subject: Callable[[Any], str]
    """The entity the event is about: its Kafka key."""
    registered_enterprise: Callable[[Any], str | None]
    """The enterprise whose registered district the rules need, if any."""
    admit: Callable[[Principal, Any, str | None], Admitted]
    """Raises Forbidden; given the body and the enterprise's registered district (if looked up)."""
    places_enterprise: bool = False
    """Publishing it puts the enterprise in the admitted district: claimed in the gateway's
    register before it is published (see enterprise_scope.py)."""


def _admit_registration(
    principal: Principal, body: EnterpriseIn, registered_in: str | None
) -> Admitted:
    principal.ensure_may_register(body.credit_code, body.district_code, registered_in)
    principal.ensure_may_assign_roles(
        frozenset(role.value for role in body.monitoring_roles),
        body.key_enterprise_category.value if body.key_enterprise_category else None,
    )
    registrant = (
        Registrant.ENTERPRISE if principal.kind is PrincipalKind.ENTERPRISE else Registrant.BUREAU
    )
    payload = payload_of(
        body,
        EnterpriseRegistration,
        registered_by=registrant,
        monitored_until_cleared=clears_monitored_until(body),
    )
    principal.ensure_may_state_when(list(stated_dates(payload) or ()))
    return Admitted(payload, body.district_code)


def _admit_weekly_report(
    principal: Principal, body: WeeklyReportIn, registered_in: str | None
) -> Admitted:
    principal.ensure_may_report_for(body.credit_code, registered_in)
    principal.ensure_may_state_when(list(stated_dates(body) or ()))
    return Admitted(payload_of(body, WeeklyReport), registered_in)


def _admit_point(
    principal: Principal, body: CommunityPointIn, registered_in: str | None
) -> Admitted:
    principal.ensure_may_register_point(body.town_code)
    return Admitted(payload_of(body, CommunityPointRegistration), district_of_town(body.town_code))


def _admit_community_report(
    principal: Principal, body: CommunityReportIn, registered_in: str | None
) -> Admitted:
    principal.ensure_may_report_for_town(body.town_code)
    return Admitted(payload_of(body, CommunityReport), district_of_town(body.town_code))


ENTERPRISE_REGISTRATION = SubmissionKind(
    name=KindName.ENTERPRISE_REGISTRATION,
    model=EnterpriseIn,
    payload=EnterpriseRegistration,
    set_by_gateway=frozenset({"registered_by", "monitored_until_cleared"}),
    topic=ENTERPRISE_REGISTRATIONS,
    event_type=ENTERPRISE_REGISTERED,
    subject=lambda body: body.credit_code,
    registered_enterprise=lambda body: body.credit_code,
    admit=_admit_registration,
    places_enterprise=True,
)
WEEKLY_REPORT = SubmissionKind(
    name=KindName.WEEKLY_REPORT,
    model=WeeklyReportIn,
    payload=WeeklyReport,
    set_by_gateway=frozenset(),
    topic=ENTERPRISE_REPORTS,
    event_type=WEEKLY_REPORT_SUBMITTED,
    subject=lambda body: body.credit_code,
    registered_enterprise=lambda body: body.credit_code,
    admit=_admit_weekly_report,
)
COMMUNITY_POINT = SubmissionKind(
    name=KindName.COMMUNITY_POINT,
    model=CommunityPointIn,
    payload=CommunityPointRegistration,
    set_by_gateway=frozenset(),
    topic=COMMUNITY_POINTS,
    event_type=COMMUNITY_POINT_REGISTERED,
    subject=lambda body: body.town_code,
    registered_enterprise=lambda body: None,
    admit=_admit_point,
)
COMMUNITY_REPORT = SubmissionKind(
    name=KindName.COMMUNITY_REPORT,
    model=CommunityReportIn,
    payload=CommunityReport,
    set_by_gateway=frozenset(),
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
