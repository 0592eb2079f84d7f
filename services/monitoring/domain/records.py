"""What the monitoring store is asked to record: one value per accepted event."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class RecordWeeklyReport:
    kind = "weekly_report"

    event_id: str
    figures: ReportFigures


Record = RecordRegistration | RecordWeeklyReport


def unique_by_event_id(records: list[Record]) -> list[Record]:
    """Drop repeats of an event already in the batch (a redelivery), keeping the first."""
    seen: set[str] = set()
    unique: list[Record] = []
    for record in records:
        if record.event_id not in seen:
            seen.add(record.event_id)
            unique.append(record)
    return unique
