"""In-memory MonitoringStore for unit tests; the contract tests hold it to the Postgres one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from services.monitoring.domain.community import (
    CommunityFigures,
    CommunityPoint,
    CommunityReportFigures,
    DistrictWeek,
    compute_community,
)
from services.monitoring.domain.figures import (
    CellFigures,
    CellKey,
    EnterpriseProfile,
    ReportFigures,
    compute_cells,
)
from services.monitoring.domain.records import (
    Record,
    RecordCommunityPoint,
    RecordRegistration,
    RecordWarningAcknowledged,
    RecordWeeklyReport,
    unique_by_event_id,
)


class InMemoryMonitoringStore:
    def __init__(self) -> None:
        self.processed: set[str] = set()
        self.enterprises: dict[str, EnterpriseProfile] = {}
        self.reports: dict[tuple[str, str], ReportFigures] = {}
        self.points: dict[str, CommunityPoint] = {}
        self.community_reports: list[CommunityReportFigures] = []
        self.acknowledgements: dict[str, RecordWarningAcknowledged] = {}

    async def record(self, records: Sequence[Record]) -> int:
        new = [r for r in unique_by_event_id(list(records)) if r.event_id not in self.processed]
        for record in new:
            self.processed.add(record.event_id)
            if isinstance(record, RecordRegistration):
                self._register(record)
            elif isinstance(record, RecordWeeklyReport):
                self._report(record.figures)
            elif isinstance(record, RecordCommunityPoint):
                current = self.points.get(record.point.town_code)
                if current is None or record.point.registered_at >= current.registered_at:
                    self.points[record.point.town_code] = record.point
            elif isinstance(record, RecordWarningAcknowledged):
                self.acknowledgements.setdefault(record.warning_id, record)
            else:
                self.community_reports.append(record.figures)
        return len(new)

    def _register(self, record: RecordRegistration) -> None:
        profile = record.profile
        current = self.enterprises.get(profile.credit_code)
        if current is not None and profile.registered_at < current.registered_at:
            return
        if not record.assigns_roles:
            profile = replace(profile, designated=current.designated if current else False)
        self.enterprises[profile.credit_code] = profile

    def _report(self, figures: ReportFigures) -> None:
        key = (figures.credit_code, figures.week)
        current = self.reports.get(key)
        if current is None or figures.supersedes(current):
            self.reports[key] = figures

    async def cells(self, week: str) -> dict[CellKey, CellFigures]:
        all_cells = compute_cells(self.enterprises, self.reports.values())
        return {key: figures for key, figures in all_cells.items() if key.week == week}

    async def community(self, week: str) -> dict[DistrictWeek, CommunityFigures]:
        sums = compute_community(self.points, self.community_reports)
        return {key: figures for key, figures in sums.items() if key.week == week}
