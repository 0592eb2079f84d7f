"""Early warnings (六): signs of risk in the week's indicators, each raised once per scope and week.

Rules, each with its threshold in `WarningRules`:
- fill rate falling: 招聘满足率 down by at least `fill_rate_drop` from the week before;
- return stalled: 返岗率 below `return_rate_target` and up by less than `return_rate_stall` in
  each of the last `return_rate_stall_weeks` weeks;
- separations high: 离职率 at or above `separation_rate`;
- migrant employment falling: the community points' 外来人员就业率 down by at least
  `migrant_employment_drop`.
Rates move in ratio units (0.10 is ten percentage points). Enterprise rules look at districts and
district x section cells with at least `min_reporting` reports, so one small enterprise does not
raise an alarm for a whole place. Rising job seekers needs matching's job-seeker register: not yet.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from services.contracts.warnings import WarningRule as Rule

WARNINGS = uuid.UUID("0c9a4f2e-6a53-4d59-8c1e-1f0b6c3f4a21")


@dataclass(frozen=True)
class WarningRules:
    fill_rate_drop: float = 0.10
    return_rate_stall: float = 0.01
    return_rate_stall_weeks: int = 2
    return_rate_target: float = 0.90
    separation_rate: float = 0.05
    migrant_employment_drop: float = 0.05
    min_reporting: int = 3


@dataclass(frozen=True)
class Scope:
    district_code: str | None
    industry_section: str | None = None
    community: bool = False
    """The community points' figures of the district, not its enterprises'."""


@dataclass(frozen=True)
class Figures:
    """One scope's indicators in one week, as published (None: no value)."""

    week: str
    scope: Scope
    reporting: int
    values: Mapping[str, float | int | None] = field(default_factory=dict)

    def get(self, name: str) -> float | None:
        value = self.values.get(name)
        return None if value is None else float(value)


@dataclass(frozen=True)
class EarlyWarning:
    rule: Rule
    week: str
    scope: Scope
    figures: Mapping[str, float | None]
    """The figures that raised it, by name."""

    @property
    def id(self) -> str:
        """One id per rule, week and scope: raising it again is the same warning."""
        where = f"{self.scope.district_code or 'city'}/{self.scope.industry_section or 'all'}"
        return str(uuid.uuid5(WARNINGS, f"{self.rule}/{self.week}/{where}"))


def evaluate(weeks: Mapping[str, Iterable[Figures]], rules: WarningRules) -> list[EarlyWarning]:
    """The warnings the figures of the latest week given raise (earlier weeks give history).

    `weeks` maps ISO weeks to every scope's figures for that week.
    """
    if not weeks:
        return []
    ordered = sorted(weeks)
    latest = ordered[-1]
    history = {week: {f.scope: f for f in weeks[week]} for week in ordered}
    warnings: list[EarlyWarning] = []
    for figures in history[latest].values():
        earlier = [history[w].get(figures.scope) for w in reversed(ordered[:-1])]
        warnings += _raised(figures, earlier, rules)
    return sorted(warnings, key=lambda w: (w.rule, str(w.scope)))


def _raised(now: Figures, earlier: list[Figures | None], rules: WarningRules) -> list[EarlyWarning]:
    raised: list[EarlyWarning] = []

    def warn(rule: Rule, **figures: float | None) -> None:
        raised.append(EarlyWarning(rule, now.week, now.scope, figures))

    if "migrant_employment_rate" in now.values:
        change = now.get("migrant_employment_rate_change")
        if change is not None and change <= -rules.migrant_employment_drop:
            warn(
                Rule.MIGRANT_EMPLOYMENT_FALLING,
                migrant_employment_rate=now.get("migrant_employment_rate"),
                migrant_employment_rate_change=change,
            )
        return raised
    if now.reporting < rules.min_reporting:
        return raised
    fill_change = now.get("fill_rate_change")
    if fill_change is not None and fill_change <= -rules.fill_rate_drop:
        warn(Rule.FILL_RATE_FALLING, fill_rate=now.get("fill_rate"), fill_rate_change=fill_change)
    separations = now.get("separation_rate")
    if separations is not None and separations >= rules.separation_rate:
        warn(Rule.SEPARATIONS_HIGH, separation_rate=separations)
    weeks = [now, *earlier[: rules.return_rate_stall_weeks - 1]]
    changes = [f.get("return_rate_change") if f else None for f in weeks]
    return_rate = now.get("return_rate")
    if (
        return_rate is not None
        and return_rate < rules.return_rate_target
        and len(changes) == rules.return_rate_stall_weeks
        and all(c is not None and c < rules.return_rate_stall for c in changes)
    ):
        warn(
            Rule.RETURN_STALLED,
            return_rate=return_rate,
            **{f"return_rate_change_{i}_weeks_ago": c for i, c in enumerate(changes)},
        )
    return raised
