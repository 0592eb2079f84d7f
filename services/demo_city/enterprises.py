"""The demo city's enterprises and community points: pure, no IO.

Enterprises over the 16 districts and the industry sections (sizes, key enterprises and their
categories in plausible proportions, each district's mix leaning as it does: services in the
centre, manufacturing and logistics outside), the weeks each reports, its registration, postings
(a few worded so that screening holds or refuses them), and one enterprise's roster.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from services.contracts.identifiers import (
    organisation_code_check_digit,
    week_bounds,
    with_check_character,
)
from services.demo_city.recovery import WEEKS

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
# section: (divisions to draw from, weight in the centre, weight outside)
SECTIONS: dict[str, tuple[tuple[str, ...], float, float]] = {
    "A": (("01", "03", "05"), 0.0, 1.5),
    "C": (("13", "14", "17", "26", "27", "33", "34", "35", "36", "38", "39"), 6, 34),
    "D": (("44", "45", "46"), 1, 2),
    "E": (("47", "48", "50"), 3, 7),
    "F": (("51", "52"), 22, 14),
    "G": (("54", "58", "59", "60"), 5, 12),
    "H": (("61", "62"), 10, 5),
    "I": (("63", "64", "65"), 14, 5),
    "J": (("66", "67", "68"), 6, 1.5),
    "K": (("70",), 5, 3),
    "L": (("71", "72"), 12, 6),
    "M": (("73", "74", "75"), 8, 4),
    "N": (("77", "78"), 1, 2),
    "O": (("80", "81"), 3, 2),
    "Q": (("84",), 2, 1),
    "R": (("86", "87", "89"), 2, 1),
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


def credit_code(serial: int, district: str) -> str:
    organisation = f"{71000000 + serial * 7919:08d}"
    return with_check_character(
        "91" + district + organisation + organisation_code_check_digit(organisation)
    )


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def draw_enterprise(
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
        # The city bureau imports its 2020 register: monitored from the Monday of the first week
        # it was expected for, until the end of the demo's last week.
        "monitored_from": week_bounds(WEEKS[e.reports_from])[0].isoformat(),
        "monitored_until": week_bounds(WEEKS[-1])[1].isoformat(),
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


def roster(rng: random.Random, size: int) -> tuple[dict[str, Any], ...]:
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
