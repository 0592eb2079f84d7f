"""The demo city from a seed: pure, no IO. The same seed and size give the same city, body for body.

The 16 districts, enterprises over the industry sections (sizes, key enterprises and their
categories in plausible proportions, each district's mix leaning as it does: services in the
centre, manufacturing and logistics outside), community monitoring points, and weekly reports for
2020-W06 to 2020-W12. The return-to-work curve is modelled, not measured: about a third of staff
back in the first week of February, the large majority by late March, key enterprises ahead and
accommodation and catering behind. Some enterprises report late weeks only or stop reporting. Key
enterprises and one in eight others post jobs; a few postings are worded so that screening holds
or refuses them.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from services.contracts.identifiers import (
    organisation_code_check_digit,
    week_bounds,
    with_check_character,
)

WEEKS = tuple(f"2020-W{n:02d}" for n in range(6, 13))
RETURN_RATE = dict(zip(WEEKS, (0.33, 0.45, 0.57, 0.68, 0.77, 0.84, 0.89), strict=True))
"""Modelled city-wide share of pre-holiday staff back at work (on duty or remote) each week."""

# (code, name, share of the city's enterprises, central: services lean)
DISTRICTS = (
    ("310101", "黄浦区", 0.04, True),
    ("310104", "徐汇区", 0.06, True),
    ("310105", "长宁区", 0.04, True),
    ("310106", "静安区", 0.05, True),
    ("310107", "普陀区", 0.04, True),
    ("310109", "虹口区", 0.03, True),
    ("310110", "杨浦区", 0.04, True),
    ("310112", "闵行区", 0.09, False),
    ("310113", "宝山区", 0.06, False),
    ("310114", "嘉定区", 0.08, False),
    ("310115", "浦东新区", 0.20, False),
    ("310116", "金山区", 0.04, False),
    ("310117", "松江区", 0.08, False),
    ("310118", "青浦区", 0.06, False),
    ("310120", "奉贤区", 0.06, False),
    ("310151", "崇明区", 0.03, False),
)
# section: (divisions to draw from, weight in the centre, weight outside, return-rate offset)
SECTIONS: dict[str, tuple[tuple[str, ...], float, float, float]] = {
    "A": (("01", "03", "05"), 0.0, 1.5, 0.02),
    "C": (("13", "14", "17", "26", "27", "33", "34", "35", "36", "38", "39"), 6, 34, -0.03),
    "D": (("44", "45", "46"), 1, 2, 0.08),
    "E": (("47", "48", "50"), 3, 7, -0.06),
    "F": (("51", "52"), 22, 14, 0.0),
    "G": (("54", "58", "59", "60"), 5, 12, 0.04),
    "H": (("61", "62"), 10, 5, -0.15),
    "I": (("63", "64", "65"), 14, 5, 0.06),
    "J": (("66", "67", "68"), 6, 1.5, 0.07),
    "K": (("70",), 5, 3, -0.02),
    "L": (("71", "72"), 12, 6, 0.0),
    "M": (("73", "74", "75"), 8, 4, 0.04),
    "N": (("77", "78"), 1, 2, 0.05),
    "O": (("80", "81"), 3, 2, -0.08),
    "Q": (("84",), 2, 1, 0.10),
    "R": (("86", "87", "89"), 2, 1, -0.12),
}
# size: (share of monitored enterprises, fewest staff, most staff), the statistical size classes
SIZES = {
    "large": (0.06, 1000, 6000),
    "medium": (0.20, 300, 999),
    "small": (0.49, 20, 299),
    "micro": (0.25, 5, 19),
}
# Key enterprises (三(一)): the category each section's can have.
KEY_CATEGORIES = {
    "C": ("daily_necessities", "epidemic_prevention", "national_economy"),
    "D": ("city_operations", "national_economy"),
    "F": ("daily_necessities",),
    "G": ("city_operations",),
    "I": ("national_economy",),
    "N": ("city_operations",),
    "Q": ("epidemic_prevention",),
}
KEY_SHARE = 0.10
# Signs for the early warnings (六) in the last week, each in one place:
HIRING_SLUMP = "310112"
"""闵行区: hires fall to a quarter in 2020-W12, so 招聘满足率 falls (fill_rate_falling)."""
STALLED = "310151"
"""崇明区: returns stop rising after 2020-W10 (return_stalled)."""
MIGRANTS_LAID_OFF = "310114"
"""嘉定区's points: fewer returned migrants in work in 2020-W12 (migrant_employment_falling)."""
SUFFIXES = ("实业", "科技", "贸易", "制造", "服务", "物流", "发展", "信息", "食品", "机电")
WORDS = "申江浦华东方宏远新兴金桥瑞丰汇通恒达嘉禾同创明德众诚安泰博远永兴鑫源联合"
STREETS = ("街道", "镇")


@dataclass(frozen=True)
class Enterprise:
    credit_code: str
    name: str
    district: str
    division: str
    section: str
    size: str
    employees: int
    key_category: str | None
    reports_from: int
    """Index into WEEKS of its first report (late joiners) …"""
    reports_until: int
    """… and one past its last (enterprises that stop reporting)."""
    skips: frozenset[str] = frozenset()
    """Weeks in between it did not report."""


@dataclass(frozen=True)
class Point:
    town_code: str
    name: str
    registered: int


@dataclass(frozen=True)
class City:
    seed: int
    enterprises: tuple[Enterprise, ...]
    points: tuple[Point, ...]
    reports: tuple[tuple[str, str, dict[str, Any]], ...]
    """(credit code, week, weekly report body), in week order."""
    community_reports: tuple[tuple[str, str, dict[str, Any]], ...]
    postings: tuple[tuple[str, dict[str, Any]], ...]
    """(credit code, posting body): every key enterprise's, then some other enterprises'."""
    officers: tuple[tuple[str, str], ...]
    """(credit code, staff id) for every key enterprise."""
    roster_enterprise: str
    roster: tuple[dict[str, Any], ...]
    campaign: dict[str, Any]
    namespace: uuid.UUID = field(default=uuid.UUID("6f1d3c52-8a43-4a4e-9d1b-2020b0206048"))

    @property
    def key_enterprises(self) -> tuple[Enterprise, ...]:
        return tuple(e for e in self.enterprises if e.key_category is not None)

    def idempotency_key(self, *parts: str) -> str:
        """The same for the same seed and submission: a second run changes nothing."""
        return str(uuid.uuid5(self.namespace, "/".join((str(self.seed), *parts))))


def credit_code(serial: int, district: str) -> str:
    organisation = f"{71000000 + serial * 7919:08d}"
    return with_check_character(
        "91" + district + organisation + organisation_code_check_digit(organisation)
    )


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _enterprise(
    rng: random.Random, serial: int, district: tuple[str, str, float, bool]
) -> Enterprise:
    code, district_name, _, central = district
    section = _pick(rng, {s: (w[1] if central else w[2]) for s, w in SECTIONS.items()})
    size = _pick(rng, {s: v[0] for s, v in SIZES.items()})
    _, low, high = SIZES[size]
    categories = KEY_CATEGORIES.get(section, ())
    key = (
        rng.choice(categories)
        if categories and size != "micro" and rng.random() < KEY_SHARE * 2.2
        else None
    )
    roll = rng.random()
    reports_from = rng.randint(1, 3) if roll < 0.05 else 0
    reports_until = rng.randint(4, 6) if 0.05 <= roll < 0.09 else len(WEEKS)
    skips = frozenset(w for w in WEEKS[1:-1] if rng.random() < 0.03)
    name = (
        "上海"
        + district_name[:2]
        + "".join(rng.sample(WORDS, 2))
        + rng.choice(SUFFIXES)
        + "有限公司"
    )
    return Enterprise(
        credit_code=credit_code(serial, code),
        name=name,
        district=code,
        division=rng.choice(SECTIONS[section][0]),
        section=section,
        size=size,
        employees=rng.randint(low, high),
        key_category=key,
        reports_from=reports_from,
        reports_until=reports_until,
        skips=skips,
    )


def registration(e: Enterprise, serial: int) -> dict[str, Any]:
    roles = ["return_to_work_monitoring"]
    if e.size in ("large", "medium"):
        roles.append("unemployment_sample")
    if e.key_category is not None:
        roles.append("key_enterprise")
    return {
        "credit_code": e.credit_code,
        "name": e.name,
        "district_code": e.district,
        "industry_division": e.division,
        "size": e.size,
        "monitoring_roles": roles,
        "key_enterprise_category": e.key_category,
        "contact": {"name": "人事专员", "phone": f"139{serial:08d}", "title": "人事经理"},
    }


def weekly_report(e: Enterprise, week: str, rng: random.Random) -> dict[str, Any]:
    n = WEEKS.index(week)
    rate = RETURN_RATE[week]
    if e.district == STALLED and n > 4:
        rate = RETURN_RATE[WEEKS[4]] - 0.01 * (n - 4)
    base = rate + SECTIONS[e.section][3] * (1 - n / len(WEEKS))
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


# (title, occupation code, salary from, to, description); the last two are for screening to act on
POSTINGS = (
    ("仓储分拣员", "4-02-06-03", 5500, 7000, "负责货物分拣、装卸，提供食宿，不限户籍。"),
    ("生产线操作工", "6-28-01-01", 5000, 6500, "两班倒，包吃住，岗前培训，欢迎外省劳动者。"),
    ("配送员", "4-02-07-08", 6000, 9000, "负责社区生活物资配送，多劳多得，电动车公司提供。"),
    ("保洁员", "4-09-08-01", 4000, 4800, "负责楼宇日常保洁与消毒，五险一金。"),
    ("质检员", "6-31-03-01", 5500, 7500, "负责来料与成品检验，有相关经验者佳。"),
)
ORDINARY_POSTERS = 8
"""One in this many other enterprises still reporting in the last week posts a job too: the
public-service list (every enterprise's) is then more than the key enterprises' list."""
HELD = "本地户籍优先，负责门店理货与补货。"
REFUSED = "招聘理货员，谢绝湖北籍人员应聘。"


def posting(e: Enterprise, n: int, rng: random.Random, today: date) -> dict[str, Any]:
    title, occupation, low, high, description = POSTINGS[n % len(POSTINGS)]
    if n % 17 == 5:
        description = HELD
    elif n % 29 == 11:
        description = REFUSED
    return {
        "credit_code": e.credit_code,
        "title": title,
        "occupation_code": occupation,
        "headcount": rng.randint(2, 30),
        "district_code": e.district,
        "address": f"上海市{dict((d[0], d[1]) for d in DISTRICTS)[e.district]}工业路{n + 1}号",
        "salary_min": low,
        "salary_max": high,
        "working_hours": "8:30-17:30，做五休二",
        "shifts": ["day"],
        "required_certificates": [],
        "channels": ["online_platform"],
        "valid_until": (today + timedelta(days=30)).isoformat(),
        "description": description,
    }


def _roster(rng: random.Random, size: int) -> tuple[dict[str, Any], ...]:
    """Staff reached as staff are: most by SMS, one in six preferring WeChat (their openid known),
    one in ten only on a Shanghai landline (a voice call), one in 25 not agreeing to be told."""
    departments = ("生产部", "仓储部", "行政部")
    return tuple(
        {
            "name": rng.choice("王李张刘陈杨赵黄周吴")
            + rng.choice(("伟", "芳", "敏", "静", "磊", "洋")),
            "mobile": f"021-6{n:07d}" if n % 10 == 7 else f"1380{n:07d}",
            "department": departments[n % len(departments)],
            "site": "一号厂区" if n % 2 else "二号厂区",
            "consent": n % 25 != 0,
            **(
                {"wechat_openid": f"oFugongDemo{n:06d}", "preferred_channel": "wechat"}
                if n % 6 == 1
                else {}
            ),
        }
        for n in range(size)
    )


def generate(seed: int = 2020, enterprises: int = 2000, *, today: date | None = None) -> City:
    """The city for `seed`, with about `enterprises` enterprises spread over the 16 districts."""
    rng = random.Random(seed)  # noqa: S311 (demo figures, not secrets)
    today = today or date(2020, 3, 20)
    firms: list[Enterprise] = []
    for district in DISTRICTS:
        for _ in range(max(1, round(enterprises * district[2]))):
            firms.append(_enterprise(rng, len(firms), district))
    points = tuple(
        Point(
            f"{code}{(100 if not central and n % 2 else 0) + n + 1:03d}",
            f"{name}第{n + 1}{STREETS[0] if central or not n % 2 else STREETS[1]}",
            rng.randint(2000, 20000),
        )
        for code, name, share, central in DISTRICTS
        for n in range(2 if share < 0.08 else 4)
    )
    reports = tuple(
        (e.credit_code, week, weekly_report(e, week, rng))
        for i, week in enumerate(WEEKS)
        for e in firms
        if e.reports_from <= i < e.reports_until and week not in e.skips
    )
    community = tuple(
        (p.town_code, week, community_report(p, week, rng)) for week in WEEKS for p in points
    )
    keys = [e for e in firms if e.key_category is not None]
    postings = tuple((e.credit_code, posting(e, n, rng, today)) for n, e in enumerate(keys))
    officers = tuple((e.credit_code, f"{e.district}-S{n // 5 + 1:03d}") for n, e in enumerate(keys))
    roster_firm = next(e for e in keys if e.district == "310115")
    roster = _roster(rng, 120)
    # Drawn from a generator of their own, after everything else: the rest of the city (and the
    # Idempotency-Keys it was loaded with) stays as it was before other enterprises posted.
    posting_rng = random.Random(f"{seed}/ordinary-postings")  # noqa: S311 (demo figures)
    ordinary = [e for e in firms if e.key_category is None and e.reports_until == len(WEEKS)]
    postings += tuple(
        (e.credit_code, posting(e, len(keys) + n, posting_rng, today))
        for n, e in enumerate(ordinary[::ORDINARY_POSTERS])
    )
    return City(
        seed=seed,
        enterprises=tuple(firms),
        points=points,
        reports=reports,
        community_reports=community,
        postings=postings,
        officers=officers,
        roster_enterprise=roster_firm.credit_code,
        roster=roster,
        campaign={
            "template": "return_to_work",
            "values": {
                "enterprise_name": roster_firm.name,
                "return_date": "2月24日",
                "site": "浦东新区工业路一号厂区",
                "instructions": "请携带随申码，到岗后先测体温。",
            },
            "audience": {"departments": ["生产部", "仓储部"], "sites": []},
        },
    )
