"""The weekly reports' recovery curve, modelled, not measured: pure, no IO.

About a third of staff back in the first week of February 2020, the large majority by late March
(on duty or remote), key enterprises ahead and accommodation, catering and culture behind; and a
sign for each early warning (六) in the last week, each in one place. Community monitoring points
report their returned migrants along the same curve.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from services.contracts.identifiers import SHANGHAI, week_bounds

if TYPE_CHECKING:
    from services.demo_city.enterprises import Enterprise, Point

WEEKS = tuple(f"2020-W{n:02d}" for n in range(6, 13))
RETURN_RATE = dict(zip(WEEKS, (0.33, 0.45, 0.57, 0.68, 0.77, 0.84, 0.89), strict=True))
"""Modelled city-wide share of pre-holiday staff back at work (on duty or remote) each week."""
MISSED = dict(zip(WEEKS, (0.09, 0.08, 0.06, 0.04, 0.015, 0.01, 0.01), strict=True))
"""Share of the enterprises expected each week that send nothing for it (on top of those that
stopped reporting): many in February, with staff away and offices shut; few by late March. Key
enterprises, watched by their service officers, miss half as often."""
LATE = dict(zip(WEEKS, (0.15, 0.12, 0.09, 0.07, 0.05, 0.04, 0.03), strict=True))
"""Share of each week's reports that reached the bureau after the deadline (Monday 12:00)."""
DEADLINE = time(12, 0)
SECTION_RETURN_OFFSET = {
    "A": 0.02,
    "C": -0.03,
    "D": 0.08,
    "E": -0.06,
    "F": 0.0,
    "G": 0.04,
    "H": -0.15,
    "I": 0.06,
    "J": 0.07,
    "K": -0.02,
    "L": 0.0,
    "M": 0.04,
    "N": 0.05,
    "O": -0.08,
    "Q": 0.10,
    "R": -0.12,
}
"""How far ahead (+) or behind (-) of the city each industry section is in the first week; the gap
narrows week by week."""
# Signs for the early warnings (六) in the last week, each in one place:
HIRING_SLUMP = "310112"
"""闵行区: hires fall to a quarter in 2020-W12, so 招聘满足率 falls (fill_rate_falling)."""
STALLED = "310151"
"""崇明区: returns stop rising after 2020-W10 (return_stalled)."""
MIGRANTS_LAID_OFF = "310114"
"""嘉定区's points: fewer returned migrants in work in 2020-W12 (migrant_employment_falling)."""


def weekly_report(e: Enterprise, week: str, rng: random.Random) -> dict[str, Any]:
    n = WEEKS.index(week)
    rate = RETURN_RATE[week]
    if e.district == STALLED and n > 4:
        rate = RETURN_RATE[WEEKS[4]] - 0.01 * (n - 4)
    base = rate + SECTION_RETURN_OFFSET[e.section] * (1 - n / len(WEEKS))
    base += 0.12 * (1 - rate) if e.key_category else 0.0
    back = min(0.99, max(0.05, base + rng.uniform(-0.04, 0.04)))
    employees = e.employees
    returned = round(employees * back)
    remote_share = 0.35 if e.section in ("I", "J", "M") else 0.08
    remote = round(returned * remote_share * (1 - n / (2 * len(WEEKS))))
    on_duty = returned - remote
    missing = employees - returned
    outside = int(missing * 0.55)
    high_risk = int(missing * 0.12)
    quarantine = int(missing * max(0.05, 0.25 - 0.03 * n))
    hires = round(employees * (0.004 + 0.003 * n) * rng.uniform(0.9, 1.1))
    if e.district == HIRING_SLUMP and week == WEEKS[-1]:
        hires //= 4
    resumed = back > 0.25 or e.key_category is not None
    return {
        "credit_code": e.credit_code,
        "week": week,
        "employees_before_holiday": employees,
        "on_duty": on_duty,
        "working_remotely": remote,
        "not_yet_returned": {
            "outside_shanghai": outside,
            "in_high_risk_region": high_risk,
            "in_quarantine": quarantine,
            "other": missing - outside - high_risk - quarantine,
        },
        "resumed": resumed,
        "resumed_on": week_bounds(week)[0].isoformat() if resumed else None,
        "capacity_ratio": round(min(1.0, back * 1.05), 2),
        "planned_staffing": employees + employees // 20,
        "recruitment_demand": round(employees * 0.05),
        "hires": hires,
        "separations": round(employees * 0.004 * rng.uniform(0.5, 1.5)),
        "open_vacancies": round(employees * 0.04),
        "surplus_staff_available": 0 if e.key_category else round(missing * 0.05),
        "difficulties": ["staff_shortage", "logistics"] if back < 0.5 else ["orders"],
    }


def missed_weeks(rng: random.Random, e: Enterprise) -> frozenset[str]:
    """The weeks, of those it is expected for, that `e` sends nothing for."""
    factor = 0.5 if e.key_category else 1.0
    expected = WEEKS[e.reports_from : e.reports_until]
    return frozenset(w for w in expected if rng.random() < MISSED[w] * factor)


def received_at(rng: random.Random, week: str) -> str:
    """When a report of `week` reached the bureau: mostly from Thursday to Monday morning, a
    share of them after the deadline (by up to three days)."""
    deadline = datetime.combine(week_bounds(week)[1] + timedelta(days=1), DEADLINE, SHANGHAI)
    if rng.random() < LATE[week]:
        at = deadline + timedelta(minutes=rng.randint(10, 72 * 60))
    else:
        at = deadline - timedelta(minutes=rng.randint(60, 4 * 24 * 60))
    return at.isoformat()


def community_report(p: Point, week: str, rng: random.Random) -> dict[str, Any]:
    share = RETURN_RATE[week]
    returned = int(p.registered * min(0.97, share + 0.05 + rng.uniform(-0.04, 0.04)))
    employed_share = 0.55 + 0.4 * share
    if p.town_code.startswith(MIGRANTS_LAID_OFF) and week == WEEKS[-1]:
        employed_share -= 0.25
    employed = int(returned * employed_share)
    return {
        "town_code": p.town_code,
        "week": week,
        "migrants_registered": p.registered,
        "returned_to_shanghai": returned,
        "employed": employed,
        "seeking_work": int((returned - employed) * 0.7),
        "in_quarantine": int(returned * max(0.0, 0.3 - share * 0.3)),
    }
