"""Community monitoring points and their weekly migrant-worker counts, summed per district x week.

A point counts from its registration on (by its district's officials); a later report for the
same town and week replaces an earlier one, and reports of a town not registered (yet) wait.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

COMMUNITY_COUNTS: tuple[str, ...] = (
    "migrants_registered",
    "returned_to_shanghai",
    "employed",
    "seeking_work",
    "in_quarantine",
)
"""The counts of a community report that add up over points."""


@dataclass(frozen=True)
class CommunityPoint:
    town_code: str
    district_code: str
    name: str
    registered_at: datetime


@dataclass(frozen=True)
class CommunityReportFigures:
    town_code: str
    week: str
    reported_at: datetime
    migrants_registered: int
    returned_to_shanghai: int
    employed: int
    seeking_work: int
    in_quarantine: int

    def supersedes(self, other: CommunityReportFigures) -> bool:
        return (self.town_code, self.week) == (other.town_code, other.week) and (
            self.reported_at >= other.reported_at
        )


@dataclass(frozen=True, order=True)
class DistrictWeek:
    week: str
    district_code: str


@dataclass(frozen=True)
class CommunityFigures:
    points_registered: int = 0
    points_reporting: int = 0
    migrants_registered: int = 0
    returned_to_shanghai: int = 0
    employed: int = 0
    seeking_work: int = 0
    in_quarantine: int = 0

    def plus(self, report: CommunityReportFigures) -> CommunityFigures:
        summed = {name: getattr(self, name) + getattr(report, name) for name in COMMUNITY_COUNTS}
        return replace(self, points_reporting=self.points_reporting + 1, **summed)


def latest_points(points: Iterable[CommunityPoint]) -> dict[str, CommunityPoint]:
    latest: dict[str, CommunityPoint] = {}
    for point in points:
        current = latest.get(point.town_code)
        if current is None or point.registered_at >= current.registered_at:
            latest[point.town_code] = point
    return latest


def latest_community_reports(
    reports: Iterable[CommunityReportFigures],
) -> dict[tuple[str, str], CommunityReportFigures]:
    standing: dict[tuple[str, str], CommunityReportFigures] = {}
    for report in reports:
        key = (report.town_code, report.week)
        current = standing.get(key)
        if current is None or report.supersedes(current):
            standing[key] = report
    return standing


def compute_community(
    points: Mapping[str, CommunityPoint], reports: Iterable[CommunityReportFigures]
) -> dict[DistrictWeek, CommunityFigures]:
    """Recompute every district's weekly sums from scratch (the reference for the store).

    Every district with registered points appears in every week in which any point reported,
    with all its points in `points_registered`, so silent points and districts show.
    """
    registered: dict[str, int] = {}
    for each in points.values():
        registered[each.district_code] = registered.get(each.district_code, 0) + 1
    standing = [
        report
        for report in latest_community_reports(reports).values()
        if report.town_code in points
    ]
    sums = {
        DistrictWeek(week, district): CommunityFigures(points_registered=count)
        for week in {report.week for report in standing}
        for district, count in registered.items()
    }
    for report in standing:
        key = DistrictWeek(report.week, points[report.town_code].district_code)
        sums[key] = sums[key].plus(report)
    return sums
