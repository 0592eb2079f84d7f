"""Which events monitoring reads, and what each becomes in its store: a route per event type."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from services.contracts.community_reports import (
    COMMUNITY_POINT_REGISTERED,
    COMMUNITY_REPORT_SUBMITTED,
    CommunityPointRegistration,
    CommunityReport,
)
from services.contracts.enterprises import (
    DESIGNATED_TO_REPORT,
    ENTERPRISE_REGISTERED,
    EnterpriseRegistration,
    Registrant,
)
from services.contracts.envelope import CloudEvent
from services.contracts.identifiers import SHANGHAI
from services.contracts.topics import (
    COMMUNITY_POINTS,
    COMMUNITY_REPORTS,
    ENTERPRISE_REGISTRATIONS,
    ENTERPRISE_REPORTS,
    WARNING_ACKNOWLEDGEMENTS,
    TopicSpec,
)
from services.contracts.warnings import WARNING_ACKNOWLEDGED, WarningAcknowledgement
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from services.monitoring.domain.community import CommunityPoint, CommunityReportFigures
from services.monitoring.domain.figures import EnterpriseProfile, ReportFigures
from services.monitoring.domain.records import (
    Record,
    RecordCommunityPoint,
    RecordCommunityReport,
    RecordRegistration,
    RecordWarningAcknowledged,
    RecordWeeklyReport,
)
from services.platform.stream.events import Route


def registration_record(event: CloudEvent[EnterpriseRegistration]) -> RecordRegistration:
    data = event.data
    return RecordRegistration(
        event_id=event.id,
        profile=EnterpriseProfile(
            credit_code=data.credit_code,
            district_code=data.district_code,
            industry_section=data.industry_section,
            registered_at=event.time,
            designated=bool(data.monitoring_roles & DESIGNATED_TO_REPORT),
        ),
        name=data.name,
        industry_division=data.industry_division,
        size=data.size.value,
        monitoring_roles=tuple(sorted(role.value for role in data.monitoring_roles)),
        key_enterprise_category=(
            data.key_enterprise_category.value if data.key_enterprise_category else None
        ),
        assigns_roles=data.registered_by is Registrant.BUREAU,
        monitored_from=(
            datetime.combine(data.monitored_from, time(0), SHANGHAI)
            if data.monitored_from
            else None
        ),
        monitored_until=data.monitored_until,
        clears_monitored_until=data.monitored_until_cleared,
    )


def report_record(event: CloudEvent[WeeklyReport]) -> RecordWeeklyReport:
    data = event.data
    return RecordWeeklyReport(
        event_id=event.id,
        figures=ReportFigures(
            credit_code=data.credit_code,
            week=data.week,
            # A report a bureau passes on after the fact counts from when it reached them.
            reported_at=data.received_at or event.time,
            employees_before_holiday=data.employees_before_holiday,
            on_duty=data.on_duty,
            working_remotely=data.working_remotely,
            not_yet_returned=data.not_yet_returned.total,
            resumed=data.resumed,
            planned_staffing=data.planned_staffing,
            recruitment_demand=data.recruitment_demand,
            hires=data.hires,
            open_vacancies=data.open_vacancies,
            surplus_staff_available=data.surplus_staff_available,
            separations=data.separations,
        ),
    )


def community_point_record(event: CloudEvent[CommunityPointRegistration]) -> RecordCommunityPoint:
    data = event.data
    return RecordCommunityPoint(
        event_id=event.id,
        point=CommunityPoint(data.town_code, data.district_code, data.name, event.time),
    )


def community_report_record(event: CloudEvent[CommunityReport]) -> RecordCommunityReport:
    data = event.data
    return RecordCommunityReport(
        event_id=event.id,
        figures=CommunityReportFigures(
            town_code=data.town_code,
            week=data.week,
            reported_at=event.time,
            migrants_registered=data.migrants_registered,
            returned_to_shanghai=data.returned_to_shanghai,
            employed=data.employed,
            seeking_work=data.seeking_work,
            in_quarantine=data.in_quarantine,
        ),
    )


def acknowledgement_record(event: CloudEvent[WarningAcknowledgement]) -> RecordWarningAcknowledged:
    data = event.data
    return RecordWarningAcknowledged(
        event_id=event.id,
        warning_id=data.warning_id,
        acknowledged_by=data.acknowledged_by,
        acknowledged_at=event.time,
        note=data.note,
    )


ROUTES: dict[TopicSpec, tuple[Route[Any, Record], ...]] = {
    ENTERPRISE_REGISTRATIONS: (
        Route(ENTERPRISE_REGISTERED, EnterpriseRegistration, registration_record, "credit_code"),
    ),
    ENTERPRISE_REPORTS: (
        Route(WEEKLY_REPORT_SUBMITTED, WeeklyReport, report_record, "credit_code"),
    ),
    COMMUNITY_POINTS: (
        Route(
            COMMUNITY_POINT_REGISTERED,
            CommunityPointRegistration,
            community_point_record,
            "town_code",
        ),
    ),
    COMMUNITY_REPORTS: (
        Route(COMMUNITY_REPORT_SUBMITTED, CommunityReport, community_report_record, "town_code"),
    ),
    WARNING_ACKNOWLEDGEMENTS: (
        Route(WARNING_ACKNOWLEDGED, WarningAcknowledgement, acknowledgement_record, "warning_id"),
    ),
}
