"""The sums per district x industry section x ISO week (a cell), and how reports combine.

Expected to report in a cell are the enterprises designated to report (返工定点监测企业 and key
enterprises) registered there, plus any other enterprise that did report for the week. The
indicators made of these sums (返岗率, 复工率, ...) are defined once, in monitoring's database
functions (migrations/003_indicators.sql), and read from its `indicators_v` view.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

SUMMED: tuple[str, ...] = (
    "employees_before_holiday",
    "on_duty",
    "working_remotely",
    "not_yet_returned",
    "planned_staffing",
    "recruitment_demand",
    "hires",
    "separations",
    "open_vacancies",
    "surplus_staff_available",
)
"""The counts of a report that add up over enterprises: a cell holds the sum of each."""


@dataclass(frozen=True, order=True)
class CellKey:
    week: str
    district_code: str
    industry_section: str


@dataclass(frozen=True)
class EnterpriseProfile:
    """Where an enterprise is and what it does: all monitoring needs to place its reports."""

    credit_code: str
    district_code: str
    industry_section: str
    registered_at: datetime
    designated: bool = True
    """Designated to report weekly (return-to-work monitoring or key enterprise)."""

    def cell(self, week: str) -> CellKey:
        return CellKey(week, self.district_code, self.industry_section)


@dataclass(frozen=True)
class ReportFigures:
    """The counts of one enterprise's weekly report that enter the sums."""

    credit_code: str
    week: str
    reported_at: datetime
    employees_before_holiday: int
    on_duty: int
    working_remotely: int
    not_yet_returned: int
    resumed: bool
    planned_staffing: int
    recruitment_demand: int
    hires: int
    open_vacancies: int
    surplus_staff_available: int
    separations: int = 0

    def supersedes(self, other: ReportFigures) -> bool:
        """A report replaces another of the same enterprise and week unless it is older."""
        return (self.credit_code, self.week) == (other.credit_code, other.week) and (
            self.reported_at >= other.reported_at
        )


@dataclass(frozen=True)
class CellFigures:
    enterprises_expected: int = 0
    enterprises_reporting: int = 0
    enterprises_resumed: int = 0
    employees_before_holiday: int = 0
    on_duty: int = 0
    working_remotely: int = 0
    not_yet_returned: int = 0
    planned_staffing: int = 0
    recruitment_demand: int = 0
    hires: int = 0
    open_vacancies: int = 0
    surplus_staff_available: int = 0
    separations: int = 0

    def plus(self, report: ReportFigures) -> CellFigures:
        summed = {name: getattr(self, name) + getattr(report, name) for name in SUMMED}
        return CellFigures(
            enterprises_expected=self.enterprises_expected,
            enterprises_reporting=self.enterprises_reporting + 1,
            enterprises_resumed=self.enterprises_resumed + int(report.resumed),
            **summed,
        )


def latest_reports(reports: Iterable[ReportFigures]) -> dict[tuple[str, str], ReportFigures]:
    """The report that stands for each enterprise and week once corrections are applied."""
    standing: dict[tuple[str, str], ReportFigures] = {}
    for report in reports:
        key = (report.credit_code, report.week)
        current = standing.get(key)
        if current is None or report.supersedes(current):
            standing[key] = report
    return standing


def compute_cells(
    enterprises: Mapping[str, EnterpriseProfile], reports: Iterable[ReportFigures]
) -> dict[CellKey, CellFigures]:
    """Recompute every cell from scratch: the reference the incremental store must agree with.

    Reports of enterprises not (yet) registered wait outside the figures until they register.
    """
    cells: dict[CellKey, CellFigures] = {}
    reporting: dict[CellKey, set[str]] = {}
    for report in latest_reports(reports).values():
        profile = enterprises.get(report.credit_code)
        if profile is None:
            continue
        key = profile.cell(report.week)
        cells[key] = cells.get(key, CellFigures()).plus(report)
        reporting.setdefault(key, set()).add(report.credit_code)
    designated: dict[tuple[str, str], set[str]] = {}
    for profile in enterprises.values():
        if profile.designated:
            place = (profile.district_code, profile.industry_section)
            designated.setdefault(place, set()).add(profile.credit_code)
    return {
        key: replace(
            figures,
            enterprises_expected=len(
                designated.get((key.district_code, key.industry_section), set()) | reporting[key]
            ),
        )
        for key, figures in cells.items()
    }
