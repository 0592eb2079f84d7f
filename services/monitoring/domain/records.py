"""What the monitoring store is asked to record: one value per accepted event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from services.monitoring.domain.community import CommunityPoint, CommunityReportFigures
from services.monitoring.domain.figures import EnterpriseProfile, ReportFigures


@dataclass(frozen=True)
class RecordRegistration:
    kind = "registration"

    event_id: str
    profile: EnterpriseProfile
    name: str
    industry_division: str
    size: str
    monitoring_roles: tuple[str, ...]
    key_enterprise_category: str | None
    assigns_roles: bool = True
    """False for an enterprise's own registration: the roles (and so `designated`) it has stay."""
    monitored_from: datetime | None = None
    """Start of the monitoring period a bureau stated (reports expected for weeks due after it);
    None: from `profile.registered_at`, or as an earlier registration stated."""
    monitored_until: date | None = None
    """Its last day (no report expected for weeks beginning after it); None: as an earlier
    registration stated (open-ended if none did), unless `clears_monitored_until`."""
    clears_monitored_until: bool = False
    """The bureau made the period open-ended again: an end stated before no longer holds."""


@dataclass(frozen=True)
class RecordWeeklyReport:
    kind = "weekly_report"

    event_id: str
    figures: ReportFigures


@dataclass(frozen=True)
class RecordCommunityPoint:
    kind = "community_point"

    event_id: str
    point: CommunityPoint


@dataclass(frozen=True)
class RecordCommunityReport:
    kind = "community_report"

    event_id: str
    figures: CommunityReportFigures


@dataclass(frozen=True)
class RecordWarningAcknowledged:
    kind = "warning_acknowledged"

    event_id: str
    warning_id: str
    acknowledged_by: str
    acknowledged_at: datetime
    note: str | None


Record = (
    RecordRegistration
    | RecordWeeklyReport
    | RecordCommunityPoint
    | RecordCommunityReport
    | RecordWarningAcknowledged
)


def unique_by_event_id(records: list[Record]) -> list[Record]:
    """Drop repeats of an event already in the batch (a redelivery), keeping the first."""
    seen: set[str] = set()
    unique: list[Record] = []
    for record in records:
        if record.event_id not in seen:
            seen.add(record.event_id)
            unique.append(record)
    return unique


def entity_of(record: Record) -> str:
    """What orders a record's effects: its enterprise's credit code or its point's town code."""
    if isinstance(record, RecordRegistration):
        return record.profile.credit_code
    if isinstance(record, RecordCommunityPoint):
        return record.point.town_code
    if isinstance(record, RecordWarningAcknowledged):
        return record.warning_id
    return (
        record.figures.credit_code
        if isinstance(record, RecordWeeklyReport)
        else (record.figures.town_code)
    )
