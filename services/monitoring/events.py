"""Which events monitoring reads, and what each becomes in its store: a route per event type."""

from __future__ import annotations

from services.contracts.enterprises import (
    DESIGNATED_TO_REPORT,
    ENTERPRISE_REGISTERED,
    EnterpriseRegistration,
    Registrant,
)
from services.contracts.envelope import CloudEvent
from services.contracts.topics import ENTERPRISE_REGISTRATIONS, ENTERPRISE_REPORTS, TopicSpec
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from services.monitoring.domain.figures import EnterpriseProfile, ReportFigures
from services.monitoring.domain.records import Record, RecordRegistration, RecordWeeklyReport
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
    )


def report_record(event: CloudEvent[WeeklyReport]) -> RecordWeeklyReport:
    data = event.data
    return RecordWeeklyReport(
        event_id=event.id,
        figures=ReportFigures(
            credit_code=data.credit_code,
            week=data.week,
            reported_at=event.time,
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


ROUTES: dict[
    TopicSpec, tuple[Route[EnterpriseRegistration, Record] | Route[WeeklyReport, Record], ...]
] = {
    ENTERPRISE_REGISTRATIONS: (
        Route(ENTERPRISE_REGISTERED, EnterpriseRegistration, registration_record, "credit_code"),
    ),
    ENTERPRISE_REPORTS: (
        Route(WEEKLY_REPORT_SUBMITTED, WeeklyReport, report_record, "credit_code"),
    ),
}
